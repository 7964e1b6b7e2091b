import type { PatchRow } from '../catalog/types';
import { ADDITIONAL_FIELDS, patchOperationsParam } from '../form/controls';
import { readPatch } from '../runtime/input';
import { toObjects } from '../runtime/output';
import type { KindSpec } from './spec';
import { asItems } from './spec';

/** One PATCH per item whose body is the JSON Patch operations of the Patch Operations field, checked. */
export const patch: KindSpec<PatchRow> = {
	controls: (row) => [patchOperationsParam(row.patchExample)],
	collection: ADDITIONAL_FIELDS,
	properties: () => [],
	lists: false,
	async perItem({ context, client, itemIndex, request }, row, form) {
		const body = readPatch.call(context, form, itemIndex);
		return asItems(toObjects(row, await client.send({ ...request, body })));
	},
};
