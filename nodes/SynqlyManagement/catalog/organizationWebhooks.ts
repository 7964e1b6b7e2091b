import type { OperationRow, Param } from '../../shared/catalog/types';
import { crudRows } from './crud';
import { organizationEventOptions } from './webhookEvents';
import { environmentOf, fullnameParam, nameParam, objectParam } from './objectFields';
import { locators } from './locators';

export const webhookId = objectParam('webhookId', 'Webhook', locators.webhook);

export const WEBHOOK_EVENTS = organizationEventOptions();

const url: Param = {
	name: 'url',
	displayName: 'URL',
	in: 'body',
	kind: 'string',
	required: true,
	placeholder: 'e.g. https://n8n.example.com/webhook/synqly',
	description: 'Where Synqly POSTs the events',
};

const eventFilters: Param = {
	name: 'eventFilters',
	displayName: 'Events',
	in: 'body',
	kind: 'multiOptions',
	wire: 'filters',
	required: true,
	options: WEBHOOK_EVENTS,
	default: ['all'],
	description: 'Which events Synqly sends to the URL',
};

const environment = environmentOf('Only events of accounts in this environment trigger the webhook');

const secret: Param = {
	name: 'signingSecret',
	displayName: 'Signing Secret',
	in: 'body',
	kind: 'secret',
	wire: 'secret.value',
	required: true,
	description:
		'Secret Synqly signs each delivery with (HMAC-SHA256 of the raw body); keep it to verify deliveries. Never returned; Create or Update does not change it for an existing webhook.',
};

const secretExpires: Param = {
	name: 'secretExpires',
	displayName: 'Secret Expires',
	in: 'body',
	kind: 'dateTime',
	wire: 'secret.expires',
	description: 'When the signing secret stops being valid',
};

const createFields: Param[] = [
	nameParam('webhook'),
	url,
	eventFilters,
	secret,
	fullnameParam('webhook'),
	environment,
	secretExpires,
];

export const organizationWebhookRows: OperationRow[] = crudRows({
	resource: 'organizationWebhook',
	noun: 'webhook',
	basePath: '/v1/organization/webhooks',
	id: webhookId,
	fields: createFields,
	redact: ['secret'],
}).map((row) =>
	row.operation === 'update'
		? {
				...row,
				description:
					"Replace a webhook's URL, events, environment or display name, keeping the rest; its signing secret is a credential owned by the webhook (Credential resource)",
				params: [
					webhookId,
					...[fullnameParam('webhook'), url, eventFilters, environment].map((p) => ({ ...p, required: false })),
				],
			}
		: row,
);
