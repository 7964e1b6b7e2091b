import type { KeysetListRow } from '../catalog/types';
import { listControls, OPTIONS } from '../form/controls';
import { listQuery, wantedCount } from '../runtime/input';
import { redact } from '../runtime/output';
import { KEYSET_PAGE, keysetList as pageThrough } from '../runtime/paging';
import type { KindSpec } from './spec';
import { asItems } from './spec';

/** A management list: `limit` + `start_after` pages, optionally `filter` and `order`. */
export const keysetList: KindSpec<KeysetListRow> = {
	controls: () => [],
	collection: OPTIONS,
	properties: (row) => listControls(row.filters),
	lists: true,
	async perItem({ context, client, itemIndex, input, request }, row) {
		const { query, sort } = listQuery.call(context, row, itemIndex);
		const objects = await pageThrough(
			client,
			{ ...request, qs: { ...input.query, ...query }, limit: wantedCount.call(context, itemIndex) },
			row.startAfter ?? 'name',
			sort,
			{ normal: KEYSET_PAGE, largest: row.maxPageSize },
		);
		return asItems(objects.map((o) => redact(row, o)));
	},
};
