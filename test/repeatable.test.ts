/**
 * Every side effect at most once, against the sandbox (which follows the reference, not the node):
 * a PUT row that is not repeatable (Token Refresh, Reset, Rotate; Integration Status Reset) is
 * sent once when Synqly answers 500 or drops the connection after applying it, and the error says
 * it may have been applied; a repeatable PUT still is sent again.
 */
import type { INodeParameters } from 'n8n-workflow';

import { rl } from './harness';
import { createAdhocToken, failed, management, sandbox, sentRequests, succeeded, useSandbox, type RefreshTokenJson } from './harness/management';
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
