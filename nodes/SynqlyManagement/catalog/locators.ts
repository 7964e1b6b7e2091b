import { accountLocator, integrationLocator } from '../../shared/catalog/locators';
import type { LocatorRow } from '../../shared/catalog/types';

/** Management lists behind the resource locators; `{param}` in a list path fills from another field. */
export const locators = {
	account: accountLocator,
	integration: integrationLocator,
	integrationPoint: { key: 'integrationPoint', displayName: 'Integration Point', listPath: '/v1/integration-points', placeholder: 'e.g. siem-point' },
	credential: { key: 'credential', displayName: 'Credential', listPath: '/v1/credentials/{ownerId}', placeholder: 'e.g. jira-basic' },
	token: { key: 'token', displayName: 'Token', listPath: '/v1/tokens', placeholder: 'e.g. tok_123' },
	bridge: { key: 'bridge', displayName: 'Bridge Group', listPath: '/v1/bridges/{accountId}', placeholder: 'e.g. on-prem-dc1' },
	member: { key: 'member', displayName: 'Member', listPath: '/v1/members', searchField: 'name', placeholder: 'e.g. name@email.com' },
	role: { key: 'role', displayName: 'Role', listPath: '/v1/roles', placeholder: 'e.g. soc-analyst' },
	webhook: { key: 'webhook', displayName: 'Webhook', listPath: '/v1/organization/webhooks', placeholder: 'e.g. n8n-events' },
	subOrganization: { key: 'subOrganization', displayName: 'Sub-Organization', listPath: '/v1/suborgs', placeholder: 'e.g. acme-emea', unpaged: true },
	custom: { key: 'custom', displayName: 'Custom Provider', listPath: '/v1/customs', placeholder: 'e.g. my-provider' },
	mapping: { key: 'mapping', displayName: 'Mapping', listPath: '/v1/mappings', placeholder: 'e.g. my-mapping' },
	sso: { key: 'sso', displayName: 'SSO Configuration', listPath: '/v1/auth/sso', placeholder: 'e.g. sso_123', unpaged: true },
} satisfies Record<string, LocatorRow>;
