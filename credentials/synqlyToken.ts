import type { ICredentialDataDecryptedObject, IHttpRequestOptions, INodeProperties } from 'n8n-workflow';

import { ALLOW_INSECURE_HTTP, DEFAULT_BASE_URL } from './baseUrl';
import { refreshProperties } from './tokenPair';

/** What both Synqly credentials share: the token field, the Base URL, and the Bearer header. */

/**
 * The access token, the optional refresh token of its pair (see tokenPair.ts), and the Base URL,
 * each with where to find it.
 */
export const tokenProperties = (whereToFind: string, whereToFindRefresh: string): INodeProperties[] => [
	{
		displayName: 'Access Token',
		name: 'accessToken',
		type: 'string',
		typeOptions: { password: true },
		required: true,
		default: '',
		description: whereToFind,
	},
	...refreshProperties(whereToFindRefresh),
	{
		displayName: 'Base URL',
		name: 'baseUrl',
		type: 'string',
		default: DEFAULT_BASE_URL,
		placeholder: DEFAULT_BASE_URL,
		description: 'Synqly API address; change it only for an embedded Synqly or a local sandbox. https, or http on this machine (localhost); no user name, query or fragment.',
	},
	{
		displayName: 'Allow Plain HTTP',
		name: ALLOW_INSECURE_HTTP,
		type: 'boolean',
		default: false,
		description:
			'Whether the Base URL may use plain http to another host. Warning: the access token and refresh secret then cross the network unencrypted; use it only inside a network you trust.',
	},
];

/**
 * `Authorization: Bearer <access token>` on every request n8n sends with the credential. A
 * function rather than n8n's generic form (`'=Bearer {{$credentials.accessToken}}'`): n8n runs a
 * generic form's expression for every request in its expression sandbox (15–22 % of the node's
 * time at 0 ms latency in `npm run bench`, BENCH.md), where this joins two strings. n8n calls it
 * the same way for the nodes, the HTTP Request node and queue-mode workers.
 */
export async function bearer(credentials: ICredentialDataDecryptedObject, requestOptions: IHttpRequestOptions): Promise<IHttpRequestOptions> {
	const token = typeof credentials.accessToken === 'string' ? credentials.accessToken : '';
	return { ...requestOptions, headers: { ...requestOptions.headers, Authorization: `Bearer ${token}` } };
}

/** Who a credential's test is for: its token, the credential of the other token, what it reads. */
export interface TokenKind {
	token: 'organization' | 'integration';
	/** What the test reads, with this credential's token. */
	testPath: string;
	/** What `result` a valid token gets there: the organization (an object), the integration's webhooks (a list). */
	result: 'object' | 'list';
	/** Whether Synqly's 501 Problem is a pass: a valid integration token of a provider without webhooks gets it. */
	passesOn501: boolean;
	otherToken: 'organization' | 'integration';
	otherCredential: string;
	/** What the test request reads, for the 403 message ("read the organization"). */
	reads: string;
}

export const ORGANIZATION_TOKEN: TokenKind = {
	token: 'organization',
	testPath: '/v1/organization',
	result: 'object',
	passesOn501: false,
	otherToken: 'integration',
	otherCredential: 'Synqly Integration Token API',
	reads: 'read the organization',
};

export const INTEGRATION_TOKEN: TokenKind = {
	token: 'integration',
	testPath: '/v1/integration-webhooks',
	result: 'list',
	passesOn501: true,
	otherToken: 'organization',
	otherCredential: 'Synqly Organization Token API',
	reads: "list the integration's webhooks",
};

const CHECK_BASE_URL = "Check the Base URL: Synqly's address without a path, e.g. https://api.synqly.com";

const notSynqly = (what: string) => `The Base URL answered with ${what}, not as Synqly's API does. ${CHECK_BASE_URL}`;

/** Every message a credential test fails with, for both kinds of test (rules and function). */
export function testMessages({ token, otherToken, otherCredential, reads }: TokenKind) {
	const noApi = (status: number) => `No Synqly API at this Base URL (HTTP ${status} for the test's path). ${CHECK_BASE_URL}`;
	const refused = (status: number) => `Synqly refused the test request (HTTP ${status}). ${CHECK_BASE_URL}`;
	const failed = (status: number) =>
		`Synqly, or a server in front of it, failed (HTTP ${status}): try again later; if it persists, check the Base URL`;
	return {
		/**
		 * What each status of a Synqly error says about the credential. 501 is not here on
		 * purpose: a valid integration token of a provider that lacks the tested operation gets it.
		 */
		byStatus: {
			400: refused(400),
			401: `Synqly refused the token (HTTP 401): it is invalid or expired, or it is an ${otherToken} token (those belong in a "${otherCredential}" credential; this one needs an ${token} token)`,
			402: 'The Synqly organization is disabled (HTTP 402): enable it, or contact Synqly',
			403: `The ${token} token is valid but lacks a permission (HTTP 403): give it a role that may ${reads}`,
			404: noApi(404),
			405: noApi(405),
			409: refused(409),
			415: refused(415),
			429: 'Too many requests to Synqly (HTTP 429): try again in a minute',
			500: failed(500),
			502: failed(502),
			503: failed(503),
			504: failed(504),
		} as Record<number, string>,
		notJson: notSynqly('a web page or text'),
		empty: notSynqly('an empty body'),
		noResult: notSynqly('JSON without Synqly\'s "result"'),
		resultNotList: notSynqly('a "result" that is not the list Synqly sends'),
		resultNotObject: notSynqly('a "result" that is not the object Synqly sends'),
		otherStatus: (status: number) => notSynqly(`HTTP ${status}`),
		refusedBaseUrl: (value: string, problem: string) => `Invalid Base URL: "${value}" ${problem}. Nothing was sent. ${CHECK_BASE_URL}`,
		unreachable: (baseUrl: string, code: string, message: string) =>
			`Could not reach ${baseUrl} (${code}${message ? `: ${message}` : ''}). Check the Base URL, and that n8n can reach it`,
	};
}

/** An answer to a credential test's request: its status and its body as text (undefined when empty). */
export interface TestAnswer {
	statusCode: number;
	body: string | undefined;
}

/**
 * Whether an answer to a credential's test request is what a valid token gets: 200 with Synqly's
 * `result` (the organization; the integration's webhooks), or, for an integration token, Synqly's
 * 501 Problem (the provider has no webhooks: every category but ticketing). Undefined when it is;
 * otherwise the message that says what is wrong (an answer that is not JSON first: Synqly answers
 * JSON even when it fails), naming the HTTP status. One function for both credentials, so the same
 * failure reads the same.
 */
export function testVerdict(kind: TokenKind, { statusCode, body }: TestAnswer): string | undefined {
	const messages = testMessages(kind);
	if (body === undefined || body.trim() === '') return messages.empty;
	let json: unknown;
	try {
		json = JSON.parse(body);
	} catch {
		return messages.notJson;
	}
	const object = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
	if (statusCode === 200) {
		if (object.result === undefined) return messages.noResult;
		if (kind.result === 'list') return Array.isArray(object.result) ? undefined : messages.resultNotList;
		return typeof object.result === 'object' && object.result !== null && !Array.isArray(object.result) ? undefined : messages.resultNotObject;
	}
	if (kind.passesOn501 && statusCode === 501 && object.status === 501) return undefined;
	return messages.byStatus[statusCode] ?? messages.otherStatus(statusCode);
}
