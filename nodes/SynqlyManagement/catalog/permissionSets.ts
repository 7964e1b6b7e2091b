import type { OperationRow } from '../../shared/catalog/types';
import { PERMISSION_SETS } from './objectFields';

export const permissionSetRows: OperationRow[] = [
	{
		resource: 'permissionSet',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many permission sets',
		description: "List Synqly's built-in permission sets with the API permissions each grants",
		kind: 'unpagedList',
		method: 'GET',
		path: '/v1/permissionsets',
	},
	{
		resource: 'permissionSet',
		operation: 'get',
		name: 'Get',
		action: 'Get a permission set',
		description:
			'Retrieve one permission set: when to use it, the API permissions it grants and the resources it can be limited to',
		kind: 'request',
		method: 'GET',
		path: '/v1/permissionsets/{permissionSetId}',
		params: [
			{
				name: 'permissionSetId',
				displayName: 'Permission Set',
				in: 'path',
				kind: 'options',
				required: true,
				options: PERMISSION_SETS,
				default: 'viewer',
				description: 'The built-in permission set to retrieve',
			},
		],
	},
];
