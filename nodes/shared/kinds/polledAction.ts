import type { PolledActionRow } from '../catalog/types';
import { ADDITIONAL_FIELDS, pendingTimeoutParam } from '../form/controls';
import { pendingTimeout } from '../runtime/input';
import { toObjects } from '../runtime/output';
import { askUntilComplete } from '../runtime/paging';
import type { KindSpec } from './spec';
import { asItems } from './spec';

/** An action that can answer PENDING (EDR execute command): asked again with the answer's cursor until COMPLETE. */
export const polledAction: KindSpec<PolledActionRow> = {
	controls: () => [pendingTimeoutParam],
	collection: ADDITIONAL_FIELDS,
	properties: () => [],
	lists: false,
	async perItem({ context, client, itemIndex, input, request }, row, form) {
		const body = await askUntilComplete(
			client,
			{ ...request, body: input.body },
			{ timeoutSeconds: pendingTimeout.call(context, form, itemIndex), cursorIn: 'body' },
		);
		return asItems(toObjects(row, body));
	},
};
