/**
 * The two credentials' "Test" buttons, done as n8n's CredentialsTester does them (see
 * harness.testCredential), against the sandbox: right token, wrong token, token of the other
 * scope, disabled organization, and the Base URL field.
 */
import type { ICredentialTestRequest } from 'n8n-workflow';

import { registeredCredential, resolveExpression, testCredential } from './harness';
import { api, createAdhocToken, sandbox, useSandbox } from './harness/management';
import {
	AUTH_DETAILS,
	SANDBOX_DEMO_SIEM_TOKEN,
	SANDBOX_DEMO_TICKETS_TOKEN,
	SANDBOX_IDS,
} from './sandbox/server';

useSandbox('demo');

const ORGANIZATION = 'synqlyOrganizationApi';
const INTEGRATION = 'synqlyIntegrationApi';

const OK = { status: 'OK', message: 'Connection successful!' };

/** The message of the credential's rule that matches a body field, e.g. detail = "…". */
function ruleMessage(test: ICredentialTestRequest, key: string, value: string | number): string {
	const rule = test.rules?.find(
		(r) => r.type === 'responseSuccessBody' && r.properties.key === key && r.properties.value === value,
	);
	if (!rule) throw new Error(`The credential has no rule for ${key} = ${String(value)}`);
	return String(rule.properties.message);
}

/** The `test` requests of the credential types package.json registers. */
let organizationTest: ICredentialTestRequest;
let integrationTest: ICredentialTestRequest;
beforeAll(async () => {
	organizationTest = (await registeredCredential(ORGANIZATION)).test as ICredentialTestRequest;
	integrationTest = (await registeredCredential(INTEGRATION)).test as ICredentialTestRequest;
});

describe('Synqly Organization Token API', () => {
	test('a valid organization token passes, sending it to GET /v1/organization', async () => {
		expect(await testCredential(ORGANIZATION, { accessToken: sandbox.orgToken, baseUrl: sandbox.url })).toEqual(OK);
		expect(sandbox.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
			['GET', '/v1/organization', `Bearer ${sandbox.orgToken}`],
		]);
	});

	test('an invalid token fails: invalid or expired', async () => {
		const result = await testCredential(ORGANIZATION, { accessToken: 'not-a-token', baseUrl: sandbox.url });
		expect(result).toEqual({ status: 'Error', message: 'The organization token is invalid or expired' });
	});

	test('an integration token fails with the wrong-scope message', async () => {
		// The rule matches the sandbox's (Synqly's) wording of the wrong-scope 401 exactly.
		expect(organizationTest.rules).toContainEqual(
			expect.objectContaining({ properties: expect.objectContaining({ key: 'detail', value: AUTH_DETAILS.organizationExpected }) }),
		);
		const result = await testCredential(ORGANIZATION, { accessToken: SANDBOX_DEMO_SIEM_TOKEN, baseUrl: sandbox.url });
		expect(result).toEqual({ status: 'Error', message: ruleMessage(organizationTest, 'detail', AUTH_DETAILS.organizationExpected) });
		expect(result.message).toMatch(/integration token/);
		expect(result.message).toContain('Synqly Integration Token API');
	});

	test('a token that may not read the organization fails with the 403 message', async () => {
		const issuer = await createAdhocToken('issuer', 'token-issuer');
		const result = await testCredential(ORGANIZATION, { accessToken: issuer.primary.access.secret, baseUrl: sandbox.url });
		expect(result).toEqual({ status: 'Error', message: 'The token is valid but may not read the organization' });
	});

	test('a disabled organization fails: disabled', async () => {
		sandbox.state.organization.state = 'disabled';
		const result = await testCredential(ORGANIZATION, { accessToken: sandbox.orgToken, baseUrl: sandbox.url });
		expect(result).toEqual({ status: 'Error', message: 'The Synqly organization is disabled' });
	});

	test('a Base URL with trailing slashes works and sends one slash', async () => {
		expect(await testCredential(ORGANIZATION, { accessToken: sandbox.orgToken, baseUrl: `${sandbox.url}//` })).toEqual(OK);
		expect(sandbox.requests.map((r) => r.path)).toEqual(['/v1/organization']);
	});

	test('a Base URL with spaces around it works', async () => {
		expect(await testCredential(ORGANIZATION, { accessToken: sandbox.orgToken, baseUrl: ` ${sandbox.url} ` })).toEqual(OK);
	});

	test('a Base URL that is not a URL fails the test as an invalid URL', async () => {
		const result = await testCredential(ORGANIZATION, { accessToken: sandbox.orgToken, baseUrl: 'not a url' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/invalid url/i);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a Base URL where nothing answers fails with the network error', async () => {
		const result = await testCredential(ORGANIZATION, { accessToken: sandbox.orgToken, baseUrl: 'http://127.0.0.1:9' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/refused the connection/);
	});
});

describe('Synqly Integration Token API', () => {
	const valid: Array<[string, () => string]> = [
		['SIEM (not ticketing)', () => SANDBOX_DEMO_SIEM_TOKEN],
		['ticketing', () => SANDBOX_DEMO_TICKETS_TOKEN],
		['a newly minted token', () => sandbox.mintIntegrationToken('acme', 'acme-siem')],
	];

	test.each(valid)('a valid integration token of %s passes', async (_category, token) => {
		const accessToken = token();
		expect(await testCredential(INTEGRATION, { accessToken, baseUrl: sandbox.url })).toEqual(OK);
		expect(sandbox.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
			['GET', '/v1/integration-webhooks', `Bearer ${accessToken}`],
		]);
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

	test('an invalid token fails: invalid or expired', async () => {
		const result = await testCredential(INTEGRATION, { accessToken: 'not-a-token', baseUrl: sandbox.url });
		expect(result).toEqual({ status: 'Error', message: 'The integration token is invalid or expired' });
	});

	test('an expired token fails: invalid or expired', async () => {
		const expired = sandbox.mintIntegrationToken('acme', 'acme-siem', 0);
		const result = await testCredential(INTEGRATION, { accessToken: expired, baseUrl: sandbox.url });
		expect(result).toEqual({ status: 'Error', message: 'The integration token is invalid or expired' });
	});

	test('an organization token fails with the wrong-scope message', async () => {
		expect(integrationTest.rules).toContainEqual(
			expect.objectContaining({ properties: expect.objectContaining({ key: 'detail', value: AUTH_DETAILS.integrationExpected }) }),
		);
		const result = await testCredential(INTEGRATION, { accessToken: sandbox.orgToken, baseUrl: sandbox.url });
		expect(result).toEqual({ status: 'Error', message: ruleMessage(integrationTest, 'detail', AUTH_DETAILS.integrationExpected) });
		expect(result.message).toMatch(/organization token/);
		expect(result.message).toContain('Synqly Organization Token API');
	});

	test('a disabled organization fails: disabled', async () => {
		sandbox.state.organization.state = 'disabled';
		const result = await testCredential(INTEGRATION, { accessToken: SANDBOX_DEMO_SIEM_TOKEN, baseUrl: sandbox.url });
		expect(result).toEqual({ status: 'Error', message: 'The Synqly organization is disabled' });
	});

	test('the token of a deleted integration fails', async () => {
		await api('DELETE', `/v1/integrations/acme/${SANDBOX_IDS.siemIntegration}`);
		const result = await testCredential(INTEGRATION, { accessToken: SANDBOX_DEMO_SIEM_TOKEN, baseUrl: sandbox.url });
		expect(result).toEqual({ status: 'Error', message: 'The integration token is invalid or expired' });
	});

	test('a Base URL with a trailing slash works', async () => {
		const result = await testCredential(INTEGRATION, { accessToken: SANDBOX_DEMO_SIEM_TOKEN, baseUrl: `${sandbox.url}/` });
		expect(result).toEqual(OK);
		expect(sandbox.requests.map((r) => r.path)).toEqual(['/v1/integration-webhooks']);
	});

	test('a Base URL that is not a URL fails the test as an invalid URL', async () => {
		const result = await testCredential(INTEGRATION, { accessToken: SANDBOX_DEMO_SIEM_TOKEN, baseUrl: 'not a url' });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/invalid url/i);
	});
});

describe('the credential types', () => {
	test.each([
		['Synqly Organization Token API', ORGANIZATION],
		['Synqly Integration Token API', INTEGRATION],
	])('%s authenticates with a Bearer header and has a Base URL defaulting to Synqly', async (displayName, name) => {
		const credential = await registeredCredential(name);
		expect(credential.displayName).toBe(displayName);
		expect(credential.authenticate).toEqual({
			type: 'generic',
			properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
		});
		const props = Object.fromEntries(credential.properties.map((p) => [p.name, p]));
		expect(props.accessToken).toEqual(expect.objectContaining({ required: true, typeOptions: { password: true } }));
		expect(props.baseUrl).toEqual(expect.objectContaining({ default: 'https://api.synqly.com' }));
	});

	test.each([
		['', 'https://api.synqly.com'],
		['  ', 'https://api.synqly.com'],
		['http://localhost:4010/', 'http://localhost:4010'],
		['https://eu.synqly.com//', 'https://eu.synqly.com'],
	])('the test request resolves the Base URL %j to %j', (baseUrl, expected) => {
		expect(resolveExpression(String(organizationTest.request.baseURL), { $credentials: { baseUrl } })).toBe(expected);
		expect(resolveExpression(String(integrationTest.request.baseURL), { $credentials: { baseUrl } })).toBe(expected);
	});
});
