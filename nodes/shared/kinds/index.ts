import type { OperationRow, RowKind } from '../catalog/types';
import type { RowForm } from '../runtime/input';
import { batchWrite } from './batchWrite';
import { cursorList } from './cursorList';
import { custom } from './custom';
import { download } from './download';
import { keysetList } from './keysetList';
import { merge } from './merge';
import { patch } from './patch';
import { polledAction } from './polledAction';
import { request } from './request';
import type { KindSpec } from './spec';
import { unpagedList } from './unpagedList';
import { upload } from './upload';
import { upsert } from './upsert';

/**
 * Every kind of operation, each a complete unit (`spec.ts`). The mapped type makes a kind that
 * is missing here, or a kind module missing a part, a compile error; nothing else in the package
 * decides by a row's kind.
 */
export type KindRegistry = { [K in RowKind]: KindSpec<Extract<OperationRow, { kind: K }>> };

const KINDS: KindRegistry = {
	request,
	patch,
	merge,
	upsert,
	keysetList,
	cursorList,
	unpagedList,
	batchWrite,
	polledAction,
	upload,
	download,
	custom,
};

/**
 * The kind of a row, typed for that row. TypeScript cannot follow the link between `row.kind`
 * and the entry it picks from the mapped type, so this one line says it.
 */
export const kindOf = <R extends OperationRow>(row: R): KindSpec<R> => KINDS[row.kind] as unknown as KindSpec<R>;

/**
 * Every param of a row's form (its own, then its kind's controls) and its optional collection.
 * Asked for per item, so it is worked out once per row: the memo holds only what follows from the
 * constant row itself, nothing of any execution.
 */
const forms = new WeakMap<OperationRow, RowForm>();
export function formOf(row: OperationRow): RowForm {
	let form = forms.get(row);
	if (!form) {
		const kind = kindOf(row);
		form = { params: [...(row.params ?? []), ...kind.controls(row)], collection: kind.collection };
		forms.set(row, form);
	}
	return form;
}
