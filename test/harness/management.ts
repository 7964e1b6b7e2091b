/**
 * Helpers shared by the node tests against the sandbox (the Management node's, and the
 * Connector's for what is the same): one sandbox per test file (reset before each test, or only
 * its requests and faults cleared), running the Management node with an organization credential
 * bound to it, direct API calls for setup, and checks of what the sandbox received.
 */
import type { ExecutionError, IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';

import { runNode, type RunNodeResult } from '../harness';
import { startSandbox, type Sandbox, type SeedName } from '../sandbox/server';

export const CREDENTIAL_NAME = 'Synqly Organization Token API';

/** The sandbox of the current test file (a live binding, set by `useSandbox`). */
export let sandbox: Sandbox;

export interface UseSandboxOptions {
	/**
	 * What happens before each test: 'reset' (default) re-seeds the state and clears requests and
	 * faults; 'requests' only clears the recorded requests and the faults, so what the file's own
	 * `beforeAll` built in the state (integrations, tokens) stays for all its tests.
	 */
	beforeEach?: 'reset' | 'requests';
}

/** Starts a sandbox for this file, resets it before each test and closes it at the end. */
export function useSandbox(seed: SeedName = 'demo', options: UseSandboxOptions = {}) {
	beforeAll(async () => {
		sandbox = await startSandbox({ seed });
	});
	afterAll(async () => {
		await sandbox?.close();
	});
	beforeEach(() => {
		if (options.beforeEach === 'requests') {
			sandbox.requests.length = 0;
			sandbox.clearFaults();
		} else sandbox.reset();
	});
}

export interface RunOptions {
	items?: IDataObject[];
	onError?: 'continueRegularOutput' | 'continueErrorOutput';
	/** Another access token in the bound credential (default: the sandbox's organization token). */
	accessToken?: string;
	baseUrl?: string;
}

/** Runs the Synqly Management node with an organization credential for the sandbox. */
export async function management(parameters: INodeParameters, options: RunOptions = {}): Promise<RunNodeResult> {
	return await runNode({
		node: 'synqlyManagement',
		parameters,
		credentials: {
			synqlyOrganizationApi: {
				accessToken: options.accessToken ?? sandbox.orgToken,
				baseUrl: options.baseUrl ?? sandbox.url,
			},
		},
		items: options.items,
		onError: options.onError,
	});
}

/** The node's output; fails the test with the node's own error message when it failed. */
export function succeeded(result: RunNodeResult): INodeExecutionData[] {
	if (result.error) {
		throw new Error(`The node failed: ${result.error.message} | ${String(result.error.description)}`);
	}
	return result.items;
}

export type RunError = ExecutionError & { httpCode?: string | null };

/** The error that stopped the run (a plain copy of the node's error: compare fields, not classes). */
export function failed(result: RunNodeResult): RunError {
	if (!result.error) {
		throw new Error(`The node did not fail; it returned ${JSON.stringify(result.items.map((i) => i.json))}`);
	}
	return result.error as RunError;
}

export const json = (items: INodeExecutionData[]) => items.map((item) => item.json);

/** Calls the sandbox directly (test setup and checks); these calls are dropped from `sandbox.requests`. */
export async function api<T = IDataObject>(method: string, path: string, body?: unknown, token?: string): Promise<T> {
	const before = sandbox.requests.length;
	const response = await fetch(`${sandbox.url}${path}`, {
		method,
		headers: { Authorization: `Bearer ${token ?? sandbox.orgToken}`, 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	sandbox.requests.splice(before);
	if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
	if (!text) return undefined as T;
	const parsed = JSON.parse(text) as { result?: T };
	return (parsed.result === undefined ? parsed : parsed.result) as T;
}

export interface Sent {
	method: string;
	/** Raw (still percent-encoded) path. */
	path: string;
	query?: Record<string, string[]>;
	body?: unknown;
}

/** What the sandbox received, in order: method, raw path, query and body of each request. */
export const sentRequests = () => sandbox.requests.map(({ method, path, query, body }) => ({ method, path, query, body }));

/** What the node sent, in order, and that every request carried the credential's bearer token. */
export function expectSent(expected: Sent[], token = sandbox.orgToken) {
	expect(sentRequests()).toEqual(expected.map((e) => ({ query: {}, body: undefined, ...e })));
	for (const request of sandbox.requests) expect(request.headers.authorization).toBe(`Bearer ${token}`);
}

/** Every output item names the input item it came from. */
export function expectPaired(items: INodeExecutionData[], itemIndex = 0) {
	expect(items.length).toBeGreaterThan(0);
	for (const item of items) expect(item.pairedItem).toEqual({ item: itemIndex });
}

/**
 * Creates `count` accounts named `<prefix>-000`… (full names `<prefix> 000`…) straight in the
 * sandbox's state, as its create handler would (hundreds of HTTP calls would slow the suite).
 */
export function createAccounts(count: number, prefix = 'bulk', environment: 'test' | 'prod' = 'test') {
	const { state } = sandbox;
	for (let i = 0; i < count; i++) {
		const n = String(i).padStart(3, '0');
		const base = state.baseFields(state.accounts, { name: `${prefix}-${n}`, fullname: `${prefix} ${n}` });
		state.accounts.put({ ...base, organization_id: state.organization.id, environment });
	}
}

/** Creates `count` mock SIEM integrations `<prefix>-000`… in account acme, straight in the state. */
export function createIntegrations(count: number, prefix = 'siem') {
	const { state } = sandbox;
	const account = state.accounts.get('acme');
	for (let i = 0; i < count; i++) {
		const name = `${prefix}-${String(i).padStart(3, '0')}`;
		state.createIntegration(account, { name, provider_config: { type: 'siem_mock_siem' } });
	}
}

export interface TokenPairJson {
	access: { secret: string };
	refresh: { secret: string };
}

export type RefreshTokenJson = IDataObject & { id: string; primary: TokenPairJson; secondary?: TokenPairJson };

/** An ad-hoc organization token with a permission set, created through the API. */
export async function createAdhocToken(name = 'read-only', permissionSet = 'viewer') {
	return await api<RefreshTokenJson>('POST', '/v1/tokens', {
		name,
		permission_set: permissionSet,
		resources: { accounts: { ids: ['*'] } },
	});
}

/** Escapes a text for use in a RegExp. */
export const literally = (text: string) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
