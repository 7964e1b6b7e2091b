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

async function management(parameters: INodeParameters, credential: ICredentialDataDecryptedObject, items?: IDataObject[]) {
	return await runNode({ node: 'synqlyManagement', parameters, credentials: { synqlyOrganizationApi: credential }, items });
}

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
		// The refresh went out with the refresh secret as its Bearer (README: what the node sends).
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
		expect(rt.secondary).toBeUndefined();
	});
});
