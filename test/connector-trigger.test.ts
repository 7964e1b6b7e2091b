/**
 * The Synqly Connector Trigger as an active workflow: n8n-core's PollContext runs its poll() on
 * each tick with the workflow's static data kept between polls (`Poller`), against the sandbox,
 * which gets new records between polls. Exactly once: no duplicates, no gaps, the boundary of
 * equal timestamps, a failure halfway through the cursor, the cap per poll, a restart, PENDING,
 * the organization-token mode; and the Source list is the Connector's table.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { connectorTable } from '../nodes/SynqlyConnector/catalog';
import { pollSources } from '../nodes/SynqlyConnector/poll';
import { NODE_NAME, Poller, registeredNode, rl, runNode, type Credentials } from './harness';
import { SANDBOX_DEMO_SIEM_TOKEN, SANDBOX_DEMO_TICKETS_TOKEN, startSandbox, type Sandbox } from './sandbox/server';

let sb: Sandbox;
beforeAll(async () => {
	sb = await startSandbox({ seed: 'demo' });
});
afterAll(async () => {
	await sb.close();
});
beforeEach(() => {
	sb.reset();
	sb.requests.length = 0;
	sb.clearFaults();
	// Polls ask for pages of 1,000 (the reference names no largest): pages of 100 keep the cursor in play.
	sb.state.settings.pageCap = 100;
});

const siemCredentials = (): Credentials => ({ synqlyIntegrationApi: { accessToken: SANDBOX_DEMO_SIEM_TOKEN, baseUrl: sb.url } });

const trigger = (parameters: INodeParameters, credentials = siemCredentials(), staticData?: IDataObject) =>
	new Poller({ node: 'synqlyConnectorTrigger', parameters, credentials, staticData });

const alertsTrigger = (options: INodeParameters = {}) => trigger({ source: 'siem:queryAlerts:time', options });

/** What the trigger node keeps in the workflow's static data (n8n keys it by node name). */
const stateOf = (poller: Poller) => poller.staticData[`node:${NODE_NAME}`] as IDataObject;

/** New SIEM alerts at the given times (epoch ms), with ids `uid`. */
function addAlerts(...alerts: Array<[uid: string, time: number]>) {
	sb.state.connector('acme-siem').add(
		'alerts',
		alerts.map(([uid, time]) => ({
			class_name: 'Detection Finding',
			time,
			severity_id: 4,
			finding_info: { uid, title: `Alert ${uid}` },
		})),
	);
}

const uids = (items: INodeExecutionData[] | null) =>
	(items ?? []).map((i) => (i.json.finding_info as IDataObject | undefined)?.uid ?? i.json.id);

/** A time after the trigger's activation, `s` seconds on. */
const later = (s: number) => Date.now() + 60_000 + s * 1000;

const alertRequests = () => sb.requests.filter((r) => r.method === 'GET' && r.path === '/v1/siem/alerts');

describe('the Source list', () => {
	it('is every pollable query of the Connector table, with the sources the issue asks for', async () => {
		const nodeType = await registeredNode('synqlyConnectorTrigger');
		const source = nodeType.description.properties.find((p) => p.name === 'source');
		const fromTable = connectorTable.operations.flatMap((row) =>
			row.kind === 'cursorList' ? (row.poll ?? []).map((by) => `${row.resource}:${row.operation}:${by.field}`) : [],
		);
		expect((source?.options ?? []).map((o) => (o as { value: string }).value).sort()).toEqual([...fromTable].sort());
		expect(fromTable).toEqual(
			expect.arrayContaining([
				'siem:queryEvents:time',
				'siem:queryAlerts:time',
				'edr:queryAlerts:time',
				'edr:queryThreatevents:time',
				'vulnerabilities:queryFindings:time',
				'ticketing:queryTickets:created_at',
				'ticketing:queryTickets:updated_at',
				'identity:queryAuditLog:time',
				'cloudSecurity:queryComplianceFindings:time',
				'appSecurity:queryFindings:time',
			]),
		);
		expect(fromTable).toContain(source?.default);
		expect(nodeType.description.polling).toBe(true);
	});

	it('has a source for each poll entry of every row, so no row with poll but no filters silently vanishes', () => {
		// Read as plain objects: a row of any kind that declares poll counts.
		const rows = connectorTable.operations as ReadonlyArray<{ resource: string; operation: string; poll?: Array<{ field: string }>; filters?: unknown }>;
		expect(rows.filter((row) => row.poll?.length && row.filters === undefined).map((row) => `${row.resource}:${row.operation}`)).toEqual([]);
		const declared = rows.flatMap((row) => (row.poll ?? []).map((by) => `${row.resource}:${row.operation}:${by.field}`));
		expect(declared.length).toBeGreaterThan(0);
		expect(pollSources(connectorTable).map((s) => s.value).sort()).toEqual(declared.sort());
	});
});

describe('exactly once', () => {
	it('activation notes the time: older records never start the workflow, newer ones once each, oldest first', async () => {
		const poller = alertsTrigger();
		expect(await poller.poll()).toBeNull();
		expect(alertRequests()).toHaveLength(0);
		expect(await poller.poll()).toBeNull();
		const t3 = later(3);
		addAlerts(['a3', t3], ['a1', later(1)], ['a2', later(2)]);
		expect(uids(await poller.poll())).toEqual(['a1', 'a2', 'a3']);
		expect(await poller.poll()).toBeNull();
		// Each poll asks only for what is at or after the watermark, in the reference's filter syntax.
		expect(stateOf(poller).watermark).toBe(t3);
		expect(alertRequests().at(-1)?.query.filter).toEqual([`time[gte]${new Date(t3).toISOString()}`]);
	});

	it('has no duplicates and no gaps over many polls, and records sharing the last timestamp arrive later', async () => {
		const poller = alertsTrigger();
		await poller.poll();
		const t = later(10);
		addAlerts(['b1', t], ['b2', t]);
		expect(uids(await poller.poll())).toEqual(['b1', 'b2']);
		// Same time as the watermark, arriving after the poll that moved it there.
		addAlerts(['b3', t]);
		expect(uids(await poller.poll())).toEqual(['b3']);
		addAlerts(['b4', t], ['b5', t + 1]);
		expect(uids(await poller.poll())).toEqual(['b4', 'b5']);
		expect(await poller.poll()).toBeNull();
	});

	it('follows the cursor to the end', async () => {
		const poller = alertsTrigger();
		await poller.poll();
		const base = later(0);
		addAlerts(...Array.from({ length: 250 }, (_, i) => [`p${String(i).padStart(3, '0')}`, base + i] as [string, number]));
		const items = await poller.poll();
		expect(items).toHaveLength(250);
		expect(new Set(uids(items)).size).toBe(250);
		expect(alertRequests().filter((r) => r.query.cursor !== undefined)).toHaveLength(2);
	});

	it('one client per poll: its pages share one credential lookup, and its Request Options set the retries', async () => {
		const poller = trigger({ source: 'siem:queryAlerts:time', requestOptions: { retries: 0 } });
		await poller.poll();
		const base = later(0);
		addAlerts(...Array.from({ length: 250 }, (_, i) => [`s${String(i).padStart(3, '0')}`, base + i] as [string, number]));
		expect(await poller.poll()).toHaveLength(250);
		expect(alertRequests()).toHaveLength(3);
		expect(poller.credentialLookups).toBe(1);
		sb.requests.length = 0;
		addAlerts(['s-late', later(9)]);
		sb.fail({ method: 'GET', path: '/v1/siem/alerts', status: 503, times: Infinity });
		await expect(poller.poll()).rejects.toThrow(/503/);
		expect(alertRequests()).toHaveLength(1);
	});

	it('a failure halfway through the cursor emits nothing and keeps the watermark; the next poll gets everything once', async () => {
		const poller = alertsTrigger();
		await poller.poll();
		const base = later(0);
		addAlerts(...Array.from({ length: 150 }, (_, i) => [`f${String(i).padStart(3, '0')}`, base + i] as [string, number]));
		const before = structuredClone(poller.staticData);
		// The first page answers, the second fails for good (its 3 retries too).
		sb.fail({ method: 'GET', path: '/v1/siem/alerts', status: 503, after: 1, times: Infinity });
		await expect(poller.poll()).rejects.toThrow();
		expect(alertRequests()).toHaveLength(5);
		expect(poller.staticData).toEqual(before);
		sb.clearFaults();
		const items = await poller.poll();
		expect(uids(items)).toEqual(Array.from({ length: 150 }, (_, i) => `f${String(i).padStart(3, '0')}`));
		expect(await poller.poll()).toBeNull();
	});

	it('the cap per poll leaves the rest for the next poll without a gap, also inside one timestamp', async () => {
		const poller = alertsTrigger({ maxPerPoll: 2 });
		await poller.poll();
		const t = later(5);
		addAlerts(['c1', t - 1], ['c2', t], ['c3', t], ['c4', t], ['c5', t + 1]);
		const got = [uids(await poller.poll()), uids(await poller.poll()), uids(await poller.poll())];
		expect(got).toEqual([
			['c1', 'c2'],
			['c3', 'c4'],
			['c5'],
		]);
		expect(await poller.poll()).toBeNull();
	});

	describe('Max Records per Poll bounds what one poll reads', () => {
		const pad = (i: number) => `o${String(i).padStart(3, '0')}`;
		/** 250 new alerts, added newest first: only an asked order puts the oldest first. */
		const add250 = () => {
			const base = later(0);
			addAlerts(...Array.from({ length: 250 }, (_, k) => [pad(249 - k), base + 249 - k] as [string, number]));
		};
		const allInPolls = async (poller: Poller, polls: number) => {
			const got: unknown[] = [];
			for (let i = 0; i < polls; i++) got.push(...uids(await poller.poll()));
			return got;
		};
		const expected = Array.from({ length: 250 }, (_, i) => pad(i));

		// Pages of 100 whatever the node asks for, so that 250 alerts take three.
		beforeEach(() => {
			sb.state.settings.pageCap = 100;
		});

		it('where the query sorts, asks oldest first and stops after the page that fills the poll', async () => {
			const poller = alertsTrigger({ maxPerPoll: 50 });
			await poller.poll();
			add250();
			sb.requests.length = 0;
			expect(uids(await poller.poll())).toEqual(expected.slice(0, 50));
			expect(alertRequests()).toHaveLength(1);
			expect(alertRequests()[0].query.order).toEqual(['time[asc]']);
			expect(await allInPolls(poller, 4)).toEqual(expected.slice(50));
			expect(await poller.poll()).toBeNull();
		});

		it('where the provider ignores the order, reads every page and still emits the oldest first, none lost', async () => {
			sb.state.settings.providerIgnoresOrder = true;
			const poller = alertsTrigger({ maxPerPoll: 50 });
			await poller.poll();
			add250();
			sb.requests.length = 0;
			expect(uids(await poller.poll())).toEqual(expected.slice(0, 50));
			expect(alertRequests()).toHaveLength(3);
			expect(await allInPolls(poller, 4)).toEqual(expected.slice(50));
			expect(await poller.poll()).toBeNull();
		});
	});

	it('a restart (a new poller with the saved static data) goes on where it stopped', async () => {
		const first = alertsTrigger();
		await first.poll();
		addAlerts(['r1', later(1)]);
		expect(uids(await first.poll())).toEqual(['r1']);
		// n8n is down while r2 arrives; it starts again with the static data of its database.
		addAlerts(['r2', later(2)]);
		const second = trigger({ source: 'siem:queryAlerts:time' }, siemCredentials(), first.staticData);
		expect(uids(await second.poll())).toEqual(['r2']);
		expect(await second.poll()).toBeNull();
	});

	it('"Emit Existing Records" emits what there is once, then only new records', async () => {
		const poller = alertsTrigger({ emitExisting: true });
		const existing = await poller.poll();
		expect(existing).toHaveLength(12);
		const times = (existing ?? []).map((i) => i.json.time as number);
		expect(times).toEqual([...times].sort((a, b) => a - b));
		expect(await poller.poll()).toBeNull();
		addAlerts(['e1', later(1)]);
		expect(uids(await poller.poll())).toEqual(['e1']);
	});

	it('another Source starts over', async () => {
		const poller = alertsTrigger();
		await poller.poll();
		const events = trigger({ source: 'siem:queryEvents:time' }, siemCredentials(), poller.staticData);
		expect(await events.poll()).toBeNull();
		expect(stateOf(events).source).toBe('siem:queryEvents:time');
	});

	it('only records that match the Filters start the workflow', async () => {
		const poller = trigger({
			source: 'siem:queryAlerts:time',
			filters: { filter: [{ field: 'severity_id', operator: 'gte', value: '5' }] },
		});
		await poller.poll();
		sb.state.connector('acme-siem').add('alerts', [
			{ time: later(1), severity_id: 2, finding_info: { uid: 'low' } },
			{ time: later(2), severity_id: 5, finding_info: { uid: 'critical' } },
		]);
		expect(uids(await poller.poll())).toEqual(['critical']);
	});

	it('asks a PENDING query again until it completes', async () => {
		const poller = trigger({ source: 'siem:queryEvents:time' });
		await poller.poll();
		sb.state.connector('acme-siem').add('events', [{ class_name: 'Authentication', time: later(1), metadata: { uid: 'ev1' } }]);
		sb.state.settings.siemEventsPendingPolls = 1;
		const items = await poller.poll();
		expect(items?.map((i) => (i.json.metadata as IDataObject).uid)).toEqual(['ev1']);
		expect(sb.requests.filter((r) => r.path === '/v1/siem/events')).toHaveLength(2);
	});
});

describe('tickets', () => {
	const ticketCredentials = (): Credentials => ({ synqlyIntegrationApi: { accessToken: SANDBOX_DEMO_TICKETS_TOKEN, baseUrl: sb.url } });

	it('"New Tickets" polls created_at, "Created or Updated Tickets" updated_at', async () => {
		const created = trigger({ source: 'ticketing:queryTickets:created_at' }, ticketCredentials());
		const updated = trigger({ source: 'ticketing:queryTickets:updated_at' }, ticketCredentials());
		await created.poll();
		await updated.poll();
		sb.state.connector('acme-tickets').add('tickets', [{ id: 'SEC-100', summary: 'New one' }]);
		expect(uids(await created.poll())).toEqual(['SEC-100']);
		expect(uids(await updated.poll())).toEqual(['SEC-100']);
		// An update of an old ticket, through the Connector node.
		const patched = await runNode({
			node: 'synqlyConnector',
			parameters: {
				resource: 'ticketing',
				operation: 'patchTicket',
				ticketId: rl('SEC-1'),
				patchOperations: '[{"op":"replace","path":"/status","value":"Done"}]',
			},
			credentials: ticketCredentials(),
		});
		expect(patched.error).toBeUndefined();
		expect(await created.poll()).toBeNull();
		expect(uids(await updated.poll())).toEqual(['SEC-1']);
		expect(await updated.poll()).toBeNull();
	});
});

describe('manual mode ("Fetch test event")', () => {
	it('returns the newest record and leaves the state alone', async () => {
		const poller = alertsTrigger();
		await poller.poll();
		const state = structuredClone(poller.staticData);
		addAlerts(['m1', later(1)], ['m2', later(2)]);
		expect(uids(await poller.poll('manual'))).toEqual(['m2']);
		expect(poller.staticData).toEqual(state);
		expect(uids(await poller.poll())).toEqual(['m1', 'm2']);
	});
});

describe('organization token mode', () => {
	it('mints a token for the picked integration and polls it', async () => {
		const poller = trigger(
			{ authentication: 'organizationToken', accountId: rl('acme'), integrationId: rl('acme-siem'), source: 'siem:queryAlerts:time' },
			{ synqlyOrganizationApi: { accessToken: sb.orgToken, baseUrl: sb.url } },
		);
		await poller.poll();
		addAlerts(['o1', later(1)]);
		const items = await poller.poll();
		expect(uids(items)).toEqual(['o1']);
		expect(sb.requests.some((r) => r.method === 'POST' && r.path === '/v1/tokens/acme/acme-siem')).toBe(true);
		expect(JSON.stringify(items)).not.toContain(sb.orgToken);
	});
});
