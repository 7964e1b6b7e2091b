/**
 * Secrets stay in: no output of an operation that returns an integration (or its webhook config)
 * holds the ticketing webhook's signing key (`webhook_config.items[].integrator_key`, the Synqly
 * Trigger's key) or the provider's key (`webhook_config.provider_key`). Each row that can return
 * one declares them in its `redact` list (the reference's Integration, Status and their responses).
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { rl } from './harness';
import { api, json, management, sandbox, sentRequests, succeeded, useSandbox } from './harness/management';

useSandbox('demo');

const NAME = 'acme-hooked';
const INTEGRATOR_KEY = 'integrator-signing-key-0123456789abcdef';
const PROVIDER_KEY = 'provider-verifying-key-0123456789abcdef';
const WEBHOOK = { webhook_url: 'https://n8n.example.com/webhook/synqly', event_filter: ['TicketCreated'], integrator_key: INTEGRATOR_KEY };
const WEBHOOK_CONFIG = { provider_key: PROVIDER_KEY, items: [WEBHOOK] };

/** A ticketing integration whose webhook config holds both keys. */
async function hooked(): Promise<IDataObject> {
	const created = await api<{ integration: IDataObject }>('POST', '/v1/integrations/acme', {
		name: NAME,
		fullname: 'Acme Hooked',
		provider_config: { type: 'ticketing_mock_ticketing' },
		webhook_config: WEBHOOK_CONFIG,
	});
	expect(created.integration.webhook_config).toEqual(WEBHOOK_CONFIG);
	return created.integration;
}

/** The outputs hold no signing or provider key, by name or by value, and still hold the webhook's url. */
function expectNoKeys(objects: IDataObject[], { webhook = true } = {}) {
	const text = JSON.stringify(objects);
	expect(objects.length).toBeGreaterThan(0);
	for (const secret of ['integrator_key', 'provider_key', INTEGRATOR_KEY, PROVIDER_KEY]) expect(text).not.toContain(secret);
	if (webhook) expect(text).toContain(WEBHOOK.webhook_url);
}

const run = async (parameters: INodeParameters) => json(succeeded(await management(parameters)));
const one = { resource: 'integration', accountId: rl('acme'), integrationId: rl(NAME) };
const upsert = (fullname: string): INodeParameters => ({
	resource: 'integration',
	operation: 'upsert',
	accountId: rl('acme'),
	name: NAME,
	category: 'ticketing',
	providerType: 'ticketing_mock_ticketing',
	providerConfig: '{}',
	additionalFields: { fullname, webhookConfig: JSON.stringify(WEBHOOK_CONFIG) },
});

describe('no output holds a webhook signing key or provider key', () => {
	test('Integration → Get', async () => {
		await hooked();
		expectNoKeys(await run({ ...one, operation: 'get' }));
	});

	test('Integration → Get Many in Account', async () => {
		await hooked();
		expectNoKeys(await run({ resource: 'integration', operation: 'getAll', accountId: rl('acme') }));
	});

	test('Integration → Get Many in Organization', async () => {
		await hooked();
		expectNoKeys(await run({ resource: 'integration', operation: 'getAllInOrganization' }));
	});

	test('Integration → Create (the key Synqly generated when none was given, too)', async () => {
		const objects = await run({
			resource: 'integration',
			operation: 'create',
			accountId: rl('acme'),
			name: 'acme-new-hook',
			category: 'ticketing',
			providerType: 'ticketing_mock_ticketing',
			providerConfig: '{}',
			additionalFields: { webhookConfig: JSON.stringify({ provider_key: PROVIDER_KEY, items: [{ webhook_url: WEBHOOK.webhook_url }] }) },
		});
		expectNoKeys(objects);
		const stored = await api<{ webhook_config: { items: IDataObject[] } }>('GET', '/v1/integrations/acme/acme-new-hook');
		expect(JSON.stringify(objects)).not.toContain(String(stored.webhook_config.items[0].integrator_key));
	});

	test('Integration → Create or Update, creating', async () => {
		const objects = await run(upsert('Acme Hooked'));
		expect(objects.map((o) => o.action)).toEqual(['created']);
		expectNoKeys(objects);
	});

	test('Integration → Create or Update, updating', async () => {
		await hooked();
		const objects = await run(upsert('Acme Hooked Again'));
		expect(objects.map((o) => o.action)).toEqual(['updated']);
		expectNoKeys(objects);
	});

	test('Integration → Create or Update, unchanged', async () => {
		await hooked();
		const objects = await run(upsert('Acme Hooked'));
		expect(objects.map((o) => o.action)).toEqual(['unchanged']);
		expectNoKeys(objects);
	});

	test('Integration → Update (the keys stay in Synqly: the PUT sends them back)', async () => {
		await hooked();
		expectNoKeys(await run({ ...one, operation: 'update', updateFields: { fullname: 'Renamed' } }));
		const put = sentRequests().find((r) => r.method === 'PUT');
		expect((put?.body as IDataObject).webhook_config).toEqual(WEBHOOK_CONFIG);
		expect((await api<IDataObject>('GET', `/v1/integrations/acme/${NAME}`)).webhook_config).toEqual(WEBHOOK_CONFIG);
	});

	test('Integration → Patch', async () => {
		await hooked();
		const patch = [{ op: 'replace', path: '/fullname', value: 'Patched' }];
		expectNoKeys(await run({ ...one, operation: 'patch', patchOperations: JSON.stringify(patch) }));
	});

	test('Integration Status → Get Many with the integration expanded', async () => {
		await hooked();
		expectNoKeys(await run({ resource: 'integrationStatus', operation: 'getAll', options: { expand: ['integration'] } }));
	});

	test('Integration Status → Get (the reference\'s Status may carry its integration)', async () => {
		const integration = await hooked();
		// The sandbox answers Get without the integration; the reference's Status type allows it.
		const status = sandbox.state.statuses.get(String(integration.id)) as unknown as IDataObject;
		status.integration = integration;
		expectNoKeys(await run({ resource: 'integrationStatus', operation: 'get', accountId: rl('acme'), integrationId: rl(NAME) }));
	});
});
