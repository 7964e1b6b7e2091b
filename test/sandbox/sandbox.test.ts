/**
 * Tests of the sandbox itself (not of the nodes): that it follows the reference where the nodes'
 * tests rely on it — envelopes, keyset paging, filters, Problem bodies and their wordings,
 * token scopes, JSON Patch, asynchronous (PENDING) queries, binary round trips and faults.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

import { FormData, request } from 'undici';

import { CONNECTOR_OPS, MANAGEMENT_OPS } from './reference';
import {
	AUTH_DETAILS,
	SANDBOX_DEMO_SIEM_TOKEN,
	SANDBOX_DEMO_TICKETS_TOKEN,
	SANDBOX_ORG_TOKEN,
	startSandbox,
	type Sandbox,
} from './server';

/** Parsed response bodies, read loosely in assertions (what JSON.parse gives). */
type Json = ReturnType<typeof JSON.parse>;

interface Call {
	token?: string;
	body?: unknown;
	query?: Record<string, string | string[]>;
	headers?: Record<string, string>;
}

function client(sb: Sandbox) {
	return async (method: string, path: string, call: Call = {}): Promise<{ status: number; body: Json; headers: Record<string, unknown>; raw: Buffer }> => {
		const qs = new URLSearchParams();
		for (const [k, v] of Object.entries(call.query ?? {})) for (const one of ([] as string[]).concat(v)) qs.append(k, one);
		const headers: Record<string, string> = { ...(call.headers ?? {}) };
		if (call.token !== '') headers.authorization = `Bearer ${call.token ?? sb.orgToken}`;
		let body: string | undefined;
		if (call.body !== undefined) {
			body = JSON.stringify(call.body);
			headers['content-type'] ??= 'application/json';
		}
		const res = await request(`${sb.url}${path}${qs.toString() ? `?${qs.toString()}` : ''}`, { method: method as 'GET', headers, body });
		const raw = Buffer.from(await res.body.arrayBuffer());
		const isJson = String(res.headers['content-type'] ?? '').includes('json');
		return { status: res.statusCode, body: isJson && raw.length ? (JSON.parse(raw.toString('utf8')) as Json) : {}, headers: res.headers, raw };
	};
}

describe('sandbox', () => {
	let sb: Sandbox;
	let api: ReturnType<typeof client>;

	beforeAll(async () => {
		sb = await startSandbox({ seed: 'demo' });
		api = client(sb);
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(() => sb.reset());

	test('seeds the demo organization, account and integrations', async () => {
		expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		expect(sb.orgToken).toBe(SANDBOX_ORG_TOKEN);
		const accounts = await api('GET', '/v1/accounts');
		expect(accounts.status).toBe(200);
		expect(accounts.body.result).toEqual([expect.objectContaining({ name: 'acme', fullname: 'Acme Corp', environment: 'test' })]);
		const integrations = await api('GET', '/v1/integrations/acme');
		expect(integrations.body.result.map((i: Json) => [i.name, i.provider_type, i.category])).toEqual([
			['acme-siem', 'siem_mock_siem', 'siem'],
			['acme-tickets', 'ticketing_mock_ticketing', 'ticketing'],
		]);
		const events = await api('GET', '/v1/siem/events', { token: sb.integrationToken, query: { limit: '1' } });
		expect(events.status).toBe(200);
		expect(events.body.result[0]).toEqual(expect.objectContaining({ class_name: expect.any(String), class_uid: expect.any(Number) }));
	});

	test('the empty seed has the organization and no accounts', async () => {
		const empty = await startSandbox();
		try {
			expect(empty.integrationToken).toBe('');
			const res = await client(empty)('GET', '/v1/accounts', { query: { total: 'true' } });
			expect(res.body).toEqual({ result: [], total: 0 });
			const org = await client(empty)('GET', '/v1/organization');
			expect(org.body.result).toEqual(expect.objectContaining({ id: 'org_sandbox', name: 'sandbox-org' }));
		} finally {
			await empty.close();
		}
	});

	test('create answers {result: {account}}; names come from fullname; 409 on a duplicate name, case-insensitively', async () => {
		const created = await api('POST', '/v1/accounts', { body: { fullname: 'Globex Corporation' } });
		expect(created.status).toBe(200);
		expect(created.body.result.account).toEqual(
			expect.objectContaining({ id: expect.stringMatching(/^acc_/), name: 'globex-corporation', fullname: 'Globex Corporation', environment: 'prod', organization_id: 'org_sandbox' }),
		);
		const dup = await api('POST', '/v1/accounts', { body: { name: 'GLOBEX-corporation' } });
		expect(dup.status).toBe(409);
		expect(dup.body).toEqual(
			expect.objectContaining({ status: 409, message: 'Conflict', context: { resources: [{ type: 'account', id: created.body.result.account.id, rel: 'cause' }] } }),
		);
		const dupByFullname = await api('POST', '/v1/accounts', { body: { fullname: 'globex corporation' } });
		expect(dupByFullname.status).toBe(409);
	});

	test('keyset paging: start_after takes the sort key of the last item, across pages and orders', async () => {
		const names = ['delta', 'alpha', 'echo', 'charlie', 'bravo', 'golf', 'foxtrot'];
		for (const name of names) expect((await api('POST', '/v1/accounts', { body: { name } })).status).toBe(200);
		const expected = [...names, 'acme'].sort();

		const seen: string[] = [];
		let startAfter: string | undefined;
		for (let page = 0; page < 10; page++) {
			const res = await api('GET', '/v1/accounts', { query: { limit: '3', ...(startAfter ? { start_after: startAfter } : {}) } });
			expect(res.status).toBe(200);
			const batch = res.body.result.map((a: Json) => a.name as string);
			if (!batch.length) break;
			expect(batch.length).toBeLessThanOrEqual(3);
			seen.push(...batch);
			startAfter = batch[batch.length - 1];
		}
		expect(seen).toEqual(expected);

		const desc = await api('GET', '/v1/accounts', { query: { order: 'name[desc]', limit: '2', start_after: 'echo' } });
		expect(desc.body.result.map((a: Json) => a.name)).toEqual(['delta', 'charlie']);

		const badLimit = await api('GET', '/v1/accounts', { query: { limit: 'ten' } });
		expect(badLimit.status).toBe(400);
		expect(badLimit.body.context.parameter).toEqual({ id: 'limit', location: 'query', value: 'ten' });
	});

	test('filters: eq, ne, in, like (wildcards, case-insensitive), quoted values, arrays, total; bad syntax names the filter parameter', async () => {
		await api('POST', '/v1/accounts', { body: { name: 'prod-east', environment: 'prod', labels: ['region:east'] } });
		await api('POST', '/v1/accounts', { body: { name: 'prod-west', environment: 'prod', labels: ['region:west'] } });
		await api('POST', '/v1/accounts', { body: { name: 'staging', environment: 'test' } });
		const names = async (filter: string | string[]) =>
			(await api('GET', '/v1/accounts', { query: { filter, total: 'true' } })).body.result.map((a: Json) => a.name);

		expect(await names('environment[eq]prod')).toEqual(['prod-east', 'prod-west']);
		expect(await names('environment[eq]"test"')).toEqual(['acme', 'staging']);
		expect(await names('name[like]PROD-*')).toEqual(['prod-east', 'prod-west']);
		expect(await names('name[in]acme,staging')).toEqual(['acme', 'staging']);
		expect(await names(['environment[eq]prod', 'name[ne]prod-east'])).toEqual(['prod-west']);
		expect(await names('labels[eq]region:west')).toEqual(['prod-west']);
		expect(await names('name[gt]prod-east')).toEqual(['prod-west', 'staging']);
		const total = await api('GET', '/v1/accounts', { query: { filter: 'environment[eq]prod', total: 'true', limit: '1' } });
		expect(total.body.total).toBe(2);
		expect(total.body.result).toHaveLength(1);

		const bad = await api('GET', '/v1/accounts', { query: { filter: 'name~acme' } });
		expect(bad.status).toBe(400);
		expect(bad.body.context.parameter).toEqual({ id: 'filter', location: 'query', value: 'name~acme' });
	});

	test('401: missing, invalid, expired tokens, and tokens of the wrong scope (with the exported wordings)', async () => {
		const missing = await api('GET', '/v1/accounts', { token: '' });
		expect(missing.status).toBe(401);
		expect(missing.body.detail).toBe(AUTH_DETAILS.missing);

		expect((await api('GET', '/v1/accounts', { token: 'nope' })).body.detail).toBe(AUTH_DETAILS.invalid);

		const integrationOnManagement = await api('GET', '/v1/accounts', { token: sb.integrationToken });
		expect(integrationOnManagement.status).toBe(401);
		expect(integrationOnManagement.body).toEqual(expect.objectContaining({ message: 'Unauthorized', detail: AUTH_DETAILS.organizationExpected }));

		const orgOnConnector = await api('GET', '/v1/siem/events', { token: sb.orgToken });
		expect(orgOnConnector.status).toBe(401);
		expect(orgOnConnector.body.detail).toBe(AUTH_DETAILS.integrationExpected);

		const expired = sb.mintIntegrationToken('acme', 'acme-siem', -1);
		const exp = await api('GET', '/v1/siem/alerts', { token: expired });
		expect(exp.status).toBe(401);
		expect(exp.body.detail).toBe(AUTH_DETAILS.expired);
		expect((await api('GET', '/v1/siem/alerts', { token: sb.mintIntegrationToken('acme', 'acme-siem') })).status).toBe(200);
	});

	test('404 names the object type and id; 405 and unknown paths are Problems too', async () => {
		const res = await api('GET', '/v1/integrations/acme/no-such-integration');
		expect(res.status).toBe(404);
		expect(res.body).toEqual(
			expect.objectContaining({
				message: 'Not Found',
				status: 404,
				instance: '/v1/integrations/acme/no-such-integration',
				occurred_at: expect.any(String),
				context: { resources: [{ type: 'integration', id: 'no-such-integration', rel: 'affected' }] },
			}),
		);
		expect((await api('DELETE', '/v1/accounts')).status).toBe(405);
		expect((await api('GET', '/v1/nothing-here')).status).toBe(404);
	});

	test('400 names the missing body field; 415 for non-JSON bodies', async () => {
		const missing = await api('POST', '/v1/integrations/acme', { body: { name: 'x' } });
		expect(missing.status).toBe(400);
		expect(missing.body.context.parameter).toEqual({ id: '/provider_config', location: 'body' });

		const badProvider = await api('POST', '/v1/integrations/acme', { body: { provider_config: { type: 'ticketing_jira', url: 'https://x.example' } } });
		expect(badProvider.body.context.parameter).toEqual({ id: '/provider_config/credential', location: 'body' });

		const res = await request(`${sb.url}/v1/accounts`, { method: 'POST', headers: { authorization: `Bearer ${sb.orgToken}`, 'content-type': 'text/plain' }, body: 'name=x' });
		await res.body.dump();
		expect(res.statusCode).toBe(415);
	});

	test('PATCH applies RFC 6902 (add, remove, replace, move, copy, test); a failing test is 409, changing the id 400', async () => {
		const patch = await api('PATCH', '/v1/accounts/acme', {
			body: [
				{ op: 'test', path: '/fullname', value: 'Acme Corp' },
				{ op: 'replace', path: '/fullname', value: 'Acme Corporation' },
				{ op: 'add', path: '/labels/-', value: 'gold' },
				{ op: 'copy', from: '/labels/0', path: '/labels/-' },
				{ op: 'move', from: '/labels/2', path: '/labels/0' },
				{ op: 'remove', path: '/labels/1' },
			],
		});
		expect(patch.status).toBe(200);
		expect(patch.body.result).toEqual(expect.objectContaining({ id: 'acc_acme', name: 'acme', fullname: 'Acme Corporation', labels: ['demo', 'gold'] }));
		expect((await api('GET', '/v1/accounts/acme')).body.result.fullname).toBe('Acme Corporation');

		const failed = await api('PATCH', '/v1/accounts/acme', { body: [{ op: 'test', path: '/fullname', value: 'Other' }, { op: 'replace', path: '/fullname', value: 'X' }] });
		expect(failed.status).toBe(409);
		expect((await api('GET', '/v1/accounts/acme')).body.result.fullname).toBe('Acme Corporation');

		const idChange = await api('PATCH', '/v1/accounts/acme', { body: [{ op: 'replace', path: '/id', value: 'acc_other' }] });
		expect(idChange.status).toBe(400);
		expect(idChange.body.context.parameter.id).toBe('/id');

		const notArray = await api('PATCH', '/v1/accounts/acme', { body: { op: 'replace' } });
		expect(notArray.status).toBe(400);
	});

	test('PUT replaces the object and checks the id of the Update model', async () => {
		const account = (await api('GET', '/v1/accounts/acme')).body.result;
		const put = await api('PUT', '/v1/accounts/acme', { body: { ...account, fullname: 'Acme Renamed', labels: [] } });
		expect(put.status).toBe(200);
		expect(put.body.result).toEqual(expect.objectContaining({ id: 'acc_acme', fullname: 'Acme Renamed', labels: [] }));
		const mismatch = await api('PUT', '/v1/accounts/acme', { body: { ...account, id: 'acc_nope' } });
		expect(mismatch.status).toBe(400);
		const incomplete = await api('PUT', '/v1/accounts/acme', { body: { id: 'acc_acme', fullname: 'x' } });
		expect(incomplete.status).toBe(400);
		expect(incomplete.body.context.parameter.location).toBe('body');
	});

	test('integration create returns a TokenPair whose access secret works on the Connector API; other categories answer 501', async () => {
		const created = await api('POST', '/v1/integrations/acme', { body: { fullname: 'Acme Jira', provider_config: { type: 'ticketing_jira', url: 'https://acme.atlassian.net', credential: { type: 'basic', username: 'bot', secret: 'pw' } } } });
		expect(created.status).toBe(200);
		const { integration, token, credentials_created } = created.body.result;
		expect(integration).toEqual(expect.objectContaining({ name: 'acme-jira', category: 'ticketing', provider_type: 'ticketing_jira', account_id: 'acc_acme' }));
		expect(integration.provider_config.credential).toEqual({ type: 'basic_id', value: credentials_created[0].id });
		expect(credentials_created[0].config).toEqual({ type: 'basic', username: 'bot' });
		expect(token).toEqual({ access: expect.objectContaining({ secret: expect.any(String), expires: expect.any(String), permissions: expect.any(Object) }), refresh: expect.objectContaining({ secret: expect.any(String) }) });

		const tickets = await api('GET', '/v1/ticketing/tickets', { token: token.access.secret });
		expect(tickets.status).toBe(200);
		expect(tickets.body).toEqual({ result: expect.any(Array), cursor: expect.any(String) });

		const wrong = await api('GET', '/v1/siem/events', { token: token.access.secret });
		expect(wrong.status).toBe(501);
		expect(wrong.body.message).toMatch(/provider\s+'ticketing_jira'/i);

		expect((await api('DELETE', `/v1/integrations/acme/${integration.id}`)).status).toBe(204);
		expect((await api('GET', '/v1/ticketing/tickets', { token: token.access.secret })).status).toBe(401);
	});

	test('403 names the missing permission for a viewer token', async () => {
		const created = await api('POST', '/v1/tokens', { body: { name: 'read-only', resources: {}, permission_set: 'viewer' } });
		expect(created.status).toBe(200);
		const viewer = created.body.result.primary.access.secret;
		expect((await api('GET', '/v1/accounts', { token: viewer })).status).toBe(200);
		const denied = await api('POST', '/v1/accounts', { token: viewer, body: { name: 'nope' } });
		expect(denied.status).toBe(403);
		expect(denied.body.detail).toContain("'accounts:create'");
	});

	test('402 while the organization is disabled', async () => {
		sb.state.organization.state = 'disabled';
		expect((await api('GET', '/v1/accounts')).status).toBe(402);
		expect((await api('GET', '/v1/siem/events', { token: sb.integrationToken })).status).toBe(402);
	});

	test('connector queries page with a cursor until it is empty', async () => {
		const token = sb.integrationToken;
		const ids: string[] = [];
		let cursor = '';
		for (let i = 0; i < 20; i++) {
			const res = await api('GET', '/v1/siem/alerts', { token, query: { limit: '5', ...(cursor ? { cursor } : {}) } });
			expect(res.status).toBe(200);
			ids.push(...res.body.result.map((a: Json) => a.finding_info.uid));
			cursor = res.body.cursor;
			if (cursor === '') break;
		}
		expect(ids).toHaveLength(12);
		expect(new Set(ids).size).toBe(12);
		expect((await api('GET', '/v1/siem/alerts', { token, query: { cursor: 'garbage' } })).status).toBe(400);
	});

	test('a SIEM events query answers PENDING with a cursor a few times, then COMPLETE with data', async () => {
		const token = sb.integrationToken;
		const statuses: string[] = [];
		let res = await api('GET', '/v1/siem/events', { token, query: { filter: 'pending_polls[eq]2', limit: '10' } });
		for (let i = 0; i < 5 && res.body.status === 'PENDING'; i++) {
			statuses.push(res.body.status);
			expect(res.body.result).toEqual([]);
			expect(res.body.cursor).not.toBe('');
			res = await api('GET', '/v1/siem/events', { token, query: { filter: 'pending_polls[eq]2', limit: '10', cursor: res.body.cursor } });
		}
		expect(statuses).toEqual(['PENDING', 'PENDING']);
		expect(res.body.status).toBe('COMPLETE');
		expect(res.body.result).toHaveLength(10);
		expect(res.body.cursor).not.toBe('');

		sb.state.settings.siemEventsPendingPolls = 1;
		expect((await api('GET', '/v1/siem/events', { token })).body.status).toBe('PENDING');
	});

	test('bulk posts are stored and counted; connector filters work on nested OCSF fields', async () => {
		const token = sb.integrationToken;
		const events = [
			{ class_name: 'Authentication', class_uid: 3002, activity_id: 1, time: 1, severity_id: 1, metadata: { product: { name: 'n8n' }, version: '1.3.0' }, user: { name: 'zed' } },
			{ class_name: 'Authentication', class_uid: 3002, activity_id: 1, time: 2, severity_id: 1, metadata: { product: { name: 'n8n' }, version: '1.3.0' }, user: { name: 'zed' } },
		];
		expect((await api('POST', '/v1/siem/events', { token, body: events })).status).toBe(200);
		expect(sb.state.connector('acme-siem').posted.siem_post_events).toHaveLength(2);
		const found = await api('GET', '/v1/siem/events', { token, query: { filter: 'user.name[eq]zed' } });
		expect(found.body.result).toHaveLength(2);
		const invalid = await api('POST', '/v1/siem/events', { token, body: [{ time: 1 }] });
		expect(invalid.status).toBe(400);
		expect(invalid.body.context.parameter.id).toBe('/0/class_name');
	});

	test('storage upload (multipart `file`) and download return the same bytes and Content-Type', async () => {
		const created = await api('POST', '/v1/integrations/acme', { body: { name: 'files', provider_config: { type: 'storage_mock_storage', bucket: 'sandbox' } } });
		const token = created.body.result.token.access.secret as string;
		const bytes = Buffer.from([0, 1, 2, 250, 255, 10, 13]);
		const form = new FormData();
		form.append('file', new Blob([bytes], { type: 'application/x-custom' }), 'blob.bin');
		const up = await request(`${sb.url}/v1/storage/files/${encodeURIComponent('backups/blob.bin')}`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
		await up.body.dump();
		expect(up.statusCode).toBe(204);
		const down = await api('GET', `/v1/storage/files/${encodeURIComponent('backups/blob.bin')}`, { token });
		expect(down.status).toBe(200);
		expect(down.headers['content-type']).toBe('application/x-custom');
		expect(down.raw.equals(bytes)).toBe(true);
		const listed = await api('GET', '/v1/storage/folders/backups', { token });
		expect(listed.body.result).toEqual([{ path: 'backups/blob.bin' }]);
		const upload = sb.requests[sb.requests.length - 3];
		expect(upload.path).toBe('/v1/storage/files/backups%2Fblob.bin');
		expect(Buffer.isBuffer(upload.body)).toBe(true);
	});

	test('ticketing: create, get, patch, comments', async () => {
		const token = SANDBOX_DEMO_TICKETS_TOKEN;
		const created = await api('POST', '/v1/ticketing/tickets', { token, body: { name: 'Patch it', summary: 'Patch web-01', priority: 'HIGH', project: 'OPS' } });
		expect(created.status).toBe(200);
		const id = created.body.result.id as string;
		expect(created.body.result).toEqual(expect.objectContaining({ id, summary: 'Patch web-01', priority: 'HIGH', project: 'OPS', created_at: expect.any(String) }));
		const patched = await api('PATCH', `/v1/ticketing/tickets/${id}`, { token, body: [{ op: 'replace', path: '/status', value: 'Done' }] });
		expect(patched.body.result.status).toBe('Done');
		expect((await api('POST', `/v1/ticketing/tickets/${id}/comments`, { token, body: { content: 'done' } })).status).toBe(200);
		expect((await api('GET', `/v1/ticketing/tickets/${id}/comments`, { token })).body.result).toHaveLength(1);
		expect((await api('GET', '/v1/ticketing/tickets/NOPE-1', { token })).status).toBe(404);
		expect((await api('POST', '/v1/ticketing/tickets', { token, body: { summary: 'no name' } })).body.context.parameter.id).toBe('/name');
	});

	test('faults: a matching request gets the status and a Problem, for `times` requests; requests are recorded', async () => {
		sb.fail({ method: 'GET', path: '/v1/accounts', status: 503, times: 2 });
		sb.fail({ path: /^\/v1\/integrations/, status: 429, body: { custom: true }, headers: { 'retry-after': '0' } });
		const first = await api('GET', '/v1/accounts');
		expect(first.status).toBe(503);
		expect(first.body).toEqual(expect.objectContaining({ status: 503, message: 'Service Unavailable' }));
		expect((await api('GET', '/v1/accounts')).status).toBe(503);
		expect((await api('GET', '/v1/accounts')).status).toBe(200);
		const limited = await api('GET', '/v1/integrations');
		expect(limited.status).toBe(429);
		expect(limited.body).toEqual({ custom: true });
		expect(limited.headers['retry-after']).toBe('0');
		expect(sb.requests.map((r) => r.status)).toEqual([503, 503, 200, 429]);
		expect(sb.requests[0]).toEqual(expect.objectContaining({ method: 'GET', path: '/v1/accounts', query: {}, body: undefined }));
		expect(sb.requests[0].headers.authorization).toBe(`Bearer ${sb.orgToken}`);
	});

	test('time filters take RFC 3339 values, on OCSF epoch-ms fields and RFC 3339 fields alike, as instants', async () => {
		const siem = { token: SANDBOX_DEMO_SIEM_TOKEN };
		const t = Date.UTC(2030, 0, 1, 0, 0, 0, 500);
		const added = await request(`${sb.url}/__sandbox/records`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ integration: 'acme-siem', set: 'alerts', records: [{ time: t, finding_info: { uid: 'new' } }, { time: t + 1, finding_info: { uid: 'newer' } }] }),
		});
		expect(added.statusCode).toBe(200);
		await added.body.dump();
		const since = async (filter: string) =>
			((await api('GET', '/v1/siem/alerts', { ...siem, query: { filter } })).body.result as Json[]).map((a) => a.finding_info.uid);
		expect(await since('time[gte]2030-01-01T00:00:00.500Z')).toEqual(['new', 'newer']);
		expect(await since('time[gt]2030-01-01T00:00:00.500Z')).toEqual(['newer']);
		expect(await since('time[gte]2030-01-01T01:00:00.5+01:00')).toEqual(['new', 'newer']);
		// Tickets keep created_at with nanoseconds: still after the same millisecond written shorter.
		const created = sb.state.connector('acme-tickets').add('tickets', [{ id: 'SEC-900' }])[0].created_at as string;
		const tickets = await api('GET', '/v1/ticketing/tickets', { token: SANDBOX_DEMO_TICKETS_TOKEN, query: { filter: `created_at[gte]${new Date(Date.parse(created)).toISOString()}` } });
		expect((tickets.body.result as Json[]).map((x) => x.id)).toEqual(['SEC-900']);
	});

	test('a fault with `after` lets that many matching requests through first', async () => {
		sb.fail({ method: 'GET', path: '/v1/accounts', status: 503, after: 1 });
		expect((await api('GET', '/v1/accounts')).status).toBe(200);
		expect((await api('GET', '/v1/accounts')).status).toBe(503);
		expect((await api('GET', '/v1/accounts')).status).toBe(200);
	});

	test('control endpoints are not recorded', async () => {
		await api('GET', '/v1/accounts', { query: { filter: ['a[eq]1', 'b[eq]2'] } });
		const fault = await request(`${sb.url}/__sandbox/fault`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ path: '/v1/organization', status: 500 }) });
		await fault.body.dump();
		expect((await api('GET', '/v1/organization')).status).toBe(500);
		const listed = await request(`${sb.url}/__sandbox/requests`);
		const recorded = (await listed.body.json()) as Json[];
		expect(recorded.map((r) => r.path)).toEqual(['/v1/accounts', '/v1/organization']);
		expect(recorded[0].query).toEqual({ filter: ['a[eq]1', 'b[eq]2'] });
		const reset = await request(`${sb.url}/__sandbox/reset`, { method: 'POST' });
		await reset.body.dump();
		expect(sb.requests).toHaveLength(0);
	});

	test('token refresh keeps the old access secret as secondary until it is removed', async () => {
		const created = await api('POST', '/v1/tokens', { body: { name: 'ci', resources: {}, permission_set: 'administrator', token_ttl: '1h' } });
		const rt = created.body.result;
		expect(rt).toEqual(expect.objectContaining({ owner_type: 'organization', token_type: 'adhoc', token_ttl: '1h', primary: expect.any(Object) }));
		const refreshed = await api('PUT', `/v1/tokens/${rt.id}/refresh`, { token: rt.primary.refresh.secret });
		expect(refreshed.status).toBe(200);
		expect(refreshed.body.result.secondary.access.secret).toBe(rt.primary.access.secret);
		const fresh = refreshed.body.result.primary.access.secret;
		expect((await api('GET', '/v1/accounts', { token: rt.primary.access.secret })).status).toBe(200);
		// The refresh secret is for the refresh only (API-MAP §3.1): not for removing the secondary.
		const freshRefresh = refreshed.body.result.primary.refresh.secret;
		expect((await api('DELETE', `/v1/tokens/${rt.id}/secondary`, { token: freshRefresh })).status).toBe(401);
		expect((await api('DELETE', `/v1/tokens/${rt.id}/secondary`, { token: fresh })).status).toBe(204);
		expect((await api('GET', '/v1/accounts', { token: rt.primary.access.secret })).status).toBe(401);
		expect((await api('GET', '/v1/accounts', { token: fresh })).status).toBe(200);
		const minted = await api('POST', '/v1/tokens/acme/acme-siem', { body: {} });
		expect(minted.body.result).toEqual(expect.objectContaining({ secret: expect.any(String), expires: expect.any(String) }));
		const ttl = Date.parse(minted.body.result.expires) - Date.now();
		expect(ttl).toBeGreaterThan(9 * 60_000);
		expect(ttl).toBeLessThanOrEqual(10 * 60_000);
	});

	test('organization webhooks are signed deliveries; the secret is never returned', async () => {
		const received: Array<{ body: string; signature: string | undefined }> = [];
		const hookServer = createServer((req: IncomingMessage, res) => {
			let body = '';
			req.on('data', (c: Buffer) => (body += c.toString('utf8')));
			req.on('end', () => {
				received.push({ body, signature: req.headers['synqly-signature'] as string | undefined });
				res.end('ok');
			});
		});
		await new Promise<void>((r) => hookServer.listen(0, '127.0.0.1', r));
		try {
			const url = `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook`;
			const created = await api('POST', '/v1/organization/webhooks', { body: { name: 'n8n', url, filters: ['account_create'], secret: { value: 'shh' }, environment: 'prod' } });
			expect(created.status).toBe(200);
			expect(JSON.stringify(created.body)).not.toContain('shh');
			expect(created.body.result.credential_id).toMatch(/^cred_/);
			await api('POST', '/v1/accounts', { body: { name: 'hooked', environment: 'prod' } });
			for (let i = 0; i < 50 && !received.length; i++) await new Promise((r) => setTimeout(r, 20));
			expect(received).toHaveLength(1);
			const payload = JSON.parse(received[0].body) as Json;
			expect(payload).toEqual(expect.objectContaining({ event: 'account_create', nonce: expect.any(String), account: expect.objectContaining({ name: 'hooked' }) }));
			expect(received[0].signature).toBe(`sha256=${createHmac('sha256', 'shh').update(received[0].body).digest('hex')}`);
		} finally {
			await new Promise((r) => hookServer.close(r));
		}
	});

	test('every reference operation is routed and answers without a server error', async () => {
		const tokens: Record<string, string> = { siem: sb.integrationToken, ticketing: SANDBOX_DEMO_TICKETS_TOKEN };
		const failures: string[] = [];
		for (const [kind, ops] of [['management', MANAGEMENT_OPS], ['connector', CONNECTOR_OPS]] as const) {
			for (const op of ops) {
				const path = op.path.replace(/\{(\w+)\}/g, 'x');
				const token = kind === 'management' ? sb.orgToken : (tokens[op.group] ?? sb.integrationToken);
				const res = await request(`${sb.url}${path}`, { method: op.method as 'GET', headers: { authorization: `Bearer ${token}` } });
				const text = await res.body.text();
				if (res.statusCode >= 500 && res.statusCode !== 501) failures.push(`${op.method} ${op.path}: ${res.statusCode} ${text.slice(0, 120)}`);
				if (res.statusCode === 405 || text.includes('No Synqly API operation')) failures.push(`${op.method} ${op.path}: not routed`);
			}
		}
		expect(failures).toEqual([]);
		expect(MANAGEMENT_OPS).toHaveLength(111);
		expect(CONNECTOR_OPS).toHaveLength(135);
	});

	test('benchmark controls: bulk seed pages in order, settings add latency, requests counted without recording', async () => {
		const control = async (method: string, path: string, body?: unknown) =>
			JSON.parse(await (await request(`${sb.url}/__sandbox/${path}`, { method: method as 'GET', body: body === undefined ? undefined : JSON.stringify(body) })).body.text()) as Json;
		expect(await control('POST', 'seed', { accounts: 2500, events: 1200 })).toEqual({ accounts: 2501, events: 1230 });
		const names: string[] = [];
		for (let startAfter: string | undefined; ; ) {
			const page = (await api('GET', '/v1/accounts', { query: { limit: '1000', ...(startAfter ? { start_after: startAfter } : {}) } })).body.result as Json[];
			names.push(...page.map((a) => a.name as string));
			if (page.length < 1000) break;
			startAfter = names[names.length - 1];
		}
		expect(names).toEqual([...names].sort());
		expect(new Set(names).size).toBe(2501);
		expect((await api('GET', '/v1/accounts/acc_bulk-000001')).body.result.name).toBe('bulk-000001');
		expect((await api('GET', '/v1/accounts/acc_bulk-002500')).body.result.name).toBe('bulk-002500');

		await control('POST', 'settings', { latencyMs: 150, recordRequests: false });
		expect((await api('GET', '/v1/siem/events', { token: sb.integrationToken, query: { limit: '5000' } })).body.result).toHaveLength(1230);
		const started = Date.now();
		expect((await api('GET', '/v1/accounts/acme')).status).toBe(200);
		expect(Date.now() - started).toBeGreaterThanOrEqual(145);
		const stats = await control('GET', 'stats');
		expect(stats).toEqual(expect.objectContaining({ requests: 7, recorded: 5 }));
		expect(stats.settings).toEqual(expect.objectContaining({ latencyMs: 150, recordRequests: false }));
		await control('DELETE', 'requests');
		expect(await control('GET', 'stats')).toEqual(expect.objectContaining({ requests: 0, recorded: 0 }));
	});

	test('settings.latencyPattern delays the n-th request by its turn in the list, so answers come out of order', async () => {
		const control = async (body: unknown) => (await request(`${sb.url}/__sandbox/settings`, { method: 'POST', body: JSON.stringify(body) })).body.text();
		const took = () => sb.requests.map((r) => (r.answeredAt ?? NaN) - r.at);
		await control({ latencyPattern: [300, 0, 0] });
		const answers = await Promise.all([1, 2, 3].map(() => api('GET', '/v1/accounts/acme')));
		expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
		// The first request to arrive is answered last, after the two that arrived after it.
		const [first, ...others] = sb.requests;
		for (const other of others) expect(other.answeredAt).toBeLessThan(first.answeredAt!);
		expect(took()[0]).toBeGreaterThanOrEqual(290);
		expect(took().slice(1).every((ms) => ms < 200)).toBe(true);
		// The fourth request starts the list again.
		await api('GET', '/v1/accounts/acme');
		expect(took()[3]).toBeGreaterThanOrEqual(290);
		// A new list is counted from its own first request; a reset removes it.
		await control({ latencyPattern: [0, 300, 300] });
		await api('GET', '/v1/accounts/acme');
		expect(took()[4]).toBeLessThan(200);
		sb.reset();
		expect(sb.state.settings.latencyPattern).toEqual([]);
		await api('GET', '/v1/accounts/acme');
		expect(took()[0]).toBeLessThan(200);
	});
});
