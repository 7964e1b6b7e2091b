/**
 * The limiter's contract (nodes/shared/http/limiter.ts): how many requests of an execution are in
 * flight. Against the sandbox: it never exceeds the ceiling (Concurrency); behind an API that
 * refuses more than 10 in flight it settles below that and every item succeeds; a 429 slows all
 * the work still in flight; outputs keep input order and pairing while answers come out of order;
 * writes stay one at a time in input order unless Concurrency is set. And its decisions on their
 * own, with a clock of the test's (nothing here is timed).
 */
import { INITIAL, Limiter } from '../nodes/shared/http/limiter';
import type { RecordedRequest } from './sandbox/server';
import { rl } from './harness';
import { management, sandbox, succeeded, useSandbox } from './harness/management';

useSandbox('demo');

const getEach = { resource: 'account', operation: 'get', accountId: rl('={{ $json.account }}') };
const acmes = (n: number) => ({ items: Array(n).fill({ account: 'acme' }) });
/** The most requests the sandbox held at once among `requests`. */
const peakOf = (requests: RecordedRequest[]) => Math.max(0, ...requests.map((r) => r.inFlight ?? 0));

describe('the limiter against the sandbox', () => {
	test('never more requests in flight than the Concurrency ceiling', async () => {
		sandbox.state.settings.latencyMs = 20;
		succeeded(await management({ ...getEach, requestOptions: { concurrency: 6 } }, acmes(60)));
		expect(sandbox.requests).toHaveLength(60);
		expect(sandbox.peakInFlight).toBeLessThanOrEqual(6);
		// …and it does get there: reads grow from a few to the ceiling while answers are clean.
		expect(sandbox.peakInFlight).toBe(6);
	});

	test.each([
		['the default ceiling', {}],
		['Concurrency 32', { requestOptions: { concurrency: 32 } }],
	])('behind an API that refuses more than 10 in flight, with %s: every item succeeds, few 429s, and it settles below the limit', async (_, options) => {
		sandbox.state.settings.latencyMs = 10;
		sandbox.state.settings.maxInFlight = 10;
		sandbox.state.settings.inFlightRetryAfter = 1;
		const items = succeeded(await management({ ...getEach, ...options }, acmes(150)));
		expect(items).toHaveLength(150);
		expect(items.every((i) => i.json.name === 'acme')).toBe(true);
		const refused = sandbox.requests.filter((r) => r.status === 429);
		expect(refused.length).toBeLessThanOrEqual(sandbox.requests.length / 10);
		// Settled: the second half of the requests met almost no refusal. Not none: on a loaded
		// machine the sandbox may still count an answer the node has already read (its slot
		// freed) as in flight for a moment, and refuse the request that took the slot.
		expect(sandbox.requests.slice(sandbox.requests.length / 2).filter((r) => r.status === 429).length).toBeLessThanOrEqual(2);
		expect(sandbox.peakInFlight).toBeLessThanOrEqual(10);
	});

	test('a 429 slows all the work in flight, not only the request that got it', async () => {
		sandbox.state.settings.latencyMs = 100;
		// The 41st request is refused (Retry-After 0: no pause, so only the limiter slows down).
		sandbox.fail({ path: '/v1/accounts/acme', status: 429, headers: { 'retry-after': '0' }, after: 40 });
		succeeded(await management({ ...getEach, requestOptions: { concurrency: 16 } }, acmes(120)));
		const at = sandbox.requests.findIndex((r) => r.status === 429);
		const refusal = sandbox.requests[at];
		const after = sandbox.requests.filter((r) => r.at > refusal.answeredAt!);
		expect(at).toBe(40);
		expect(after.length).toBeGreaterThan(40);
		// Cut (multiplicatively, to 0.7 × 16), then growing by one per round trip: the refused level stays out of reach.
		expect(peakOf(after)).toBeLessThan(16);
	});

	test('reads run concurrently by default; outputs keep input order and pairing while answers come out of order', async () => {
		const ids = ['acme', 'nope-1', 'acme', 'acme', 'nope-2', 'acme', 'acme', 'acme', 'nope-3', 'acme', 'acme', 'acme'];
		// The first request is answered 400 ms late, after the later ones.
		sandbox.state.settings.latencyPattern = [400, ...Array<number>(ids.length - 1).fill(0)];
		const items = succeeded(await management(getEach, { items: ids.map((account) => ({ account })), onError: 'continueRegularOutput' }));
		const [first, ...later] = sandbox.requests;
		expect(later.filter((r) => r.answeredAt! < first.answeredAt!).length).toBeGreaterThan(0);
		expect(items.map((i) => i.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(items.map((i) => (i.json.error ? 'error' : i.json.name))).toEqual(ids.map((id) => (id.startsWith('nope') ? 'error' : 'acme')));
	});

	test('writes go one at a time in input order by default; with Concurrency set they overlap', async () => {
		const names = Array.from({ length: 6 }, (_, i) => `write-${i}`);
		const create = { resource: 'account', operation: 'create', name: '={{ $json.name }}' };
		sandbox.state.settings.latencyPattern = [200, 0, 0, 0, 0, 0];
		succeeded(await management(create, { items: names.map((name) => ({ name })) }));
		expect(sandbox.requests.map((r) => (r.body as { name: string }).name)).toEqual(names);
		expect(sandbox.peakInFlight).toBe(1);
		sandbox.reset();
		sandbox.state.settings.latencyMs = 50;
		succeeded(await management({ ...create, requestOptions: { concurrency: 4 } }, { items: names.map((name) => ({ name })) }));
		expect(sandbox.peakInFlight).toBeGreaterThan(1);
	});
});

describe('the limiter on its own', () => {
	/** A limiter with a clock the test moves; waits move it too. */
	function clocked(ceiling: number) {
		let t = 0;
		const limiter = new Limiter(ceiling, () => t);
		const wait = async (ms: number) => {
			t += ms;
		};
		return { limiter, wait, advance: (ms: number) => (t += ms) };
	}

	test('starts low, grows with clean answers up to the ceiling and never past it', async () => {
		const { limiter, wait, advance } = clocked(12);
		expect(limiter.limit).toBe(INITIAL);
		for (let i = 0; i < 200; i++) {
			const ticket = await limiter.acquire(wait);
			advance(10);
			limiter.release(ticket, 'clean');
		}
		expect(limiter.limit).toBe(12);
	});

	test('a queue: no more in flight than the limit, and the next waiting one goes when a place frees', async () => {
		const { limiter, wait } = clocked(2);
		const tickets = await Promise.all([limiter.acquire(wait), limiter.acquire(wait)]);
		let third = false;
		const waiting = limiter.acquire(wait).then((t) => ((third = true), t));
		await Promise.resolve();
		expect(third).toBe(false);
		expect(limiter.active).toBe(2);
		limiter.release(tickets[0], 'clean');
		limiter.release(await waiting, 'clean');
		limiter.release(tickets[1], 'clean');
		expect(limiter.peak).toBe(2);
	});

	test('a round trip whose latency climbs well above the lowest cuts the limit', async () => {
		const { limiter, wait, advance } = clocked(32);
		const trip = async (ms: number) => {
			const tickets = await Promise.all(Array.from({ length: limiter.limit }, () => limiter.acquire(wait)));
			advance(ms);
			for (const t of tickets) limiter.release(t, 'clean');
		};
		for (let i = 0; i < 4; i++) await trip(50);
		const grown = limiter.limit;
		expect(grown).toBeGreaterThan(INITIAL);
		// The first answer of the next round trip closes the slow one.
		await trip(400);
		await trip(400);
		expect(limiter.limit).toBeLessThan(grown);
	});

	test('a refusal cuts once per round trip, down to what the API still held, and the refused level stays a wall', async () => {
		const { limiter, wait, advance } = clocked(32);
		for (let i = 0; i < 12; i++) limiter.release(await limiter.acquire(wait), 'clean');
		const tickets = await Promise.all(Array.from({ length: 16 }, () => limiter.acquire(wait)));
		// Six of the sixteen refused: the API held ten.
		for (const t of tickets.slice(10)) limiter.release(t, 'congestion');
		expect(limiter.limit).toBe(10);
		advance(10);
		for (const t of tickets.slice(0, 10)) limiter.release(t, 'clean');
		for (let i = 0; i < 300; i++) limiter.release(await limiter.acquire(wait), 'clean');
		expect(limiter.limit).toBe(10);
	});
});
