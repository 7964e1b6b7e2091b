/**
 * Agents get what is safe: run as an AI agent's tool (through n8n-core's own tool wrapper, see
 * harness/tool.ts), an operation its row marks unsafe for an agent (deletes, endpoint and user
 * actions, token minting) is refused unless the node's "Allow This Operation for AI Agents" is
 * on; token secrets never reach the model, even where the operation is allowed; safe reads give
 * the agent what a workflow gets; and outside an agent nothing changes.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';
import { NodeHelpers } from 'n8n-workflow';

import { registeredNode, rl, runNode } from './harness';
import { failed, json, management, sandbox, sentRequests, succeeded, useSandbox, type RefreshTokenJson } from './harness/management';
import { PROVIDERS } from './harness/providers';
import { callAsTool, runToolNodeDirectly, toolVariant, type ToolCall } from './harness/tool';

useSandbox('demo');

const ALLOW = 'allowForAgents';
const OPTION = 'Allow This Operation for AI Agents';

const orgCredentials = () => ({ synqlyOrganizationApi: { accessToken: sandbox.orgToken, baseUrl: sandbox.url } });
const asTool = async (parameters: INodeParameters, options: { onError?: 'continueRegularOutput' } = {}) =>
	await callAsTool({ node: 'synqlyManagement', parameters, credentials: orgCredentials(), ...options });

/** The output objects the model got; fails with the tool's error when the call failed. */
function answered(call: ToolCall): IDataObject[] {
	if (call.error !== undefined) throw new Error(`The tool call failed: ${call.error}`);
	return JSON.parse(String(call.response)) as IDataObject[];
}

function refused(call: ToolCall): string {
	if (call.error === undefined) throw new Error(`The tool call was not refused; the model got ${String(call.response)}`);
	return call.error;
}

const deleteAcme = { resource: 'account', operation: 'delete', accountId: rl('acme') };
const createToken = {
	resource: 'token',
	operation: 'create',
	permissionSet: 'viewer',
	resources: JSON.stringify({ accounts: { ids: ['*'] } }),
	additionalFields: { name: 'agent-made' },
};

/** Every token secret the sandbox holds (access and refresh, primary and secondary). */
const storedSecrets = () =>
	sandbox.state.refreshTokens.all().flatMap((token) => {
		const t = token as unknown as RefreshTokenJson;
		return [t.primary, t.secondary].flatMap((pair) => (pair ? [pair.access.secret, pair.refresh.secret] : []));
	});

const expectNoSecret = (text: string) => {
	expect(text).not.toMatch(/"secret"/);
	for (const secret of storedSecrets()) expect(text).not.toContain(secret);
};

describe('Synqly Management as an agent tool', () => {
	test('Account → Delete is refused by default: the error names the operation, the item and the option, and nothing is sent', async () => {
		const error = refused(await asTool(deleteAcme));
		expect(error).toContain(`Account → Delete is refused to an AI agent (item 0): it deletes or removes data. The node's option "${OPTION}" allows it.`);
		expect(sentRequests()).toEqual([]);
		expect(sandbox.state.accounts.get('acme')).toBeDefined();
	});

	test('with Continue On Fail, the refusal is the output the model reads', async () => {
		const objects = answered(await asTool(deleteAcme, { onError: 'continueRegularOutput' }));
		expect(objects).toEqual([{ error: expect.stringContaining('Account → Delete is refused to an AI agent (item 0)') }]);
		expect(sentRequests()).toEqual([]);
	});

	test('with the option on, Account → Delete runs', async () => {
		expect(answered(await asTool({ ...deleteAcme, [ALLOW]: true }))).toEqual([{ deleted: true }]);
		expect(sentRequests().map((r) => `${r.method} ${r.path}`)).toEqual(['DELETE /v1/accounts/acme']);
	});

	test('Token → Create is refused by default; with the option on it runs, and the model gets the token without its secrets', async () => {
		expect(refused(await asTool(createToken))).toContain('Token → Create Organization Token is refused to an AI agent (item 0): it creates, rotates or resets tokens or passwords.');
		expect(sentRequests()).toEqual([]);

		const call = await asTool({ ...createToken, [ALLOW]: true });
		const [token] = answered(call);
		expect(token).toEqual(expect.objectContaining({ id: expect.any(String), name: 'agent-made' }));
		expect(token.primary).toEqual({ access: expect.objectContaining({ expires: expect.any(String) }), refresh: expect.objectContaining({ expires: expect.any(String) }) });
		expect(storedSecrets().length).toBeGreaterThan(0);
		expectNoSecret(String(call.response));
	});

	test('a safe read that returns token pairs (Token → Get) runs without the option, and its secrets stay out', async () => {
		const created = json(succeeded(await management(createToken)))[0] as unknown as RefreshTokenJson;
		const call = await asTool({ resource: 'token', operation: 'get', refreshTokenId: rl(created.id) });
		expect(answered(call)[0]).toEqual(expect.objectContaining({ id: created.id, primary: expect.any(Object) }));
		expectNoSecret(String(call.response));
	});

	test('a safe read (Account → Get Many) gives the agent what a workflow gets', async () => {
		const workflow = json(succeeded(await management({ resource: 'account', operation: 'getAll' })));
		expect(workflow.length).toBeGreaterThan(0);
		expect(answered(await asTool({ resource: 'account', operation: 'getAll' }))).toEqual(workflow);
	});

	test('run as a plain node of the tool type (n8n 2.x engine requests: isToolExecution() is false), the same rules hold', async () => {
		const error = failed(await runToolNodeDirectly({ node: 'synqlyManagement', parameters: deleteAcme, credentials: orgCredentials() }));
		expect(error.message).toContain('Account → Delete is refused to an AI agent (item 0)');
		expect(sentRequests()).toEqual([]);
		const created = succeeded(await runToolNodeDirectly({ node: 'synqlyManagement', parameters: { ...createToken, [ALLOW]: true }, credentials: orgCredentials() }));
		expectNoSecret(JSON.stringify(json(created)));
	});

	test('outside an agent nothing changes: Account → Delete runs without the option, and Token → Create outputs its secrets', async () => {
		expect(json(succeeded(await management(deleteAcme)))).toEqual([{ deleted: true }]);
		const [token] = json(succeeded(await management(createToken))) as unknown as RefreshTokenJson[];
		expect(token.primary.access.secret).toEqual(expect.any(String));
		expect(storedSecrets()).toContain(token.primary.access.secret);
	});
});

describe('Synqly Connector as an agent tool', () => {
	/** A mock EDR integration in acme: its credential, and the actions its provider has run. */
	function edr() {
		const created = sandbox.state.createIntegration(sandbox.state.accounts.get('acme'), { name: 'agent-edr', provider_config: PROVIDERS.edr });
		const credentials = { synqlyIntegrationApi: { accessToken: created.token.access.secret, baseUrl: sandbox.url } };
		return { credentials, actions: () => sandbox.state.connector(created.integration.id as string).actions };
	}
	const quarantine = { resource: 'edr', operation: 'networkQuarantine', state: 'Disconnect', endpointIds: 'dev-0001' };

	test('EDR → Network Quarantine is refused by default, and no endpoint is isolated', async () => {
		const { credentials, actions } = edr();
		const error = refused(await callAsTool({ node: 'synqlyConnector', parameters: quarantine, credentials }));
		expect(error).toContain(`EDR → Network Quarantine is refused to an AI agent (item 0): it acts on endpoints, devices or user accounts. The node's option "${OPTION}" allows it.`);
		expect(sentRequests()).toEqual([]);
		expect(actions()).toEqual([]);
	});

	test('with the option on, EDR → Network Quarantine runs', async () => {
		const { credentials, actions } = edr();
		const objects = answered(await callAsTool({ node: 'synqlyConnector', parameters: { ...quarantine, [ALLOW]: true }, credentials }));
		expect(objects).toEqual([{ value: 'dev-0001' }]);
		expect(actions()).toHaveLength(1);
	});

	test('a safe read (EDR → Get Many Endpoints) gives the agent what a workflow gets', async () => {
		const { credentials } = edr();
		const parameters = { resource: 'edr', operation: 'queryEndpoints', limit: 5 };
		const workflow = json(succeeded(await runNode({ node: 'synqlyConnector', parameters, credentials })));
		expect(workflow.length).toBeGreaterThan(0);
		expect(answered(await callAsTool({ node: 'synqlyConnector', parameters, credentials }))).toEqual(workflow);
	});
});

describe('the option in the form', () => {
	test('is shown only on the tool variant, only for operations unsafe for an agent, off and without expressions', async () => {
		const node = await registeredNode('synqlyManagement');
		const tool = toolVariant(node).description;
		const shown = (description: typeof tool, parameters: INodeParameters) =>
			description.properties.filter((p) => p.name === ALLOW && NodeHelpers.displayParameter(parameters, p, { typeVersion: 1 }, description));
		const unsafe = { resource: 'account', operation: 'delete' };
		expect(shown(tool, unsafe)).toHaveLength(1);
		expect(shown(tool, unsafe)[0]).toEqual(expect.objectContaining({ displayName: OPTION, type: 'boolean', default: false, noDataExpression: true }));
		expect(shown(tool, unsafe)[0].hint).toContain('it deletes or removes data');
		expect(shown(node.description, unsafe)).toEqual([]);
		expect(shown(tool, { resource: 'account', operation: 'getAll' })).toEqual([]);
	});
});
