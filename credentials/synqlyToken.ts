import type { IAuthenticateGeneric, ICredentialTestRequest, INodeProperties } from 'n8n-workflow';

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
		default: 'https://api.synqly.com',
		placeholder: 'https://api.synqly.com',
		description: 'Synqly API address; change it only for an embedded Synqly or a local sandbox',
	},
];

/** `Authorization: Bearer <access token>` on every request n8n sends with the credential. */
export const BEARER: IAuthenticateGeneric = {
	type: 'generic',
	properties: { headers: { Authorization: '=Bearer {{$credentials.accessToken}}' } },
};

/**
 * The credential test's base URL: the Base URL trimmed, without trailing slashes, or the default
 * when empty. n8n swallows errors thrown in expressions, so a value that is not an http(s) URL
 * goes out as it is and the test fails with the request's own "Invalid URL".
 */
export const BASE_URL_EXPRESSION =
	'={{ ($credentials.baseUrl || "").trim().replace(/\\/+$/, "") || "https://api.synqly.com" }}';

/** Who a credential's test is for: its token, the credential of the other token, what it reads. */
export interface TokenKind {
	token: 'organization' | 'integration';
	otherToken: 'organization' | 'integration';
	otherCredential: string;
	/** What the test request reads, for the 403 message ("read the organization"). */
	reads: string;
}

export const ORGANIZATION_TOKEN: TokenKind = {
	token: 'organization',
	otherToken: 'integration',
	otherCredential: 'Synqly Integration Token API',
	reads: 'read the organization',
};

export const INTEGRATION_TOKEN: TokenKind = {
	token: 'integration',
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
		otherStatus: (status: number) => notSynqly(`HTTP ${status}`),
		notUrl: (value: string) => `Invalid URL: the Base URL "${value}" is not an http(s) address. ${CHECK_BASE_URL}`,
		unreachable: (baseUrl: string, code: string, message: string) =>
			`Could not reach ${baseUrl} (${code}${message ? `: ${message}` : ''}). Check the Base URL, and that n8n can reach it`,
	};
}

/**
 * The rules of a credential test sent with `ignoreHttpStatusErrors: true`. Every answer then
 * comes back as a body for the rules, so these messages reach the user on n8n 1.x and 2.x alike
 * (without it, n8n 1.x shows its own generic message for every HTTP error). n8n fails the test on
 * the first rule where `lodash.get(body, key) === value` and passes it when none matches.
 *
 * - An answer that is not JSON (an HTML page, plain text, an empty body) arrives as a string,
 *   whose `constructor.name` is "String". (A JSON array arrives as its first element: n8n's
 *   RoutingNode makes one item of each.)
 * - A Synqly error is a Problem object whose `status` is the HTTP status.
 * - Anything else without Synqly's `result` envelope fails too.
 *
 * Rules can only fail on a match, so they cannot accept "`result`, or a 501 Problem": the
 * integration token's test is a function instead (`integrationTestVerdict`).
 */
export function testRules(kind: TokenKind): ICredentialTestRequest['rules'] {
	const messages = testMessages(kind);
	const rule = (key: string, value: unknown, message: string) => ({
		type: 'responseSuccessBody' as const,
		properties: { key, value, message },
	});
	return [
		rule('constructor.name', 'String', messages.notJson),
		...Object.entries(messages.byStatus).map(([status, message]) => rule('status', Number(status), message)),
		rule('result', undefined, messages.noResult),
	];
}

/** An answer to a credential test's request: its status and its body as text (undefined when empty). */
export interface TestAnswer {
	statusCode: number;
	body: string | undefined;
}

/**
 * Whether an answer to `GET /v1/integration-webhooks` is what a valid integration token gets:
 * 200 with `{"result": [...]}` (a ticketing integration's webhooks), or Synqly's 501 Problem
 * (the provider has no webhooks: every other category). Undefined when it is; otherwise the
 * message that says what is wrong, as the rules above would (an answer that is not JSON first:
 * Synqly answers JSON even when it fails), with the HTTP status where the rules read `status`.
 */
export function integrationTestVerdict({ statusCode, body }: TestAnswer): string | undefined {
	const messages = testMessages(INTEGRATION_TOKEN);
	if (body === undefined || body.trim() === '') return messages.empty;
	let json: unknown;
	try {
		json = JSON.parse(body);
	} catch {
		return messages.notJson;
	}
	const object = typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
	if (statusCode === 200) {
		if (Array.isArray(object.result)) return undefined;
		return object.result === undefined ? messages.noResult : messages.resultNotList;
	}
	if (statusCode === 501 && object.status === 501) return undefined;
	return messages.byStatus[statusCode] ?? messages.otherStatus(statusCode);
}
