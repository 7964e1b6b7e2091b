import type { IDataObject } from 'n8n-workflow';

import type { MergeRow } from '../catalog/types';
import { UPDATE_FIELDS } from '../form/controls';
import { toObjects } from '../runtime/output';
import { deepMerge } from '../wire/merge';
import { withMethod } from '../wire/paths';
import type { KindSpec } from './spec';
import { asItems } from './spec';

/**
 * Update by the object-replacing PUT: GET the object, lay the given fields over it at any depth
 * (`deepMerge`: a partial provider_config keeps its url and credential), PUT it.
 */
export const merge: KindSpec<MergeRow> = {
	controls: () => [],
	collection: UPDATE_FIELDS,
	properties: () => [],
	lists: false,
	async perItem({ client, input, request }, row) {
		const current = await client.send({ ...withMethod(request, 'GET'), qs: {} });
		const body = deepMerge(current.result as IDataObject, input.body);
		return asItems(toObjects(row, await client.send({ ...request, body })));
	},
};
