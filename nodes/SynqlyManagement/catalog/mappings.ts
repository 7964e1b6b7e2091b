import type { OperationRow } from '../../shared/catalog/types';
import { crudRows } from './crud';
import { jsonParam } from '../../shared/catalog/fields';
import { fullnameParam, nameParam, objectParam, yamlDefinitionParam } from './objectFields';
import { locators } from './locators';

export const mappingId = objectParam('mappingId', 'Mapping', locators.mapping);

export const mappingRows: OperationRow[] = [
	...crudRows({
		resource: 'mapping',
		noun: 'mapping',
		basePath: '/v1/mappings',
		id: mappingId,
		fields: [
			nameParam('mapping'),
			yamlDefinitionParam(
				"The mapping's YAML definition (Synqly customer-defined mapping format); integrations and integration points refer to the mapping by name or ID",
			),
			fullnameParam('mapping'),
		],
		createResultKey: 'mapping',
		// No Create or Update: the list it matches against omits `data`, so a changed definition
		// would never be seen as a change.
		only: ['getAll', 'get', 'create', 'update', 'patch', 'delete'],
	}),
	{
		resource: 'mapping',
		operation: 'apply',
		name: 'Apply',
		action: 'Apply mappings to data',
		description: 'Run a chain of mappings over JSON data and return the result, to test a mapping before using it',
		kind: 'request',
		method: 'POST',
		path: '/v1/mappings/apply',
		params: [
			{
				name: 'mappings',
				displayName: 'Mappings',
				in: 'body',
				kind: 'stringList',
				required: true,
				placeholder: 'e.g. my-mapping',
				description:
					'Names or IDs of the mappings to apply in order, custom or Synqly built-in; each one gets the output of the one before',
			},
			jsonParam(
				'inputData',
				'Input Data (JSON)',
				'JSON object the mapping chain is applied to',
				{ severity: 'high', title: 'Suspicious login' },
				{ required: true, wire: 'data' },
			),
			{
				name: 'includeRawData',
				displayName: 'Include Raw Data',
				in: 'query',
				kind: 'boolean',
				description: 'Whether to include the input data in the response',
			},
		],
	},
];
