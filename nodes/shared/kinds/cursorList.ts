import type { CursorListRow } from '../catalog/types';
import { listControls, OPTIONS, pendingTimeoutParam, simplifyControl } from '../form/controls';
import { listQuery, pendingTimeout, wantedCount } from '../runtime/input';
import { redact, simplifyObjects } from '../runtime/output';
import { cursorList as pageThrough } from '../runtime/paging';
import type { KindSpec } from './spec';
import { asItems } from './spec';

/** A connector query: `limit` + `cursor` pages, answers that may be PENDING, Simplify where the row names fields. */
export const cursorList: KindSpec<CursorListRow> = {
	controls: () => [pendingTimeoutParam],
	collection: OPTIONS,
	properties: (row) => [...listControls(row.filters), ...(row.simplify ? [simplifyControl] : [])],
	lists: true,
	async perItem({ context, client, itemIndex, input, request }, row, form) {
		const { query } = listQuery.call(context, row, itemIndex);
		const objects = await pageThrough(
			client,
			{ ...request, qs: { ...input.query, ...query }, limit: wantedCount.call(context, itemIndex) },
			{ normal: row.pageSize, largest: row.maxPageSize },
			pendingTimeout.call(context, form, itemIndex),
		);
		return asItems(simplifyObjects.call(context, row, objects.map((o) => redact(row, o)), itemIndex));
	},
};
