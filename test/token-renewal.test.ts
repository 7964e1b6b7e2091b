/**
 * Token pairs that renew themselves (credentials/tokenPair.ts, Session.renew in the transport):
 * a credential with a refresh token renews its access token once when Synqly refuses it or
 * shortly before it expires, stores the renewed pair, removes the previous one, and never loops.
 * The sandbox follows the reference's token model: refresh makes a new primary pair and keeps
 * the old one as secondary until it is removed; `expire` ends a token after N more requests.
 */
import type { ICredentialDataDecryptedObject, IDataObject, INodeParameters } from 'n8n-workflow';

import { rl, runNode } from './harness';
import { api, createAdhocToken, failed, sandbox, succeeded, useSandbox, type RefreshTokenJson } from './harness/management';

useSandbox('demo');

const getAcme = { resource: 'account', operation: 'get', accountId: rl('acme') };
const CREDENTIAL = 'Synqly Organization Token API';

/** A new administrator token pair, as the credential of someone who pasted all three fields. */
async function organizationPair(): Promise<{ rt: RefreshTokenJson; credential: ICredentialDataDecryptedObject }> {
	const rt = await createAdhocToken(`pair-${Math.random().toString(36).slice(2)}`, 'administrator');
	return {
		rt,
		credential: {
			accessToken: rt.primary.access.secret,
			refreshTokenId: rt.id,
			refreshSecret: rt.primary.refresh.secret,
			baseUrl: sandbox.url,
		},
	};
}

const current = (id: string) => sandbox.state.refreshTokens.get(id);
const sent = () => sandbox.requests.map((r) => `${r.method} ${r.path} ${r.status}`);

async function management(
	parameters: INodeParameters,
	credential: ICredentialDataDecryptedObject,
	items?: IDataObject[],
	onError?: 'continueRegularOutput',
) {
	return await runNode({ node: 'synqlyManagement', parameters, credentials: { synqlyOrganizationApi: credential }, items, onError });
}

const refreshes = () => sandbox.requests.filter((r) => r.path.endsWith('/refresh'));
const removals = () => sandbox.requests.filter((r) => r.method === 'DELETE' && r.path.endsWith('/secondary'));

/** Every refresh secret the sandbox ever issued for this RefreshToken (its primary's and secondary's, now and before). */
const refreshSecretsOf = (id: string) =>
	[...sandbox.state.secrets.values()].filter((g) => g.kind === 'refresh' && g.refreshTokenId === id).map((g) => g.secret);

describe('token renewal', () => {
	test('an access token that expires between two items is renewed once, both items succeed, and the credential holds the new pair', async () => {
		const { rt, credential } = await organizationPair();
		sandbox.expire(rt.primary.access.secret, 1);
		const items = succeeded(await management({ ...getAcme, requestOptions: { concurrency: 1 } }, credential, [{}, {}]));
		expect(items.map((i) => i.json.name)).toEqual(['acme', 'acme']);
		expect(sent()).toEqual([
			'GET /v1/accounts/acme 200',
			'GET /v1/accounts/acme 401',
			`PUT /v1/tokens/${rt.id}/refresh 200`,
			'GET /v1/accounts/acme 200',
			`DELETE /v1/tokens/${rt.id}/secondary 204`,
		]);
		const renewed = current(rt.id);
		expect(credential.accessToken).toBe(renewed.primary.access.secret);
		expect(credential.refreshSecret).toBe(renewed.primary.refresh.secret);
		expect(credential.accessTokenExpires).toBe(renewed.primary.access.expires);
		expect(renewed.secondary).toBeUndefined();
		// The refresh went out with the refresh secret as its Bearer (docs/credentials.md: what the nodes do with a pair).
		expect(sandbox.requests[2].headers.authorization).toBe(`Bearer ${rt.primary.refresh.secret}`);
	});

	test('items running at once that all hit the expired token renew it once', async () => {
		const { rt, credential } = await organizationPair();
		sandbox.expire(rt.primary.access.secret);
		const items = succeeded(await management({ ...getAcme, requestOptions: { concurrency: 8 } }, credential, Array(8).fill({})));
		expect(items).toHaveLength(8);
		expect(sandbox.requests.filter((r) => r.path.endsWith('/refresh'))).toHaveLength(1);
		expect(sandbox.requests.filter((r) => r.method === 'DELETE')).toHaveLength(1);
		expect(credential.accessToken).toBe(current(rt.id).primary.access.secret);
	});

	test('an access token about to expire is renewed before the request goes out', async () => {
		const { rt, credential } = await organizationPair();
		credential.accessTokenExpires = new Date(Date.now() + 30_000).toISOString();
		succeeded(await management(getAcme, credential));
		expect(sent()).toEqual([
			`PUT /v1/tokens/${rt.id}/refresh 200`,
			'GET /v1/accounts/acme 200',
			`DELETE /v1/tokens/${rt.id}/secondary 204`,
		]);
		expect(sandbox.requests[1].headers.authorization).toBe(`Bearer ${current(rt.id).primary.access.secret}`);
	});

	test('an access token whose expiry is far away is not renewed', async () => {
		const { credential } = await organizationPair();
		credential.accessTokenExpires = new Date(Date.now() + 3_600_000).toISOString();
		succeeded(await management(getAcme, credential));
		expect(sent()).toEqual(['GET /v1/accounts/acme 200']);
	});

	test('an expired refresh token gives one clear error that says what to do, without any secret', async () => {
		const { rt, credential } = await organizationPair();
		sandbox.expire(rt.primary.access.secret);
		sandbox.expire(rt.primary.refresh.secret);
		const error = failed(await management(getAcme, credential));
		expect(error.message).toBe(`The "${CREDENTIAL}" credential could not renew its access token`);
		expect(error.description).toMatch(/^Synqly did not renew the token pair: Synqly refused the refresh secret \(HTTP 401\)/);
		expect(error.description).toContain('Create a new token pair');
		expect(JSON.stringify(error)).not.toContain(rt.primary.refresh.secret);
		expect(sandbox.requests.filter((r) => r.path.endsWith('/refresh'))).toHaveLength(1);
		expect(credential.accessToken).toBe(rt.primary.access.secret);
	});

	test('a 401 right after a renewal is an error, not a second renewal', async () => {
		const { rt, credential } = await organizationPair();
		sandbox.fail({ path: '/v1/accounts/acme', status: 401, times: 2 });
		const error = failed(await management(getAcme, credential));
		expect(error.httpCode).toBe('401');
		expect(error.description).toContain('Synqly refused the new access token too');
		expect(sent()).toEqual(['GET /v1/accounts/acme 401', `PUT /v1/tokens/${rt.id}/refresh 200`, 'GET /v1/accounts/acme 401']);
	});

	test('a credential without refresh data behaves as before: a 401 is the error, nothing is renewed', async () => {
		const { rt } = await organizationPair();
		sandbox.expire(rt.primary.access.secret);
		const error = failed(await management(getAcme, { accessToken: rt.primary.access.secret, baseUrl: sandbox.url }));
		expect(error.httpCode).toBe('401');
		expect(sent()).toEqual(['GET /v1/accounts/acme 401']);
	});

	test('a pair another execution renewed already is taken from the credential store, not renewed again', async () => {
		const { rt, credential } = await organizationPair();
		// Another worker renewed the pair and stored it; this execution started with the old one.
		const renewed = await api<RefreshTokenJson>('PUT', `/v1/tokens/${rt.id}/refresh`, undefined, rt.primary.refresh.secret);
		const stored = { ...credential, accessToken: renewed.primary.access.secret, refreshSecret: renewed.primary.refresh.secret };
		sandbox.expire(rt.primary.access.secret);
		const credentials = { synqlyOrganizationApi: stored };
		// Lookups made before the first request get the old pair; later ones what is stored now.
		const proxied = new Proxy(credentials, {
			get: (target, key: string) =>
				key === 'synqlyOrganizationApi' && sandbox.requests.length === 0 ? credential : target[key as 'synqlyOrganizationApi'],
		});
		succeeded(await runNode({ node: 'synqlyManagement', parameters: getAcme, credentials: proxied }));
		expect(sent()).toEqual(['GET /v1/accounts/acme 401', 'GET /v1/accounts/acme 200']);
	});

	test('the Connector in organization-token mode keeps working across a renewal of the organization credential, which never holds a minted token', async () => {
		const { rt, credential } = await organizationPair();
		sandbox.expire(rt.primary.access.secret);
		const result = await runNode({
			node: 'synqlyConnector',
			parameters: { authentication: 'organizationToken', accountId: rl('acme'), integrationId: rl('acme-siem'), resource: 'siem', operation: 'queryEvents', limit: 5 },
			credentials: { synqlyOrganizationApi: credential },
		});
		expect(succeeded(result)).toHaveLength(5);
		expect(sandbox.requests.filter((r) => r.path.endsWith('/refresh'))).toHaveLength(1);
		expect(credential.accessToken).toBe(current(rt.id).primary.access.secret);
		expect(sandbox.state.secrets.get(String(credential.accessToken))?.scope).toBe('organization');
	});

	test("an integration credential renews its pair (Integration → Create's token and refresh_token_id)", async () => {
		const created = await api<{ integration: { refresh_token_id: string }; token: { access: { secret: string }; refresh: { secret: string } } }>(
			'POST',
			'/v1/integrations/acme',
			{ name: 'renewing-siem', fullname: 'Renewing SIEM', provider_config: { type: 'siem_mock_siem' } },
		);
		const credential: ICredentialDataDecryptedObject = {
			accessToken: created.token.access.secret,
			refreshTokenId: created.integration.refresh_token_id,
			refreshSecret: created.token.refresh.secret,
			baseUrl: sandbox.url,
		};
		sandbox.expire(created.token.access.secret);
		const result = await runNode({
			node: 'synqlyConnector',
			parameters: { resource: 'siem', operation: 'queryEvents', limit: 5 },
			credentials: { synqlyIntegrationApi: credential },
		});
		expect(succeeded(result)).toHaveLength(5);
		const rt = current(created.integration.refresh_token_id);
		expect(credential.accessToken).toBe(rt.primary.access.secret);
		// The removal of the secondary carries the new (integration) access token only. The reference
		// is silent on its bearer; the sandbox takes it as the Management endpoint it is and refuses
		// an integration token, so the previous pair stays until it expires or the next refresh.
		expect(removals().map((r) => `${r.status} ${r.headers.authorization}`)).toEqual([`401 Bearer ${rt.primary.access.secret}`]);
		expect(rt.secondary?.access.secret).toBe(created.token.access.secret);
	});
});

describe('renewal at most once per credential per execution', () => {
	test('5 items with Continue On Fail and a 401 on every request renew once; the other items fail with the clear error', async () => {
		const { rt, credential } = await organizationPair();
		sandbox.fail({ path: '/v1/accounts/acme', status: 401, times: Infinity });
		const result = await management({ ...getAcme, requestOptions: { concurrency: 1 } }, credential, Array(5).fill({}), 'continueRegularOutput');
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(5);
		expect(refreshes()).toHaveLength(1);
		expect(removals()).toHaveLength(0);
		for (const item of result.items) {
			expect(item.error?.description).toContain('Synqly refused the new access token too');
		}
		// One renewal, then one request per item: no item asked for another pair.
		expect(sent()).toEqual([
			'GET /v1/accounts/acme 401',
			`PUT /v1/tokens/${rt.id}/refresh 200`,
			...Array(5).fill('GET /v1/accounts/acme 401'),
		]);
		expect(credential.accessToken).toBe(current(rt.id).primary.access.secret);
	});

	test('a pair whose lifetime is 60 s renews once over several items, not before every request', async () => {
		const rt = await api<RefreshTokenJson>('POST', '/v1/tokens', {
			name: 'short-lived',
			permission_set: 'administrator',
			resources: { accounts: { ids: ['*'] } },
			token_ttl: '60s',
		});
		// As a credential saved before the issue time was stored: the first pair's lifetime is unknown.
		const credential: ICredentialDataDecryptedObject = {
			accessToken: rt.primary.access.secret,
			refreshTokenId: rt.id,
			refreshSecret: rt.primary.refresh.secret,
			accessTokenExpires: (rt.primary.access as unknown as { expires: string }).expires,
			baseUrl: sandbox.url,
		};
		const items = succeeded(await management({ ...getAcme, requestOptions: { concurrency: 1 } }, credential, Array(5).fill({})));
		expect(items).toHaveLength(5);
		expect(refreshes()).toHaveLength(1);
		expect(removals()).toHaveLength(1);
		expect(sent()).toEqual([
			`PUT /v1/tokens/${rt.id}/refresh 200`,
			'GET /v1/accounts/acme 200',
			`DELETE /v1/tokens/${rt.id}/secondary 204`,
			...Array(4).fill('GET /v1/accounts/acme 200'),
		]);
		// The credential now knows the pair's lifetime: the next execution does not renew either.
		expect(credential.accessTokenIssued).toEqual(expect.any(String));
		sandbox.requests.length = 0;
		succeeded(await management({ ...getAcme, requestOptions: { concurrency: 1 } }, credential, Array(3).fill({})));
		expect(refreshes()).toHaveLength(0);
	});

	test('the removal of the secondary pair carries the new access token, never a refresh secret', async () => {
		const { rt, credential } = await organizationPair();
		sandbox.expire(rt.primary.access.secret);
		succeeded(await management(getAcme, credential));
		const renewed = current(rt.id);
		expect(removals().map((r) => `${r.status} ${r.headers.authorization}`)).toEqual([`204 Bearer ${renewed.primary.access.secret}`]);
		const secrets = refreshSecretsOf(rt.id);
		expect(secrets).toContain(renewed.primary.refresh.secret);
		for (const request of sandbox.requests.filter((r) => !r.path.endsWith('/refresh'))) {
			for (const secret of [rt.primary.refresh.secret, ...secrets]) expect(request.headers.authorization).not.toContain(secret);
		}
		expect(renewed.secondary).toBeUndefined();
	});
});
