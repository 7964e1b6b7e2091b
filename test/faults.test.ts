/**
 * Faults at volume: 1,800 items through Management and Connector operations (gets, creates,
 * Create or Update, lists, ticket creation, batched events) while the sandbox injects random
 * faults into 20 % of all requests, the dangerous kind included (applied, then the answer failed
 * or never came). Every input item must end as exactly one output or error item, and no side
 * effect may happen twice. The figures are printed for the closing note.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { rl, runNode, type RunNodeResult } from './harness';
import { SANDBOX_DEMO_SIEM_TOKEN, SANDBOX_DEMO_TICKETS_TOKEN, startSandbox, type Sandbox } from './sandbox/server';

jest.setTimeout(300_000);

let sb: Sandbox;
const figures: Record<string, number> = { items: 0, errorItems: 0, lost: 0, duplicates: 0, requests: 0 };
const injected: string[] = [];

beforeAll(async () => {
	sb = await startSandbox({ seed: 'demo' });
});
afterAll(async () => {
	console.log(JSON.stringify({ ...figures, faults: injected.length, byKind: countBy(injected) }, null, 1));
	await sb.close();
});

const FAULTS = { rate: 0.2, seed: 20261202 };
/** Short attempts, so that the injected slow answers time out; several at once. */
const requestOptions = { concurrency: 8, timeout: 1 };

function countBy(values: string[]): Record<string, number> {
	const out: Record<string, number> = {};
	for (const v of values) out[v] = (out[v] ?? 0) + 1;
	return out;
}

async function run(node: string, parameters: INodeParameters, items: IDataObject[], credentials: IDataObject): Promise<RunNodeResult> {
	const started = Date.now();
	const result = await runNode({
		node,
		parameters: { ...parameters, requestOptions },
		credentials: credentials as never,
		items,
		onError: 'continueRegularOutput',
	});
	// Bounded: every attempt has a 1 s timeout and at most 3 retries.
	expect(Date.now() - started).toBeLessThan(120_000);
	expect(result.error).toBeUndefined();
	return result;
}

/** Every input item is named by exactly one output item's pairedItem (batches pair several). */
function accountFor(inputs: number, outputs: INodeExecutionData[]) {
	const seen = outputs.flatMap((o) => (Array.isArray(o.pairedItem) ? o.pairedItem : [o.pairedItem]).map((p) => (p as { item: number }).item));
	const perItem = countBy(seen.map(String));
	const lost = Array.from({ length: inputs }, (_, i) => i).filter((i) => !perItem[i]);
	const twice = Object.entries(perItem).filter(([, n]) => n > 1);
	figures.items += inputs;
	figures.errorItems += outputs.filter((o) => o.json.error !== undefined).length;
	figures.lost += lost.length;
	expect(lost).toEqual([]);
	expect(twice).toEqual([]);
}

const org = () => ({ synqlyOrganizationApi: { accessToken: sb.orgToken, baseUrl: sb.url } });
const integration = (token: string) => ({ synqlyIntegrationApi: { accessToken: token, baseUrl: sb.url } });
/** Answers the sandbox still applies after the node gave up on them land within 1.5 s. */
const settle = async () => await new Promise((resolve) => setTimeout(resolve, 2000));

function expectNoDuplicates(values: string[]) {
	const twice = Object.entries(countBy(values)).filter(([, n]) => n > 1);
	figures.duplicates += twice.length;
	expect(twice).toEqual([]);
}

beforeEach(() => {
	sb.reset();
	sb.chaos(FAULTS);
});
afterEach(() => {
	injected.push(...sb.chaosLog.map((f) => f.kind));
	figures.requests += sb.requests.length;
});

test('300 account gets: every item ends as one output or error item', async () => {
	const result = await run('synqlyManagement', { resource: 'account', operation: 'get', accountId: rl('acme') }, Array(300).fill({}), org());
	accountFor(300, result.items);
	expect(result.items.filter((i) => i.json.name === 'acme').length).toBeGreaterThan(250);
});

test('150 account creates: no account is created twice', async () => {
	const items = Array.from({ length: 150 }, (_, i) => ({ name: `fault-${String(i).padStart(3, '0')}` }));
	const result = await run('synqlyManagement', { resource: 'account', operation: 'create', name: '={{ $json.name }}' }, items, org());
	accountFor(150, result.items);
	await settle();
	expectNoDuplicates(sb.state.accounts.all().map((a) => a.name));
	const created = new Set(sb.state.accounts.all().map((a) => a.name));
	// An item that succeeded really created its account.
	for (const [i, item] of result.items.entries()) if (item.json.error === undefined) expect(created.has(items[i].name)).toBe(true);
});

test('Create or Update of 150 accounts, run twice: no duplicates, the second run converges', async () => {
	const items = Array.from({ length: 150 }, (_, i) => ({ name: `upsert-${String(i).padStart(3, '0')}`, fullname: `Upsert ${i}` }));
	const parameters = { resource: 'account', operation: 'upsert', name: '={{ $json.name }}', additionalFields: { fullname: '={{ $json.fullname }}' } };
	accountFor(150, (await run('synqlyManagement', parameters, items, org())).items);
	await settle();
	const second = await run('synqlyManagement', parameters, items, org());
	accountFor(150, second.items);
	await settle();
	expectNoDuplicates(sb.state.accounts.all().map((a) => a.name));
	expect(second.items.filter((i) => i.json.action === 'created').length).toBeLessThan(20);
});

test('Return All over 230 accounts, 5 times: every list is whole, nothing repeated', async () => {
	sb.chaos(undefined);
	for (let i = 0; i < 230; i++) sb.state.accounts.put({ ...sb.state.baseFields(sb.state.accounts, { name: `list-${String(i).padStart(3, '0')}` }), organization_id: sb.state.organization.id, environment: 'test' });
	const total = sb.state.accounts.all().length;
	sb.chaos(FAULTS);
	const result = await run('synqlyManagement', { resource: 'account', operation: 'getAll', returnAll: true }, Array(5).fill({}), org());
	const errors = result.items.filter((i) => i.json.error !== undefined);
	const perItem = countBy(result.items.filter((i) => i.json.error === undefined).map((i) => String((i.pairedItem as { item: number }).item)));
	for (const count of Object.values(perItem)) expect(count).toBe(total);
	expect(Object.keys(perItem).length + errors.length).toBe(5);
	figures.items += 5;
	figures.errorItems += errors.length;
});

test('200 tickets: no ticket is created twice', async () => {
	const before = sb.state.connector('acme-tickets').tickets.size;
	const items = Array.from({ length: 200 }, (_, i) => ({ name: `fault ticket ${i}` }));
	const result = await run('synqlyConnector', { resource: 'ticketing', operation: 'createTicket', name: '={{ $json.name }}' }, items, integration(SANDBOX_DEMO_TICKETS_TOKEN));
	accountFor(200, result.items);
	await settle();
	const tickets = [...sb.state.connector('acme-tickets').tickets.values()].map((t) => String(t.name));
	expectNoDuplicates(tickets);
	expect(tickets.length - before).toBeGreaterThan(150);
});

test('1,000 events in batches of 50: no event is posted twice', async () => {
	const items = Array.from({ length: 1000 }, (_, i) => ({
		class_name: 'Authentication',
		class_uid: 3002,
		category_uid: 3,
		activity_id: 1,
		type_uid: 300201,
		severity_id: 1,
		time: 1736942400000,
		user: { uid: 'u1' },
		metadata: { uid: `fault-${i}`, version: '1.3.0', product: { name: 'n8n' } },
	}));
	const result = await run('synqlyConnector', { resource: 'siem', operation: 'postEvents', options: { batchSize: 50 } }, items, integration(SANDBOX_DEMO_SIEM_TOKEN));
	accountFor(1000, result.items);
	await settle();
	const posted = (sb.state.connector('acme-siem').posted.siem_post_events ?? []) as Array<{ metadata: { uid: string } }>;
	expectNoDuplicates(posted.map((e) => e.metadata.uid));
	expect(sb.chaosLog.length).toBeGreaterThan(0);
});
