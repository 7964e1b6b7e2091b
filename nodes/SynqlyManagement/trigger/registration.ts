import { randomBytes } from 'crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ACCOUNT_ID, INTEGRATION_ID, withoutSecrets } from '../../shared/http/auth';
import { synqlyRequest } from '../../shared/http/transport';
import { buildPath } from '../../shared/values/wire';

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
	integrationPath?: string;
	url?: string;
	/** Nonces of accepted deliveries -> when they arrived (epoch ms), for replay detection. */
	nonces?: IDataObject;
}

const WEBHOOKS_PATH = '/v1/organization/webhooks';
const INTEGRATION_PATH = `/v1/integrations/{${PARAM.account}}/{${PARAM.integration}}`;

const newSecret = () => randomBytes(32).toString('hex');

export const registrationOf = (context: { getWorkflowStaticData(type: string): IDataObject }) =>
	context.getWorkflowStaticData('node') as Registration;

function forget(data: Registration): void {
	delete data.webhookId;
	delete data.secret;
	delete data.registered;
	delete data.integrationPath;
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

/** Where the picked integration is read and patched. */
export function integrationPath(context: IHookFunctions | IWebhookFunctions): string {
	const values = { [PARAM.account]: text(context, PARAM.account), [PARAM.integration]: text(context, PARAM.integration) };
	return buildPath(context, INTEGRATION_PATH, values, 0, { [PARAM.account]: 'Account', [PARAM.integration]: 'Integration' });
}

/** The webhook item the form asks for, and the integration it goes on (ticketing mode). */
function ticketingTarget(context: IHookFunctions) {
	const eventFilter = stringList(context, PARAM.ticketEvents);
	if (eventFilter.length === 0) throw new NodeOperationError(context.getNode(), 'Choose at least one ticket event');
	return {
		path: integrationPath(context),
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
		throw withoutSecrets(context, error, new Set(data.secret ? [data.secret] : []), 0);
	}
}

/** The object at `path`, or undefined when Synqly no longer has it. */
async function readObject(context: IHookFunctions, path: string): Promise<IDataObject | undefined> {
	const answer = await synqlyRequest.call(context, 'management', { method: 'GET', path, itemIndex: 0 }).catch(unlessNotFound);
	return answer?.result as IDataObject | undefined;
}

// ----------------------------------------------------------------------------- organization

async function organizationExists(this: IHookFunctions, data: Registration): Promise<boolean> {
	if (!data.webhookId || !data.secret) return false;
	const wanted = organizationWebhook(this);
	const path = `${WEBHOOKS_PATH}/${encodeURIComponent(data.webhookId)}`;
	const current = await readObject(this, path);
	if (!current) {
		forget(data);
		return false;
	}
	const stored = { url: current.url, filters: [...((current.filters as string[]) ?? [])].sort(), ...(current.environment ? { environment: current.environment } : {}) };
	if (signature(stored) === signature(wanted) && data.registered === signature(wanted)) return true;
	// Registered for another URL or other events: remove it, n8n then calls create.
	await organizationDelete.call(this, data);
	return false;
}

async function organizationCreate(this: IHookFunctions, data: Registration): Promise<boolean> {
	const wanted = organizationWebhook(this);
	const secret = newSecret();
	const name = `n8n-${randomBytes(6).toString('hex')}`;
	data.secret = secret;
	const body = { ...wanted, name, fullname: `n8n: ${this.getWorkflow().name ?? this.getNode().name}`, secret: { value: secret } };
	const answer = await synqlyRequest.call(this, 'management', { method: 'POST', path: WEBHOOKS_PATH, body, itemIndex: 0 });
	const id = (answer.result as IDataObject | undefined)?.id;
	if (typeof id !== 'string') throw new NodeOperationError(this.getNode(), 'Synqly answered the webhook registration without an id');
	Object.assign(data, { webhookId: id, secret, registered: signature(wanted), nonces: {} });
	return true;
}

async function organizationDelete(this: IHookFunctions, data: Registration): Promise<boolean> {
	if (data.webhookId) {
		const path = `${WEBHOOKS_PATH}/${encodeURIComponent(data.webhookId)}`;
		// Already removed on Synqly's side (404) is the state deactivation wants.
		await synqlyRequest.call(this, 'management', { method: 'DELETE', path, itemIndex: 0 }).catch(unlessNotFound);
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

async function ticketingExists(this: IHookFunctions, data: Registration): Promise<boolean> {
	if (!data.secret) return false;
	const { path, item } = ticketingTarget(this);
	const integration = await readObject(this, path);
	const mine = itemsOf(integration).filter((i) => i.webhook_url === item.webhook_url);
	const matches =
		mine.length === 1 &&
		signature([...(mine[0].event_filter ?? [])].sort()) === signature(item.event_filter) &&
		(mine[0].integrator_key === undefined || mine[0].integrator_key === data.secret) &&
		data.registered === signature({ path, ...item });
	if (matches) return true;
	// Remove what it registered before (another URL after a WEBHOOK_URL change, another integration).
	await ticketingDelete.call(this, data);
	return false;
}

async function ticketingCreate(this: IHookFunctions, data: Registration): Promise<boolean> {
	const { path, item } = ticketingTarget(this);
	const integration = await readObject(this, path);
	if (!integration) throw new NodeOperationError(this.getNode(), `Synqly has no integration at ${path}`);
	const secret = newSecret();
	const mine = { ...item, integrator_key: secret };
	const patch = integration.webhook_config
		? [...removals(itemsOf(integration), item.webhook_url), { op: 'add', path: '/webhook_config/items/-', value: mine }]
		: [{ op: 'add', path: '/webhook_config', value: { items: [mine] } }];
	Object.assign(data, { secret, registered: signature({ path, ...item }), integrationPath: path, url: item.webhook_url, nonces: {} });
	await synqlyRequest.call(this, 'management', { method: 'PATCH', path, body: patch, itemIndex: 0 });
	return true;
}

async function ticketingDelete(this: IHookFunctions, data: Registration): Promise<boolean> {
	const path = data.integrationPath ?? ticketingTarget(this).path;
	const url = data.url ?? webhookUrl(this);
	const integration = await readObject(this, path);
	const patch = removals(itemsOf(integration), url);
	if (integration && patch.length) {
		await synqlyRequest.call(this, 'management', { method: 'PATCH', path, body: patch, itemIndex: 0 });
	}
	forget(data);
	return true;
}

// ----------------------------------------------------------------------------- both

const source = (context: IHookFunctions) => context.getNodeParameter(PARAM.source, 'organization') as Source;

const BY_SOURCE = {
	organization: { exists: organizationExists, create: organizationCreate, remove: organizationDelete },
	ticketing: { exists: ticketingExists, create: ticketingCreate, remove: ticketingDelete },
};

export async function registrationExists(this: IHookFunctions): Promise<boolean> {
	const data = registrationOf(this);
	return await guarded(this, data, async () => await BY_SOURCE[source(this)].exists.call(this, data));
}

export async function register(this: IHookFunctions): Promise<boolean> {
	const data = registrationOf(this);
	return await guarded(this, data, async () => await BY_SOURCE[source(this)].create.call(this, data));
}

export async function deregister(this: IHookFunctions): Promise<boolean> {
	const data = registrationOf(this);
	return await guarded(this, data, async () => await BY_SOURCE[source(this)].remove.call(this, data));
}
