import type { ICredentialDataDecryptedObject, IHttpRequestHelper, IN8nHttpFullResponse, INodeProperties } from 'n8n-workflow';

import { ALLOW_INSECURE_HTTP, checkBaseUrl } from './baseUrl';

/**
 * Token pairs that renew themselves. Synqly hands out every token as a pair: the access token
 * authenticates requests, the refresh token (an id and a secret) renews it. With the refresh
 * token in the credential, the nodes' transport asks n8n to renew the pair when the access token
 * is about to expire or was refused with 401; n8n then calls `renewTokenPair` (the credential's
 * `preAuthentication`) and stores what it returns in the credential, so every later execution and
 * every queue-mode worker uses the renewed pair.
 */

export const REFRESH_TOKEN_ID = 'refreshTokenId';
export const REFRESH_SECRET = 'refreshSecret';
/**
 * When the access token expires (ISO time), as Synqly returned it with the last renewal. n8n runs
 * `preAuthentication` when this `expirable` field is empty; the transport empties it (in its own
 * copy of the data) to ask for a renewal. Its default is not empty, so n8n never renews by itself:
 * the expiry of a pasted access token is unknown, and the pair is renewed only when it is refused
 * or, once its expiry is known, shortly before.
 */
export const ACCESS_TOKEN_EXPIRES = 'accessTokenExpires';
export const EXPIRY_UNKNOWN = 'unknown';
/**
 * When the node's last renewal got the access token (ISO time, this machine's clock). With the
 * expiry it gives the pair's lifetime, so that "about to expire" can be `min(60 s, half the
 * lifetime)` and a short-lived pair is not renewed before every request. Empty in credentials saved
 * before it existed (and after a pair was pasted): the lifetime is then unknown, and the first
 * renewal stores it.
 */
export const ACCESS_TOKEN_ISSUED = 'accessTokenIssued';

/** The start of every renewal failure's message: the transport finds it in n8n's wrapped error. */
export const RENEWAL_FAILED = 'Synqly did not renew the token pair';

/** The refresh token fields, each saying where a pair's refresh token is shown. */
export const refreshProperties = (whereToFind: string): INodeProperties[] => [
	{
		displayName: 'Refresh Token ID',
		name: REFRESH_TOKEN_ID,
		type: 'string',
		default: '',
		description: `Optional. With the Refresh Secret, n8n renews the access token itself before it expires or when Synqly refuses it, and stores the renewed pair here. ${whereToFind}`,
	},
	{
		displayName: 'Refresh Secret',
		name: REFRESH_SECRET,
		type: 'string',
		typeOptions: { password: true },
		default: '',
		description:
			"Optional. The refresh token's secret of the same pair (refresh.secret beside access.secret). Renewing replaces it: give this pair to n8n only, not to other tools.",
	},
	{
		displayName: 'Access Token Expires',
		name: ACCESS_TOKEN_EXPIRES,
		type: 'hidden',
		typeOptions: { expirable: true },
		default: EXPIRY_UNKNOWN,
	},
	{
		displayName: 'Access Token Issued',
		name: ACCESS_TOKEN_ISSUED,
		type: 'hidden',
		default: '',
	},
];

/** Whether the credential holds a refresh token: only then can its pair be renewed. */
export function canRenew(credentials: ICredentialDataDecryptedObject): boolean {
	return isFilled(credentials[REFRESH_TOKEN_ID]) && isFilled(credentials[REFRESH_SECRET]);
}

const isFilled = (value: unknown) => typeof value === 'string' && value.trim() !== '';


/**
 * The credential's `preAuthentication`: `PUT /v1/tokens/{refreshTokenId}/refresh` with the
 * refresh secret as the Bearer. The reference does not say which secret this call takes; it says
 * the refresh token is "used only when refreshing or resetting an access token", so the refresh
 * secret it is (API-MAP §3.2). Synqly answers with the RefreshToken, whose `primary` is the new
 * pair; the previous pair becomes its `secondary` until the transport removes it.
 *
 * n8n also calls this after a 401 in its own retry paths (which the nodes do not use) and for
 * credential tests; it renews only when the transport asked for it by emptying the expiry field,
 * and otherwise returns nothing, which n8n takes as "keep the credential as it is".
 */
export async function renewTokenPair(
	this: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): Promise<ICredentialDataDecryptedObject> {
	if (credentials[ACCESS_TOKEN_EXPIRES] !== '' || !canRenew(credentials)) return {};
	const base = checkBaseUrl(credentials.baseUrl, credentials[ALLOW_INSECURE_HTTP]);
	// The refresh secret goes nowhere the Base URL rule refuses (baseUrl.ts).
	if ('problem' in base) throw new Error(`${RENEWAL_FAILED}: the Base URL "${base.value}" ${base.problem}; the refresh secret was not sent.`);
	const id = String(credentials[REFRESH_TOKEN_ID]).trim();
	// Before the request: the lifetime counted from here is never longer than the real one.
	const issued = Date.now();
	const answer = (await this.helpers
		.httpRequest({
			method: 'PUT',
			baseURL: base.url,
			url: `/v1/tokens/${encodeURIComponent(id)}/refresh`,
			headers: { Authorization: `Bearer ${String(credentials[REFRESH_SECRET]).trim()}`, Accept: 'application/json' },
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: 60_000,
		})
		.catch((error: unknown) => ({ unreachable: error }))) as IN8nHttpFullResponse | { unreachable: unknown };
	if ('unreachable' in answer) {
		// The helper's error keeps the request, Authorization header included: only its words go on.
		const { code, message } = answer.unreachable as { code?: string; message?: string };
		throw new Error(`${RENEWAL_FAILED}: Synqly at ${base.url} could not be reached (${code ?? message}).`);
	}
	const pair = pairOf(answer.body);
	if (answer.statusCode < 300 && pair) {
		return {
			accessToken: pair.access,
			[REFRESH_SECRET]: pair.refresh,
			[ACCESS_TOKEN_EXPIRES]: pair.expires,
			[ACCESS_TOKEN_ISSUED]: new Date(issued).toISOString(),
		};
	}
	throw new Error(`${RENEWAL_FAILED}: ${refusal(answer.statusCode, id)}`);
}

/** What a refused renewal means, and what to do about it. */
function refusal(status: number, id: string): string {
	const newPair =
		'Create a new token pair (Token → Create, or the Synqly app) and enter its access token, refresh token ID and refresh secret in the credential.';
	if (status === 401) return `Synqly refused the refresh secret (HTTP 401): the refresh token expired, or the pair was reset, rotated or deleted. ${newPair}`;
	if (status === 404) return `Synqly has no refresh token '${id}' (HTTP 404): check the Refresh Token ID. ${newPair}`;
	if (status < 300) return `Synqly answered without a new token pair (HTTP ${status}). ${newPair}`;
	return `Synqly answered HTTP ${status}. Try again later; if it persists: ${newPair}`;
}

/** The new primary pair of a RefreshToken answer, or undefined when it has none. */
function pairOf(body: unknown): { access: string; refresh: string; expires: string } | undefined {
	const text = typeof body === 'string' ? body : undefined;
	let parsed = body;
	if (text !== undefined) {
		try {
			parsed = JSON.parse(text);
		} catch {
			return undefined;
		}
	}
	const primary = (parsed as { result?: { primary?: Record<string, { secret?: unknown; expires?: unknown }> } })?.result?.primary;
	const access = primary?.access?.secret;
	const refresh = primary?.refresh?.secret;
	if (typeof access !== 'string' || !access || typeof refresh !== 'string' || !refresh) return undefined;
	const expires = primary?.access?.expires;
	return { access, refresh, expires: typeof expires === 'string' && expires ? expires : EXPIRY_UNKNOWN };
}
