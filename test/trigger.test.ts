/**
 * The Synqly Management Trigger as n8n runs it: activation and deactivation through n8n-core's HookContext,
 * deliveries over real HTTP from the sandbox (signed with the secret the node registered, or
 * forged) into n8n-core's WebhookContext, executions by WorkflowExecute. See harness/trigger.ts.
 */
import { createHmac } from 'node:crypto';

import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { rl } from './harness';
import { TriggerWorkflow } from './harness/trigger';
import { SANDBOX_DEMO_TICKETS_TOKEN, SANDBOX_IDS, startSandbox, type Sandbox } from './sandbox/server';
import { pendingDeliveries } from './sandbox/webhooks';

let sandbox: Sandbox;
let trigger: TriggerWorkflow | undefined;

beforeAll(async () => {
	sandbox = await startSandbox({ seed: 'demo' });
});
afterAll(async () => {
	await sandbox.close();
});
beforeEach(() => sandbox.reset());
afterEach(async () => {
	await trigger?.close();
	trigger = undefined;
});

async function start(parameters: INodeParameters, queueWorker = false): Promise<TriggerWorkflow> {
	trigger = await TriggerWorkflow.start({
		node: 'synqlyManagementTrigger',
		queueWorker,
		parameters,
		credentials: { synqlyOrganizationApi: { accessToken: sandbox.orgToken, baseUrl: sandbox.url } },
	});
	return trigger;
}

interface Fired {
	url: string;
	answers: Array<{ status: number; body: string }>;
}

/** Has the sandbox fire deliveries now (`POST /__sandbox/deliver`); resolves with the answers. */
async function fire(request: { event?: string; flaw?: string; integration?: string; pauseMs?: number }): Promise<Fired[]> {
	const res = await fetch(`${sandbox.url}/__sandbox/deliver`, { method: 'POST', body: JSON.stringify(request) });
	expect(res.status).toBe(200);
	return (await res.json()) as Fired[];
}

const calls = (method: string, path: RegExp) => sandbox.requests.filter((r) => r.method === method && path.test(r.path));

/** The forged deliveries the sandbox fires, and what the trigger must answer (with no execution). */
const FORGED: Array<[string, number]> = [
	['unsigned', 401],
	['wrongSecret', 401],
	['tampered', 401],
	['nonJson', 400],
];

const ORG = { source: 'organization', events: ['account_create', 'integration_create'], environment: 'prod' };

const TICKETING = {
	source: 'ticketing',
	accountId: rl('acme', 'list'),
	integrationId: rl(SANDBOX_IDS.ticketingIntegration, 'list'),
	ticketEvents: ['TicketCreated', 'TicketCommentCreated'],
};

describe('organization events', () => {
	test('activation registers a webhook for the production URL with a fresh secret and the chosen filters', async () => {
		const t = await start(ORG);
		expect(await t.activate()).toBe('created');

		const hooks = sandbox.state.webhooks.all();
		expect(hooks).toHaveLength(1);
		expect(hooks[0]).toEqual(
			expect.objectContaining({ url: t.webhookUrl(), filters: ['account_create', 'integration_create'], environment: 'prod' }),
		);
		const secret = String(t.staticData.secret);
		expect(secret).toMatch(/^[0-9a-f]{64}$/);
		expect(sandbox.state.credentials.find(hooks[0].credential_id)?.config.secret).toBe(secret);
		expect(t.staticData.webhookId).toBe(hooks[0].id);
		expect(calls('POST', /^\/v1\/organization\/webhooks$/)).toHaveLength(1);
	});

	test('an account created in Synqly starts one execution with the event, the account and the nonce', async () => {
		const t = await start(ORG);
		await t.activate();
		const created = await fetch(`${sandbox.url}/v1/accounts`, {
			method: 'POST',
			headers: { authorization: `Bearer ${sandbox.orgToken}`, 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'new-customer', environment: 'prod' }),
		});
		expect(created.status).toBe(200);
		await pendingDeliveries(sandbox.state);

		expect(sandbox.state.deliveries.map((d) => d.status)).toEqual([200]);
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0].status).toBe('success');
		const [item] = t.itemsOf(0);
		expect(item).toEqual(
			expect.objectContaining({
				event: 'account_create',
				nonce: (sandbox.state.deliveries[0].payload as IDataObject).nonce,
				account: expect.objectContaining({ name: 'new-customer', environment: 'prod' }),
				integration: null,
			}),
		);
	});

	test('an integration event carries the integration without provider secrets; no secret reaches the output', async () => {
		const t = await start({ ...ORG, environment: '' });
		await t.activate();
		const fired = await fire({ event: 'integration_create' });
		expect(fired[0].answers[0].status).toBe(200);
		const [item] = t.itemsOf(0);
		expect(item.event).toBe('integration_create');
		expect(item.integration).toEqual(expect.objectContaining({ id: expect.any(String), provider_config: expect.any(Object) }));
		expect(item.account).toEqual(expect.objectContaining({ id: SANDBOX_IDS.account }));
		expect(JSON.stringify(t.executions[0].data)).not.toContain(String(t.staticData.secret));
	});

	test('checkExists finds its own webhook again and creates nothing', async () => {
		const t = await start(ORG);
		await t.activate();
		const id = t.staticData.webhookId;
		sandbox.requests.length = 0;
		expect(await t.activate()).toBe('existed');
		expect(calls('GET', /^\/v1\/organization\/webhooks\//)).toHaveLength(1);
		expect(calls('POST', /webhooks/)).toHaveLength(0);
		expect(t.staticData.webhookId).toBe(id);
	});

	test('a webhook removed on Synqly\'s side is registered again', async () => {
		const t = await start(ORG);
		await t.activate();
		const first = String(t.staticData.webhookId);
		const removed = await fetch(`${sandbox.url}/v1/organization/webhooks/${first}`, { method: 'DELETE', headers: { authorization: `Bearer ${sandbox.orgToken}` } });
		expect(removed.status).toBeLessThan(300);
		expect(await t.activate()).toBe('created');
		expect(t.staticData.webhookId).not.toBe(first);
		expect(sandbox.state.webhooks.all().map((h) => h.id)).toEqual([t.staticData.webhookId]);
	});

	test('changed events: the old webhook is deleted and one with the new filters registered', async () => {
		const t = await start(ORG);
		await t.activate();
		const first = String(t.staticData.webhookId);
		t.setParameter('events', ['all']);
		expect(await t.activate()).toBe('created');
		expect(calls('DELETE', new RegExp(`/v1/organization/webhooks/${first}$`))).toHaveLength(1);
		expect(sandbox.state.webhooks.all()).toEqual([expect.objectContaining({ filters: ['all'] })]);
	});

	test('a webhook whose URL was changed on Synqly\'s side is replaced', async () => {
		const t = await start(ORG);
		await t.activate();
		const hook = sandbox.state.webhooks.all()[0];
		hook.url = 'https://elsewhere.example/hook';
		expect(await t.activate()).toBe('created');
		expect(sandbox.state.webhooks.all()).toEqual([expect.objectContaining({ url: t.webhookUrl() })]);
	});

	test('deactivation deletes the webhook and forgets the secret; nothing stays registered', async () => {
		const t = await start(ORG);
		await t.activate();
		const id = String(t.staticData.webhookId);
		expect(await t.deactivate()).toBe(true);
		expect(calls('DELETE', new RegExp(`/v1/organization/webhooks/${id}$`))).toHaveLength(1);
		expect(sandbox.state.webhooks.all()).toEqual([]);
		expect(t.staticData).toEqual({});
		// Deleting again (already gone on Synqly's side) is fine.
		expect(await t.deactivate()).toBe(true);
	});

	test('listen for test event: registered for the test URL, delivered, removed', async () => {
		const t = await start(ORG);
		expect(await t.activate('manual')).toBe('created');
		expect(sandbox.state.webhooks.all()[0].url).toBe(t.webhookUrl('test'));
		await fire({ event: 'account_create' });
		expect(t.executions).toHaveLength(1);
		expect(t.itemsOf(0)[0].event).toBe('account_create');
		await t.deactivate('manual');
		expect(sandbox.state.webhooks.all()).toEqual([]);
	});
});

describe('every delivery is verified', () => {
	const statuses = (fired: Fired[]) => fired.flatMap((f) => f.answers.map((a) => a.status));

	test.each(FORGED)('%s: answered %i, no execution', async (flaw, status) => {
		const t = await start(ORG);
		await t.activate();
		expect(statuses(await fire({ event: 'account_create', flaw }))).toEqual([status]);
		expect(t.executions).toHaveLength(0);
	});

	test('a replayed nonce is acknowledged with 200 and starts nothing; without a window it runs twice', async () => {
		const t = await start(ORG);
		await t.activate();
		const fired = await fire({ event: 'account_create', flaw: 'replay' });
		expect(statuses(fired)).toEqual([200, 200]);
		expect(JSON.parse(fired[0].answers[1].body)).toEqual({ received: true, duplicate: true });
		expect(t.executions).toHaveLength(1);

		t.setParameter('replayWindow', 0);
		await fire({ event: 'account_create', flaw: 'replay' });
		expect(t.executions).toHaveLength(3);
	});

	test('queue mode: the nonce is stored before the worker runs the execution; a replay starts nothing; the registration stays', async () => {
		const t = await start(ORG, true);
		await t.activate();
		const registration = { ...t.staticData };
		const fired = await fire({ event: 'account_create', flaw: 'replay' });
		expect(statuses(fired)).toEqual([200, 200]);
		expect(JSON.parse(fired[0].answers[1].body)).toEqual({ received: true, duplicate: true });
		expect(t.executions).toHaveLength(1);
		expect(t.executions[0].status).toBe('success');
		expect(t.staticData).toEqual(expect.objectContaining({ webhookId: registration.webhookId, secret: registration.secret }));
		expect(Object.keys(t.staticData.nonces as IDataObject)).toEqual([`nonce:${String(t.itemsOf(0)[0].nonce)}`]);
	});

	test('nonces older than the window are forgotten', async () => {
		const t = await start({ ...ORG, replayWindow: 1 });
		await t.activate();
		await fire({ event: 'account_create' });
		const nonces = () => t.staticData.nonces as Record<string, number>;
		const [nonce] = Object.keys(nonces());
		nonces()[nonce] -= 61_000;
		await fire({ event: 'account_create' });
		expect(Object.keys(nonces())).not.toContain(nonce);
		expect(Object.keys(nonces())).toHaveLength(1);
		expect(t.executions).toHaveLength(2);
	});

	test.each([
		['synqly-signature', 'sha256='],
		['synqly-signature', ''],
		['x-synqly-signature', 'sha256='],
		['x-synqly-signature', ''],
	])('the signature is accepted in %s with prefix "%s"', async (header, prefix) => {
		const t = await start(ORG);
		await t.activate();
		const body = JSON.stringify({ event: 'account_create', nonce: `n-${header}-${prefix}`, account: { id: 'acc_x' } });
		const hex = createHmac('sha256', String(t.staticData.secret)).update(body).digest('hex');
		const res = await fetch(t.webhookUrl(), { method: 'POST', headers: { 'content-type': 'application/json', [header]: `${prefix}${hex}` }, body });
		expect(res.status).toBe(200);
		expect(t.executions).toHaveLength(1);
		const bad = await fetch(t.webhookUrl(), { method: 'POST', headers: { 'content-type': 'application/json', [header]: `${prefix}${'0'.repeat(64)}` }, body });
		expect(bad.status).toBe(401);
		expect(t.executions).toHaveLength(1);
	});

	test('a delivery before any registration (no secret) is refused', async () => {
		const t = await start(ORG);
		const res = await fetch(t.webhookUrl(), { method: 'POST', headers: { 'content-type': 'application/json', 'synqly-signature': 'sha256=00' }, body: '{}' });
		expect(res.status).toBe(401);
		expect(t.executions).toHaveLength(0);
	});
});

describe('ticketing integration events', () => {
	const integration = () => sandbox.state.integrations.find(SANDBOX_IDS.ticketingIntegration)!;
	const OTHER = { webhook_url: 'https://other.example/hook', event_filter: ['TicketDeleted'], integrator_key: 'other-subscriber-key-0123456789' };

	async function withOtherSubscriber() {
		integration().webhook_config = { provider_key: 'provider-key', items: [{ ...OTHER }] };
	}

	test('activation adds one webhook item with its own integrator key; other items and settings untouched', async () => {
		await withOtherSubscriber();
		const before = structuredClone({ ...integration(), webhook_config: undefined, updated_at: undefined });
		const t = await start(TICKETING);
		expect(await t.activate()).toBe('created');

		const config = integration().webhook_config!;
		expect(config.provider_key).toBe('provider-key');
		expect(config.items).toEqual([
			OTHER,
			{ webhook_url: t.webhookUrl(), event_filter: ['TicketCommentCreated', 'TicketCreated'], integrator_key: t.staticData.secret },
		]);
		expect({ ...integration(), webhook_config: undefined, updated_at: undefined }).toEqual(before);
		const patches = calls('PATCH', /^\/v1\/integrations\/acme\//);
		expect(patches).toHaveLength(1);
		expect(JSON.stringify(patches[0].body)).not.toContain(OTHER.integrator_key);
		expect(calls('PUT', /integrations/)).toHaveLength(0);
	});

	test('a ticket created through the connector starts an execution with the event, the raw payload, account and integration', async () => {
		const t = await start(TICKETING);
		await t.activate();
		const res = await fetch(`${sandbox.url}/v1/ticketing/tickets`, {
			method: 'POST',
			headers: { authorization: `Bearer ${SANDBOX_DEMO_TICKETS_TOKEN}`, 'content-type': 'application/json' },
			body: JSON.stringify({ name: 'Phishing report', summary: 'Phishing report', project: 'SEC', issue_type: 'Task' }),
		});
		expect(res.status).toBeLessThan(300);
		await pendingDeliveries(sandbox.state);
		// The delivery is answered before the integration is read; the execution starts after.
		await t.settled();
		expect(sandbox.state.deliveries.map((d) => [d.event, d.status])).toEqual([['TicketCreated', 200]]);
		expect(t.executions).toHaveLength(1);
		const [item] = t.itemsOf(0);
		expect(item).toEqual(
			expect.objectContaining({
				event: 'TicketCreated',
				ticket_id: expect.any(String),
				raw_payload: expect.objectContaining({ summary: 'Phishing report' }),
				account: expect.objectContaining({ id: SANDBOX_IDS.account }),
				integration: expect.objectContaining({ id: SANDBOX_IDS.ticketingIntegration }),
			}),
		);
		expect(JSON.stringify(t.executions[0].data)).not.toContain(String(t.staticData.secret));
	});

	test.each(FORGED)('%s ticket delivery: answered %i, no execution', async (flaw, status) => {
		const t = await start(TICKETING);
		await t.activate();
		const fired = await fire({ integration: SANDBOX_IDS.ticketingIntegration, event: 'TicketCreated', flaw });
		expect(fired.map((f) => f.answers[0].status)).toEqual([status]);
		expect(t.executions).toHaveLength(0);
	});

	test('events not chosen are not forwarded', async () => {
		const t = await start(TICKETING);
		await t.activate();
		expect(await fire({ integration: SANDBOX_IDS.ticketingIntegration, event: 'TicketDeleted' })).toEqual([]);
		expect(t.executions).toHaveLength(0);
	});

	test('checkExists finds the item again; a changed integrator key or removed item is replaced', async () => {
		const t = await start(TICKETING);
		await t.activate();
		expect(await t.activate()).toBe('existed');
		integration().webhook_config!.items[0].integrator_key = 'changed-elsewhere-0123456789abcdef';
		expect(await t.activate()).toBe('created');
		expect(integration().webhook_config!.items).toEqual([expect.objectContaining({ integrator_key: t.staticData.secret })]);
		integration().webhook_config!.items = [];
		expect(await t.activate()).toBe('created');
		expect(integration().webhook_config!.items).toHaveLength(1);
	});

	test('after n8n\'s URL changed, the item at the old URL is removed and one at the new URL added', async () => {
		await withOtherSubscriber();
		const t = await start(TICKETING);
		await t.activate();
		const old = 'https://old-n8n.example/webhook/x/webhook';
		integration().webhook_config!.items[1].webhook_url = old;
		t.staticData.url = old;
		expect(await t.activate()).toBe('created');
		expect(integration().webhook_config!.items.map((i) => i.webhook_url)).toEqual([OTHER.webhook_url, t.webhookUrl()]);
	});

	test('deactivation removes only its own item', async () => {
		await withOtherSubscriber();
		const t = await start(TICKETING);
		await t.activate();
		expect(await t.deactivate()).toBe(true);
		expect(integration().webhook_config).toEqual({ provider_key: 'provider-key', items: [OTHER] });
		expect(t.staticData).toEqual({});
	});

	test('listen for test event works for ticketing too', async () => {
		const t = await start(TICKETING);
		await t.activate('manual');
		expect(integration().webhook_config!.items[0].webhook_url).toBe(t.webhookUrl('test'));
		await fire({ integration: SANDBOX_IDS.ticketingIntegration, event: 'TicketCommentCreated' });
		await t.settled();
		expect(t.itemsOf(0)[0].event).toBe('TicketCommentCreated');
		await t.deactivate('manual');
		expect(integration().webhook_config!.items).toEqual([]);
	});

	test('an integration that does not exist fails activation with Synqly\'s 404, naming no secret', async () => {
		const t = await start({ ...TICKETING, integrationId: rl('no-such-integration') });
		await expect(t.activate()).rejects.toThrow(/could not be found|not found|no integration/i);
		expect(t.staticData.secret).toBeUndefined();
	});
});

describe('replay attacks', () => {
	/** POSTs `payload` to the trigger signed with its secret, as Synqly would (or an attacker who captured it). */
	async function deliver(t: TriggerWorkflow, payload: IDataObject | string): Promise<{ status: number; body: IDataObject; headers: Headers }> {
		const body = typeof payload === 'string' ? payload : JSON.stringify(payload);
		const hex = createHmac('sha256', String(t.staticData.secret)).update(body).digest('hex');
		const res = await fetch(t.webhookUrl(), { method: 'POST', headers: { 'content-type': 'application/json', 'synqly-signature': `sha256=${hex}` }, body });
		const text = await res.text();
		await t.settled();
		return { status: res.status, body: text ? (JSON.parse(text) as IDataObject) : {}, headers: res.headers };
	}

	test('a re-sent ticketing delivery (no nonce) is acknowledged as a duplicate and starts nothing', async () => {
		const t = await start(TICKETING);
		await t.activate();
		const fired = await fire({ integration: SANDBOX_IDS.ticketingIntegration, event: 'TicketCreated', flaw: 'replay' });
		await t.settled();
		expect(fired[0].answers.map((a) => a.status)).toEqual([200, 200]);
		expect(JSON.parse(fired[0].answers[1].body)).toEqual({ received: true, duplicate: true });
		expect(t.executions).toHaveLength(1);
	});

	test.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', '0'])('the nonce %p is an ordinary nonce: new once, then a replay', async (nonce) => {
		const t = await start(ORG);
		await t.activate();
		const payload = { event: 'account_create', nonce, account: { id: 'acc_x' } };
		const first = await deliver(t, payload);
		expect([first.status, first.body]).toEqual([200, { received: true }]);
		expect(t.executions).toHaveLength(1);
		expect(t.itemsOf(0)[0].nonce).toBe(nonce);
		const copy = await deliver(t, payload);
		expect([copy.status, copy.body]).toEqual([200, { received: true, duplicate: true }]);
		expect(t.executions).toHaveLength(1);
	});

	test('a replay after 1,000 newer deliveries (load) is still a replay', async () => {
		const t = await start(ORG);
		await t.activate();
		const victim = { event: 'account_create', nonce: 'victim', account: { id: 'acc_x' } };
		expect((await deliver(t, victim)).body).toEqual({ received: true });
		// The load: 1,000 more deliveries accepted since, recorded the way the node records the first.
		const record = t.staticData.nonces as Record<string, number>;
		const [victimKey] = Object.keys(record);
		for (let i = 0; i < 1000; i++) record[victimKey.replace('victim', `load-${i}`)] = record[victimKey] + 1;
		expect((await deliver(t, { event: 'account_create', nonce: 'one-more', account: { id: 'acc_x' } })).body).toEqual({ received: true });
		const replay = await deliver(t, victim);
		expect([replay.status, replay.body]).toEqual([200, { received: true, duplicate: true }]);
		expect(t.executions).toHaveLength(2);
	});

	test.each([[-5], ['abc'], [Number.NaN]])('a Replay Window of %p fails activation with a clear error', async (replayWindow) => {
		const t = await start({ ...ORG, replayWindow });
		await expect(t.activate()).rejects.toThrow(/Replay Window/);
		expect(sandbox.state.webhooks.all()).toEqual([]);
	});

	test.each([[-5], ['abc']])('a delivery under a Replay Window of %p is refused and starts nothing', async (replayWindow) => {
		const t = await start(ORG);
		await t.activate();
		t.setParameter('replayWindow', replayWindow);
		const fired = await fire({ event: 'account_create', flaw: 'replay' });
		await t.settled();
		expect(fired[0].answers.map((a) => a.status)).toEqual([500, 500]);
		expect(t.executions).toHaveLength(0);
	});

	test('a slow Synqly (GET of the integration) does not delay the answer; the redelivery is a duplicate', async () => {
		const t = await start(TICKETING);
		await t.activate();
		// Every Synqly answer 5 s late; the sandbox gives up on a delivery after 2 s (webhookTimeoutMs),
		// so a 200 is an answer in time. The copy comes 3.5 s later, as a retry after a timeout would.
		sandbox.state.settings.latencyMs = 5000;
		const started = Date.now();
		const fired = await fire({ integration: SANDBOX_IDS.ticketingIntegration, event: 'TicketCreated', flaw: 'replay', pauseMs: 3500 });
		await t.settled();
		expect(fired[0].answers.map((a) => ('status' in a ? a.status : a))).toEqual([200, 200]);
		expect(JSON.parse(fired[0].answers[1].body)).toEqual({ received: true, duplicate: true });
		expect(t.executions).toHaveLength(1);
		// One short attempt, no retries: the item goes out with the ids.
		const [item] = t.itemsOf(0);
		expect(item.integration).toEqual({ id: SANDBOX_IDS.ticketingIntegration });
		expect(calls('GET', new RegExp(`/v1/integrations/acme/${SANDBOX_IDS.ticketingIntegration}$`)).filter((r) => r.at >= started)).toHaveLength(1);
	}, 20_000);

	test('with the record full, a new delivery is refused with 503 and Retry-After; nothing is forgotten early', async () => {
		const t = await start(ORG);
		await t.activate();
		const now = Date.now();
		t.staticData.nonces = Object.fromEntries(Array.from({ length: 5000 }, (_, i) => [`nonce:load-${i}`, now - 60_000 + i]));
		const refused = await deliver(t, { event: 'account_create', nonce: 'one-too-many', account: { id: 'acc_x' } });
		expect(refused.status).toBe(503);
		expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(3000);
		expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(3540);
		expect(t.executions).toHaveLength(0);
		const replay = await deliver(t, { event: 'account_create', nonce: 'load-0', account: { id: 'acc_x' } });
		expect(replay.body).toEqual({ received: true, duplicate: true });
		expect(Object.keys(t.staticData.nonces as IDataObject)).toHaveLength(5000);
		// Once the oldest leave the window, new deliveries are accepted again.
		const record = t.staticData.nonces as Record<string, number>;
		for (const key of Object.keys(record).slice(0, 10)) record[key] -= 3_600_000;
		expect((await deliver(t, { event: 'account_create', nonce: 'one-too-many', account: { id: 'acc_x' } })).body).toEqual({ received: true });
		expect(t.executions).toHaveLength(1);
	});

	test('a record stored by 0.1.0 (bare nonces) still catches their replays', async () => {
		const t = await start(ORG);
		await t.activate();
		t.staticData.nonces = { 'old-nonce': Date.now() - 1000 };
		const replay = await deliver(t, { event: 'account_create', nonce: 'old-nonce', account: { id: 'acc_x' } });
		expect(replay.body).toEqual({ received: true, duplicate: true });
		expect(t.staticData.nonces).toEqual({ 'nonce:old-nonce': expect.any(Number) });
	});

	test('a Replay Window of 0 turns protection off, explicitly: a copy starts a second execution', async () => {
		const t = await start({ ...TICKETING, replayWindow: 0 });
		await t.activate();
		await fire({ integration: SANDBOX_IDS.ticketingIntegration, event: 'TicketCreated', flaw: 'replay' });
		await t.settled();
		expect(t.executions).toHaveLength(2);
	});

	test('two identical deliveries arriving together start one execution', async () => {
		const t = await start(ORG);
		await t.activate();
		const payload = { event: 'account_create', nonce: 'together', account: { id: 'acc_x' } };
		const answers = await Promise.all([deliver(t, payload), deliver(t, payload)]);
		expect(answers.map((a) => a.status)).toEqual([200, 200]);
		expect(answers.map((a) => a.body.duplicate === true).sort()).toEqual([false, true]);
		expect(t.executions).toHaveLength(1);
	});
});
