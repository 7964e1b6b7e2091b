import type { OperationRow } from '../../shared/catalog/types';

export const metaRows: OperationRow[] = [
	{
		resource: 'meta',
		operation: 'getManagementOpenApi',
		name: 'Get Management OpenAPI',
		action: 'Get the Management API OpenAPI document',
		description: 'The OpenAPI description of the Management API, as one item',
		kind: 'request',
		method: 'GET',
		path: '/v1/meta/openapi/management',
	},
	{
		resource: 'meta',
		operation: 'getEngineOpenApi',
		name: 'Get Engine OpenAPI',
		action: 'Get the Connector API OpenAPI document',
		description: 'The OpenAPI description of the Connector API, as one item',
		kind: 'request',
		method: 'GET',
		path: '/v1/meta/openapi/engine',
	},
];
