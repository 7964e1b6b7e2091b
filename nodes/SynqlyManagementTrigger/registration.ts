import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RowInput } from '../shared/catalog/request';
import type { OperationRow } from '../shared/catalog/types';
import { ACCOUNT_ID, INTEGRATION_ID } from '../shared/form/connectorAuth';
import { SynqlyClient } from '../shared/http/client';
import { withoutSecretValues } from '../shared/wire/redaction';
import { managementTable } from '../SynqlyManagement/catalog';
import { DEFAULT_REPLAY_WINDOW_MINUTES, replayWindowMs } from './delivery';

/**
 * Registering the trigger's URL with Synqly, finding it again, removing it. What must outlive a
 * request (the webhook id, the signing secret, what was registered) is in the workflow's static
 * data for the node: n8n stores it with the workflow, so it survives restarts and is shared by
 * queue-mode processes; nothing is kept in module memory.
 */

/** The parameters the runtime reads, named once. */
export const PARAM = {
	source: 'source',
	events: 'events',
	environment: 'environment',
	ticketEvents: 'ticketEvents',
	account: ACCOUNT_ID,
	integration: INTEGRATION_ID,
	replayWindow: 'replayWindow',
} as const;

export type Source = 'organization' | 'ticketing';

/** What the node keeps in `getWorkflowStaticData('node')`. */
export interface Registration extends IDataObject {
	/** Organization mode: the webhook's id at Synqly. */
	webhookId?: string;
	/** The signing secret (webhook secret or integrator key) the node made and Synqly signs with. */
	secret?: string;
	/** What it was registered with, to tell a registration that no longer matches the form. */
	registered?: string;
	/** Ticketing mode: the integration and URL the item was added for, removed from there even if the form changed. */
	integration?: IntegrationIds;
	url?: string;
	/**
	 * The replay record: the key of each delivery accepted within the Replay Window (`nonce:<nonce>`,
	 * or `sha256:<hex of the raw body>` for a delivery without nonce) -> when it was accepted (epoch
	 * ms). See `checkReplay` in delivery.ts.
	 */
	nonces?: IDataObject;
}

/** The account and integration ids of a ticketing integration, as the Management rows name them. */
export interface IntegrationIds extends IDataObject {
	[ACCOUNT_ID]: string;
	[INTEGRATION_ID]: string;
}

/** The Management operations the trigger registers with: its own rows, so paths and checks are the node's. */
function managementRow(resource: string, operation: string): OperationRow {
	const row = managementTable.operations.find((r) => r.resource === resource && r.operation === operation);
	if (!row) throw new Error(`The Management catalog has no ${resource}:${operation}`);
	return row;
}
export const ROWS = {
	createWebhook: managementRow('organizationWebhook', 'create'),
	getWebhook: managementRow('organizationWebhook', 'get'),
	deleteWebhook: managementRow('organizationWebhook', 'delete'),
	getIntegration: managementRow('integration', 'get'),
	patchIntegration: managementRow('integration', 'patch'),
};

/** Sends one of the rows above through the entry point's client: its JSON answer. */
export async function sendRow(client: SynqlyClient, row: OperationRow, input: Omit<Partial<RowInput>, 'body'> & { body?: unknown }) {
	return await client.send({ ...client.request(row, input, 0), body: input.body });
}

const newSecret = () => randomBytes(32).toString('hex');

export const registrationOf = (context: { getWorkflowStaticData(type: string): IDataObject }) =>
	context.getWorkflowStaticData('node') as Registration;

function forget(data: Registration): void {
	delete data.webhookId;
	delete data.secret;
	delete data.registered;
	delete data.integration;
	delete data.url;
	delete data.nonces;
}

function webhookUrl(context: IHookFunctions): string {
	const url = context.getNodeWebhookUrl('default');
	if (!url) throw new NodeOperationError(context.getNode(), 'n8n gave no webhook URL for this node');
	return url;
}

function stringList(context: IHookFunctions, name: string): string[] {
	const value = context.getNodeParameter(name, []) as unknown;
	return (Array.isArray(value) ? value.map(String) : []).sort();
}

function text(context: IHookFunctions | IWebhookFunctions, name: string): string {
	const value = context.getNodeParameter(name, '', { extractValue: true }) as unknown;
	return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
}

/** The webhook the form asks for, as Synqly stores it (organization mode). */
function organizationWebhook(context: IHookFunctions) {
	const filters = stringList(context, PARAM.events);
	if (filters.length === 0) throw new NodeOperationError(context.getNode(), 'Choose at least one event');
	const environment = text(context, PARAM.environment);
	return { url: webhookUrl(context), filters, ...(environment ? { environment } : {}) };
}

/** The integration the form picks. */
export const pickedIntegration = (context: IHookFunctions | IWebhookFunctions): IntegrationIds => ({
	[ACCOUNT_ID]: text(context, PARAM.account),
	[INTEGRATION_ID]: text(context, PARAM.integration),
});

/** The webhook item the form asks for, and the integration it goes on (ticketing mode). */
function ticketingTarget(context: IHookFunctions) {
	const eventFilter = stringList(context, PARAM.ticketEvents);
	if (eventFilter.length === 0) throw new NodeOperationError(context.getNode(), 'Choose at least one ticket event');
	return {
		integration: pickedIntegration(context),
		item: { webhook_url: webhookUrl(context), event_filter: eventFilter },
	};
}

const signature = (value: unknown) => JSON.stringify(value);

/** Undefined for Synqly's 404 (the object is gone), the error thrown again otherwise. */
function unlessNotFound(error: unknown): undefined {
	if ((error as { httpCode?: unknown }).httpCode === '404') return undefined;
	throw error;
}

/** Runs `work` with the node's secrets masked in any error it throws (Synqly may echo a body). */
async function guarded<T>(context: IHookFunctions, data: Registration, work: () => Promise<T>): Promise<T> {
	try {
		return await work();
	} catch (error) {
		throw withoutSecretValues(context.getNode(), error, new Set(data.secret ? [data.secret] : []), 0);
	}
}

/** The object a get row reads, or undefined when Synqly no longer has it. */
async function readObject(client: SynqlyClient, row: OperationRow, path: Record<string, unknown>): Promise<IDataObject | undefined> {
	const answer = await sendRow(client, row, { path }).catch(unlessNotFound);
	return answer?.result as IDataObject | undefined;
}

// ----------------------------------------------------------------------------- organization

async function organizationExists(this: IHookFunctions, client: SynqlyClient, data: Registration): Promise<boolean> {
	if (!data.webhookId || !data.secret) return false;
	const wanted = organizationWebhook(this);
	const current = await readObject(client, ROWS.getWebhook, { webhookId: data.webhookId });
	if (!current) {
		forget(data);
		return false;
	}
	const stored = { url: current.url, filters: [...((current.filters as string[]) ?? [])].sort(), ...(current.environment ? { environment: current.environment } : {}) };
	if (signature(stored) === signature(wanted) && data.registered === signature(wanted)) return true;
	// Registered for another URL or other events: remove it, n8n then calls create.
	await organizationDelete.call(this, client, data);
	return false;
}

async function organizationCreate(this: IHookFunctions, client: SynqlyClient, data: Registration): Promise<boolean> {
	const wanted = organizationWebhook(this);
	const secret = newSecret();
	const name = `n8n-${randomBytes(6).toString('hex')}`;
	data.secret = secret;
	const body = { ...wanted, name, fullname: `n8n: ${this.getWorkflow().name ?? this.getNode().name}`, secret: { value: secret } };
	const answer = await sendRow(client, ROWS.createWebhook, { body });
	const id = (answer.result as IDataObject | undefined)?.id;
	if (typeof id !== 'string') throw new NodeOperationError(this.getNode(), 'Synqly answered the webhook registration without an id');
	Object.assign(data, { webhookId: id, secret, registered: signature(wanted), nonces: {} });
	return true;
}

async function organizationDelete(this: IHookFunctions, client: SynqlyClient, data: Registration): Promise<boolean> {
	if (data.webhookId) {
		// Already removed on Synqly's side (404) is the state deactivation wants.
		await sendRow(client, ROWS.deleteWebhook, { path: { webhookId: data.webhookId } }).catch(unlessNotFound);
	}
	forget(data);
	return true;
}

// ----------------------------------------------------------------------------- ticketing

/**
 * The integration's webhook items are changed with JSON Patch, each removal guarded by a `test`
 * of the item's URL: the integration's other settings and other items are never sent back, so
 * nothing of theirs can change, whether or not Synqly returns the integrator keys of other items
 * (the reference does not say).
 */

interface WebhookItem extends IDataObject {
	webhook_url?: string;
	event_filter?: string[];
	integrator_key?: string;
}

const itemsOf = (integration: IDataObject | undefined): WebhookItem[] =>
	((integration?.webhook_config as IDataObject | undefined)?.items as WebhookItem[] | undefined) ?? [];

/** Patch operations removing every item that points at `url`, last first so indexes hold. */
function removals(items: WebhookItem[], url: string): IDataObject[] {
	return items
		.map((item, index) => ({ item, index }))
		.filter(({ item }) => item.webhook_url === url)
		.reverse()
		.flatMap(({ index }) => [
			{ op: 'test', path: `/webhook_config/items/${index}/webhook_url`, value: url },
			{ op: 'remove', path: `/webhook_config/items/${index}` },
		]);
}

async function ticketingExists(this: IHookFunctions, client: SynqlyClient, data: Registration): Promise<boolean> {
	if (!data.secret) return false;
	const { integration: ids, item } = ticketingTarget(this);
	const integration = await readObject(client, ROWS.getIntegration, ids);
	const mine = itemsOf(integration).filter((i) => i.webhook_url === item.webhook_url);
	const matches =
		mine.length === 1 &&
		signature([...(mine[0].event_filter ?? [])].sort()) === signature(item.event_filter) &&
		(mine[0].integrator_key === undefined || mine[0].integrator_key === data.secret) &&
		data.registered === signature({ ...ids, ...item });
	if (matches) return true;
	// Remove what it registered before (another URL after a WEBHOOK_URL change, another integration).
	await ticketingDelete.call(this, client, data);
	return false;
}

async function ticketingCreate(this: IHookFunctions, client: SynqlyClient, data: Registration): Promise<boolean> {
	const { integration: ids, item } = ticketingTarget(this);
	const integration = await readObject(client, ROWS.getIntegration, ids);
	if (!integration) {
		throw new NodeOperationError(this.getNode(), `Synqly has no integration '${ids[INTEGRATION_ID]}' in account '${ids[ACCOUNT_ID]}'`);
	}
	const secret = newSecret();
	const mine = { ...item, integrator_key: secret };
	const patch = integration.webhook_config
		? [...removals(itemsOf(integration), item.webhook_url), { op: 'add', path: '/webhook_config/items/-', value: mine }]
		: [{ op: 'add', path: '/webhook_config', value: { items: [mine] } }];
	Object.assign(data, { secret, registered: signature({ ...ids, ...item }), integration: ids, url: item.webhook_url, nonces: {} });
	await sendRow(client, ROWS.patchIntegration, { path: ids, body: patch });
	return true;
}

async function ticketingDelete(this: IHookFunctions, client: SynqlyClient, data: Registration): Promise<boolean> {
	const ids = data.integration ?? ticketingTarget(this).integration;
	const url = data.url ?? webhookUrl(this);
	const integration = await readObject(client, ROWS.getIntegration, ids);
	const patch = removals(itemsOf(integration), url);
	if (integration && patch.length) await sendRow(client, ROWS.patchIntegration, { path: ids, body: patch });
	forget(data);
	return true;
}

// ----------------------------------------------------------------------------- both

const source = (context: IHookFunctions) => context.getNodeParameter(PARAM.source, 'organization') as Source;

const BY_SOURCE = {
	organization: { exists: organizationExists, create: organizationCreate, remove: organizationDelete },
	ticketing: { exists: ticketingExists, create: ticketingCreate, remove: ticketingDelete },
};

/** A Replay Window that is not valid stops activation with the reason (deactivation still works). */
function checkReplayWindow(context: IHookFunctions): void {
	try {
		replayWindowMs(context.getNodeParameter(PARAM.replayWindow, DEFAULT_REPLAY_WINDOW_MINUTES));
	} catch (error) {
		throw new NodeOperationError(context.getNode(), (error as Error).message);
	}
}

/** Each activation hook is an entry point: one client for its requests. */
const hook =
	(step: 'exists' | 'create' | 'remove') =>
	async function (this: IHookFunctions): Promise<boolean> {
		if (step !== 'remove') checkReplayWindow(this);
		const data = registrationOf(this);
		const client = new SynqlyClient(this, 'management');
		return await guarded(this, data, async () => await BY_SOURCE[source(this)][step].call(this, client, data));
	};

export const registrationExists = hook('exists');
export const register = hook('create');
export const deregister = hook('remove');
