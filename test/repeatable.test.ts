/**
 * Every side effect at most once, against the sandbox (which follows the reference, not the node):
 * a PUT row that is not repeatable (Token Refresh, Reset, Rotate; Integration Status Reset) is
 * sent once when Synqly answers 500 or drops the connection after applying it, and the error says
 * it may have been applied; a repeatable PUT still is sent again. An EDR action that answers
 * PENDING is sent once: later requests only poll it with the answer's cursor, and a PENDING answer
 * without a cursor is an error, not a reason to run the action again.
 */
import type { INodeParameters } from 'n8n-workflow';

import { rl, runNode } from './harness';
import { createAdhocToken, failed, management, sandbox, sentRequests, succeeded, useSandbox, type RefreshTokenJson } from './harness/management';
import { PROVIDERS } from './harness/providers';
import { SANDBOX_IDS } from './sandbox/server';

useSandbox('demo');

const ORG = SANDBOX_IDS.organization;
const MAY_HAVE_APPLIED = 'The request was not sent again: Synqly may have applied it before failing.';

interface NonRepeatableCase {
	operation: string;
	/** What the row acts on, and the parameters and path of its request. */
	setup(): Promise<{ parameters: INodeParameters; path: string; token?: RefreshTokenJson }>;
	/** The state shows the request was applied exactly once. */
	appliedOnce?(token: RefreshTokenJson): void;
}

const tokenCase = (operation: 'refresh' | 'reset' | 'rotate', appliedOnce: (before: RefreshTokenJson) => void): NonRepeatableCase => ({
	operation: `token.${operation}`,
	async setup() {
		const token = await createAdhocToken();
		const path = operation === 'refresh' ? `/v1/tokens/${token.id}/refresh` : `/v1/tokens/${ORG}/${token.id}/${operation}`;
		const parameters = { resource: 'token', operation, refreshTokenId: rl(token.id), ...(operation === 'refresh' ? {} : { ownerId: ORG }) };
		return { parameters, path, token };
	},
	appliedOnce,
});

const stored = (id: string) => sandbox.state.refreshTokens.find(id) as unknown as RefreshTokenJson;

const cases: NonRepeatableCase[] = [
	// Applied once: the first pair is the secondary. Applied twice, it would be gone.
	tokenCase('refresh', (before) => expect(stored(before.id).secondary?.access.secret).toBe(before.primary.access.secret)),
	tokenCase('reset', (before) => expect(stored(before.id).primary.access.secret).not.toBe(before.primary.access.secret)),
	tokenCase('rotate', (before) => expect(stored(before.id).secondary?.access.secret).toBe(before.primary.access.secret)),
	{
		operation: 'integrationStatus.reset',
		setup: async () => ({
			parameters: { resource: 'integrationStatus', operation: 'reset', accountId: rl('acme'), integrationId: rl('acme-tickets') },
			path: '/v1/status/acme/acme-tickets',
		}),
	},
];

describe.each(cases)('$operation (a PUT that is not repeatable)', ({ setup, appliedOnce }) => {
	test('answered 500 after it was applied: sent exactly once, and the error says it may have been applied', async () => {
		const { parameters, path, token } = await setup();
		sandbox.fail({ method: 'PUT', path, status: 500, afterApply: true });
		const error = failed(await management(parameters));
		expect(sentRequests().map((r) => `${r.method} ${r.path}`)).toEqual([`PUT ${path}`]);
		expect(error.message).toBe('Synqly failed with status 500');
		expect(error.description).toContain(MAY_HAVE_APPLIED);
		if (token && appliedOnce) appliedOnce(token);
	});

	test('its connection reset after it was applied: sent exactly once, and the error says it may have been applied', async () => {
		const { parameters, path, token } = await setup();
		sandbox.fail({ method: 'PUT', path, status: 0, afterApply: true });
		const error = failed(await management(parameters));
		expect(sentRequests().map((r) => `${r.method} ${r.path}`)).toEqual([`PUT ${path}`]);
		expect(error.message).toBe("Synqly's answer was lost after the request was sent; it may have been applied");
		expect(error.description).toContain(`Item 0: PUT ${path} got no usable answer`);
		if (token && appliedOnce) appliedOnce(token);
	});
});

test('a repeatable PUT (Account Update) answered 500 after it was applied is still sent again', async () => {
	sandbox.fail({ method: 'PUT', path: '/v1/accounts/acme', status: 500, afterApply: true });
	succeeded(await management({ resource: 'account', operation: 'update', accountId: rl('acme'), updateFields: { fullname: 'Acme Again' } }));
	expect(sentRequests().map((r) => `${r.method} ${r.path}`)).toEqual([
		'GET /v1/accounts/acme',
		'PUT /v1/accounts/acme',
		'PUT /v1/accounts/acme',
	]);
	expect(sandbox.requests.map((r) => r.status)).toEqual([200, 500, 200]);
});

// ---------------------------------------------------------------------------------------------
// Long-running actions: EDR Execute Command and Execute Remote Script

const ACTIONS = [
	{ operation: 'executeCommand', path: '/v1/edr/endpoints/dev-0001/actions/execute-command', parameters: { endpointId: rl('dev-0001'), command: 'whoami' }, body: { command: 'whoami' } },
	{ operation: 'executeRemoteScript', path: '/v1/edr/endpoints/dev-0001/actions/execute-remote-script', parameters: { endpointId: rl('dev-0001'), script: 'Get-Process' }, body: { script: 'Get-Process' } },
];

/** A mock EDR integration in acme, and the Connector run with its token. */
function edr() {
	const created = sandbox.state.createIntegration(sandbox.state.accounts.get('acme'), { name: 'n8n-edr', provider_config: PROVIDERS.edr });
	const token = created.token.access.secret;
	const run = async (parameters: INodeParameters) =>
		await runNode({ node: 'synqlyConnector', parameters: { resource: 'edr', ...parameters }, credentials: { synqlyIntegrationApi: { accessToken: token, baseUrl: sandbox.url } } });
	return { run, actions: () => sandbox.state.connector(created.integration.id as string).actions };
}

describe.each(ACTIONS)('EDR $operation (a long-running action)', ({ operation, path, parameters, body }) => {
	test('two PENDING answers without a cursor: the action is sent once, and the error says it may be running', async () => {
		const { run, actions } = edr();
		sandbox.state.settings.edrActionPendingPolls = 2;
		sandbox.state.settings.edrActionPendingCursor = false;
		const error = failed(await run({ operation, ...parameters }));
		expect(sentRequests()).toEqual([{ method: 'POST', path, query: {}, body }]);
		expect(actions()).toHaveLength(1);
		expect(error.message).toBe('Synqly answered PENDING without a cursor: the action may be running');
		expect(error.description).toContain(`Item 0: POST ${path} was sent once; Synqly answered PENDING without a cursor`);
		expect(error.description).toContain('It was not sent again, to avoid running it twice');
	});

	test('PENDING with a cursor: the action is sent once, then only polled with the cursor until COMPLETE', async () => {
		const { run, actions } = edr();
		sandbox.state.settings.edrActionPendingPolls = 2;
		const result = await run({ operation, ...parameters, additionalFields: { pendingTimeout: 8 } });
		const sent = sentRequests();
		expect(sent.map((r) => `${r.method} ${r.path}`)).toEqual(Array(3).fill(`POST ${path}`));
		const [action, ...polls] = sent.map((r) => r.body as Record<string, unknown>);
		expect(action).toEqual(body);
		const cursor = polls[0].cursor;
		expect(typeof cursor).toBe('string');
		// The reference requires the command (script) in every request; the cursor makes it a poll.
		expect(polls).toEqual([{ ...body, cursor }, { ...body, cursor }]);
		expect(actions()).toHaveLength(1);
		expect(succeeded(result)[0].json).toEqual(expect.objectContaining({ device_uid: 'dev-0001' }));
	});

	test('still PENDING after the Pending Timeout: the error says the action may still be running, and it was sent once', async () => {
		const { run, actions } = edr();
		sandbox.state.settings.edrActionPendingPolls = 50;
		const error = failed(await run({ operation, ...parameters, additionalFields: { pendingTimeout: 1 } }));
		expect(error.message).toBe("Synqly's provider was still working on the request after 1 s");
		expect(error.description).toContain('the action may still be running (it was sent once; later requests only asked for its result)');
		expect(sentRequests().map((r) => (r.body as Record<string, unknown>).cursor === undefined)).toEqual([true, false]);
		expect(actions()).toHaveLength(1);
	});
});
