/**
 * The two credentials' "Test" buttons, done as n8n's CredentialsTester does them (see
 * harness.testCredential: the Organization credential's own `test` request, the Integration
 * credential's `testedBy` function on the Connector nodes), against the sandbox: a test passes
 * only on the answer a valid token gets; every other set-up fails with a message that names what
 * is wrong.
 */
import { checkBaseUrl } from '../credentials/baseUrl';
import { credentialTestOf, loadPackage, registeredCredential, registeredNode, testCredential } from './harness';
import { api, createAdhocToken, sandbox, useSandbox } from './harness/management';
import { SANDBOX_DEMO_SIEM_TOKEN, SANDBOX_DEMO_TICKETS_TOKEN, SANDBOX_IDS } from './sandbox/server';
import { issueToken } from './sandbox/tokens';

useSandbox('demo');

const ORGANIZATION = 'synqlyOrganizationApi';
const INTEGRATION = 'synqlyIntegrationApi';

const OK = { status: 'OK', message: 'Connection successful!' };

const HTML_PAGE = '<!DOCTYPE html><html><body><h1>Welcome to nginx!</h1></body></html>';

/** A loopback port nothing listens on (the discard port; closed on this machine and in CI). */
const CLOSED_PORT_URL = 'http://127.0.0.1:9';

interface Case {
	credential: string;
	/** The path the credential's test request reads. */
	path: string;
	validToken: () => string;
	/** A token of the other credential. */
	otherScopeToken: () => string;
	expiredToken: () => string;
	/** Words of the 401 message, the wrong-scope hint included. */
	rejected: RegExp[];
}

const cases: Array<[string, Case]> = [
	[
		'Synqly Organization Token API',
		{
			credential: ORGANIZATION,
			path: '/v1/organization',
			validToken: () => sandbox.orgToken,
			otherScopeToken: () => SANDBOX_DEMO_SIEM_TOKEN,
			expiredToken: () => issueToken(sandbox.state, { scope: 'organization', permissionSet: 'administrator' }, { ttlMs: 0 }).secret,
			rejected: [/HTTP 401/, /invalid or expired/, /integration token/, /"Synqly Integration Token API" credential/],
		},
	],
	[
		'Synqly Integration Token API',
		{
			credential: INTEGRATION,
			path: '/v1/integration-webhooks',
			validToken: () => SANDBOX_DEMO_TICKETS_TOKEN,
			otherScopeToken: () => sandbox.orgToken,
			expiredToken: () => sandbox.mintIntegrationToken('acme', 'acme-siem', 0),
			rejected: [/HTTP 401/, /invalid or expired/, /organization token/, /"Synqly Organization Token API" credential/],
		},
	],
];

const expectError = (result: { status: string; message: string }, words: RegExp[]) => {
	expect(result.status).toBe('Error');
	for (const word of words) expect(result.message).toMatch(word);
};

const WRONG_BASE_URL = [/Base URL/, /https:\/\/api\.synqly\.com/];

describe.each(cases)('%s', (_name, c) => {
	const run = (accessToken: string, baseUrl = sandbox.url) => testCredential(c.credential, { accessToken, baseUrl });

	test('a valid token passes, sending it to the test path once', async () => {
		expect(await run(c.validToken())).toEqual(OK);
		expect(sandbox.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
			['GET', c.path, `Bearer ${c.validToken()}`],
		]);
	});

	test('an invalid token fails: invalid or expired', async () => {
		expectError(await run('not-a-token'), c.rejected);
	});

	test('an expired token fails: invalid or expired', async () => {
		expectError(await run(c.expiredToken()), c.rejected);
	});

	test('a token of the other credential fails with the hint to use the other credential', async () => {
		expectError(await run(c.otherScopeToken()), c.rejected);
	});

	test('a disabled organization fails: disabled', async () => {
		sandbox.state.organization.state = 'disabled';
		expectError(await run(c.validToken()), [/organization is disabled/, /HTTP 402/]);
	});

	test('a token without the permission fails: missing permission', async () => {
		// The sandbox checks Management permissions itself; a restricted integration token's 403 is injected.
		if (c.credential === ORGANIZATION) {
			const issuer = await createAdhocToken('issuer', 'token-issuer');
			expectError(await run(issuer.primary.access.secret), [/valid but lacks a permission/, /HTTP 403/, /read the organization/]);
		} else {
			sandbox.fail({ path: c.path, status: 403 });
			expectError(await run(c.validToken()), [/valid but lacks a permission/, /HTTP 403/, /list the integration's webhooks/]);
		}
	});

	test("a Base URL with a path answers Synqly's 404 Problem: wrong Base URL", async () => {
		expectError(await run(c.validToken(), `${sandbox.url}/api`), [/No Synqly API at this Base URL/, /HTTP 404/, ...WRONG_BASE_URL]);
		expect(sandbox.requests.map((r) => [r.path, r.status])).toEqual([[`/api${c.path}`, 404]]);
	});

	test.each(['/v1', '/v1/', '/V1'])('a Base URL ending in %s is refused with the fix, sending nothing', async (tail) => {
		const result = await run(c.validToken(), `${sandbox.url}${tail}`);
		expectError(result, [/Invalid Base URL/, /ends in \/v1/, new RegExp(`use "${sandbox.url}" instead`), /Nothing was sent/]);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a Base URL answering an HTML page with 500 fails: not Synqly', async () => {
		sandbox.fail({ path: c.path, status: 500, contentType: 'text/html', body: HTML_PAGE });
		expectError(await run(c.validToken()), [/a web page or text, not as Synqly's API does/, ...WRONG_BASE_URL]);
	});

	test('a Base URL answering an HTML page with 200 fails: not Synqly', async () => {
		sandbox.fail({ path: c.path, status: 200, contentType: 'text/html', body: HTML_PAGE });
		expectError(await run(c.validToken()), [/a web page or text, not as Synqly's API does/, ...WRONG_BASE_URL]);
	});

	test('a Base URL answering 200 with an empty body fails: not Synqly', async () => {
		sandbox.fail({ path: c.path, status: 200, contentType: 'text/plain', body: '' });
		expectError(await run(c.validToken()), [/not as Synqly's API does/]);
	});

	test('a Synqly 503 fails: Synqly failed, try again', async () => {
		sandbox.fail({ path: c.path, status: 503 });
		expectError(await run(c.validToken()), [/failed \(HTTP 503\)/, /try again later/]);
	});

	test('a Base URL where nothing listens (a closed loopback port) fails with the network error', async () => {
		// Organization (a request test): n8n 1.x and these tests (n8n-workflow 2.8.0) show the
		// error's message, n8n 2.41 its code. Integration (a function): the code and the message.
		expectError(await run(c.validToken(), CLOSED_PORT_URL), [/refused the connection|ECONNREFUSED/]);
	});

	test('a Base URL with trailing slashes and spaces works and sends one slash', async () => {
		expect(await run(c.validToken(), ` ${sandbox.url}// `)).toEqual(OK);
		expect(sandbox.requests.map((r) => r.path)).toEqual([c.path]);
	});

	test('a Base URL that is not a URL fails the test as an invalid URL, sending nothing', async () => {
		expectError(await run(c.validToken(), 'not a url'), [/Invalid Base URL: "not a url" is not an http\(s\) URL/, /Nothing was sent/]);
		expect(sandbox.requests).toHaveLength(0);
	});

	// A member who may edit the credential but not read it must not be able to send its token elsewhere.
	test.each([
		['user info before the host', (url: string) => url.replace('://', '://api.synqly.com@'), /user name or password/],
		['a query', (url: string) => `${url}?to=elsewhere`, /has a query/],
		['a fragment', (url: string) => `${url}#frag`, /has a fragment/],
		['plain http to a host that is not this machine', () => 'http://example.com', /plain http to a host that is not this machine/],
	])('a Base URL with %s is refused before anything is sent', async (_what, baseUrl, words) => {
		const value = baseUrl(sandbox.url);
		expectError(await run(c.validToken(), value), [/Invalid Base URL/, words, /Nothing was sent/]);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe.each(cases)('%s: JSON that is not the answer to a valid token', (_name, c) => {
	const run = () => testCredential(c.credential, { accessToken: c.validToken(), baseUrl: sandbox.url });

	test.each([
		['an object', { hello: 'world' }],
		['a list', [{ id: 1 }]],
	])('a Base URL answering 200 with JSON (%s) without "result" and without "status" fails: not Synqly', async (_what, body) => {
		sandbox.fail({ path: c.path, status: 200, body });
		expectError(await run(), [/JSON without Synqly's "result", not as Synqly's API does/, ...WRONG_BASE_URL]);
	});

	test('a Problem status no message names (418) fails: not Synqly', async () => {
		sandbox.fail({ path: c.path, status: 418 });
		expectError(await run(), [/not as Synqly's API does/, ...WRONG_BASE_URL]);
	});
});

describe('Synqly Integration Token API', () => {
	const valid: Array<[string, () => string]> = [
		['SIEM (its provider has no webhooks: Synqly answers 501)', () => SANDBOX_DEMO_SIEM_TOKEN],
		['ticketing (200 with "result")', () => SANDBOX_DEMO_TICKETS_TOKEN],
		['a newly minted token', () => sandbox.mintIntegrationToken('acme', 'acme-siem')],
	];

	test.each(valid)('a valid integration token of %s passes', async (_category, token) => {
		expect(await testCredential(INTEGRATION, { accessToken: token(), baseUrl: sandbox.url })).toEqual(OK);
	});

	test('the token of an integration created by the Management API passes, whatever its category', async () => {
		const configs = [
			{ type: 'storage_mock_storage', bucket: 'reports' },
			{ type: 'notifications_mock_notifications' },
			{ type: 'sink_mock_sink' },
		];
		for (const config of configs) {
			const { type } = config;
			const created = await api<{ token: { access: { secret: string } } }>('POST', '/v1/integrations/acme', {
				name: type.replace(/_/g, '-'),
				provider_config: config,
			});
			const result = await testCredential(INTEGRATION, { accessToken: created.token.access.secret, baseUrl: sandbox.url });
			expect({ type, ...result }).toEqual({ type, ...OK });
		}
	});

	test('the token of a deleted integration fails: invalid or expired', async () => {
		await api('DELETE', `/v1/integrations/acme/${SANDBOX_IDS.siemIntegration}`);
		const result = await testCredential(INTEGRATION, { accessToken: SANDBOX_DEMO_SIEM_TOKEN, baseUrl: sandbox.url });
		expectError(result, [/invalid or expired/]);
	});

	test('a 501 that is not a Synqly Problem (JSON without "status") fails: not Synqly', async () => {
		sandbox.fail({ path: '/v1/integration-webhooks', status: 501, body: { hello: 'world' } });
		expectError(await testCredential(INTEGRATION, { accessToken: SANDBOX_DEMO_TICKETS_TOKEN, baseUrl: sandbox.url }), [
			/HTTP 501, not as Synqly's API does/,
			...WRONG_BASE_URL,
		]);
	});

	test('a 501 web page fails: not Synqly', async () => {
		sandbox.fail({ path: '/v1/integration-webhooks', status: 501, contentType: 'text/html', body: HTML_PAGE });
		expectError(await testCredential(INTEGRATION, { accessToken: SANDBOX_DEMO_SIEM_TOKEN, baseUrl: sandbox.url }), [
			/a web page or text, not as Synqly's API does/,
		]);
	});

	test('a 200 whose "result" is not a list fails: not Synqly', async () => {
		sandbox.fail({ path: '/v1/integration-webhooks', status: 200, body: { result: { id: 1 } } });
		expectError(await testCredential(INTEGRATION, { accessToken: SANDBOX_DEMO_TICKETS_TOKEN, baseUrl: sandbox.url }), [
			/"result" that is not the list Synqly sends/,
		]);
	});

	test('a 200 carrying a Problem "status" of 501 fails: only HTTP 501 is the no-webhooks answer', async () => {
		sandbox.fail({ path: '/v1/integration-webhooks', status: 200, body: { status: 501, message: 'Not Implemented' } });
		expectError(await testCredential(INTEGRATION, { accessToken: SANDBOX_DEMO_TICKETS_TOKEN, baseUrl: sandbox.url }), [
			/JSON without Synqly's "result"/,
		]);
	});
});

describe('the credential types', () => {
	test.each([
		['Synqly Organization Token API', ORGANIZATION],
		['Synqly Integration Token API', INTEGRATION],
	])('%s authenticates with a Bearer header and has a Base URL defaulting to Synqly', async (displayName, name) => {
		const credential = await registeredCredential(name);
		expect(credential.displayName).toBe(displayName);
		// A function, so n8n runs no expression per request; it keeps the request's own headers.
		expect(typeof credential.authenticate).toBe('function');
		const authenticate = credential.authenticate as (c: object, o: object) => Promise<{ headers: object }>;
		const sent = await authenticate({ accessToken: 'tok_1' }, { url: '/v1/accounts', headers: { Accept: 'application/json' } });
		expect(sent).toEqual({ url: '/v1/accounts', headers: { Accept: 'application/json', Authorization: 'Bearer tok_1' } });
		const props = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(props.accessToken).toEqual(expect.objectContaining({ required: true, typeOptions: { password: true } }));
		expect(props.baseUrl).toEqual(expect.objectContaining({ default: 'https://api.synqly.com' }));
		expect(props.allowInsecureHttp).toEqual(expect.objectContaining({ type: 'boolean', default: false }));
	});

	test.each([
		[ORGANIZATION, 'synqlyOrganizationApiTest', ['synqlyConnector', 'synqlyConnectorTrigger', 'synqlyManagement', 'synqlyManagementTrigger']],
		[INTEGRATION, 'synqlyIntegrationApiTest', ['synqlyConnector', 'synqlyConnectorTrigger']],
	])('%s has no `test` of its own (n8n would prefer it): every node that uses it names %s and has it', async (credential, fn, expected) => {
		expect((await registeredCredential(credential)).test).toBeUndefined();
		const { nodes } = await loadPackage();
		const users: Array<[string, unknown, boolean]> = [];
		for (const name of Object.keys(nodes)) {
			const node = await registeredNode(name);
			const entry = node.description.credentials?.find((c) => c.name === credential);
			if (!entry) continue;
			const testedBy = String(entry.testedBy);
			users.push([name, entry.testedBy, typeof node.methods?.credentialTest?.[testedBy] === 'function']);
		}
		// n8n takes the first node it finds that names a function for the credential.
		expect(users.sort()).toEqual(expected.map((name) => [name, fn, true]));
		expect(await credentialTestOf(credential)).toEqual({ fn: expect.any(Function) });
	});
});

describe('the Base URL rule (credentials/baseUrl.ts)', () => {
	test.each([
		['', 'https://api.synqly.com'],
		['  ', 'https://api.synqly.com'],
		['http://localhost:4010/', 'http://localhost:4010'],
		['http://127.0.0.1:4010', 'http://127.0.0.1:4010'],
		['http://[::1]:4010', 'http://[::1]:4010'],
		['https://eu.synqly.com//', 'https://eu.synqly.com'],
		['https://synqly.example.com/embedded/', 'https://synqly.example.com/embedded'],
		['https://synqly.example.com/v10', 'https://synqly.example.com/v10'],
	])('%j is sent to as %j', (baseUrl, expected) => {
		expect(checkBaseUrl(baseUrl, false)).toEqual({ url: expected });
	});

	test.each([
		['https://api.synqly.com@evil.example', /user name or password/],
		['https://user:pass@api.synqly.com', /user name or password/],
		['https://api.synqly.com?x=1', /has a query/],
		['https://api.synqly.com/?', /has a query/],
		['https://api.synqly.com#x', /has a fragment/],
		['http://api.synqly.com', /plain http/],
		['http://10.0.0.5:8080', /plain http/],
		['ftp://api.synqly.com', /not an http\(s\) URL/],
		['api.synqly.com', /not an http\(s\) URL/],
		['javascript:alert(1)', /not an http\(s\) URL/],
		['https://api.synqly.com/v1', /ends in \/v1, .*use "https:\/\/api\.synqly\.com" instead/],
		['https://api.synqly.com/v1/', /ends in \/v1, .*use "https:\/\/api\.synqly\.com" instead/],
		['https://synqly.example.com/embedded/V1//', /ends in \/v1, .*use "https:\/\/synqly\.example\.com\/embedded" instead/],
	])('%j is refused', (baseUrl, problem) => {
		const checked = checkBaseUrl(baseUrl, false);
		expect('problem' in checked && checked.problem).toMatch(problem);
	});

	test('plain http to another host only when the credential allows it, and only `true` allows it', () => {
		expect(checkBaseUrl('http://synqly.internal:8080/', true)).toEqual({ url: 'http://synqly.internal:8080' });
		expect('problem' in checkBaseUrl('http://synqly.internal:8080/', 'true')).toBe(true);
		expect('problem' in checkBaseUrl('https://a@synqly.internal', true)).toBe(true);
	});
});
