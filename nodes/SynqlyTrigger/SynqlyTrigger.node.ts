import type {
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { accountLocator, integrationLocator } from '../shared/catalog/locators';
import { enumOptions } from '../shared/catalog/words';
import { credentialTest } from '../shared/editor/credentialTest';
import { listSearchMethods } from '../shared/editor/listSearch';
import { locatorProperty } from '../shared/form/locatorProperty';
import { SynqlyClient } from '../shared/http/client';
import { isSecretKey, withoutSecretKeys } from '../shared/wire/redaction';
import { isReplay, jsonObject, signedWith } from './delivery';
import { organizationEventOptions, TICKET_EVENTS } from '../SynqlyManagement/catalog/webhookEvents';
import type { Source } from './registration';
import { deregister, PARAM, pickedIntegration, register, registrationExists, registrationOf, ROWS, sendRow } from './registration';

const DEFAULT_REPLAY_WINDOW_MINUTES = 60;

const showFor = (source: Source) => ({ show: { [PARAM.source]: [source] } });

export class SynqlyTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Synqly Trigger',
		name: 'synqlyTrigger',
		icon: { light: 'file:synqly.svg', dark: 'file:synqly.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["source"] === "ticketing" ? "Ticketing integration events" : "Organization events"}}',
		description: "Starts the workflow when Synqly sends a signed webhook: organization events or a ticketing integration's events",
		defaults: { name: 'Synqly Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'synqlyOrganizationApi', required: true, testedBy: 'synqlyOrganizationApiTest' }],
		webhooks: [{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' }],
		properties: [
			{
				displayName:
					'Synqly must reach this workflow\'s webhook URL: n8n needs a public URL (set WEBHOOK_URL when n8n runs behind a proxy or tunnel)',
				name: 'publicUrlNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Listen To',
				name: PARAM.source,
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Organization Events',
						value: 'organization',
						description: 'Accounts and integrations created, updated or deleted, operations completed',
					},
					{
						name: 'Ticketing Integration Events',
						value: 'ticketing',
						description: "Tickets and comments of one ticketing integration's provider (e.g. Jira)",
					},
				],
				default: 'organization',
			},
			{
				displayName: 'Events',
				name: PARAM.events,
				type: 'multiOptions',
				options: organizationEventOptions(),
				default: ['all'],
				required: true,
				displayOptions: showFor('organization'),
				description: 'The organization events that start the workflow',
			},
			{
				displayName: 'Environment',
				name: PARAM.environment,
				type: 'options',
				options: [
					{ name: 'Any', value: '' },
					{ name: 'Prod', value: 'prod' },
					{ name: 'Test', value: 'test' },
				],
				default: '',
				displayOptions: showFor('organization'),
				description: 'Only events of accounts in this environment',
			},
			{
				displayName: 'Account',
				name: PARAM.account,
				...locatorProperty(accountLocator),
				required: true,
				displayOptions: showFor('ticketing'),
				description: 'The account the ticketing integration belongs to',
			},
			{
				displayName: 'Integration',
				name: PARAM.integration,
				...locatorProperty(integrationLocator),
				required: true,
				displayOptions: showFor('ticketing'),
				description: 'The ticketing integration whose provider events start the workflow',
			},
			{
				displayName: 'Events',
				name: PARAM.ticketEvents,
				type: 'multiOptions',
				options: enumOptions(TICKET_EVENTS, {
					labels: Object.fromEntries(TICKET_EVENTS.map((e) => [e, e.replace(/([a-z])([A-Z])/g, '$1 $2')])),
				}),
				default: [...TICKET_EVENTS],
				required: true,
				displayOptions: showFor('ticketing'),
				description: 'The ticket events that start the workflow',
			},
			{
				displayName: 'Replay Window (Minutes)',
				name: PARAM.replayWindow,
				type: 'number',
				typeOptions: { minValue: 0 },
				default: DEFAULT_REPLAY_WINDOW_MINUTES,
				description:
					'A delivery whose nonce was already accepted within this many minutes is acknowledged and starts nothing; 0 turns the check off',
			},
		],
	};

	methods = {
		credentialTest,
		listSearch: listSearchMethods('management', [accountLocator, integrationLocator]),
	};

	webhookMethods = {
		default: {
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return await registrationExists.call(this);
			},
			async create(this: IHookFunctions): Promise<boolean> {
				return await register.call(this);
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				return await deregister.call(this);
			},
		},
	};

	/**
	 * One delivery: signature first (401, nothing else is read), then the body (400 unless a JSON
	 * object), then the nonce (a replay is acknowledged with 200). Only then an execution starts.
	 *
	 * The node answers a new delivery itself (`noWebhookResponse` with `workflowData`) because n8n
	 * saves the static data, with the new nonce, when it receives the answer, and receives a node's
	 * own answer before it starts the execution. Left to n8n 2.x, the answer comes after the
	 * execution is set up, which clears the change flag of this same static data, and the nonce is
	 * never saved; the execution cannot save it either, as a queue-mode worker runs it over static
	 * data without the registration. The node has no `execute()`, so an execution changes nothing in
	 * static data and never stores its older copy over the nonces (README, Synqly Trigger).
	 */
	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const data = registrationOf(this);
		const raw: unknown = this.getRequestObject().rawBody;
		const rawBody = Buffer.isBuffer(raw) ? raw : undefined;
		if (!data.secret || !rawBody || !signedWith(data.secret, rawBody, this.getHeaderData() as IDataObject)) {
			return reject(this, 401, 'Missing or invalid Synqly signature');
		}
		const payload = jsonObject(rawBody);
		if (!payload) return reject(this, 400, 'The body is not a JSON object');

		const nonce = typeof payload.nonce === 'string' && payload.nonce !== '' ? payload.nonce : null;
		const windowMs = minutesToMs(this.getNodeParameter(PARAM.replayWindow, DEFAULT_REPLAY_WINDOW_MINUTES));
		if (nonce !== null && windowMs > 0) {
			const seen = { ...(data.nonces as Record<string, number> | undefined) };
			const replay = isReplay(seen, nonce, Date.now(), windowMs);
			// The edited copy set at the node's level: one change n8n's change flag sees.
			data.nonces = seen;
			if (replay) return { webhookResponse: { received: true, duplicate: true } };
		}
		const source = this.getNodeParameter(PARAM.source, 'organization') as Source;
		const json = source === 'ticketing' ? await ticketItem(this, payload, nonce) : organizationItem(payload, nonce);
		this.getResponseObject().status(200).json({ received: true });
		return { noWebhookResponse: true, workflowData: [[{ json }]] };
	}
}

const minutesToMs = (minutes: unknown) => Number(minutes) * 60_000;

function reject(context: IWebhookFunctions, status: number, message: string): IWebhookResponseData {
	context.getResponseObject().status(status).json({ message });
	return { noWebhookResponse: true };
}

const clean = (value: unknown) => (value === undefined ? null : withoutSecretKeys(value as IDataObject, isSecretKey, { inlineCredentials: true }));

function organizationItem(payload: IDataObject, nonce: string | null): IDataObject {
	const { event, account, integration, ...rest } = payload;
	delete rest.nonce;
	return { event, nonce, account: clean(account), integration: clean(integration), ...(clean(rest) ?? {}) };
}

/**
 * A ticketing delivery carries the provider's event only (API-MAP 5.2: `event_type`, `raw_payload`
 * and a few ticket fields), so the account and integration come from Synqly; when that read fails
 * the item still goes out, with their ids.
 */
async function ticketItem(context: IWebhookFunctions, payload: IDataObject, nonce: string | null): Promise<IDataObject> {
	const picked = registrationOf(context).integration ?? pickedIntegration(context);
	const ids = { account: { id: picked.accountId }, integration: { id: picked.integrationId } };
	const client = new SynqlyClient(context, 'management');
	const integration = await sendRow(client, ROWS.getIntegration, { path: picked, query: { expand: 'account' } })
		.then((answer) => answer.result as IDataObject | undefined)
		.catch(() => undefined);
	const { account, ...rest } = integration ?? {};
	const { event_type: event, raw_payload: rawPayload, ...fields } = payload;
	delete fields.nonce;
	return {
		event,
		nonce,
		account: clean(account ?? ids.account),
		integration: clean(integration ? rest : ids.integration),
		...fields,
		raw_payload: typeof rawPayload === 'string' ? (jsonObject(Buffer.from(rawPayload)) ?? rawPayload) : rawPayload,
	};
}
