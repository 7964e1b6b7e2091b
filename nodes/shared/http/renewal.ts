import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ACCESS_TOKEN_EXPIRES, ACCESS_TOKEN_ISSUED, REFRESH_TOKEN_ID, RENEWAL_FAILED } from '../../../credentials/tokenPair';
import type { RequestTemplate, SynqlyRequest } from '../catalog/request';
import { buildRequest } from '../wire/paths';
import type { Attempt } from './attempt';
import { credentialDisplayName } from './errors';
import type { Session, SynqlyContext } from './session';

/**
 * Renewing a credential's token pair. Renewals are n8n's: the request goes out with the expiry
 * field emptied, so n8n runs the credential's `preAuthentication` first, stores the new pair in
 * the credential and sends the request with it. Requests that find a renewal under way wait for
 * it and send again with its pair: one renewal per entry point however many items hit the expiry.
 *
 * At most one renewal on a 401 per credential and entry point (execution, poll, editor call): once
 * a session renewed a credential, a 401 ends its renewals for the rest of the session, and items
 * fail with the error that says the new access token was refused too. Every renewal rewrites the
 * credential in n8n's database, so a credential Synqly keeps refusing must not renew per item.
 */

/** Renew at most this long before a token expires, so that no request goes out with a dying token (pairs and minted tokens alike). */
export const RENEW_BEFORE_MS = 60_000;

/**
 * How long before its expiry a pair is "about to expire": `min(60 s, half its lifetime)`, so that
 * a pair that lives 60 s or less is not renewed before every request. The lifetime is known from
 * the expiry and the issue time the last renewal stored; without an issue time (a pasted pair, a
 * credential saved before the field existed) 60 s, as before; a lifetime that is not positive (a
 * clock far off) never counts as about to expire: a 401 renews it, once.
 */
export function renewBeforeMs(credentials: ICredentialDataDecryptedObject): number | undefined {
	const expires = Date.parse(String(credentials[ACCESS_TOKEN_EXPIRES] ?? ''));
	const issued = Date.parse(String(credentials[ACCESS_TOKEN_ISSUED] ?? ''));
	if (Number.isNaN(issued)) return RENEW_BEFORE_MS;
	const lifetime = expires - issued;
	return lifetime > 0 ? Math.min(RENEW_BEFORE_MS, lifetime / 2) : undefined;
}

/** Whether the pair's access token expires within `renewBeforeMs` (unknown: no). */
export function expiresSoon(credentials: ICredentialDataDecryptedObject): boolean {
	const expires = Date.parse(String(credentials[ACCESS_TOKEN_EXPIRES] ?? ''));
	const before = renewBeforeMs(credentials);
	return !Number.isNaN(expires) && before !== undefined && expires - Date.now() < before;
}

/** What `renew` gives when the session may not renew this credential any more (see the module comment). */
export const SPENT = 'spent';

/**
 * Renews the credential's pair after `stale` (the data a request was sent with) was `refused` (401)
 * or is `expiring`, and returns the attempt that carried the renewal, if this caller's request
 * carried it (undefined: the pair was renewed by another request, or another worker, meanwhile:
 * send again with the session's pair), or `SPENT` when this session renews the credential no more:
 * a 401 came after its renewal (send nothing more with a renewal; the 401 is the item's error).
 */
export async function renew(
	ctx: SynqlyContext,
	session: Session,
	type: string,
	stale: ICredentialDataDecryptedObject,
	reason: 'refused' | 'expiring',
	carry: (data: ICredentialDataDecryptedObject) => Promise<Attempt>,
	itemIndex: number,
): Promise<Attempt | undefined | typeof SPENT> {
	const current = await session.credential(ctx, type, itemIndex);
	if (current.accessToken !== stale.accessToken) return undefined;
	const under = session.renewals.get(type);
	if (under) {
		await under;
		return undefined;
	}
	// The session's own renewed pair refused: renewing again would only renew per item.
	if (reason === 'refused' && session.renewed.has(type)) session.spent.add(type);
	if (session.spent.has(type)) return SPENT;
	const renewal = (async () => {
		// Another execution or queue-mode worker may have renewed the pair since this one read
		// it: n8n's database then holds the new pair, and renewing again would retire it.
		const stored = await ctx.getCredentials(type, itemIndex);
		if (stored.accessToken !== stale.accessToken) {
			session.remember(type, stored);
			return undefined;
		}
		const asking: ICredentialDataDecryptedObject = { ...stale, [ACCESS_TOKEN_EXPIRES]: '' };
		const attempt = await carry(asking);
		if (asking.accessToken === stale.accessToken) throw renewalFailed(ctx, type, attempt, itemIndex);
		session.remember(type, asking);
		session.renewed.add(type);
		session.retiring.add(type);
		return attempt;
	})();
	session.renewals.set(type, renewal);
	try {
		return await renewal;
	} finally {
		session.renewals.delete(type);
	}
}

/**
 * The request that removes the previous pair (the RefreshToken's secondary) once a renewed pair has
 * worked, as the reference asks after a refresh; none when nothing is to be retired. It carries the
 * new access token, never the refresh secret: the reference keeps the refresh token for "refreshing
 * or resetting an access token" (API-MAP §3.1) and does not say which bearer this call takes
 * (§3.2). Under either reading the node is safe: if Synqly refuses the access token here (an
 * integration pair's token on this Management endpoint, say), the old pair stays until it expires
 * or the next refresh replaces the secondary, and the request that renewed has its answer already.
 */
export async function retirement(
	ctx: SynqlyContext,
	session: Session,
	type: string,
	itemIndex: number,
): Promise<{ request: SynqlyRequest; accessToken: string } | undefined> {
	if (!session.retiring.delete(type)) return undefined;
	const pair = await session.credential(ctx, type, itemIndex);
	const request = buildRequest(ctx, REMOVE_SECONDARY, { path: { refreshTokenId: pair[REFRESH_TOKEN_ID] } }, itemIndex);
	return { request, accessToken: String(pair.accessToken) };
}

/** The reference's "remove the secondary pair" (Token → Remove Secondary in the Management catalog). */
const REMOVE_SECONDARY: RequestTemplate = {
	method: 'DELETE',
	path: '/v1/tokens/{refreshTokenId}/secondary',
	params: [{ name: 'refreshTokenId', displayName: 'Refresh Token ID', in: 'path', kind: 'string' }],
};

/** The error of a renewal that failed: the credential's own words (tokenPair.ts), and what to do. */
function renewalFailed(ctx: SynqlyContext, type: string, attempt: Attempt, itemIndex: number): NodeOperationError {
	const reason = 'error' in attempt ? findRenewalWords(attempt.error) : undefined;
	return new NodeOperationError(ctx.getNode(), `The "${credentialDisplayName(type)}" credential could not renew its access token`, {
		itemIndex,
		description: reason ?? `${RENEWAL_FAILED}. Check the credential's Refresh Token ID and Refresh Secret, or enter a new token pair.`,
	});
}

/** The renewal failure's message inside the error n8n wrapped it in (its message, cause or messages). */
function findRenewalWords(error: unknown, depth = 0): string | undefined {
	if (typeof error === 'string') return error.includes(RENEWAL_FAILED) ? error.slice(error.indexOf(RENEWAL_FAILED)) : undefined;
	if (typeof error !== 'object' || error === null || depth > 4) return undefined;
	const e = error as { message?: unknown; description?: unknown; cause?: unknown; messages?: unknown };
	for (const part of [e.message, e.description, ...(Array.isArray(e.messages) ? e.messages : []), e.cause]) {
		const found = findRenewalWords(part, depth + 1);
		if (found) return found;
	}
	return undefined;
}
