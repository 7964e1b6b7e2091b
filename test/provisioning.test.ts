/**
 * A provisioning workflow built from Create or Update steps, run twice against one sandbox: the
 * first run creates everything, the second (what a re-run after a failure halfway does) succeeds
 * and changes nothing that is already right.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { rl, runNode } from './harness';
import { startSandbox, type Sandbox } from './sandbox/server';

let sandbox: Sandbox;
beforeAll(async () => {
	sandbox = await startSandbox({ seed: 'empty' });
});
afterAll(async () => {
	await sandbox.close();
});

/** Each step's parameters; expressions read the item the previous step put out. */
const steps: Array<[string, INodeParameters]> = [
	[
		'account',
		{ resource: 'account', operation: 'upsert', name: 'tenant-a', additionalFields: { fullname: 'Tenant A', environment: 'test', labels: 'customer,eu' } },
	],
	[
		'integration',
		{
			resource: 'integration',
			operation: 'upsert',
			accountId: rl('={{ $json.id }}'),
			name: 'tenant-a-siem',
			category: 'siem',
			providerType: 'siem_mock_siem',
			providerConfig: '{}',
		},
	],
	[
		'integration point',
		{
			resource: 'integrationPoint',
			operation: 'upsert',
			name: 'siem-point',
			connector: 'siem',
			environments: '{"test": ["siem_mock_siem"], "prod": ["siem_splunk"]}',
			additionalFields: { description: 'SIEM offered in Connect UI' },
		},
	],
	[
		'credential',
		{
			resource: 'credential',
			operation: 'upsert',
			ownerId: rl('tenant-a'),
			name: 'tenant-a-splunk',
			config: '{"type": "token", "secret": "splunk-hec-token"}',
		},
	],
	['role', { resource: 'role', operation: 'upsert', name: 'tenant-a-viewer', permissionSet: 'viewer', additionalFields: { resources: '{"accounts": {"ids": ["tenant-a"]}}' } }],
	['member', { resource: 'member', operation: 'upsert', name: 'analyst@tenant-a.example', password: 'Analyst-pass-1', additionalFields: { fullname: 'Analyst' } }],
	[
		'webhook',
		{
			resource: 'organizationWebhook',
			operation: 'upsert',
			name: 'tenant-events',
			url: 'http://127.0.0.1:9/synqly',
			eventFilters: ['account_create', 'integration_create'],
			signingSecret: 'webhook-signing-secret-0123456789',
		},
	],
];

async function provision(): Promise<Record<string, string>> {
	const actions: Record<string, string> = {};
	let items: IDataObject[] = [{}];
	for (const [label, parameters] of steps) {
		const result = await runNode({
			node: 'synqlyManagement',
			parameters,
			credentials: { synqlyOrganizationApi: { accessToken: sandbox.orgToken, baseUrl: sandbox.url } },
			items,
		});
		if (result.error) throw new Error(`${label}: ${result.error.message} (${result.error.description ?? ''})`);
		expect(result.items).toHaveLength(1);
		actions[label] = String(result.items[0].json.action);
		// First in the output, so the table view shows it before the object's fields.
		expect(Object.keys(result.items[0].json)[0]).toBe('action');
		items = result.items.map((item) => item.json);
	}
	return actions;
}

const writes = () => sandbox.requests.filter((r) => r.method !== 'GET');

test('the first run creates every object', async () => {
	expect(await provision()).toEqual(Object.fromEntries(steps.map(([label]) => [label, 'created'])));
	expect(writes().map((r) => `${r.method} ${r.path}`)).toEqual([
		'POST /v1/accounts',
		expect.stringMatching(/^POST \/v1\/integrations\/acc_/),
		'POST /v1/integration-points',
		'POST /v1/credentials/tenant-a',
		'POST /v1/roles',
		'POST /v1/members',
		'POST /v1/organization/webhooks',
	]);
});

test('the same workflow run again succeeds and changes nothing', async () => {
	const before = sandbox.requests.length;
	expect(await provision()).toEqual(Object.fromEntries(steps.map(([label]) => [label, 'unchanged'])));
	expect(sandbox.requests.slice(before).filter((r) => r.method !== 'GET')).toEqual([]);
	expect(sandbox.state.accounts.all().filter((a) => a.name === 'tenant-a')).toHaveLength(1);
});

test('a changed field is updated, and only that object is written', async () => {
	steps[0][1] = { ...steps[0][1], additionalFields: { fullname: 'Tenant A (EU)', environment: 'test', labels: 'customer,eu' } };
	const before = sandbox.requests.length;
	const actions = await provision();
	expect(actions.account).toBe('updated');
	expect(Object.values(actions).filter((a) => a !== 'unchanged')).toEqual(['updated']);
	const written = sandbox.requests.slice(before).filter((r) => r.method !== 'GET');
	expect(written.map((r) => r.method)).toEqual(['PUT']);
	expect((written[0].body as IDataObject).fullname).toBe('Tenant A (EU)');
});
