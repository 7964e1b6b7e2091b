import type { UnpagedListRow } from '../catalog/types';
import { listControls, OPTIONS } from '../form/controls';
import { wantedCount } from '../runtime/input';
import { toObjects } from '../runtime/output';
import type { KindSpec } from './spec';
import { asItems } from './spec';

/** A list the API returns whole: one request, then Limit cuts it. */
export const unpagedList: KindSpec<UnpagedListRow> = {
	controls: () => [],
	collection: OPTIONS,
	properties: () => listControls(),
	lists: true,
	async perItem({ context, client, itemIndex, request }, row) {
		const objects = toObjects(row, await client.send(request));
		const limit = wantedCount.call(context, itemIndex);
		return asItems(limit === undefined ? objects : objects.slice(0, limit));
	},
};
