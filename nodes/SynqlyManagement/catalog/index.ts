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
};

