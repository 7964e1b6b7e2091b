/**
 * Lists of the Management node: keyset pages for Return All and Limit, filters and sort, and what
 * the editor calls while the form is filled: the resource locators' list searches and the
 * capability dropdowns.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { locatorsOf } from '../nodes/shared/catalog/locators';
import { managementTable } from '../nodes/SynqlyManagement/catalog';
import { listSearch, loadOptions, registeredNode, rl } from './harness';
import {
	api,
	createAccounts,
	createIntegrations,
	expectPaired,
	expectSent,
	json,
	management,
	sandbox,
	succeeded,
	useSandbox,
} from './harness/management';
import { SANDBOX_IDS } from './sandbox/server';

useSandbox('demo');

const SIEM = SANDBOX_IDS.siemIntegration;
const TICKETS = SANDBOX_IDS.ticketingIntegration;

const startAfter = () => sandbox.requests.map((r) => r.query.start_after?.[0]);
const limits = () => sandbox.requests.map((r) => r.query.limit?.[0]);
const sortedNames = () =>
	sandbox.state.accounts
		.all()
		.map((a) => a.name)
		.sort();

describe('Return All and Limit', () => {
	test('Return All asks for the largest page, each next one starting after the last name of the previous one', async () => {
		createAccounts(2050);
		const items = succeeded(await management({ resource: 'account', operation: 'getAll', returnAll: true }));
		const names = json(items).map((o) => o.name as string);
		expect(names).toHaveLength(2051);
		expect(names).toEqual(sortedNames());
		// The reference names no largest page: 1,000 (UNNAMED_MAX_PAGE). A page of 51 ends the list:
		// fewer than the default 100, which any API gives when it has them.
		expect(limits()).toEqual(['1000', '1000', '1000']);
		expect(startAfter()).toEqual([undefined, names[999], names[1999]]);
		expectPaired(items);
	});

	test('a list that caps its pages below what was asked is read to its end, not cut at the first short page', async () => {
		createAccounts(600);
		sandbox.state.settings.pageCap = 250;
		const items = succeeded(await management({ resource: 'account', operation: 'getAll', returnAll: true }));
		const names = json(items).map((o) => o.name as string);
		expect(names).toEqual(sortedNames());
		expect(names).toHaveLength(601);
		// 250, 250, 101: none ends the list (the API may cap without a word); the empty fourth does.
		expect(limits()).toEqual(['1000', '1000', '1000', '1000']);
		expect(startAfter()).toEqual([undefined, names[249], names[499], names[600]]);
	});

	test('a list that answers 400 to the largest page is asked again at the default page', async () => {
		createAccounts(150);
		sandbox.fail({ path: '/v1/accounts', status: 400 });
		const items = succeeded(await management({ resource: 'account', operation: 'getAll', returnAll: true }));
		expect(json(items).map((o) => o.name)).toEqual(sortedNames());
		expect(limits()).toEqual(['1000', '100', '100']);
	});

	test('Return All with a custom sort pages in the documented order on the documented key, then sorts', async () => {
		createAccounts(250);
		sandbox.state.settings.pageCap = 100;
		const items = succeeded(
			await management({
				resource: 'account',
				operation: 'getAll',
				returnAll: true,
				sort: { rule: [{ field: 'name', direction: 'desc' }] },
			}),
		);
		const names = json(items).map((o) => o.name as string);
		expect(names).toEqual(sortedNames().reverse());
		// How start_after combines with a custom order is not documented: no order goes with paging.
		expect(sandbox.requests.map((r) => r.query.order)).toEqual([undefined, undefined, undefined]);
		const ascending = sortedNames();
		expect(startAfter()).toEqual([undefined, ascending[99], ascending[199]]);
	});

	test('a custom sort on a field that is not unique neither skips nor repeats an object', async () => {
		createAccounts(120, 'bulk', 'prod');
		createAccounts(110, 'more', 'test');
		const items = succeeded(
			await management({
				resource: 'account',
				operation: 'getAll',
				returnAll: true,
				sort: { rule: [{ field: 'environment', direction: 'asc' }] },
			}),
		);
		const names = json(items).map((o) => o.name as string);
		expect(new Set(names).size).toBe(names.length);
		expect(names).toHaveLength(sandbox.state.accounts.all().length);
		const environments = json(items).map((o) => o.environment as string);
		expect(environments).toEqual([...environments].sort());
	});

	test('a custom sort within one page (Limit up to 100) is sent to Synqly', async () => {
		createAccounts(30);
		const items = succeeded(
			await management({ resource: 'account', operation: 'getAll', limit: 10, sort: { rule: [{ field: 'name', direction: 'desc' }] } }),
		);
		expect(json(items).map((o) => o.name)).toEqual(sortedNames().reverse().slice(0, 10));
		expect(sandbox.requests.map((r) => r.query.order)).toEqual([['name[desc]']]);
	});

	test('Limit 120 is one request for 120; where the list caps at 100, a second one asks for the 20 missing', async () => {
		createAccounts(250);
		const items = succeeded(await management({ resource: 'account', operation: 'getAll', limit: 120 }));
		expect(json(items).map((o) => o.name)).toEqual(sortedNames().slice(0, 120));
		expect(limits()).toEqual(['120']);
		sandbox.requests.length = 0;
		sandbox.state.settings.pageCap = 100;
		const capped = succeeded(await management({ resource: 'account', operation: 'getAll', limit: 120 }));
		expect(json(capped).map((o) => o.name)).toEqual(sortedNames().slice(0, 120));
		expect(limits()).toEqual(['120', '20']);
		expect(startAfter()).toEqual([undefined, capped[99].json.name]);
	});

	test('Limit 5 is one request asking for 5', async () => {
		createAccounts(20);
		const items = succeeded(await management({ resource: 'account', operation: 'getAll', limit: 5 }));
		expect(items).toHaveLength(5);
		expectSent([{ method: 'GET', path: '/v1/accounts', query: { limit: ['5'] } }]);
	});

	test('a list shorter than a page is one request', async () => {
		const items = succeeded(await management({ resource: 'account', operation: 'getAll', returnAll: true }));
		expect(json(items).map((o) => o.name)).toEqual(['acme']);
		expectSent([{ method: 'GET', path: '/v1/accounts', query: { limit: ['1000'] } }]);
	});

	test('a nested list (integrations of an account) pages too', async () => {
		createIntegrations(150);
		sandbox.state.settings.pageCap = 100;
		const items = succeeded(
			await management({ resource: 'integration', operation: 'getAll', accountId: rl('acme'), returnAll: true }),
		);
		const names = json(items).map((o) => o.name as string);
		expect(names).toHaveLength(152);
		expect(new Set(names).size).toBe(152);
		expect(sandbox.requests.map((r) => r.path)).toEqual(['/v1/integrations/acme', '/v1/integrations/acme']);
		expect(startAfter()).toEqual([undefined, names[99]]);
	});

	test('Return All of integration statuses reads every page', async () => {
		// Statuses are keyed by the pair account_id,integration_id; 150 integrations make two pages.
		createIntegrations(150);
		const items = succeeded(await management({ resource: 'integrationStatus', operation: 'getAll', returnAll: true }));
		const ids = json(items).map((o) => o.integration_id as string);
		expect(new Set(ids).size).toBe(152);
		expect(ids).toEqual(expect.arrayContaining([SIEM, TICKETS]));
		expect(sandbox.requests).toHaveLength(2);
	});

	test('Return All of the execution history pages on execution_id, newest first', async () => {
		for (let i = 0; i < 630; i++) {
			sandbox.state.executions.push({
				execution_id: `exe_${String(i).padStart(3, '0')}`,
				operation_id: 'op_1',
				started_at: new Date(Date.UTC(2026, 9, 1, 0, i)).toISOString(),
				completed_at: new Date(Date.UTC(2026, 9, 1, 1, i)).toISOString(),
				account_id: SANDBOX_IDS.account,
				integration_id: SIEM,
				operation: 'siem_query_events',
				trigger_type: 'SCHEDULED',
				trigger_source: 'schedule',
				status: 'COMPLETE',
				records_processed: 1,
				cpu_time: 1,
				in_bytes: 1,
				duration: 1,
			});
		}
		const items = succeeded(await management({ resource: 'asyncOperation', operation: 'getHistory', returnAll: true }));
		const ids = json(items).map((o) => o.execution_id as string);
		expect(ids).toEqual(Array.from({ length: 630 }, (_, i) => `exe_${String(629 - i).padStart(3, '0')}`));
		// The reference allows pages of up to 500 here: a shorter one is the last.
		expect(limits()).toEqual(['500', '500']);
		expect(startAfter()).toEqual([undefined, ids[499]]);
	});
});

describe('filters and sort', () => {
	test('filters are sent as repeated filter=field[op]value and sort as order=field[dir]', async () => {
		await api('POST', '/v1/accounts', { name: 'acme-east', environment: 'test' });
		await api('POST', '/v1/accounts', { name: 'acme-west', environment: 'prod' });
		await api('POST', '/v1/accounts', { name: 'acme-north', environment: 'test' });
		await api('POST', '/v1/accounts', { name: 'globex', environment: 'test' });
		const items = succeeded(
			await management({
				resource: 'account',
				operation: 'getAll',
				filters: {
					filter: [
						{ field: 'name', operator: 'like', value: 'acme*' },
						{ field: 'environment', operator: 'eq', value: 'test' },
					],
				},
				sort: { rule: [{ field: 'name', direction: 'desc' }] },
			}),
		);
		expectSent([
			{
				method: 'GET',
				path: '/v1/accounts',
				query: { filter: ['name[like]acme*', 'environment[eq]test'], order: ['name[desc]'], limit: ['50'] },
			},
		]);
		expect(json(items).map((o) => o.name)).toEqual(['acme-north', 'acme-east', 'acme']);
		expectPaired(items);
	});

	test('filter values with spaces and & reach Synqly unchanged; brackets are refused, like with * finds them', async () => {
		await api('POST', '/v1/accounts', { name: 'spaced', fullname: 'Acme [EU] & Co' });
		const filtered = (operator: string, value: string) =>
			management({ resource: 'account', operation: 'getAll', filters: { filter: [{ field: 'fullname', operator, value }] } });
		const refused = await filtered('eq', 'Acme [EU] & Co');
		expect(refused.error?.message).toBe(
			'"Filters" rule 1 has a value with "[" or "]", which Synqly\'s field[operator]value cannot carry (use "like" with * in their place)',
		);
		expect(sandbox.requests).toEqual([]);
		const items = succeeded(await filtered('like', 'Acme *EU* & Co'));
		expect(sandbox.requests[0].query.filter).toEqual(['fullname[like]Acme *EU* & Co']);
		expect(json(items).map((o) => o.name)).toEqual(['spaced']);
	});

	test('lists without Sort send no order (execution history)', async () => {
		succeeded(
			await management({
				resource: 'asyncOperation',
				operation: 'getHistory',
				filters: { filter: [{ field: 'integration_id', operator: 'eq', value: SIEM }] },
			}),
		);
		expect(sandbox.requests.map((r) => r.query.order)).toEqual([undefined]);
	});
});

// ---------------------------------------------------------------------------------------------
// Resource locator lists (methods.listSearch) and dropdowns (methods.loadOptions)

const credentials = () => ({ synqlyOrganizationApi: { accessToken: sandbox.orgToken, baseUrl: sandbox.url } });

const search = (method: string, parameters: INodeParameters = {}, filter?: string, paginationToken?: string) =>
	listSearch({ node: 'synqlyManagement', method, parameters, credentials: credentials(), filter, paginationToken });

const methodOf = (key: string) => `search${key.charAt(0).toUpperCase()}${key.slice(1)}`;

interface LocatorCase {
	key: string;
	/** Creates the object the list should show; returns its label and value. */
	setup: () => Promise<{ name: string; value: string }>;
	/** What the form holds (parents of nested lists). */
	parameters?: INodeParameters;
	path: string;
}

const locatorCases: LocatorCase[] = [
	{
		key: 'account',
		setup: async () => ({ name: `Acme Corp (${SANDBOX_IDS.account})`, value: SANDBOX_IDS.account }),
		path: '/v1/accounts',
	},
	{
		key: 'integration',
		setup: async () => ({ name: `Acme SIEM (${SIEM})`, value: SIEM }),
		parameters: { resource: 'integration', operation: 'get', accountId: rl('acme', 'list') },
		path: '/v1/integrations/acme',
	},
	{
		key: 'integrationPoint',
		setup: async () => {
			const point = await api('POST', '/v1/integration-points', {
				name: 'siem-point',
				fullname: 'SIEM point',
				connector: 'siem',
				environments: { test: ['siem_mock_siem'] },
			});
			return { name: `SIEM point (${String(point.id)})`, value: String(point.id) };
		},
		path: '/v1/integration-points',
	},
	{
		key: 'credential',
		setup: async () => {
			const credential = await api('POST', '/v1/credentials/acme', {
				name: 'jira-basic',
				fullname: 'Jira basic',
				config: { type: 'basic', username: 'bot', secret: 's' },
			});
			return { name: `Jira basic (${String(credential.id)})`, value: String(credential.id) };
		},
		parameters: { resource: 'credential', operation: 'get', ownerId: rl('acme') },
		path: '/v1/credentials/acme',
	},
	{
		key: 'token',
		setup: async () => ({
			name: `Sandbox organization token (${SANDBOX_IDS.organizationToken})`,
			value: SANDBOX_IDS.organizationToken,
		}),
		path: '/v1/tokens',
	},
	{
		key: 'bridge',
		setup: async () => {
			const { bridge } = await api<{ bridge: IDataObject }>('POST', '/v1/bridges/acme', { name: 'dc1', fullname: 'Frankfurt DC' });
			return { name: `Frankfurt DC (${String(bridge.id)})`, value: String(bridge.id) };
		},
		parameters: { resource: 'bridge', operation: 'get', accountId: rl('acme') },
		path: '/v1/bridges/acme',
	},
	{
		key: 'member',
		setup: async () => ({ name: `Sandbox Admin (${SANDBOX_IDS.adminMember})`, value: SANDBOX_IDS.adminMember }),
		path: '/v1/members',
	},
	{
		key: 'role',
		setup: async () => {
			const role = await api('POST', '/v1/roles', { name: 'soc-analyst', fullname: 'SOC analyst', permission_set: 'viewer' });
			return { name: `SOC analyst (${String(role.id)})`, value: String(role.id) };
		},
		path: '/v1/roles',
	},
	{
		key: 'webhook',
		setup: async () => {
			sandbox.state.settings.deliverWebhooks = false;
			const hook = await api('POST', '/v1/organization/webhooks', {
				name: 'n8n-events',
				fullname: 'n8n events',
				url: 'https://n8n.example.com/webhook/synqly',
				filters: ['all'],
				secret: { value: 'whsec' },
			});
			return { name: `n8n events (${String(hook.id)})`, value: String(hook.id) };
		},
		path: '/v1/organization/webhooks',
	},
	{
		key: 'subOrganization',
		setup: async () => {
			const { organization } = await api<{ organization: IDataObject }>('POST', '/v1/suborgs', {
				name: 'acme-emea',
				fullname: 'Acme EMEA',
			});
			return { name: `Acme EMEA (${String(organization.id)})`, value: String(organization.id) };
		},
		path: '/v1/suborgs',
	},
	{
		key: 'custom',
		setup: async () => {
			const { custom } = await api<{ custom: IDataObject }>('POST', '/v1/customs', {
				name: 'my-provider',
				fullname: 'My provider',
				data: 'name: x\n',
			});
			return { name: `My provider (${String(custom.id)})`, value: String(custom.id) };
		},
		path: '/v1/customs',
	},
	{
		key: 'mapping',
		setup: async () => {
			const { mapping } = await api<{ mapping: IDataObject }>('POST', '/v1/mappings', {
				name: 'my-mapping',
				fullname: 'My mapping',
				data: 'version: 1\n',
			});
			return { name: `My mapping (${String(mapping.id)})`, value: String(mapping.id) };
		},
		path: '/v1/mappings',
	},
	{
		key: 'sso',
		setup: async () => {
			const sso = await api('POST', '/v1/auth/sso', {
				fullname: 'Okta',
				config: { type: 'oidc', issuer_url: 'https://acme.okta.com', client_id: 'c', client_secret: 's' },
			});
			return { name: `Okta (${String(sso.id)})`, value: String(sso.id) };
		},
		path: '/v1/auth/sso',
	},
];

describe('list searches', () => {
	test('the node has one list search per locator of the table, and each has a case here', async () => {
		const methods = Object.keys((await registeredNode('synqlyManagement')).methods?.listSearch ?? {}).sort();
		expect(methods).toEqual(locatorsOf(managementTable).map((l) => methodOf(l.key)).sort());
		expect(locatorCases.map((c) => c.key).sort()).toEqual(locatorsOf(managementTable).map((l) => l.key).sort());
	});

	test.each(locatorCases.map((c) => [methodOf(c.key), c] as const))('%s lists its objects', async (method, c) => {
		const expected = await c.setup();
		sandbox.requests.length = 0;
		const { results } = await search(method, c.parameters);
		expect(results).toContainEqual(expected);
		expect(sandbox.requests.map((r) => r.path)).toEqual([c.path]);
		expect(sandbox.requests[0].headers.authorization).toBe(`Bearer ${sandbox.orgToken}`);
	});

	test('searchAccount filters with like, sorts, and pages with a token', async () => {
		createAccounts(60, 'bulk');
		const first = await search('searchAccount', {}, 'bulk');
		const bulk000 = sandbox.state.accounts.get('bulk-000').id;
		expect(first.results).toHaveLength(50);
		expect(first.results[0]).toEqual({ name: `bulk 000 (${bulk000})`, value: bulk000 });
		expect(first.paginationToken).toBe('bulk-049');
		const second = await search('searchAccount', {}, 'bulk', String(first.paginationToken));
		expect(second.results.map((r) => r.name.split(' (')[0])).toEqual(Array.from({ length: 10 }, (_, i) => `bulk 0${50 + i}`));
		expect(second.paginationToken).toBeUndefined();
		expectSent([
			{ method: 'GET', path: '/v1/accounts', query: { limit: ['50'], filter: ['fullname[like]*bulk*'], order: ['name[asc]'] } },
			{
				method: 'GET',
				path: '/v1/accounts',
				query: { limit: ['50'], start_after: ['bulk-049'], filter: ['fullname[like]*bulk*'], order: ['name[asc]'] },
			},
		]);
	});

	test('searchMember searches on the member name', async () => {
		const { results } = await search('searchMember', {}, 'admin@');
		expect(results).toEqual([{ name: `Sandbox Admin (${SANDBOX_IDS.adminMember})`, value: SANDBOX_IDS.adminMember }]);
		expect(sandbox.requests[0].query).toEqual({ limit: ['50'], filter: ['name[like]*admin@*'], order: ['name[asc]'] });
	});

	test('whole lists (sub-organizations, SSO) get no paging or filter parameters and are searched locally', async () => {
		await api('POST', '/v1/suborgs', { name: 'acme-emea', fullname: 'Acme EMEA' });
		await api('POST', '/v1/suborgs', { name: 'acme-apac', fullname: 'Acme APAC' });
		sandbox.requests.length = 0;
		const { results, paginationToken } = await search('searchSubOrganization', {}, 'emea');
		expect(results.map((r) => r.name.split(' (')[0])).toEqual(['Acme EMEA']);
		expect(paginationToken).toBeUndefined();
		expect(sandbox.requests.map((r) => [r.path, r.query])).toEqual([['/v1/suborgs', {}]]);
	});

	test('a nested list without its parent chosen yet is empty and sends nothing', async () => {
		expect(await search('searchIntegration', { resource: 'integration', operation: 'get' })).toEqual({ results: [] });
		expect(await search('searchCredential', { resource: 'credential', operation: 'get' })).toEqual({ results: [] });
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a parent ID with a slash is encoded as one path segment', async () => {
		await search('searchIntegration', { resource: 'integration', operation: 'get', accountId: rl('a/b') }).catch(() => undefined);
		expect(sandbox.requests.map((r) => r.path)).toEqual(['/v1/integrations/a%2Fb']);
	});
});

describe('dropdowns', () => {
	test('getCategories lists the connector categories, sorted by name', async () => {
		const options = await loadOptions({ node: 'synqlyManagement', method: 'getCategories', credentials: credentials() });
		expect(options).toHaveLength(17);
		expect(options).toContainEqual(expect.objectContaining({ name: 'SIEM', value: 'siem' }));
		expect(options.map((o) => o.name)).toEqual([...options.map((o) => o.name)].sort((a, b) => a.localeCompare(b)));
		expectSent([{ method: 'GET', path: '/v1/capabilities/connectors' }]);
	});

	test('getProviderTypes lists the providers of the chosen category', async () => {
		const ticketing = await loadOptions({
			node: 'synqlyManagement',
			method: 'getProviderTypes',
			parameters: { resource: 'integration', operation: 'create', category: 'ticketing' },
			credentials: credentials(),
		});
		expect(ticketing.map((o) => o.value)).toContain('ticketing_jira');
		expect(ticketing.every((o) => String(o.value).startsWith('ticketing_'))).toBe(true);
		expect(ticketing).toContainEqual(expect.objectContaining({ value: 'ticketing_jira', name: 'Jira' }));
		expectSent([{ method: 'GET', path: '/v1/capabilities/providers' }]);
	});

	test('getProviderTypes lists every provider where the form has no category (Get Provider)', async () => {
		const all = await loadOptions({
			node: 'synqlyManagement',
			method: 'getProviderTypes',
			parameters: { resource: 'capability', operation: 'getProvider' },
			credentials: credentials(),
		});
		const providers = await api<IDataObject[]>('GET', '/v1/capabilities/providers');
		expect(all.map((o) => o.value).sort()).toEqual(providers.map((p) => p.id).sort());
	});
});
