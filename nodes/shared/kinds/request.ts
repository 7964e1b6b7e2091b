import type { RequestRow } from '../catalog/types';
import { ADDITIONAL_FIELDS } from '../form/controls';
import { toObjects } from '../runtime/output';
import type { KindSpec } from './spec';
import { asItems } from './spec';

/** One request per item; the body is the body params (or the one `wholeBody` param). */
export const request: KindSpec<RequestRow> = {
	controls: () => [],
	collection: ADDITIONAL_FIELDS,
	properties: () => [],
	lists: false,
	async perItem({ client, input, request }, row) {
		// A row with body fields sends a JSON object even when none is set, as the SDKs do.
		const sendsObject = (row.params ?? []).some((p) => p.in === 'body');
		const body = input.wholeBody ?? (sendsObject ? input.body : undefined);
		return asItems(toObjects(row, await client.send({ ...request, body })));
	},
};
