/**
 * How the Management node fails: Synqly's error answers turned into messages that say what
 * happened and how to fix it, Continue On Fail, bad input caught before any request, and the
 * Create or Update operation's three outcomes.
 */
import type { INodeParameters } from 'n8n-workflow';

import { listSearch, NODE_NAME, rl } from './harness';
import {
	api,
	createAdhocToken,
	CREDENTIAL_NAME,
	expectSent,
	failed,
	json,
	literally,
	management,
	sandbox,
	succeeded,
	useSandbox,
} from './harness/management';
import type { RunNodeResult } from './harness';
import {
	AUTH_DETAILS,
	conflictDetail,
	forbiddenDetail,
	notFoundDetail,
	ORGANIZATION_DISABLED_DETAIL,
	SANDBOX_DEMO_SIEM_TOKEN,
	SANDBOX_IDS,
} from './sandbox/server';

useSandbox('demo');

const ACME = SANDBOX_IDS.account;
const getAcme: INodeParameters = { resource: 'account', operation: 'get', accountId: rl('acme') };

function expectApiError(
	result: RunNodeResult,
	expected: { httpCode: string; message: string; description?: string | RegExp; itemIndex?: number },
) {
	const error = failed(result);
	expect(error.name).toBe('NodeApiError');
	expect(error.httpCode).toBe(expected.httpCode);
	expect(error.message).toBe(expected.message);
	if (typeof expected.description === 'string') expect(error.description).toBe(expected.description);
	else if (expected.description) expect(error.description).toMatch(expected.description);
	expect(error.context?.itemIndex).toBe(expected.itemIndex ?? 0);
	return error;
}

describe("Synqly's errors", () => {
	test('400 names the rejected parameter', async () => {
		const result = await management({ resource: 'account', operation: 'create', name: 'Bad Name!' });
		expectApiError(result, {
			httpCode: '400',
			message: 'Synqly rejected the parameter "/name" (body)',
			description:
				"Correct that field and run the node again. Synqly says: Bad Request — Invalid name 'Bad Name!': use lowercase letters, digits, '_' and '-'.",
		});
	});

	test('400 without a parameter says the request is invalid', async () => {
		sandbox.fail({ path: '/v1/accounts/acme', status: 400, body: { message: 'Bad Request', status: 400, detail: 'Nope.' } });
		expectApiError(await management(getAcme), {
			httpCode: '400',
			message: 'Synqly rejected the request as invalid',
			description: 'Check the fields of this operation. Synqly says: Bad Request — Nope.',
		});
	});

	test('401 says the token is invalid or expired and names the credential', async () => {
		const result = await management(getAcme, { accessToken: 'not-a-token' });
		expectApiError(result, {
			httpCode: '401',
			message: 'The Synqly token is invalid or expired',
			description: `Update the access token in the "${CREDENTIAL_NAME}" credential. Synqly says: Unauthorized — ${AUTH_DETAILS.invalid}`,
		});
	});

	test('401 for an expired token', async () => {
		const token = await createAdhocToken('short', 'administrator');
		const grant = sandbox.state.secrets.get(token.primary.access.secret);
		if (grant) grant.expiresMs = Date.now() - 1000;
		expectApiError(await management(getAcme, { accessToken: token.primary.access.secret }), {
			httpCode: '401',
			message: 'The Synqly token is invalid or expired',
			description: literally(AUTH_DETAILS.expired),
		});
	});

	test('401 for an integration token on the Management API quotes the wrong scope', async () => {
		const error = expectApiError(await management(getAcme, { accessToken: SANDBOX_DEMO_SIEM_TOKEN }), {
			httpCode: '401',
			message: 'The Synqly token is invalid or expired',
			description: literally(AUTH_DETAILS.organizationExpected),
		});
		expect(error.description).toContain(`"${CREDENTIAL_NAME}" credential`);
	});

	test('402 says the organization is disabled', async () => {
		sandbox.state.organization.state = 'disabled';
		expectApiError(await management({ resource: 'account', operation: 'getAll' }), {
			httpCode: '402',
			message: 'The Synqly organization is disabled',
			description: literally(ORGANIZATION_DISABLED_DETAIL),
		});
	});

	test('403 names the missing permission', async () => {
		const viewer = await createAdhocToken('viewer-token', 'viewer');
		const result = await management(
			{ resource: 'account', operation: 'create', name: 'globex' },
			{ accessToken: viewer.primary.access.secret },
		);
		expectApiError(result, {
			httpCode: '403',
			message: `The token is not allowed to do this: ${forbiddenDetail('accounts:create', 'viewer')}`,
			description: literally(`Use a token in the "${CREDENTIAL_NAME}" credential whose role grants this permission`),
		});
	});

	test('404 names the object', async () => {
		const result = await management({ resource: 'account', operation: 'get', accountId: rl('nope') });
		expectApiError(result, {
			httpCode: '404',
			message: "Synqly could not find account 'nope'",
			description: `Check the ID, or pick the object from the list. Synqly says: Not Found — ${notFoundDetail('account', 'nope')}`,
		});
	});

	test('404 of a nested object names that object', async () => {
		const result = await management({
			resource: 'integration',
			operation: 'get',
			accountId: rl('acme'),
			integrationId: rl('gone'),
		});
		expectApiError(result, {
			httpCode: '404',
			message: "Synqly could not find integration 'gone'",
			description: literally(notFoundDetail('integration', 'gone')),
		});
	});

	test('a Base URL ending in /v1 fails before anything is sent, naming the Base URL and the fix', async () => {
		const result = await management(getAcme, { baseUrl: `${sandbox.url}/v1` });
		const error = failed(result);
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(`The credential's Base URL "${sandbox.url}/v1" ends in /v1, which every Synqly request path already starts with (it would send to …/v1/v1/…); use "${sandbox.url}" instead`);
		expect(error.context?.itemIndex).toBe(0);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a list search with a Base URL ending in /v1 fails with the same message, sending nothing', async () => {
		const search = listSearch({
			node: 'synqlyManagement',
			method: 'searchAccount',
			parameters: getAcme,
			credentials: { synqlyOrganizationApi: { accessToken: sandbox.orgToken, baseUrl: `${sandbox.url}/v1/` } },
		});
		await expect(search).rejects.toThrow(`The credential's Base URL "${sandbox.url}/v1/" ends in /v1`);
		expect(sandbox.requests).toHaveLength(0);
	});

	test("404 without Synqly's Problem body says the Base URL is probably wrong", async () => {
		sandbox.fail({ path: '/v1/accounts/acme', status: 404, contentType: 'text/html', body: '<html><body>Not Found</body></html>' });
		expectApiError(await management(getAcme), {
			httpCode: '404',
			message: `No Synqly API answered at ${sandbox.url} (HTTP 404 without Synqly's error body)`,
			description: `The credential's Base URL (${sandbox.url}) is probably wrong: use Synqly's address, such as https://api.synqly.com, with no /v1 at the end.`,
		});
	});

	test('404 of a list names what Synqly could not find', async () => {
		const result = await management({ resource: 'integration', operation: 'getAll', accountId: rl('nope') });
		expectApiError(result, { httpCode: '404', message: "Synqly could not find account 'nope'" });
	});

	test('409 says the name is taken', async () => {
		expectApiError(await management({ resource: 'account', operation: 'create', name: 'acme' }), {
			httpCode: '409',
			message: `The name is already taken: ${conflictDetail('account', 'acme')}`,
			description: /^Choose another name, or use "Create or Update"/,
		});
	});

	// These answers are retried (see test/retries.test.ts); with Retries 0 the first one is the error.
	const once = { ...getAcme, requestOptions: { retries: 0 } };

	test('429 says Synqly is rate limiting', async () => {
		sandbox.fail({ path: '/v1/accounts/acme', status: 429 });
		expectApiError(await management(once), {
			httpCode: '429',
			message: 'Synqly is rate limiting these requests',
			description: /^Wait and retry, or lower the batch size/,
		});
	});

	test('5xx says Synqly failed', async () => {
		sandbox.fail({ path: '/v1/accounts/acme', status: 503 });
		expectApiError(await management(once), {
			httpCode: '503',
			message: 'Synqly failed with status 503',
			description: /^Retry later; if it persists, contact Synqly support\. Synqly says: Service Unavailable/,
		});
	});

	test('an error answer that is not JSON is quoted as it is', async () => {
		sandbox.fail({ path: '/v1/accounts/acme', status: 502, body: 'upstream connect error' });
		const error = expectApiError(await management(once), { httpCode: '502', message: 'Synqly failed with status 502' });
		expect(error.description).toContain('upstream connect error');
	});

	test('an error of the second item names item 1, and one at a time (Concurrency 1) the third item is not run', async () => {
		const result = await management(
			{ resource: 'account', operation: 'get', accountId: rl('={{ $json.account }}'), requestOptions: { concurrency: 1 } },
			{ items: [{ account: 'acme' }, { account: 'nope' }, { account: 'acme' }] },
		);
		expectApiError(result, { httpCode: '404', message: "Synqly could not find account 'nope'", itemIndex: 1 });
		expect(sandbox.requests.map((r) => r.path)).toEqual(['/v1/accounts/acme', '/v1/accounts/nope']);
	});
});

describe('Continue On Fail', () => {
	test('the failing item becomes an error item paired with it; the others succeed', async () => {
		const result = await management(
			{ resource: 'account', operation: 'get', accountId: rl('={{ $json.account }}') },
			{ items: [{ account: 'acme' }, { account: 'nope' }, { account: 'acme' }], onError: 'continueRegularOutput' },
		);
		const items = succeeded(result);
		expect(items).toHaveLength(3);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(items[0].json).toEqual(expect.objectContaining({ id: ACME }));
		expect(items[2].json).toEqual(expect.objectContaining({ id: ACME }));
		// n8n keeps the error on the item (it routes error outputs by it) and sets its json to {error: message}.
		expect(items[1].json).toEqual({ error: "Synqly could not find account 'nope'" });
		expect(items[1].error).toEqual(
			expect.objectContaining({
				name: 'NodeApiError',
				httpCode: '404',
				message: "Synqly could not find account 'nope'",
				description: `Check the ID, or pick the object from the list. Synqly says: Not Found — ${notFoundDetail('account', 'nope')}`,
			}),
		);
		expect(items[0].error).toBeUndefined();
		expect(items[2].error).toBeUndefined();
		expect(sandbox.requests).toHaveLength(3);
	});

	test('with "Continue (using error output)" the failed item goes to the error output, the others to the success output', async () => {
		const result = await management(
			{ resource: 'account', operation: 'get', accountId: rl('={{ $json.account }}') },
			{ items: [{ account: 'acme' }, { account: 'nope' }], onError: 'continueErrorOutput' },
		);
		const [success, failure] = result.run.data.resultData.runData[NODE_NAME][0].data!.main;
		expect(success!.map((i) => i.json.id)).toEqual([ACME]);
		expect(failure!.map((i) => [i.pairedItem, i.json.error])).toEqual([[{ item: 1 }, "Synqly could not find account 'nope'"]]);
	});

	test('bad input of one item also becomes an error item', async () => {
		const result = await management(
			{ resource: 'account', operation: 'get', accountId: rl('={{ $json.account }}') },
			{ items: [{ account: '..' }, { account: 'acme' }], onError: 'continueRegularOutput' },
		);
		const items = succeeded(result);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(items[0].json.error).toBe('"Account" cannot be ".."');
		expect(items[1].json).toEqual(expect.objectContaining({ id: ACME }));
		expect(sandbox.requests.map((r) => r.path)).toEqual(['/v1/accounts/acme']);
	});

	test('a list that fails for one item gives one error item for it', async () => {
		const result = await management(
			{ resource: 'integration', operation: 'getAll', accountId: rl('={{ $json.account }}') },
			{ items: [{ account: 'nope' }, { account: 'acme' }], onError: 'continueRegularOutput' },
		);
		const items = succeeded(result);
		expect(items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 1 }]);
		expect(items[0].error).toEqual(expect.objectContaining({ httpCode: '404' }));
		expect(json(items.slice(1)).map((o) => o.name)).toEqual(['acme-siem', 'acme-tickets']);
	});
});

describe('bad input', () => {
	function expectOperationError(result: RunNodeResult, message: string, itemIndex = 0) {
		const error = failed(result);
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toBe(message);
		expect(error.context?.itemIndex).toBe(itemIndex);
		return error;
	}

	test('invalid JSON in a JSON field names the field and the item', async () => {
		const result = await management(
			{
				resource: 'integrationPoint',
				operation: 'create',
				name: '={{ $json.name }}',
				connector: 'siem',
				environments: '={{ $json.environments }}',
			},
			{
				items: [
					{ name: 'good-point', environments: '{"test": ["siem_mock_siem"]}' },
					{ name: 'bad-point', environments: '{"test": [' },
				],
			},
		);
		const error = expectOperationError(result, '"Environments (JSON)" is not valid JSON', 1);
		expect(error.description).toMatch(/^Item 1: /);
		expect(sandbox.requests.map((r) => r.body)).toEqual([
			{ name: 'good-point', connector: 'siem', environments: { test: ['siem_mock_siem'] } },
		]);
	});

	test('a JSON Patch that is not one names the field, before any request', async () => {
		const result = await management({
			resource: 'account',
			operation: 'patch',
			accountId: rl('acme'),
			patchOperations: '[{"op": "rename", "path": "fullname"}]',
		});
		expectOperationError(result, '"Patch Operations (JSON)" entry 0 has the op "rename"; use add, remove, replace, move, copy, test');
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a required ID that resolves to nothing names the field, before any request', async () => {
		const result = await management(
			{ resource: 'account', operation: 'get', accountId: rl('={{ $json.account }}') },
			{ items: [{ other: 1 }] },
		);
		const error = expectOperationError(result, '"Account" is required but empty');
		expect(error.description).toContain('item 0');
		expect(sandbox.requests).toHaveLength(0);
	});

	test.each([
		['a/b', '/v1/accounts/a%2Fb'],
		['x?y=1', '/v1/accounts/x%3Fy%3D1'],
		['a b#c', '/v1/accounts/a%20b%23c'],
		['50%', '/v1/accounts/50%25'],
	])('the ID %j is sent percent-encoded as one path segment', async (id, path) => {
		const result = await management({ resource: 'account', operation: 'get', accountId: rl(id) });
		expectApiError(result, {
			httpCode: '404',
			message: `Synqly could not find account '${id}'`,
			// The sandbox decoded the segment back into the one ID it was.
			description: literally(notFoundDetail('account', id)),
		});
		expectSent([{ method: 'GET', path }]);
	});

	test.each(['..', '.', ' .. '])('the ID %j is refused before any request, naming the field', async (id) => {
		const result = await management({
			resource: 'integration',
			operation: 'get',
			accountId: rl('acme'),
			integrationId: rl(id),
		});
		expectOperationError(result, `"Integration" cannot be "${id.trim()}"`);
		expect(sandbox.requests).toHaveLength(0);
	});

});

describe('Create or Update', () => {
	test('an existing object with a changed field is found by name, read, then PUT whole', async () => {
		const before = await api('GET', '/v1/accounts/acme');
		const items = succeeded(
			await management({ resource: 'account', operation: 'upsert', name: 'acme', additionalFields: { fullname: 'Acme 2' } }),
		);
		expectSent([
			{ method: 'GET', path: '/v1/accounts', query: { filter: ['name[eq]acme'], limit: ['1'] } },
			{ method: 'GET', path: `/v1/accounts/${ACME}` },
			{ method: 'PUT', path: `/v1/accounts/${ACME}`, body: { ...before, name: 'acme', fullname: 'Acme 2' } },
		]);
		expect(json(items)).toEqual([expect.objectContaining({ id: ACME, fullname: 'Acme 2', action: 'updated' })]);
	});

	test('an existing object that already has the given fields is left alone', async () => {
		const items = succeeded(
			await management({ resource: 'account', operation: 'upsert', name: 'acme', additionalFields: { fullname: 'Acme Corp' } }),
		);
		expect(sandbox.requests.map((r) => r.method)).toEqual(['GET', 'GET']);
		expect(json(items)).toEqual([expect.objectContaining({ id: ACME, action: 'unchanged' })]);
	});

	test('a field the existing object does not have yet is set', async () => {
		await api('POST', '/v1/accounts', { name: 'globex' });
		const items = succeeded(
			await management({ resource: 'account', operation: 'upsert', name: 'globex', additionalFields: { labels: 'eu' } }),
		);
		expect(json(items)).toEqual([expect.objectContaining({ name: 'globex', labels: ['eu'], action: 'updated' })]);
		expect(sandbox.state.accounts.get('globex').labels).toEqual(['eu']);
	});

	test('write-only fields (a member password) are not sent again on update', async () => {
		await api('POST', '/v1/members', { name: 'ci-bot', secret: 'first-password', type: 'service' });
		const items = succeeded(
			await management({
				resource: 'member',
				operation: 'upsert',
				name: 'ci-bot',
				password: 'another-password',
				additionalFields: { fullname: 'CI Robot' },
			}),
		);
		const put = sandbox.requests.find((r) => r.method === 'PUT');
		expect(put?.body).toEqual(expect.objectContaining({ fullname: 'CI Robot' }));
		expect(put?.body).not.toHaveProperty('secret');
		expect(json(items)).toEqual([expect.objectContaining({ name: 'ci-bot', action: 'updated' })]);
		expect(items[0].json).not.toHaveProperty('secret');
		expect(sandbox.state.memberSecrets.get(sandbox.state.members.get('ci-bot').id)).toBe('first-password');
	});

	test.each([
		['a bracket', 'acme]x'],
		['a newline', 'acme\nx'],
	])('a name with %s is refused before any request, naming the field and the item', async (_what, name) => {
		const error = failed(await management({ resource: 'account', operation: 'upsert', name, additionalFields: { fullname: 'X' } }));
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toContain('"Name" has a value with');
		expect(error.context?.itemIndex).toBe(0);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a list answer whose object has another name is neither updated nor taken as missing', async () => {
		sandbox.fail({ method: 'GET', path: '/v1/accounts', status: 200, body: { result: [{ id: ACME, name: 'acme' }] } });
		const error = failed(await management({ resource: 'account', operation: 'upsert', name: 'globex', additionalFields: { fullname: 'Globex' } }));
		expect(error.name).toBe('NodeOperationError');
		expect(error.message).toContain('answered "acme" when asked for the Name "globex"');
		expect(error.context?.itemIndex).toBe(0);
		expect(sandbox.requests.map((r) => r.method)).toEqual(['GET']);
		expect(sandbox.state.accounts.get('acme').fullname).not.toBe('Globex');
	});

	test('a name with filter syntax is matched as a whole name', async () => {
		const items = succeeded(
			await management({ resource: 'account', operation: 'upsert', name: 'acme-new', additionalFields: { fullname: 'New' } }),
		);
		expect(sandbox.requests[0].query.filter).toEqual(['name[eq]acme-new']);
		expect(json(items)).toEqual([expect.objectContaining({ name: 'acme-new', action: 'created' })]);
	});
});

describe('outputs', () => {
	test('Apply with Include Raw Data returns the raw data too', async () => {
		await api('POST', '/v1/mappings', { name: 'my-mapping', data: 'version: 1\n' });
		const items = succeeded(
			await management({
				resource: 'mapping',
				operation: 'apply',
				mappings: 'my-mapping',
				inputData: '{"severity": "high"}',
				additionalFields: { includeRawData: true },
			}),
		);
		expect(sandbox.requests[0].query).toEqual({ include_raw_data: ['true'] });
		expect(JSON.stringify(json(items))).toContain('raw_data');
	});

	test('Get Many of an empty list outputs no items', async () => {
		const result = await management({ resource: 'role', operation: 'getAll' });
		expect(succeeded(result)).toEqual([]);
		expect(sandbox.requests).toHaveLength(1);
	});
});
