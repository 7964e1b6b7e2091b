/**
 * Every operation of the Synqly Management node's table, run by n8n's workflow engine against the
 * sandbox. For each: HTTP method, encoded path, query, body, the credential's Authorization
 * header, the output items (result unwrapped, Delete -> {deleted: true}) and their pairedItem.
 * The first test fails when a row of the table has no case here.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { managementTable } from '../nodes/SynqlyManagement/catalog';
import { rl } from './harness';
import { expectFitsSchema } from './harness/schemas';
import {
	api,
	createAdhocToken,
	expectPaired,
	expectSent,
	json,
	management,
	sandbox,
	succeeded,
	useSandbox,
	type RefreshTokenJson,
	type Sent,
	type TokenPairJson,
} from './harness/management';
import { SANDBOX_DEMO_TICKETS_TOKEN, SANDBOX_IDS, SANDBOX_MEMBER } from './sandbox/server';

useSandbox('demo');

const ACME = SANDBOX_IDS.account;
const SIEM = SANDBOX_IDS.siemIntegration;
const TICKETS = SANDBOX_IDS.ticketingIntegration;
const ORG = SANDBOX_IDS.organization;
const ORG_TOKEN_ID = SANDBOX_IDS.organizationToken;

type Context = IDataObject;

interface OperationCase {
	resource: string;
	operation: string;
	/** Creates what the operation acts on (through the API) and returns what the checks need. */
	setup?: () => Promise<Context>;
	parameters: (context: Context) => INodeParameters;
	sent: (context: Context) => Sent[];
	output: (objects: IDataObject[], context: Context) => void | Promise<void>;
}

const replaceFullname = (value: string) => [{ op: 'replace', path: '/fullname', value }];

// ---------------------------------------------------------------------------------------------
// The standard operations of a management collection

interface CrudFixture {
	resource: string;
	/** Raw path of the collection, e.g. /v1/bridges/acme. */
	collection: string;
	/** Parent locators, e.g. { accountId: rl('acme') }. */
	parents?: INodeParameters;
	/** Name of the locator param of one object. */
	idParam: string;
	/** Name of an object the single-object operations act on ... */
	existing: string;
	/** ... created by this (absent: it is in the demo seed). */
	seed?: () => Promise<unknown>;
	create: { name: string; parameters: INodeParameters; body: IDataObject };
	/** The output of Create when it is not the created object as Get returns it. */
	createOutput?: (objects: IDataObject[]) => void;
	/** The output of Create or Update for a new name, when not the created object (+ action). */
	upsertOutput?: (objects: IDataObject[]) => void;
	update: { parameters: INodeParameters; changes: IDataObject };
	/** Operations this resource has (default: all seven). */
	operations?: string[];
}

function crudCases(f: CrudFixture): OperationCase[] {
	const one = `${f.collection}/${encodeURIComponent(f.existing)}`;
	const target = { ...f.parents, [f.idParam]: rl(f.existing) };
	const seeded = async (): Promise<Context> => {
		await f.seed?.();
		return { before: await api(`GET`, one) };
	};
	const all: OperationCase[] = [
		{
			resource: f.resource,
			operation: 'getAll',
			setup: async () => {
				await f.seed?.();
				return { list: await api('GET', `${f.collection}?limit=1000`) };
			},
			parameters: () => ({ ...f.parents }),
			sent: () => [{ method: 'GET', path: f.collection, query: { limit: ['50'] } }],
			output: (objects, { list }) => {
				expect(objects).toEqual(list);
				expect(objects.map((o) => o.name)).toContain(f.existing);
			},
		},
		{
			resource: f.resource,
			operation: 'get',
			setup: seeded,
			parameters: () => target,
			sent: () => [{ method: 'GET', path: one }],
			output: (objects, { before }) => expect(objects).toEqual([before]),
		},
		{
			resource: f.resource,
			operation: 'create',
			parameters: () => ({ ...f.parents, ...f.create.parameters }),
			sent: () => [{ method: 'POST', path: f.collection, body: f.create.body }],
			output: async (objects) => {
				if (f.createOutput) f.createOutput(objects);
				else expect(objects).toEqual([await api('GET', `${f.collection}/${f.create.name}`)]);
			},
		},
		{
			resource: f.resource,
			operation: 'upsert',
			// Create or Update of a new name: looks it up by name, then creates it.
			parameters: () => ({ ...f.parents, ...f.create.parameters }),
			sent: () => [
				{ method: 'GET', path: f.collection, query: { filter: [`name[eq]${f.create.name}`], limit: ['1'] } },
				{ method: 'POST', path: f.collection, body: f.create.body },
			],
			output: async (objects) => {
				expect(objects.map((o) => o.action)).toEqual(['created']);
				const withoutAction = objects.map((o) => {
					const rest = { ...o };
					delete rest.action;
					return rest;
				});
				if (f.upsertOutput) f.upsertOutput(withoutAction);
				else if (f.createOutput) f.createOutput(withoutAction);
				else expect(withoutAction).toEqual([await api('GET', `${f.collection}/${f.create.name}`)]);
			},
		},
		{
			resource: f.resource,
			operation: 'update',
			setup: seeded,
			parameters: () => ({ ...target, updateFields: f.update.parameters }),
			sent: ({ before }) => [
				{ method: 'GET', path: one },
				{ method: 'PUT', path: one, body: { ...(before as IDataObject), ...f.update.changes } },
			],
			output: async (objects) => {
				expect(objects).toEqual([expect.objectContaining(f.update.changes)]);
				expect(await api('GET', one)).toEqual(expect.objectContaining(f.update.changes));
			},
		},
		{
			resource: f.resource,
			operation: 'patch',
			setup: seeded,
			parameters: () => ({ ...target, patchOperations: JSON.stringify(replaceFullname('Patched')) }),
			sent: () => [{ method: 'PATCH', path: one, body: replaceFullname('Patched') }],
			output: (objects, { before }) =>
				expect(objects).toEqual([expect.objectContaining({ id: (before as IDataObject).id, fullname: 'Patched' })]),
		},
		{
			resource: f.resource,
			operation: 'delete',
			setup: seeded,
			parameters: () => target,
			sent: () => [{ method: 'DELETE', path: one }],
			output: async (objects) => {
				expect(objects).toEqual([{ deleted: true }]);
				await expect(api('GET', one)).rejects.toThrow(/answered 404/);
			},
		},
	];
	return all.filter((c) => (f.operations ?? all.map((a) => a.operation)).includes(c.operation));
}

async function createIntegrationPoint(name = 'siem-point') {
	return await api('POST', '/v1/integration-points', {
		name,
		fullname: 'SIEM point',
		connector: 'siem',
		environments: { test: ['siem_mock_siem'] },
	});
}

async function createCredential(name = 'jira-basic') {
	return await api('POST', '/v1/credentials/acme', {
		name,
		fullname: 'Jira basic',
		config: { type: 'basic', username: 'bot@example.com', secret: 's3cret' },
	});
}

async function createMapping(name = 'my-mapping') {
	return await api('POST', '/v1/mappings', { name, data: 'version: 1\n' });
}

async function createSso() {
	return await api('POST', '/v1/auth/sso', {
		fullname: 'Okta',
		config: { type: 'oidc', issuer_url: 'https://acme.okta.com', client_id: 'cid', client_secret: 'csecret' },
	});
}

const WEBHOOK_URL = 'https://n8n.example.com/webhook/synqly';

const cases: OperationCase[] = [
	// Accounts
	...crudCases({
		resource: 'account',
		collection: '/v1/accounts',
		idParam: 'accountId',
		existing: 'acme',
		create: {
			name: 'globex',
			parameters: { name: 'globex', additionalFields: { fullname: 'Globex Inc', environment: 'test', labels: 'eu, customer' } },
			body: { name: 'globex', fullname: 'Globex Inc', environment: 'test', labels: ['eu', 'customer'] },
		},
		update: { parameters: { fullname: 'Acme Renamed', labels: 'gold' }, changes: { fullname: 'Acme Renamed', labels: ['gold'] } },
	}),

	// Integrations
	...crudCases({
		resource: 'integration',
		collection: '/v1/integrations/acme',
		parents: { accountId: rl('acme') },
		idParam: 'integrationId',
		existing: 'acme-siem',
		create: {
			name: 'acme-jira',
			parameters: {
				name: 'acme-jira',
				category: 'ticketing',
				providerType: 'ticketing_mock_ticketing',
				providerConfig: '{"name": "Jira Mock"}',
				additionalFields: { fullname: 'Acme Jira' },
			},
			body: {
				name: 'acme-jira',
				fullname: 'Acme Jira',
				provider_config: { name: 'Jira Mock', type: 'ticketing_mock_ticketing' },
			},
		},
		// Synqly answers {integration, token}: token.access.secret is the integration token.
		createOutput: (objects) => {
			expect(objects).toHaveLength(1);
			const { integration, token } = objects[0] as { integration: IDataObject; token: TokenPairJson };
			expect(integration).toEqual(expect.objectContaining({ name: 'acme-jira', account_id: ACME, category: 'ticketing' }));
			expect(typeof token.access.secret).toBe('string');
			expect(sandbox.state.secrets.get(token.access.secret)).toEqual(
				expect.objectContaining({ scope: 'integration', integrationId: integration.id }),
			);
		},
		// Create or Update puts the integration at the top level, its token pair beside it.
		upsertOutput: (objects) => {
			expect(objects).toEqual([expect.objectContaining({ name: 'acme-jira', account_id: ACME, token: expect.any(Object) })]);
			const { id, token } = objects[0] as { id: string; token: TokenPairJson };
			expect(sandbox.state.secrets.get(token.access.secret)).toEqual(
				expect.objectContaining({ scope: 'integration', integrationId: id }),
			);
		},
		update: { parameters: { fullname: 'SIEM Renamed' }, changes: { fullname: 'SIEM Renamed' } },
	}),
	{
		resource: 'integration',
		operation: 'getAllInOrganization',
		parameters: () => ({ options: { expand: ['account'] } }),
		sent: () => [{ method: 'GET', path: '/v1/integrations', query: { expand: ['account'], limit: ['50'] } }],
		output: (objects) => {
			expect(objects.map((o) => o.id)).toEqual([SIEM, TICKETS]);
			expect(objects.map((o) => (o.account as IDataObject).id)).toEqual([ACME, ACME]);
		},
	},
	{
		resource: 'integration',
		operation: 'verify',
		parameters: () => ({
			accountId: rl('acme'),
			name: 'candidate',
			category: 'siem',
			providerType: 'siem_mock_siem',
			providerConfig: '{"index": "main"}',
		}),
		sent: () => [
			{
				method: 'POST',
				path: '/v1/integrations/acme/verify',
				body: { integration: { name: 'candidate', provider_config: { index: 'main', type: 'siem_mock_siem' } } },
			},
		],
		// Synqly answers {} when the configuration is fine.
		output: (objects) => expect(objects).toEqual([{ success: true }]),
	},
	{
		resource: 'integration',
		operation: 'verifyExisting',
		parameters: () => ({ accountId: rl('acme'), integrationId: rl('acme-siem') }),
		sent: () => [{ method: 'POST', path: '/v1/integrations/acme/acme-siem/verify' }],
		output: (objects) => expect(objects).toEqual([{ success: true }]),
	},

	// Integration points
	...crudCases({
		resource: 'integrationPoint',
		collection: '/v1/integration-points',
		idParam: 'integrationPointId',
		existing: 'siem-point',
		seed: () => createIntegrationPoint(),
		create: {
			name: 'tickets-point',
			parameters: {
				name: 'tickets-point',
				connector: 'ticketing',
				environments: '{"test": ["ticketing_mock_ticketing"], "prod": ["ticketing_jira"]}',
				additionalFields: { description: 'Ticketing for customers' },
			},
			body: {
				name: 'tickets-point',
				connector: 'ticketing',
				environments: { test: ['ticketing_mock_ticketing'], prod: ['ticketing_jira'] },
				description: 'Ticketing for customers',
			},
		},
		update: { parameters: { description: 'Now described' }, changes: { description: 'Now described' } },
	}),

	// Credentials
	...crudCases({
		resource: 'credential',
		collection: '/v1/credentials/acme',
		parents: { ownerId: rl('acme') },
		idParam: 'credentialId',
		existing: 'jira-basic',
		seed: () => createCredential(),
		create: {
			name: 'splunk-token',
			parameters: {
				name: 'splunk-token',
				config: '{"type": "token", "secret": "hec-token"}',
				additionalFields: { fullname: 'Splunk HEC token', ownerType: 'account' },
			},
			body: {
				name: 'splunk-token',
				config: { type: 'token', secret: 'hec-token' },
				fullname: 'Splunk HEC token',
				owner_type: 'account',
			},
		},
		// The PUT echoes the secret-less config Get returned; the sandbox keeps the stored secret.
		update: { parameters: { fullname: 'Jira bot' }, changes: { fullname: 'Jira bot' } },
	}),
	{
		resource: 'credential',
		operation: 'lookup',
		setup: async () => ({ credential: await createCredential() }),
		parameters: ({ credential }) => ({ credentialId: String((credential as IDataObject).id) }),
		sent: ({ credential }) => [{ method: 'GET', path: `/v1/credentials/lookup/${String((credential as IDataObject).id)}` }],
		output: (objects, { credential }) => {
			expect(objects).toEqual([credential]);
			expect(objects[0].config).toEqual({ type: 'basic', username: 'bot@example.com' });
		},
	},

	// Tokens
	{
		resource: 'token',
		operation: 'create',
		parameters: () => ({
			permissionSet: 'viewer',
			resources: '{"accounts": {"ids": ["*"]}}',
			additionalFields: { name: 'read-only', tokenTtl: '1h' },
		}),
		sent: () => [
			{
				method: 'POST',
				path: '/v1/tokens',
				body: { permission_set: 'viewer', resources: { accounts: { ids: ['*'] } }, name: 'read-only', token_ttl: '1h' },
			},
		],
		output: (objects) => {
			expect(objects).toEqual([expect.objectContaining({ name: 'read-only', token_type: 'adhoc', token_ttl: '1h' })]);
			const secret = (objects[0] as RefreshTokenJson).primary.access.secret;
			expect(sandbox.state.secrets.get(secret)).toEqual(expect.objectContaining({ scope: 'organization', permissionSet: 'viewer' }));
		},
	},
	{
		resource: 'token',
		operation: 'createIntegrationToken',
		parameters: () => ({ accountId: rl('acme'), integrationId: rl('acme-siem'), additionalFields: { tokenTtl: '5m' } }),
		sent: () => [{ method: 'POST', path: '/v1/tokens/acme/acme-siem', body: { token_ttl: '5m' } }],
		output: (objects) => {
			expect(objects).toHaveLength(1);
			expect(sandbox.state.secrets.get(String(objects[0].secret))).toEqual(
				expect.objectContaining({ scope: 'integration', integrationId: SIEM }),
			);
		},
	},
	{
		resource: 'token',
		operation: 'createMcpToken',
		parameters: () => ({ scope: '{"type": "management"}', additionalFields: { tokenTtl: '2h' } }),
		sent: () => [{ method: 'POST', path: '/v1/tokens/mcp', body: { scope: { type: 'management' }, token_ttl: '2h' } }],
		output: (objects) => {
			expect(objects).toEqual([expect.objectContaining({ claims: { mcp_scope: { type: 'management' } } })]);
			expect(sandbox.state.secrets.get(String(objects[0].secret))?.scope).toBe('mcp');
		},
	},
	{
		resource: 'token',
		operation: 'createSynqlyIntegrationsToken',
		parameters: () => ({}),
		sent: () => [{ method: 'POST', path: '/v1/tokens/synqly-integrations', body: {} }],
		output: (objects) =>
			expect(objects).toEqual([
				expect.objectContaining({ account_id: expect.any(String), token: expect.objectContaining({ token_ttl: '24h' }) }),
			]),
	},
	{
		resource: 'token',
		operation: 'getAll',
		parameters: () => ({ filters: { filter: [{ field: 'token_type', operator: 'eq', value: 'default' }] } }),
		sent: () => [{ method: 'GET', path: '/v1/tokens', query: { filter: ['token_type[eq]default'], limit: ['50'] } }],
		output: (objects) => {
			expect(objects.map((o) => o.token_type)).toEqual(['default', 'default', 'default']);
			expect(objects.map((o) => o.id)).toContain(ORG_TOKEN_ID);
		},
	},
	{
		resource: 'token',
		operation: 'get',
		parameters: () => ({ refreshTokenId: rl(ORG_TOKEN_ID) }),
		sent: () => [{ method: 'GET', path: `/v1/tokens/${ORG_TOKEN_ID}/info` }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ id: ORG_TOKEN_ID, owner_type: 'organization' })]),
	},
	{
		resource: 'token',
		operation: 'refresh',
		setup: async () => ({ token: await createAdhocToken() }),
		parameters: ({ token }) => ({ refreshTokenId: rl((token as RefreshTokenJson).id) }),
		sent: ({ token }) => [{ method: 'PUT', path: `/v1/tokens/${(token as RefreshTokenJson).id}/refresh` }],
		output: (objects, { token }) => {
			const before = token as RefreshTokenJson;
			const after = objects[0] as RefreshTokenJson;
			expect(objects).toHaveLength(1);
			expect(after.id).toBe(before.id);
			expect(after.secondary?.access.secret).toBe(before.primary.access.secret);
			expect(after.primary.access.secret).not.toBe(before.primary.access.secret);
		},
	},
	{
		resource: 'token',
		operation: 'reset',
		setup: async () => ({ token: await createAdhocToken() }),
		parameters: ({ token }) => ({ ownerId: ORG, refreshTokenId: rl((token as RefreshTokenJson).id) }),
		sent: ({ token }) => [{ method: 'PUT', path: `/v1/tokens/${ORG}/${(token as RefreshTokenJson).id}/reset` }],
		output: (objects, { token }) => {
			const before = token as RefreshTokenJson;
			const after = objects[0] as RefreshTokenJson;
			expect(after.id).toBe(before.id);
			expect(after.secondary).toBeUndefined();
			expect(sandbox.state.secrets.has(before.primary.access.secret)).toBe(false);
		},
	},
	{
		resource: 'token',
		operation: 'rotate',
		setup: async () => ({ token: await createAdhocToken() }),
		parameters: ({ token }) => ({ ownerId: ORG, refreshTokenId: rl((token as RefreshTokenJson).id) }),
		sent: ({ token }) => [{ method: 'PUT', path: `/v1/tokens/${ORG}/${(token as RefreshTokenJson).id}/rotate` }],
		output: (objects, { token }) =>
			expect((objects[0] as RefreshTokenJson).secondary?.access.secret).toBe((token as RefreshTokenJson).primary.access.secret),
	},
	{
		resource: 'token',
		operation: 'removeSecondary',
		setup: async () => {
			const token = await createAdhocToken();
			await api('PUT', `/v1/tokens/${token.id}/refresh`);
			return { token };
		},
		parameters: ({ token }) => ({ refreshTokenId: rl((token as RefreshTokenJson).id) }),
		sent: ({ token }) => [{ method: 'DELETE', path: `/v1/tokens/${(token as RefreshTokenJson).id}/secondary` }],
		output: (objects, { token }) => {
			expect(objects).toEqual([{ deleted: true }]);
			expect(sandbox.state.refreshTokens.find((token as RefreshTokenJson).id)?.secondary).toBeUndefined();
		},
	},
	{
		resource: 'token',
		operation: 'delete',
		setup: async () => ({ token: await createAdhocToken() }),
		parameters: ({ token }) => ({ refreshTokenId: rl((token as RefreshTokenJson).id) }),
		sent: ({ token }) => [{ method: 'DELETE', path: `/v1/tokens/${(token as RefreshTokenJson).id}` }],
		output: (objects, { token }) => {
			expect(objects).toEqual([{ deleted: true }]);
			expect(sandbox.state.refreshTokens.find((token as RefreshTokenJson).id)).toBeUndefined();
		},
	},

	// Capabilities
	{
		resource: 'capability',
		operation: 'getConnectors',
		parameters: () => ({ returnAll: true, options: { expand: ['providers'] } }),
		sent: () => [{ method: 'GET', path: '/v1/capabilities/connectors', query: { expand: ['providers'] } }],
		output: (objects) => {
			expect(objects).toHaveLength(17);
			expect(objects.map((o) => o.id)).toEqual(expect.arrayContaining(['siem', 'ticketing', 'edr']));
			expect(Array.isArray(objects[0].providers)).toBe(true);
		},
	},
	{
		resource: 'capability',
		operation: 'getProviders',
		parameters: () => ({ limit: 5 }),
		sent: () => [{ method: 'GET', path: '/v1/capabilities/providers' }],
		// The API returns every provider at once; Limit keeps the first five.
		output: async (objects) => {
			expect(objects).toEqual((await api<IDataObject[]>('GET', '/v1/capabilities/providers')).slice(0, 5));
		},
	},
	{
		resource: 'capability',
		operation: 'getProvider',
		parameters: () => ({ providerId: 'ticketing_jira', additionalFields: { expand: ['provider_config'] } }),
		sent: () => [{ method: 'GET', path: '/v1/capabilities/providers/ticketing_jira', query: { expand: ['provider_config'] } }],
		output: (objects) =>
			expect(objects).toEqual([
				expect.objectContaining({ id: 'ticketing_jira', connector_id: 'ticketing', provider_config: expect.any(Object) }),
			]),
	},

	// Bridge groups
	...crudCases({
		resource: 'bridge',
		collection: '/v1/bridges/acme',
		parents: { accountId: rl('acme') },
		idParam: 'bridgeId',
		existing: 'dc1',
		seed: () => api('POST', '/v1/bridges/acme', { name: 'dc1', fullname: 'DC 1' }),
		create: {
			name: 'dc2',
			parameters: { name: 'dc2', additionalFields: { fullname: 'DC 2', description: 'Frankfurt', labels: 'on-prem' } },
			body: { name: 'dc2', fullname: 'DC 2', description: 'Frankfurt', labels: ['on-prem'] },
		},
		// Synqly answers {bridge, credential}: the credential is the agent's JWT.
		createOutput: (objects) =>
			expect(objects).toEqual([
				{ bridge: expect.objectContaining({ name: 'dc2', account_id: ACME }), credential: expect.stringMatching(/^[\w-]+\.[\w-]+\./) },
			]),
		update: { parameters: { description: 'Berlin' }, changes: { description: 'Berlin' } },
	}),
	{
		resource: 'bridge',
		operation: 'getStatus',
		setup: async () => {
			await api('POST', '/v1/bridges/acme', { name: 'dc1' });
			// No bridge agent ever connects to the sandbox: the answer of a connected one (the
			// reference's BridgeStatus) is injected.
			const agent = {
				current_time: '2025-06-01T12:00:00Z',
				response_duration: '12ms',
				local_config: { version: '1.4.0', allow_addresses: ['10.0.0.0/8'] },
				local_stats: { requests: 42, failures: 0, in_bytes: 1024, out_bytes: 2048 },
			};
			sandbox.fail({ method: 'GET', path: '/v1/bridges/acme/dc1/status', status: 200, body: { result: [agent] } });
			return { agent };
		},
		parameters: () => ({ accountId: rl('acme'), bridgeId: rl('dc1') }),
		sent: () => [{ method: 'GET', path: '/v1/bridges/acme/dc1/status' }],
		output: (objects, { agent }) => expect(objects).toEqual([agent]),
	},

	// Members
	...crudCases({
		resource: 'member',
		collection: '/v1/members',
		idParam: 'memberId',
		existing: 'ci-bot',
		seed: () => api('POST', '/v1/members', { name: 'ci-bot', secret: 'ci-bot-password', type: 'service' }),
		create: {
			name: 'nathan@example.com',
			parameters: {
				name: 'nathan@example.com',
				password: 'correct-horse-battery',
				additionalFields: { fullname: 'Nathan Smith', memberType: 'personal', roleBinding: ['viewer'], tokenTtl: '2h' },
			},
			body: {
				name: 'nathan@example.com',
				secret: 'correct-horse-battery',
				fullname: 'Nathan Smith',
				type: 'personal',
				role_binding: ['viewer'],
				options: { token_ttl: '2h' },
			},
		},
		update: {
			parameters: { fullname: 'CI Robot', state: 'disabled' },
			changes: { fullname: 'CI Robot', state: 'disabled' },
		},
	}),

	// Organization
	{
		resource: 'organization',
		operation: 'get',
		parameters: () => ({}),
		sent: () => [{ method: 'GET', path: '/v1/organization' }],
		output: async (objects) => expect(objects).toEqual([await api('GET', '/v1/organization')]),
	},
	{
		resource: 'organization',
		operation: 'update',
		setup: async () => ({ before: await api('GET', '/v1/organization') }),
		parameters: () => ({ updateFields: { fullname: 'Renamed Org', replyTo: 'ops@example.com' } }),
		sent: ({ before }) => [
			{ method: 'GET', path: '/v1/organization' },
			{
				method: 'PUT',
				path: '/v1/organization',
				body: { ...(before as IDataObject), fullname: 'Renamed Org', reply_to: 'ops@example.com' },
			},
		],
		output: (objects) =>
			expect(objects).toEqual([expect.objectContaining({ id: ORG, fullname: 'Renamed Org', reply_to: 'ops@example.com' })]),
	},
	{
		resource: 'organization',
		operation: 'patch',
		parameters: () => ({ patchOperations: JSON.stringify(replaceFullname('Patched Org')) }),
		sent: () => [{ method: 'PATCH', path: '/v1/organization', body: replaceFullname('Patched Org') }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ id: ORG, fullname: 'Patched Org' })]),
	},

	// Roles
	...crudCases({
		resource: 'role',
		collection: '/v1/roles',
		idParam: 'roleId',
		existing: 'soc-analyst',
		seed: () => api('POST', '/v1/roles', { name: 'soc-analyst', permission_set: 'viewer' }),
		create: {
			name: 'tier-2',
			parameters: {
				name: 'tier-2',
				permissionSet: 'member',
				additionalFields: { description: 'Escalations', resources: '{"accounts": {"ids": ["*"]}}' },
			},
			body: { name: 'tier-2', permission_set: 'member', description: 'Escalations', resources: { accounts: { ids: ['*'] } } },
		},
		update: { parameters: { permissionSet: 'member' }, changes: { permission_set: 'member' } },
	}),

	// Permission sets
	{
		resource: 'permissionSet',
		operation: 'getAll',
		parameters: () => ({ returnAll: true }),
		sent: () => [{ method: 'GET', path: '/v1/permissionsets' }],
		output: async (objects) => {
			expect(objects).toHaveLength(8);
			expect(objects).toEqual(await api('GET', '/v1/permissionsets'));
		},
	},
	{
		resource: 'permissionSet',
		operation: 'get',
		parameters: () => ({ permissionSetId: 'token-issuer' }),
		sent: () => [{ method: 'GET', path: '/v1/permissionsets/token-issuer' }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ name: 'token-issuer' })]),
	},

	// Sub-organizations
	{
		resource: 'subOrganization',
		operation: 'getAll',
		setup: async () => ({ created: await api('POST', '/v1/suborgs', { name: 'acme-emea' }) }),
		parameters: () => ({}),
		sent: () => [{ method: 'GET', path: '/v1/suborgs' }],
		output: (objects, { created }) =>
			expect(objects).toEqual([(created as { organization: IDataObject }).organization]),
	},
	{
		resource: 'subOrganization',
		operation: 'get',
		setup: async () => ({ created: await api('POST', '/v1/suborgs', { name: 'acme-emea' }) }),
		parameters: () => ({ subOrganizationId: rl('acme-emea') }),
		sent: () => [{ method: 'GET', path: '/v1/suborgs/acme-emea' }],
		output: (objects, { created }) =>
			expect(objects).toEqual([(created as { organization: IDataObject }).organization]),
	},
	{
		resource: 'subOrganization',
		operation: 'create',
		parameters: () => ({
			additionalFields: {
				name: 'acme-apac',
				fullname: 'Acme APAC',
				memberName: 'admin@apac.example',
				memberPassword: 'apac-password-1',
				memberRoleBinding: ['administrator'],
			},
		}),
		sent: () => [
			{
				method: 'POST',
				path: '/v1/suborgs',
				body: {
					name: 'acme-apac',
					fullname: 'Acme APAC',
					member: { name: 'admin@apac.example', secret: 'apac-password-1', role_binding: ['administrator'] },
				},
			},
		],
		output: (objects) => {
			const [created] = objects as Array<{ organization: IDataObject; token: TokenPairJson; member: IDataObject }>;
			expect(objects).toHaveLength(1);
			expect(created.organization).toEqual(expect.objectContaining({ name: 'acme-apac', organization_type: 'standard' }));
			expect(created.member).toEqual(expect.objectContaining({ name: 'admin@apac.example' }));
			expect(sandbox.state.secrets.get(created.token.access.secret)?.scope).toBe('organization');
		},
	},
	{
		resource: 'subOrganization',
		operation: 'delete',
		setup: async () => ({ created: await api('POST', '/v1/suborgs', { name: 'acme-emea' }) }),
		parameters: () => ({ subOrganizationId: rl('acme-emea') }),
		sent: () => [{ method: 'DELETE', path: '/v1/suborgs/acme-emea' }],
		output: (objects) => {
			expect(objects).toEqual([{ deleted: true }]);
			expect(sandbox.state.subOrgs.find('acme-emea')).toBeUndefined();
		},
	},

	// Organization webhooks (deliveries off: the sandbox would POST to the webhook URL)
	...crudCases({
		resource: 'organizationWebhook',
		collection: '/v1/organization/webhooks',
		idParam: 'webhookId',
		existing: 'n8n-events',
		seed: async () => {
			sandbox.state.settings.deliverWebhooks = false;
			await api('POST', '/v1/organization/webhooks', {
				name: 'n8n-events',
				url: WEBHOOK_URL,
				filters: ['all'],
				secret: { value: 'whsec-1' },
			});
		},
		create: {
			name: 'crm-sync',
			parameters: {
				name: 'crm-sync',
				url: 'https://crm.example.com/hooks/synqly',
				eventFilters: ['account_create', 'integration_create'],
				signingSecret: 'whsec-2',
				additionalFields: { environment: 'test' },
			},
			body: {
				name: 'crm-sync',
				url: 'https://crm.example.com/hooks/synqly',
				filters: ['account_create', 'integration_create'],
				secret: { value: 'whsec-2' },
				environment: 'test',
			},
		},
		update: {
			parameters: { eventFilters: ['account_delete'], url: 'https://n8n.example.com/webhook/other' },
			changes: { filters: ['account_delete'], url: 'https://n8n.example.com/webhook/other' },
		},
	}),

	// Audit log
	{
		resource: 'auditLog',
		operation: 'getAll',
		setup: async () => {
			await api('POST', '/v1/accounts', { name: 'audited' });
			return { audit: await api('GET', '/v1/audit/organizations?limit=1000') };
		},
		parameters: () => ({ filters: { filter: [{ field: 'method', operator: 'eq', value: 'POST' }] } }),
		sent: () => [
			{ method: 'GET', path: '/v1/audit/organizations', query: { filter: ['method[eq]POST'], limit: ['50'] } },
		],
		output: (objects) => {
			expect(objects).toHaveLength(1);
			expect(objects[0]).toEqual(expect.objectContaining({ method: 'POST', path: '/v1/accounts', code: '200' }));
		},
	},

	// Asynchronous operations (jobs) and their runs
	{
		resource: 'asyncOperation',
		operation: 'getAll',
		setup: async () => {
			const now = new Date().toISOString();
			for (const [id, status] of [
				['op_1', 'COMPLETE'],
				['op_2', 'SCHEDULED'],
			] as const) {
				sandbox.state.operations.push({
					id,
					created_at: now,
					updated_at: now,
					account_id: ACME,
					integration_id: SIEM,
					operation: 'siem_query_events',
					input: { limit: 10 },
					status,
					cpu_time: 0,
					in_bytes: 0,
				});
			}
			return {};
		},
		parameters: () => ({ filters: { filter: [{ field: 'status', operator: 'eq', value: 'SCHEDULED' }] } }),
		sent: () => [{ method: 'GET', path: '/v1/jobs', query: { filter: ['status[eq]SCHEDULED'], limit: ['50'] } }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ id: 'op_2', status: 'SCHEDULED' })]),
	},
	{
		resource: 'asyncOperation',
		operation: 'getHistory',
		setup: async () => {
			for (let i = 0; i < 3; i++) {
				sandbox.state.executions.push({
					execution_id: `exe_${i}`,
					operation_id: 'op_1',
					started_at: new Date(Date.UTC(2026, 10, 1 + i)).toISOString(),
					completed_at: new Date(Date.UTC(2026, 10, 1 + i, 1)).toISOString(),
					account_id: ACME,
					integration_id: i === 1 ? TICKETS : SIEM,
					operation: 'siem_query_events',
					trigger_type: 'SCHEDULED',
					trigger_source: 'schedule',
					status: 'COMPLETE',
					records_processed: 10,
					cpu_time: 100,
					in_bytes: 10,
					duration: 1000,
				});
			}
			return {};
		},
		parameters: () => ({ filters: { filter: [{ field: 'integration_id', operator: 'eq', value: SIEM }] } }),
		sent: () => [{ method: 'GET', path: '/v1/jobs/history', query: { filter: [`integration_id[eq]${SIEM}`], limit: ['50'] } }],
		// Newest first.
		output: (objects) => expect(objects.map((o) => o.execution_id)).toEqual(['exe_2', 'exe_0']),
	},

	// Integration status
	{
		resource: 'integrationStatus',
		operation: 'getAll',
		parameters: () => ({ options: { expand: ['integration'] } }),
		sent: () => [{ method: 'GET', path: '/v1/status', query: { expand: ['integration'], limit: ['50'] } }],
		output: (objects) => {
			expect(objects.map((o) => o.integration_id).sort()).toEqual([SIEM, TICKETS].sort());
			expect(objects.map((o) => (o.integration as IDataObject).id).sort()).toEqual([SIEM, TICKETS].sort());
		},
	},
	{
		resource: 'integrationStatus',
		operation: 'get',
		parameters: () => ({ accountId: rl('acme'), integrationId: rl('acme-siem') }),
		sent: () => [{ method: 'GET', path: '/v1/status/acme/acme-siem' }],
		output: (objects) =>
			expect(objects).toEqual([expect.objectContaining({ account_id: ACME, integration_id: SIEM, status: 'Active' })]),
	},
	{
		resource: 'integrationStatus',
		operation: 'reset',
		setup: async () => {
			await api('GET', '/v1/integration-webhooks', undefined, SANDBOX_DEMO_TICKETS_TOKEN);
			return {};
		},
		parameters: () => ({ accountId: rl('acme'), integrationId: rl('acme-tickets') }),
		sent: () => [{ method: 'PUT', path: '/v1/status/acme/acme-tickets' }],
		output: (objects) => {
			expect(objects).toEqual([{ success: true }]);
			expect(sandbox.state.statuses.get(TICKETS)?.requests).toBe(0);
		},
	},
	{
		resource: 'integrationStatus',
		operation: 'getEvents',
		setup: async () => {
			await api('GET', '/v1/integration-webhooks', undefined, SANDBOX_DEMO_TICKETS_TOKEN);
			return {};
		},
		parameters: () => ({ accountId: rl('acme'), integrationId: rl('acme-tickets') }),
		sent: () => [{ method: 'GET', path: '/v1/status/acme/acme-tickets/events', query: { limit: ['50'] } }],
		output: (objects) =>
			expect(objects).toEqual([expect.objectContaining({ integration_id: TICKETS, status: 'ok', request: 1 })]),
	},
	{
		resource: 'integrationStatus',
		operation: 'getOrganizationTimeseries',
		parameters: () => ({}),
		sent: () => [{ method: 'GET', path: '/v1/status/timeseries' }],
		output: (objects) => {
			expect(objects).toHaveLength(1);
			expect(objects[0]).toEqual(expect.objectContaining({ interval: '5m', series: expect.any(Array) }));
		},
	},
	{
		resource: 'integrationStatus',
		operation: 'getIntegrationTimeseries',
		parameters: () => ({ accountId: rl('acme'), integrationId: rl('acme-siem'), additionalFields: { interval: 'hour' } }),
		sent: () => [{ method: 'GET', path: '/v1/status/acme/acme-siem/timeseries', query: { interval: ['hour'] } }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ interval: '1h', series: expect.any(Array) })]),
	},

	// Auth and SSO
	{
		resource: 'auth',
		operation: 'logon',
		parameters: () => ({ organizationId: ORG, memberEmail: SANDBOX_MEMBER.name, password: SANDBOX_MEMBER.secret }),
		sent: () => [
			{ method: 'POST', path: `/v1/auth/logon/${ORG}`, body: { name: SANDBOX_MEMBER.name, secret: SANDBOX_MEMBER.secret } },
		],
		output: (objects) => {
			const [session] = objects as Array<IDataObject & { token: TokenPairJson }>;
			expect(session).toEqual(expect.objectContaining({ auth_code: 'success' }));
			expect(sandbox.state.secrets.get(session.token.access.secret)?.scope).toBe('organization');
		},
	},
	{
		resource: 'auth',
		operation: 'logoff',
		setup: async () => {
			const session = await api<{ token: TokenPairJson }>('POST', `/v1/auth/logon/${ORG}`, {
				name: SANDBOX_MEMBER.name,
				secret: SANDBOX_MEMBER.secret,
			});
			return { token: session.token.access.secret };
		},
		parameters: () => ({}),
		sent: () => [{ method: 'POST', path: '/v1/auth/logoff' }],
		output: (objects, { token }) => {
			expect(objects).toEqual([{ success: true }]);
			expect(sandbox.state.secrets.has(String(token))).toBe(false);
		},
	},
	{
		resource: 'auth',
		operation: 'changePassword',
		parameters: () => ({ oldPassword: SANDBOX_MEMBER.secret, newPassword: 'a-new-password-42' }),
		sent: () => [
			{ method: 'POST', path: '/v1/auth/change_password', body: { old_secret: SANDBOX_MEMBER.secret, new_secret: 'a-new-password-42' } },
		],
		output: (objects) => {
			expect(objects).toEqual([{ auth_code: 'success' }]);
			expect(sandbox.state.memberSecrets.get(SANDBOX_IDS.adminMember)).toBe('a-new-password-42');
		},
	},
	{
		resource: 'auth',
		operation: 'createSso',
		parameters: () => ({
			fullname: 'Okta',
			ssoType: 'oidc',
			issuerUrl: 'https://acme.okta.com',
			clientId: 'cid',
			clientSecret: 'csecret',
		}),
		sent: () => [
			{
				method: 'POST',
				path: '/v1/auth/sso',
				body: {
					fullname: 'Okta',
					config: { type: 'oidc', issuer_url: 'https://acme.okta.com', client_id: 'cid', client_secret: 'csecret' },
				},
			},
		],
		output: (objects) =>
			expect(objects).toEqual([
				expect.objectContaining({
					fullname: 'Okta',
					identity_provider: { type: 'oidc', issuer_url: 'https://acme.okta.com', client_id: 'cid' },
				}),
			]),
	},
	{
		resource: 'auth',
		operation: 'getAllSso',
		setup: async () => ({ sso: await createSso() }),
		parameters: () => ({}),
		sent: () => [{ method: 'GET', path: '/v1/auth/sso' }],
		output: (objects, { sso }) => expect(objects).toEqual([sso]),
	},
	{
		resource: 'auth',
		operation: 'getSso',
		setup: async () => ({ sso: await createSso() }),
		parameters: ({ sso }) => ({ ssoId: rl(String((sso as IDataObject).id)) }),
		sent: ({ sso }) => [{ method: 'GET', path: `/v1/auth/sso/${String((sso as IDataObject).id)}` }],
		output: (objects, { sso }) => expect(objects).toEqual([sso]),
	},
	{
		resource: 'auth',
		operation: 'updateSso',
		setup: async () => ({ sso: await createSso() }),
		parameters: ({ sso }) => ({
			ssoId: rl(String((sso as IDataObject).id)),
			fullname: 'Okta EU',
			ssoType: 'oidc',
			issuerUrl: 'https://acme-eu.okta.com',
			clientId: 'cid-eu',
		}),
		sent: ({ sso }) => [
			{
				method: 'PUT',
				path: `/v1/auth/sso/${String((sso as IDataObject).id)}`,
				body: { fullname: 'Okta EU', config: { type: 'oidc', issuer_url: 'https://acme-eu.okta.com', client_id: 'cid-eu' } },
			},
		],
		output: (objects) =>
			expect(objects).toEqual([
				expect.objectContaining({ fullname: 'Okta EU', identity_provider: expect.objectContaining({ client_id: 'cid-eu' }) }),
			]),
	},
	{
		resource: 'auth',
		operation: 'deleteSso',
		setup: async () => ({ sso: await createSso() }),
		parameters: ({ sso }) => ({ ssoId: rl(String((sso as IDataObject).id)) }),
		sent: ({ sso }) => [{ method: 'DELETE', path: `/v1/auth/sso/${String((sso as IDataObject).id)}` }],
		output: (objects) => {
			expect(objects).toEqual([{ deleted: true }]);
			expect(sandbox.state.sso.size).toBe(0);
		},
	},
	{
		resource: 'auth',
		operation: 'getSsoMetadata',
		parameters: () => ({}),
		sent: () => [{ method: 'GET', path: '/v1/auth/meta' }],
		output: (objects) =>
			expect(objects).toEqual([
				{ oidc: { redirect_uri: `${sandbox.url}/v1/auth/sso/callback` }, saml: expect.objectContaining({ acs_url: expect.any(String) }) },
			]),
	},

	// Billing
	{
		resource: 'billing',
		operation: 'getAll',
		parameters: () => ({ filters: { filter: [{ field: 'month', operator: 'eq', value: 'partial' }] } }),
		sent: () => [{ method: 'GET', path: '/v1/billing', query: { filter: ['month[eq]partial'], limit: ['50'] } }],
		output: (objects) =>
			expect(objects).toEqual([expect.objectContaining({ organization_id: ORG, month: 'partial', csv_data: expect.any(String) })]),
	},
	{
		resource: 'billing',
		operation: 'get',
		parameters: () => ({ organizationId: ORG, month: 'march' }),
		sent: () => [{ method: 'GET', path: `/v1/billing/${ORG}/march` }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ organization_id: ORG, month: 'march' })]),
	},

	// Custom providers
	...crudCases({
		resource: 'customProvider',
		collection: '/v1/customs',
		idParam: 'customId',
		existing: 'my-provider',
		seed: () => api('POST', '/v1/customs', { name: 'my-provider', data: 'name: my-provider\n' }),
		create: {
			name: 'other-provider',
			parameters: { name: 'other-provider', definition: 'name: other\n', additionalFields: { fullname: 'Other' } },
			body: { name: 'other-provider', data: 'name: other\n', fullname: 'Other' },
		},
		update: { parameters: { definition: 'name: changed\n' }, changes: { data: 'name: changed\n' } },
	}),

	// Mappings
	...crudCases({
		resource: 'mapping',
		collection: '/v1/mappings',
		idParam: 'mappingId',
		existing: 'my-mapping',
		seed: () => createMapping(),
		create: {
			name: 'severity-map',
			parameters: { name: 'severity-map', definition: 'version: 2\n', additionalFields: { fullname: 'Severity' } },
			body: { name: 'severity-map', data: 'version: 2\n', fullname: 'Severity' },
		},
		update: { parameters: { definition: 'version: 3\n' }, changes: { data: 'version: 3\n' } },
		operations: ['getAll', 'get', 'create', 'update', 'patch', 'delete'],
	}),
	{
		resource: 'mapping',
		operation: 'apply',
		setup: async () => ({ mapping: await createMapping() }),
		parameters: () => ({ mappings: 'my-mapping', inputData: '{"severity": "high"}' }),
		sent: () => [{ method: 'POST', path: '/v1/mappings/apply', body: { mappings: ['my-mapping'], data: { severity: 'high' } } }],
		output: (objects) => expect(objects).toEqual([{ mapping: { severity: 'high' } }]),
	},

	// Meta
	{
		resource: 'meta',
		operation: 'getManagementOpenApi',
		parameters: () => ({}),
		sent: () => [{ method: 'GET', path: '/v1/meta/openapi/management' }],
		output: (objects) =>
			expect(objects).toEqual([expect.objectContaining({ openapi: '3.0.3', info: expect.objectContaining({ title: 'Synqly Management API' }) })]),
	},
	{
		resource: 'meta',
		operation: 'getEngineOpenApi',
		parameters: () => ({}),
		sent: () => [{ method: 'GET', path: '/v1/meta/openapi/engine' }],
		output: (objects) =>
			expect(objects).toEqual([expect.objectContaining({ info: expect.objectContaining({ title: 'Synqly Engine API' }) })]),
	},
];

// The logoff case runs with the member's logon token in the credential.
const credentialToken: Partial<Record<string, (context: Context) => string>> = {
	'auth.logoff': ({ token }) => String(token),
};

const keyOf = (c: { resource: string; operation: string }) => `${c.resource}.${c.operation}`;

test('every operation of the table has a case here (fails when a row has none)', () => {
	const tested = new Set(cases.map(keyOf));
	expect(managementTable.operations.map(keyOf).filter((key) => !tested.has(key))).toEqual([]);
	const rows = new Set(managementTable.operations.map(keyOf));
	expect(cases.map(keyOf).filter((key) => !rows.has(key))).toEqual([]);
	expect(new Set(cases.map(keyOf)).size).toBe(cases.length);
});

describe.each(
	[...new Set(cases.map((c) => c.resource))].map((resource) => [resource, cases.filter((c) => c.resource === resource)] as const),
)('%s', (_resource, resourceCases) => {
	test.each(resourceCases.map((c) => [c.operation, c] as const))('%s', async (_operation, c) => {
		const row = managementTable.operations.find((r) => keyOf(r) === keyOf(c));
		const context = c.setup ? await c.setup() : {};
		sandbox.requests.length = 0;
		const token = credentialToken[keyOf(c)]?.(context) ?? sandbox.orgToken;
		const items = succeeded(
			await management({ resource: c.resource, operation: c.operation, ...c.parameters(context) }, { accessToken: token }),
		);
		expectSent(c.sent(context), token);
		// The row's own request is the last one (Update and Create or Update read first).
		expect(sandbox.requests[sandbox.requests.length - 1].method).toBe(row?.method);
		expect(sandbox.requests.every((r) => r.status < 400)).toBe(true);
		expectPaired(items);
		for (const item of items) expect(item.error).toBeUndefined();
		await c.output(json(items), context);
		expectFitsSchema('nodes/SynqlyManagement', row!, json(items));
	});
});
