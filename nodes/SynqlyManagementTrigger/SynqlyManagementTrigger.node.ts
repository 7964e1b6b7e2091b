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
import { DEFAULT_POLICY } from '../shared/http/session';
import { isSecretKey, withoutSecretKeys } from '../shared/wire/redaction';
import { checkReplay, DEFAULT_REPLAY_WINDOW_MINUTES, jsonObject, MAX_REPLAY_WINDOW_MINUTES, replayKey, replayWindowMs, signedWith } from './delivery';
import { organizationEventOptions, TICKET_EVENTS } from '../SynqlyManagement/catalog/webhookEvents';
import type { IntegrationIds, Source } from './registration';
import { deregister, PARAM, pickedIntegration, register, registrationExists, registrationOf, ROWS, sendRow } from './registration';

/**
 * The one read of Synqly a ticketing delivery makes (its integration and account), after the
 * delivery is answered: a single attempt, no retry, this deadline. Until the node returns, n8n has
 * not saved the delivery's replay key, so the deadline bounds how long a copy can slip through.
 */
const ENRICHMENT_POLICY = { ...DEFAULT_POLICY, retries: 0, timeoutMs: 2000, maxTotalMs: 2000 };

const showFor = (source: Source) => ({ show: { [PARAM.source]: [source] } });

export class SynqlyManagementTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Synqly Management Trigger',
		name: 'synqlyManagementTrigger',
		icon: { light: 'file:synqly.svg', dark: 'file:synqly.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["source"] === "ticketing" ? "Ticketing integration events" : "Organization events"}}',
		// n8n's node panel shows this node inside Synqly Management's entry (name without "Trigger"),
		// with this description for both its actions and its triggers: it says what each does.
		description:
			"Provision and manage Synqly accounts, integrations and tokens, or start a workflow on Synqly's signed webhooks (organization or ticketing events)",
		defaults: { name: 'Synqly Management Trigger' },
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
				typeOptions: { minValue: 0, maxValue: MAX_REPLAY_WINDOW_MINUTES },
				default: DEFAULT_REPLAY_WINDOW_MINUTES,
				description:
					'A copy of a delivery accepted within this many minutes (same nonce, or same body when it has no nonce) is acknowledged and starts nothing. 0 turns replay protection off: every signed delivery starts an execution, copies too.',
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
	 * object), then the Replay Window (500 and an error in n8n's log unless valid; activation
	 * refuses it too), then the replay record (README, Synqly Management Trigger): a copy of an accepted
	 * delivery is acknowledged with 200 `duplicate`; with the record full it is refused with 503 and
	 * Retry-After (Synqly may send it again later) rather than accepted unrecorded or recorded over
	 * an older key. Only a new delivery starts an execution.
	 *
	 * The node answers a new delivery itself (`noWebhookResponse` with `workflowData`) because n8n
	 * saves the static data, with the new replay key, when it receives the answer, and receives a
	 * node's own answer before it starts the execution. Left to n8n 2.x, the answer comes after the
	 * execution is set up, which clears the change flag of this same static data, and the key is
	 * never saved; the execution cannot save it either, as a queue-mode worker runs it over static
	 * data without the registration. The node has no `execute()`, so an execution changes nothing in
	 * static data and never stores its older copy over the record (README, Synqly Management Trigger).
	 *
	 * The HTTP answer goes out before any request to Synqly: a ticketing delivery's read of its
	 * integration comes after it, one attempt within ENRICHMENT_POLICY's deadline, so Synqly never
	 * waits on it (and never times out and sends the delivery again because of it).
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

		let windowMs: number;
		try {
			windowMs = replayWindowMs(this.getNodeParameter(PARAM.replayWindow, DEFAULT_REPLAY_WINDOW_MINUTES));
		} catch (error) {
			this.logger.error(`Synqly Management Trigger "${this.getNode().name}": ${(error as Error).message}; the delivery was refused`);
			return reject(this, 500, 'The trigger\'s Replay Window is not valid; see n8n\'s log');
		}
		if (windowMs > 0) {
			const now = Date.now();
			const check = checkReplay(data.nonces, replayKey(payload, rawBody), now, windowMs);
			// The rebuilt record set at the node's level: one change n8n's change flag sees.
			data.nonces = { ...check.record };
			if (check.verdict === 'replay') return { webhookResponse: { received: true, duplicate: true } };
			if (check.verdict === 'full') {
				const seconds = Math.ceil(check.retryAfterMs / 1000);
				this.logger.warn(`Synqly Management Trigger "${this.getNode().name}": replay record full (${Object.keys(check.record).length} deliveries within the Replay Window); delivery refused with 503, Retry-After ${seconds} s`);
				this.getResponseObject().setHeader('Retry-After', String(seconds));
				return reject(this, 503, 'Too many deliveries within the replay window; send again later');
			}
		}
		const nonce = typeof payload.nonce === 'string' && payload.nonce !== '' ? payload.nonce : null;
		// Everything read from the form before the answer: after it, nothing may fail.
		const source = this.getNodeParameter(PARAM.source, 'organization') as Source;
		const picked = source === 'ticketing' ? (data.integration ?? pickedIntegration(this)) : undefined;
		this.getResponseObject().status(200).json({ received: true });
		const json = picked ? await ticketItem(this, picked, payload, nonce) : organizationItem(payload, nonce);
		return { noWebhookResponse: true, workflowData: [[{ json }]] };
	}
}

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
 * the item still goes out, with their ids. The delivery is already answered: one attempt, no
 * retry, a short deadline (ENRICHMENT_POLICY).
 */
async function ticketItem(context: IWebhookFunctions, picked: IntegrationIds, payload: IDataObject, nonce: string | null): Promise<IDataObject> {
	const ids = { account: { id: picked.accountId }, integration: { id: picked.integrationId } };
	const client = new SynqlyClient(context, 'management', { policy: ENRICHMENT_POLICY });
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
