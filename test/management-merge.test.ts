/**
 * Update (GET, lay the given fields over the object, PUT) and Create or Update merge at any depth
 * (nodes/shared/wire/merge.ts), run by n8n's engine against the sandbox: a partial provider_config
 * keeps the stored url and credential, and a provider_config of another type replaces the old one.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { rl } from './harness';
import { api, json, management, sentRequests, succeeded, useSandbox } from './harness/management';

useSandbox('demo');

interface Integration extends IDataObject {
	id: string;
	provider_config: IDataObject;
}

const JIRA = 'acme-jira';
const one = `/v1/integrations/acme/${JIRA}`;

/** A Jira integration with a url and a stored credential (the sandbox moves the inline one into a basic_id). */
async function jira(): Promise<Integration> {
	const created = await api<{ integration: Integration }>('POST', '/v1/integrations/acme', {
		name: JIRA,
		fullname: 'Acme Jira',
		provider_config: { type: 'ticketing_jira', url: 'https://acme.atlassian.net', credential: { type: 'basic', username: 'bot', secret: 'pw' } },
	});
	const stored = created.integration.provider_config.credential as IDataObject;
	expect(stored).toEqual({ type: 'basic_id', value: expect.any(String) });
	return created.integration;
}

const update = (updateFields: INodeParameters): INodeParameters => ({
	resource: 'integration',
	operation: 'update',
	accountId: rl('acme'),
	integrationId: rl(JIRA),
	updateFields,
});

const upsert = (providerType: string, providerConfig: IDataObject): INodeParameters => ({
	resource: 'integration',
	operation: 'upsert',
	accountId: rl('acme'),
	name: JIRA,
	category: 'ticketing',
	providerType,
	providerConfig: JSON.stringify(providerConfig),
});

/** The body of the one PUT the node sent. */
const putBody = () => {
	const puts = sentRequests().filter((r) => r.method === 'PUT');
	expect(puts).toHaveLength(1);
	return puts[0].body as Integration;
};

describe('Update merges at any depth', () => {
	test('Integration → Update with only Provider Type keeps the stored url and credential', async () => {
		const before = await jira();
		const [output] = json(succeeded(await management(update({ providerType: 'ticketing_jira' }))));
		expect(putBody().provider_config).toEqual(before.provider_config);
		expect(output.provider_config).toEqual(before.provider_config);
		expect((await api<Integration>('GET', one)).provider_config).toEqual(before.provider_config);
	});

	test('Integration → Update with only a new url in Provider Config keeps the type and credential', async () => {
		const before = await jira();
		const [output] = json(succeeded(await management(update({ providerConfig: '{"url": "https://new.atlassian.net"}' }))));
		const expected = { ...before.provider_config, url: 'https://new.atlassian.net' };
		expect(putBody().provider_config).toEqual(expected);
		expect(output.provider_config).toEqual(expected);
	});

	test('Integration → Update to another provider type replaces provider_config whole', async () => {
		await jira();
		const [output] = json(succeeded(await management(update({ providerType: 'ticketing_mock_ticketing', providerConfig: '{}' }))));
		expect(putBody().provider_config).toEqual({ type: 'ticketing_mock_ticketing' });
		expect(output.provider_config).toEqual({ type: 'ticketing_mock_ticketing' });
		expect(output.provider_type).toBe('ticketing_mock_ticketing');
	});
});

describe('Create or Update merges at any depth', () => {
	test('an existing integration given only a new url keeps its stored credential', async () => {
		const before = await jira();
		const [output] = json(succeeded(await management(upsert('ticketing_jira', { url: 'https://new.atlassian.net' }))));
		const expected = { ...before.provider_config, url: 'https://new.atlassian.net' };
		expect(output).toEqual(expect.objectContaining({ action: 'updated', id: before.id }));
		expect(putBody().provider_config).toEqual(expected);
		expect((await api<Integration>('GET', one)).provider_config).toEqual(expected);
	});

	test('an existing integration given another provider type has its provider_config replaced whole', async () => {
		const before = await jira();
		const [output] = json(succeeded(await management(upsert('ticketing_mock_ticketing', {}))));
		expect(output).toEqual(expect.objectContaining({ action: 'updated', id: before.id }));
		expect(putBody().provider_config).toEqual({ type: 'ticketing_mock_ticketing' });
		expect((await api<Integration>('GET', one)).provider_config).toEqual({ type: 'ticketing_mock_ticketing' });
	});
});

