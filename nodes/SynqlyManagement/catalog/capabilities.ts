import { providerTypeParam } from '../../shared/catalog/fields';
import type { OperationRow } from '../../shared/catalog/types';
import { expandParam } from './objectFields';

const expand = (values: string[]) =>
	expandParam(values, 'Parts of the capabilities to include in full (answers can get very large)');

export const capabilityRows: OperationRow[] = [
	{
		resource: 'capability',
		operation: 'getConnectors',
		name: 'Get Connectors',
		action: 'Get connector capabilities',
		description: 'List the connector categories and the providers that implement each',
		kind: 'unpagedList',
		method: 'GET',
		path: '/v1/capabilities/connectors',
		params: [expand(['providers', 'all'])],
	},
	{
		resource: 'capability',
		operation: 'getProviders',
		name: 'Get Providers',
		action: 'Get provider capabilities',
		description: 'List every provider with the operations it supports',
		kind: 'unpagedList',
		method: 'GET',
		path: '/v1/capabilities/providers',
		params: [expand(['connector', 'operations', 'provider_config', 'all'])],
	},
	{
		resource: 'capability',
		operation: 'getProvider',
		name: 'Get Provider',
		action: 'Get one provider capabilities',
		description: "One provider's supported operations, filters and configuration",
		kind: 'request',
		method: 'GET',
		path: '/v1/capabilities/providers/{providerId}',
		params: [
			providerTypeParam({
				name: 'providerId',
				displayName: 'Provider Name or ID',
				in: 'path',
				description: 'Provider type, e.g. ticketing_jira.',
			}, false),
			expand(['connector', 'operations', 'provider_config', 'all']),
		],
	},
];
