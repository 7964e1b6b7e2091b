/**
 * Create Ticket with an Idempotency Key, against the sandbox: the key goes into the ticket's tags,
 * and a ticket that carries it is found instead of created again. This is what makes retrying a
 * crashed execution safe (docs/synqly-connector-trigger.md, "Crashes").
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { runNode, type RunNodeResult } from './harness';
import { SANDBOX_DEMO_TICKETS_TOKEN, startSandbox, type Sandbox } from './sandbox/server';

jest.setTimeout(60_000);

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox({ seed: 'demo' });
});
afterAll(async () => await sb.close());
beforeEach(() => sb.reset());

const tickets = () => [...sb.state.connector('acme-tickets').tickets.values()] as IDataObject[];
const tagged = (key: string) => tickets().filter((t) => Array.isArray(t.tags) && (t.tags as string[]).includes(key));

async function createTickets(items: IDataObject[], additionalFields: INodeParameters = {}, requestOptions: INodeParameters = {}): Promise<RunNodeResult> {
	const parameters: INodeParameters = {
		resource: 'ticketing',
		operation: 'createTicket',
		name: '={{ $json.name }}',
		additionalFields: { idempotencyKey: '={{ $json.key }}', tags: 'security', ...additionalFields },
		requestOptions,
	};
	const result = await runNode({
		node: 'synqlyConnector',
		parameters,
		credentials: { synqlyIntegrationApi: { accessToken: SANDBOX_DEMO_TICKETS_TOKEN, baseUrl: sb.url } } as never,
		items,
		onError: 'continueRegularOutput',
	});
	expect(result.error).toBeUndefined();
	return result;
}
const actions = (result: RunNodeResult) => result.items.map((i) => i.json.action ?? i.json.error);

test('the same key twice leaves one ticket: the second run finds it', async () => {
	const first = await createTickets([{ name: 'Alert a-1', key: 'alert-a-1' }]);
	const second = await createTickets([{ name: 'Alert a-1', key: 'alert-a-1' }]);
	expect(actions(first)).toEqual(['created']);
	expect(actions(second)).toEqual(['found']);
	expect(tagged('alert-a-1')).toHaveLength(1);
	expect(second.items[0].json.id).toBe(first.items[0].json.id);
	// The key is added to the tags given, not in their place.
	expect(tagged('alert-a-1')[0].tags).toEqual(['security', 'alert-a-1']);
	expect(Object.keys(second.items[0].json)[0]).toBe('action');
});

test('different keys make different tickets', async () => {
	const result = await createTickets([
		{ name: 'Alert b-1', key: 'alert-b-1' },
		{ name: 'Alert b-2', key: 'alert-b-2' },
	]);
	expect(actions(result)).toEqual(['created', 'created']);
	expect(tagged('alert-b-1')).toHaveLength(1);
	expect(tagged('alert-b-2')).toHaveLength(1);
});

test('items of one run with the same key, Concurrency 4: one ticket, the later items get it as found', async () => {
	const items = [1, 2, 3, 4].map((n) => ({ name: `Alert c (${n})`, key: 'alert-c' }));
	const result = await createTickets(items, {}, { concurrency: 4 });
	expect(actions(result)).toEqual(['created', 'found', 'found', 'found']);
	expect(tagged('alert-c')).toHaveLength(1);
	expect(new Set(result.items.map((i) => i.json.id)).size).toBe(1);
	expect(sb.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
});

test('a create Synqly applied but whose answer failed, then a rerun: one ticket', async () => {
	sb.fail({ method: 'POST', path: '/v1/ticketing/tickets', status: 500, afterApply: true });
	const first = await createTickets([{ name: 'Alert d', key: 'alert-d' }]);
	expect(String(first.items[0].json.error)).toContain('500');
	expect(tagged('alert-d')).toHaveLength(1);
	const rerun = await createTickets([{ name: 'Alert d', key: 'alert-d' }]);
	expect(actions(rerun)).toEqual(['found']);
	expect(tagged('alert-d')).toHaveLength(1);
});

test('a key a tag cannot hold fails its item before anything is sent; other items go on', async () => {
	const result = await createTickets([
		{ name: 'Alert e', key: 'alert e' },
		{ name: 'Alert e', key: '' },
		{ name: 'Alert f', key: 'alert-f' },
	]);
	expect(actions(result)).toEqual([
		'"Idempotency Key" has a space or a comma, which a tag cannot hold',
		'"Idempotency Key" is empty',
		'created',
	]);
	expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(sb.requests.filter((r) => r.method === 'POST')).toHaveLength(1);
});

test('without the option, Create Ticket creates every time and says nothing of an action', async () => {
	const parameters: INodeParameters = { resource: 'ticketing', operation: 'createTicket', name: 'Plain' };
	const credentials = { synqlyIntegrationApi: { accessToken: SANDBOX_DEMO_TICKETS_TOKEN, baseUrl: sb.url } } as never;
	await runNode({ node: 'synqlyConnector', parameters, credentials, items: [{}] });
	const second = await runNode({ node: 'synqlyConnector', parameters, credentials, items: [{}] });
	expect(second.items[0].json.action).toBeUndefined();
	expect(tickets().filter((t) => t.name === 'Plain')).toHaveLength(2);
});
