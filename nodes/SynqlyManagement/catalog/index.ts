import { accountLocator, integrationLocator } from '../../shared/catalog/locators';
import type { ApiTable } from '../../shared/catalog/types';
import { accountRows } from './accounts';
import { asyncOperationRows } from './asyncOperations';
import { auditLogRows } from './auditLog';
import { authRows } from './auth';
import { billingRows } from './billing';
import { bridgeRows } from './bridges';
import { capabilityRows } from './capabilities';
import { credentialRows } from './credentials';
import { customProviderRows } from './customProviders';
import { integrationPointRows } from './integrationPoints';
import { integrationRows } from './integrations';
import { mappingRows } from './mappings';
import { memberRows } from './members';
import { metaRows } from './meta';
import { organizationRows } from './organization';
import { organizationWebhookRows } from './organizationWebhooks';
import { permissionSetRows } from './permissionSets';
import { roleRows } from './roles';
import { integrationStatusRows } from './status';
import { subOrganizationRows } from './subOrganizations';
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
		{
			value: 'bridge',
			name: 'Bridge Group',
			description: "Groups of on-premises bridge agents that reach an account's providers",
		},
		{ value: 'member', name: 'Member', description: 'People and service identities of your organization' },
		{ value: 'organization', name: 'Organization', description: 'The organization the credential belongs to' },
		{ value: 'role', name: 'Role', description: 'Custom roles: a permission set limited to some resources' },
		{ value: 'permissionSet', name: 'Permission Set', description: "Synqly's built-in sets of API permissions" },
		{ value: 'subOrganization', name: 'Sub-Organization', description: 'Organizations under a root organization' },
		{
			value: 'organizationWebhook',
			name: 'Organization Webhook',
			description: 'URLs Synqly notifies of account, integration and operation events',
		},
		{ value: 'auditLog', name: 'Audit Log', description: 'API requests and alarms recorded for the organization' },
		{ value: 'asyncOperation', name: 'Operation', description: 'Asynchronous operations (jobs) and their runs' },
		{
			value: 'integrationStatus',
			name: 'Integration Status',
			description: 'Health, usage counters and events of integrations',
		},
		{ value: 'auth', name: 'Auth & SSO', description: 'Member sessions, passwords and single sign-on' },
		{ value: 'billing', name: 'Billing', description: 'Monthly usage reports' },
		{ value: 'customProvider', name: 'Custom Provider', description: 'Providers you define in YAML' },
		{ value: 'mapping', name: 'Mapping', description: 'Data transforms applied to integration data' },
		{ value: 'meta', name: 'Meta', description: "Synqly's OpenAPI documents" },
	],
	operations: [
		...accountRows,
		...integrationRows,
		...integrationPointRows,
		...credentialRows,
		...tokenRows,
		...capabilityRows,
		...bridgeRows,
		...memberRows,
		...organizationRows,
		...roleRows,
		...permissionSetRows,
		...subOrganizationRows,
		...organizationWebhookRows,
		...auditLogRows,
		...asyncOperationRows,
		...integrationStatusRows,
		...authRows,
		...billingRows,
		...customProviderRows,
		...mappingRows,
		...metaRows,
	],
	locators: [
		accountLocator,
		integrationLocator,
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
		{
			key: 'bridge',
			displayName: 'Bridge Group',
			listPath: '/v1/bridges/{accountId}',
			placeholder: 'e.g. on-prem-dc1',
		},
		{
			key: 'member',
			displayName: 'Member',
			listPath: '/v1/members',
			searchField: 'name',
			placeholder: 'e.g. name@email.com',
		},
		{ key: 'role', displayName: 'Role', listPath: '/v1/roles', placeholder: 'e.g. soc-analyst' },
		{
			key: 'webhook',
			displayName: 'Webhook',
			listPath: '/v1/organization/webhooks',
			placeholder: 'e.g. n8n-events',
		},
		{
			key: 'subOrganization',
			displayName: 'Sub-Organization',
			listPath: '/v1/suborgs',
			placeholder: 'e.g. acme-emea',
			unpaged: true,
		},
		{ key: 'custom', displayName: 'Custom Provider', listPath: '/v1/customs', placeholder: 'e.g. my-provider' },
		{ key: 'mapping', displayName: 'Mapping', listPath: '/v1/mappings', placeholder: 'e.g. my-mapping' },
		{
			key: 'sso',
			displayName: 'SSO Configuration',
			listPath: '/v1/auth/sso',
			placeholder: 'e.g. sso_123',
			unpaged: true,
		},
	],
};
