/**
 * The one request function every operation goes through (nodes/shared/transport.ts), seen from
 * the wire: the Base URL as typed, headers, bodies, answers without a body, and what happens when
 * Synqly cannot be reached.
 */
import { rl } from './harness';
import { expectSent, failed, json, management, sandbox, succeeded, useSandbox } from './harness/management';
import { SANDBOX_IDS } from './sandbox/server';

useSandbox('demo');

const getAcme = { resource: 'account', operation: 'get', accountId: rl('acme') };

describe('Base URL', () => {
	test.each([
		['with a trailing slash', (url: string) => `${url}/`],
		['with several trailing slashes', (url: string) => `${url}///`],
		['with spaces around it', (url: string) => `  ${url}  `],
	])('%s is used as the API root', async (_case, baseUrl) => {
		const items = succeeded(await management(getAcme, { baseUrl: baseUrl(sandbox.url) }));
		expect(items[0].json.id).toBe(SANDBOX_IDS.account);
		expectSent([{ method: 'GET', path: '/v1/accounts/acme' }]);
	});

	test.each(['not a url', 'ftp://example.com', 'api.synqly.com'])('%j is refused before any request', async (baseUrl) => {
		const error = failed(await management(getAcme, { baseUrl }));
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(`The credential's Base URL "${baseUrl}" is not an http(s) URL`);
		expect(error.description).toBe('Item 0: nothing was sent. Use a URL such as https://api.synqly.com');
		expect(error.context?.itemIndex).toBe(0);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('requests', () => {
	test('JSON bodies go with Content-Type application/json; every request asks for JSON', async () => {
		succeeded(await management({ resource: 'account', operation: 'create', name: 'globex' }));
		const [request] = sandbox.requests;
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.headers.accept).toBe('application/json');
		expect(request.body).toEqual({ name: 'globex' });
	});

	test('a request whose body is a JSON object sends one when no field is set, as the SDKs do', async () => {
		succeeded(await management({ resource: 'token', operation: 'createSynqlyIntegrationsToken' }));
		expect(sandbox.requests[0].body).toEqual({});
		expect(sandbox.requests[0].headers['content-type']).toMatch(/^application\/json/);
	});

	test('a request the reference gives no body sends none', async () => {
		succeeded(await management({ resource: 'integrationStatus', operation: 'reset', accountId: rl('acme'), integrationId: rl('acme-siem') }));
		expect(sandbox.requests[0].body).toBeUndefined();
		expect(sandbox.requests[0].headers['content-length'] ?? '0').toBe('0');
	});

	test('each input item is one request, in order, with its own values', async () => {
		const items = succeeded(
			await management(
				{ resource: 'account', operation: 'create', name: '={{ $json.name }}' },
				{ items: [{ name: 'one' }, { name: 'two' }, { name: 'three' }] },
			),
		);
		expect(sandbox.requests.map((r) => r.body)).toEqual([{ name: 'one' }, { name: 'two' }, { name: 'three' }]);
		expect(json(items).map((o) => o.name)).toEqual(['one', 'two', 'three']);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	});

	test('an answer with no body gives the operation its empty output', async () => {
		succeeded(await management(getAcme));
		sandbox.requests.length = 0;
		const items = succeeded(await management({ resource: 'account', operation: 'delete', accountId: rl('acme') }));
		expect(sandbox.requests.map((r) => r.status)).toEqual([204]);
		expect(json(items)).toEqual([{ deleted: true }]);
	});
});

describe('when Synqly cannot be reached', () => {
	test('a dropped connection says Synqly could not be reached, naming the URL and the item', async () => {
		sandbox.fail({ path: '/v1/accounts/nope', status: 0, times: Infinity });
		const result = await management(
			{ resource: 'account', operation: 'get', accountId: rl('={{ $json.account }}'), requestOptions: { retries: 1 } },
			{ items: [{ account: 'acme' }, { account: 'nope' }] },
		);
		const error = failed(result);
		expect(error.name).toBe('NodeApiError');
		expect(error.context?.itemIndex).toBe(1);
		expect(error.message).toBe(`Could not reach Synqly at ${sandbox.url} (after 2 attempts)`);
		expect(error.description).toMatch(/closed unexpectedly|socket hang up|ECONNRESET/);
	});

	const getAcmeOnce = { ...getAcme, requestOptions: { retries: 0 } };

	test('a refused connection says Synqly could not be reached', async () => {
		const error = failed(await management(getAcmeOnce, { baseUrl: 'http://127.0.0.1:9' }));
		expect(error.name).toBe('NodeApiError');
		expect(error.context?.itemIndex).toBe(0);
		expect(error.message).toBe('Could not reach Synqly at http://127.0.0.1:9');
		expect(error.description).toMatch(/^ECONNREFUSED/);
	});

	test('with Continue On Fail, an unreachable Synqly gives an error item', async () => {
		const items = succeeded(await management(getAcmeOnce, { baseUrl: 'http://127.0.0.1:9', onError: 'continueRegularOutput' }));
		expect(items).toHaveLength(1);
		expect(items[0].pairedItem).toEqual({ item: 0 });
		expect(items[0].json).toEqual({ error: 'Could not reach Synqly at http://127.0.0.1:9' });
		expect(items[0].error).toEqual(expect.objectContaining({ name: 'NodeApiError', description: expect.any(String) }));
	});
});
