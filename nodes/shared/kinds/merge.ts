import type { IDataObject } from 'n8n-workflow';

import type { MergeRow } from '../catalog/types';
import { UPDATE_FIELDS } from '../form/controls';
import { withMethod } from '../wire/paths';
import { toObjects } from '../runtime/output';
import type { KindSpec } from './spec';
import { asItems } from './spec';

/** Update by the object-replacing PUT: GET the object, lay the given fields over it, PUT it. */
export const merge: KindSpec<MergeRow> = {
	controls: () => [],
	collection: UPDATE_FIELDS,
	properties: () => [],
	lists: false,
	async perItem({ client, input, request }, row) {
		const current = await client.send({ ...withMethod(request, 'GET'), qs: {} });
		const body = { ...(current.result as IDataObject), ...input.body };
		return asItems(toObjects(row, await client.send({ ...request, body })));
	},
};
