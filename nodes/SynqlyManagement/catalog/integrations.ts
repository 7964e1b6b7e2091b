import type { OperationRow, Param } from '../../shared/catalog/types';
import { accountId } from './accounts';
import { crudRows } from './crud';
import { CATEGORY, categoryParam, jsonParam, nestedIn, providerTypeParam } from '../../shared/catalog/fields';
import { expandParam, fullnameParam, nameParam, objectParam } from './objectFields';
import { locators } from './locators';

export const integrationId = objectParam('integrationId', 'Integration', locators.integration);

/**
 * The keys of an integration's `webhook_config` that never leave the node (rows' `redact`, applied
 * at any depth): each item's `integrator_key` (the key Synqly signs ticketing webhooks with, the
 * Synqly Management Trigger's signing key) and `provider_key` (the key Synqly checks the provider's webhooks
 * with). Every row whose answer can hold an Integration declares them (in the reference: Integration,
 * the list, get, create, update and patch responses, and Status with its integration).
 */
export const WEBHOOK_KEYS = ['integrator_key', 'provider_key'];

const category = categoryParam({
	name: CATEGORY,
	displayName: 'Category',
	in: 'ui',
	description: 'Connector category; narrows the provider list.',
});

const providerType = providerTypeParam({
	name: 'providerType',
	displayName: 'Provider Type Name or ID',
	in: 'body',
	wire: 'provider_config.type',
	description: 'Provider this integration connects to, e.g. ticketing_jira.',
}, true);

const providerConfig = jsonParam(
	'providerConfig',
	'Provider Config (JSON)',
	'The provider\'s settings besides its type, as in Synqly\'s provider configuration guide, e.g. Jira: {"url": "https://example.atlassian.net", "credential": {"type": "basic_id", "value": "<credential ID>"}}. Mock providers need none. Prefer stored credentials (type *_id): inline secrets become new stored credentials on every update',
	{},
	{ required: true, wire: 'provider_config' },
);

const optionalJson: Param[] = [
	jsonParam('bridgeSelector', 'Bridge Selector (JSON)', 'Reach the provider through a bridge group: {"type": "id", "value": "<bridge id>"} or {"type": "labels", "value": ["on-prem"]}', { type: 'id', value: 'bridge-id' }),
	jsonParam('webhookConfig', 'Webhook Config (JSON)', 'Where Synqly forwards provider events (ticketing): items of {webhook_url, event_filter, integrator_key}', { items: [{ webhook_url: 'https://n8n.example.com/webhook/synqly', event_filter: ['TicketCreated'] }] }),
	jsonParam('mappings', 'Mappings (JSON)', 'Mapping chains applied to this integration\'s data', []),
	jsonParam('additionalMappings', 'Additional Mappings (JSON)', 'Extra data mapped into custom_fields', []),
	jsonParam('scheduledOperations', 'Scheduled Operations (JSON)', 'Operations Synqly runs on a schedule for this integration', [{ operation: 'query_alerts', enabled: true, frequency: '4h' }]),
	{
		name: 'integrationPointId',
		displayName: 'Integration Point',
		in: 'body',
		kind: 'locator',
		locator: locators.integrationPoint,
		description: 'Integration point this integration belongs to',
	},
];

const integrationFields = [
	nameParam('integration'),
	fullnameParam('integration'),
	category,
	providerType,
	providerConfig,
	...optionalJson,
];

const expand = expandParam(['account', 'integration_point', 'all']);


export const integrationRows: OperationRow[] = [
	{
		resource: 'integration',
		operation: 'getAllInOrganization',
		name: 'Get Many in Organization',
		action: 'Get many integrations in the organization',
		description: 'List the integrations of every account',
		kind: 'keysetList',
		method: 'GET',
		path: '/v1/integrations',
		params: [expand],
		filters: { field: 'name', sortable: true },
		redact: WEBHOOK_KEYS,
	},
	...crudRows({
		resource: 'integration',
		noun: 'integration',
		basePath: '/v1/integrations/{accountId}',
		parents: [accountId],
		id: integrationId,
		fields: integrationFields,
		listParams: [expand],
		upsertResultKey: 'integration',
		redact: WEBHOOK_KEYS,
		// Their output holds the new integration's token pair.
		agentRisk: { create: 'mintsSecrets', upsert: 'mintsSecrets' },
		text: {
			getAll: { name: 'Get Many in Account', action: 'Get many integrations of an account' },
			create: {
				description:
					'Create an integration; the output holds its token pair (token.access.secret is the integration token)',
			},
			upsert: {
				description:
					'Create an integration, or update the one with the same name in the account; when created, the output also holds its token pair',
			},
		},
	}),
	{
		resource: 'integration',
		operation: 'verify',
		name: 'Verify',
		action: 'Verify an integration configuration',
		description: 'Check a provider configuration against the provider without saving anything',
		kind: 'request',
		method: 'POST',
		path: '/v1/integrations/{accountId}/verify',
		params: [accountId, ...nestedIn('integration', integrationFields)],
	},
	{
		resource: 'integration',
		operation: 'verifyExisting',
		name: 'Verify Existing',
		action: 'Verify an existing integration',
		description: 'Check that a saved integration still reaches its provider',
		kind: 'request',
		method: 'POST',
		path: '/v1/integrations/{accountId}/{integrationId}/verify',
		params: [accountId, integrationId],
	},
];

