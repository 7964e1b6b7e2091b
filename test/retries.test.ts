/**
 * The transport's retry policy, Request Options and Concurrency, against the sandbox's faults:
 * a retry never repeats what Synqly may already have applied, a 429 slows every request of the
 * execution, outputs keep input order, and each credential is resolved once per execution.
 */
import { redact } from '../nodes/shared/runtime/output';
import { rl } from './harness';
import { failed, management, sandbox, succeeded, useSandbox } from './harness/management';

useSandbox('demo');

const getAcme = { resource: 'account', operation: 'get', accountId: rl('acme') };
const createGlobex = { resource: 'account', operation: 'create', name: 'globex' };
const accountsNamed = (name: string) => sandbox.state.accounts.all((a) => a.name === name);

describe('retries', () => {
	test('a read answered 503 is sent again and succeeds', async () => {
		sandbox.fail({ path: '/v1/accounts/acme', status: 503 });
		expect(succeeded(await management(getAcme))[0].json.name).toBe('acme');
		expect(sandbox.requests.map((r) => r.status)).toEqual([503, 200]);
	});

	test('a 429 is sent again after the Retry-After it gives', async () => {
		sandbox.fail({ path: '/v1/accounts/acme', status: 429, headers: { 'retry-after': '1' } });
		succeeded(await management(getAcme));
		const [limited, retried] = sandbox.requests;
		expect(retried.at - limited.at).toBeGreaterThanOrEqual(950);
	});

	test('a create answered 429 is sent again: Synqly did not act on it', async () => {
		sandbox.fail({ path: '/v1/accounts', method: 'POST', status: 429, headers: { 'retry-after': '0' } });
		succeeded(await management(createGlobex));
		expect(sandbox.requests.map((r) => r.status)).toEqual([429, 200]);
		expect(accountsNamed('globex')).toHaveLength(1);
	});

	test('a create answered 500 after it was applied is not sent again, and the error says why', async () => {
		sandbox.fail({ path: '/v1/accounts', method: 'POST', status: 500, afterApply: true });
		const error = failed(await management(createGlobex));
		expect(error.message).toBe('Synqly failed with status 500');
		expect(error.description).toContain('The request was not sent again: Synqly may have applied it before failing.');
		expect(sandbox.requests).toHaveLength(1);
		expect(accountsNamed('globex')).toHaveLength(1);
	});

	test('a create whose answer is lost (connection reset after it was applied) is not sent again', async () => {
		sandbox.fail({ path: '/v1/accounts', method: 'POST', status: 0, afterApply: true });
		const error = failed(await management(createGlobex));
		expect(error.message).toBe("Synqly's answer was lost after the request was sent; it may have been applied");
		expect(error.description).toMatch(/^Item 0: POST \/v1\/accounts got no usable answer \(\w+\)\. Check in Synqly/);
		expect(error.context?.itemIndex).toBe(0);
		expect(sandbox.requests).toHaveLength(1);
		expect(accountsNamed('globex')).toHaveLength(1);
	});

	test('a create answered 503 is sent again only when Synqly says when (Retry-After)', async () => {
		sandbox.fail({ path: '/v1/accounts', method: 'POST', status: 503 });
		expect(failed(await management(createGlobex)).message).toBe('Synqly failed with status 503');
		expect(sandbox.requests).toHaveLength(1);
		sandbox.reset();
		sandbox.fail({ path: '/v1/accounts', method: 'POST', status: 503, headers: { 'retry-after': '0' } });
		succeeded(await management(createGlobex));
		expect(sandbox.requests.map((r) => r.status)).toEqual([503, 200]);
	});

	test('a read whose connection drops is sent again', async () => {
		sandbox.fail({ path: '/v1/accounts/acme', status: 0 });
		succeeded(await management(getAcme));
		expect(sandbox.requests.map((r) => r.status)).toEqual([0, 200]);
	});

	test('when the retries run out, the error says how many attempts were made and the last status', async () => {
		sandbox.fail({ path: '/v1/accounts/acme', status: 502, times: Infinity });
		const error = failed(await management({ ...getAcme, requestOptions: { retries: 2 } }));
		expect(error.message).toBe('Synqly failed with status 502 (after 3 attempts)');
		expect(error.httpCode).toBe('502');
		expect(sandbox.requests).toHaveLength(3);
	});

	test('Retries 0 sends each request once', async () => {
		sandbox.fail({ path: '/v1/accounts/acme', status: 503 });
		failed(await management({ ...getAcme, requestOptions: { retries: 0 } }));
		expect(sandbox.requests).toHaveLength(1);
	});

	test('a read slower than the Timeout is sent again; a create is not', async () => {
		sandbox.fail({ path: '/v1/accounts/acme', status: 200, passthrough: true, delayMs: 1500 });
		succeeded(await management({ ...getAcme, requestOptions: { timeout: 1 } }));
		expect(sandbox.requests).toHaveLength(2);
		sandbox.reset();
		sandbox.fail({ path: '/v1/accounts', method: 'POST', status: 200, passthrough: true, delayMs: 1500 });
		const error = failed(await management({ ...createGlobex, requestOptions: { timeout: 1 } }));
		expect(error.message).toBe("Synqly's answer was lost after the request was sent; it may have been applied");
		expect(sandbox.requests).toHaveLength(1);
	});

	test('the Timeout covers the whole answer: one that drips in slower than it fails the attempt, though bytes keep coming', async () => {
		// 10 pieces 250 ms apart: never idle for a second, complete only after 2.5 s.
		sandbox.fail({ path: '/v1/accounts/acme', status: 200, passthrough: true, dripMs: 250, times: Infinity });
		const error = failed(await management({ ...getAcme, requestOptions: { timeout: 1, retries: 0 } }));
		expect(error.message).toBe('Could not reach Synqly at ' + sandbox.url);
		expect(error.description).toBe('ETIMEDOUT: Synqly sent no complete answer within 1 s');
		expect(sandbox.requests).toHaveLength(1);
	});

	test('a create whose answer drips past the Timeout is not sent again, and the error says it may have been applied', async () => {
		sandbox.fail({ path: '/v1/accounts', method: 'POST', status: 200, passthrough: true, dripMs: 250 });
		const error = failed(await management({ ...createGlobex, requestOptions: { timeout: 1 } }));
		expect(error.message).toBe("Synqly's answer was lost after the request was sent; it may have been applied");
		expect(sandbox.requests).toHaveLength(1);
	});
});

describe('Concurrency', () => {
	const ids = ['acme', 'nope-1', 'acme', 'acme', 'nope-2', 'acme', 'acme', 'acme', 'nope-3', 'acme'];
	const getEach = { resource: 'account', operation: 'get', accountId: rl('={{ $json.account }}') };

	test('outputs keep the input order and pairing; each failed item gives one error item', async () => {
		// The first request to arrive (one of items 0-3, which start together) is answered 500 ms
		// late, after all the later items' answers: outputs in answer order would not be input order.
		sandbox.state.settings.latencyPattern = [500, ...Array<number>(ids.length - 1).fill(0)];
		const items = succeeded(
			await management(
				{ ...getEach, requestOptions: { concurrency: 4 } },
				{ items: ids.map((account) => ({ account })), onError: 'continueRegularOutput' },
			),
		);
		const [first, ...later] = sandbox.requests;
		expect(later).toHaveLength(ids.length - 1);
		expect(later.filter((r) => r.answeredAt! > first.answeredAt!).map((r) => r.path)).toEqual([]);
		expect(items.map((i) => i.pairedItem)).toEqual(ids.map((_, item) => ({ item })));
		expect(items.map((i) => (i.json.error ? `error: ${String(i.json.error)}` : i.json.name))).toEqual(
			ids.map((id) => (id.startsWith('nope') ? `error: Synqly could not find account '${id}'` : 'acme')),
		);
	});

	test('at most Concurrency requests are in flight', async () => {
		sandbox.fail({ path: '/v1/accounts/acme', status: 200, passthrough: true, delayMs: 400, times: Infinity });
		succeeded(await management({ ...getEach, requestOptions: { concurrency: 4 } }, { items: Array(8).fill({ account: 'acme' }) }));
		const starts = sandbox.requests.map((r) => r.at - sandbox.requests[0].at);
		expect(starts.filter((t) => t < 300)).toHaveLength(4);
		expect(starts.filter((t) => t >= 350)).toHaveLength(4);
	});

	test('without Continue On Fail, the first failed item in input order stops the node', async () => {
		const error = failed(
			await management({ ...getEach, requestOptions: { concurrency: 3 } }, { items: ids.map((account) => ({ account })) }),
		);
		expect(error.message).toBe("Synqly could not find account 'nope-1'");
		expect(error.context?.itemIndex).toBe(1);
	});

	test('a 429 on one request holds back every request of the execution until its Retry-After', async () => {
		sandbox.fail({ path: '/v1/accounts/acme', status: 429, headers: { 'retry-after': '1' } });
		// Every other answer takes 150 ms, so without a shared pause the other items would go on meanwhile.
		sandbox.fail({ path: '/v1/accounts/acme', status: 200, passthrough: true, delayMs: 150, times: Infinity });
		succeeded(await management({ ...getEach, requestOptions: { concurrency: 4 } }, { items: Array(12).fill({ account: 'acme' }) }));
		const limited = sandbox.requests.find((r) => r.status === 429)!;
		const during = sandbox.requests.filter((r) => r.at > limited.at + 100 && r.at < limited.at + 900);
		expect(during).toEqual([]);
		expect(sandbox.requests.filter((r) => r.status === 200)).toHaveLength(12);
	});
});

test('the credential is resolved once per execution, not per item or per request', async () => {
	const result = await management(
		{ resource: 'account', operation: 'get', accountId: rl('={{ $json.account }}') },
		{ items: Array(20).fill({ account: 'acme' }) },
	);
	expect(succeeded(result)).toHaveLength(20);
	expect(result.credentialLookups).toBe(1);
});

test('secrets a row never lets out are removed at any depth of the output', async () => {
	const created = succeeded(
		await management({
			resource: 'organizationWebhook',
			operation: 'create',
			name: 'n8n-events',
			url: 'https://n8n.example.com/webhook/x',
			eventFilters: ['all'],
			signingSecret: 'webhook-secret-123',
		}),
	);
	expect(created[0].json.name).toBe('n8n-events');
	expect(JSON.stringify(created)).not.toContain('webhook-secret-123');
	const nested = redact({ redact: ['secret'] }, { a: { secret: 's1', keep: 1 }, list: [{ secret: 's2' }], secret: 's3' });
	expect(nested).toEqual({ a: { keep: 1 }, list: [{}] });
});
