import type { OperationRow, Param } from '../../shared/catalog/types';
import { pathIdParam } from '../../shared/catalog/fields';
import { category } from './category';

const custom = category('custom');

const operationName = pathIdParam(
	'customOperation',
	'Custom Operation',
	'e.g. list_widgets',
	'Name of the operation as the custom provider (YAML definition) declares it',
);
const objectId = pathIdParam('objectId', 'Object ID', 'e.g. widget-1', 'ID of the object');
const bodyParam = (example: unknown, description: string): Param => ({
	name: 'body',
	displayName: 'Body (JSON)',
	in: 'wholeBody',
	kind: 'json',
	required: true,
	default: JSON.stringify(example, null, 2),
	description,
});

export const customRows: OperationRow[] = [
	custom.query({
		operation: 'query',
		name: 'Get Many Objects',
		action: 'Get many objects of a custom operation',
		description: "Run a custom provider's query operation",
		path: '/v1/custom/operations/query/{customOperation}',
		params: [operationName],
		pageSize: 100,
		filter: true,
		order: true,
		raw: true,
		filterField: 'name',
	}),
	custom.get({
		operation: 'get',
		name: 'Get Object',
		action: 'Get an object of a custom operation',
		description: "Run a custom provider's get operation for one object",
		path: '/v1/custom/operations/get/{customOperation}/{objectId}',
		params: [operationName, objectId],
		raw: true,
	}),
	custom.patch({
		operation: 'patch',
		name: 'Patch Object',
		action: 'Patch an object of a custom operation',
		description: 'Change an object with JSON Patch operations',
		path: '/v1/custom/operations/patch/{customOperation}/{objectId}',
		params: [operationName, objectId],
		patchExample: [{ op: 'replace', path: '/name', value: 'New name' }],
	}),
	custom.delete({
		operation: 'delete',
		name: 'Delete Object',
		action: 'Delete an object of a custom operation',
		description: 'Delete an object through a custom operation',
		path: '/v1/custom/operations/delete/{customOperation}/{objectId}',
		params: [operationName, objectId],
		emptyOutput: 'deleted',
	}),
	custom.post({
		operation: 'post',
		name: 'Create Object',
		action: 'Create an object with a custom operation',
		description: "Run a custom provider's post operation with a JSON object",
		path: '/v1/custom/operations/post/{customOperation}',
		params: [operationName, bodyParam({ id: 'widget-1', label: 'Example widget', count: 1 }, 'The object to send, as JSON')],
	}),
	custom.batch({
		operation: 'postBatch',
		name: 'Create Objects',
		action: 'Create many objects with a custom operation',
		description:
			'Send objects to a custom post-batch operation in batches (one request per Batch Size objects); outputs one item per batch with the results',
		path: '/v1/custom/operations/post-batch/{customOperation}',
		params: [operationName],
		noun: 'object',
		example: { id: 'widget-1', label: 'Example widget', count: 1 },
	}),
];
