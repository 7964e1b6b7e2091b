import type { ApiTable } from '../../shared/types';
import { accountRows } from './accounts';
import { capabilityRows } from './capabilities';
import { credentialRows } from './credentials';
import { integrationPointRows } from './integrationPoints';
import { integrationRows } from './integrations';
import { tokenRows } from './tokens';

/** The Management API as the node offers it: one row per operation. */
export const managementTable: ApiTable = {
	api: 'management',
	resources: [
		{ value: 'account', name: 'Account', description: 'Tenants of your organization' },
		{ value: 'integration', name: 'Integration', description: "An account's connection to one provider" },
		{
			value: 'integrationPoint',
			name: 'Integration Point',
			description: 'Templates that offer providers in Connect UI',
		},
		{ value: 'credential', name: 'Credential', description: 'Stored secrets used by integrations' },
		{ value: 'token', name: 'Token', description: 'Organization, integration and MCP tokens' },
		{ value: 'capability', name: 'Capability', description: 'Connectors and providers Synqly supports' },
	],
	operations: [
		...accountRows,
		...integrationRows,
		...integrationPointRows,
		...credentialRows,
		...tokenRows,
		...capabilityRows,
	],
	locators: [
		{ key: 'account', displayName: 'Account', listPath: '/v1/accounts', placeholder: 'e.g. acme' },
		{
			key: 'integration',
			displayName: 'Integration',
			listPath: '/v1/integrations/{accountId}',
			placeholder: 'e.g. acme-siem',
		},
		{
			key: 'integrationPoint',
			displayName: 'Integration Point',
			listPath: '/v1/integration-points',
			placeholder: 'e.g. siem-point',
		},
		{
			key: 'credential',
			displayName: 'Credential',
			listPath: '/v1/credentials/{ownerId}',
			placeholder: 'e.g. jira-basic',
		},
		{ key: 'token', displayName: 'Token', listPath: '/v1/tokens', placeholder: 'e.g. tok_123' },
	],
};
