import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ACCESS_TOKEN_EXPIRES, REFRESH_SECRET, REFRESH_TOKEN_ID, RENEWAL_FAILED } from '../../../credentials/tokenPair';
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
 */

/** Renew this long before a token expires, so that no request goes out with a dying token (pairs and minted tokens alike). */
export const RENEW_BEFORE_MS = 60_000;

/** Whether the pair's access token expires within `RENEW_BEFORE_MS` (unknown: no). */
export function expiresSoon(credentials: ICredentialDataDecryptedObject): boolean {
	const expires = Date.parse(String(credentials[ACCESS_TOKEN_EXPIRES] ?? ''));
	return !Number.isNaN(expires) && expires - Date.now() < RENEW_BEFORE_MS;
}

/**
 * Renews the credential's pair after `stale` (the data a request was sent with) was refused or is
 * about to expire, and returns the attempt that carried the renewal, if this caller's request
 * carried it (undefined: the pair was renewed by another request, or another worker, meanwhile).
 */
export async function renew(
	ctx: SynqlyContext,
	session: Session,
	type: string,
	stale: ICredentialDataDecryptedObject,
	carry: (data: ICredentialDataDecryptedObject) => Promise<Attempt>,
	itemIndex: number,
): Promise<Attempt | undefined> {
	const current = await session.credential(ctx, type, itemIndex);
	if (current.accessToken !== stale.accessToken) return undefined;
	const under = session.renewals.get(type);
	if (under) {
		await under;
		return undefined;
	}
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
 * The requests that remove the previous pair (the RefreshToken's secondary) once a renewed pair
 * has worked, as the reference asks after a refresh; none when nothing is to be retired. The
 * reference does not say which secret this call takes: the refresh secret goes first, then (for
 * the organization credential, whose API this is) the new access token.
 */
export async function retirements(
	ctx: SynqlyContext,
	session: Session,
	type: string,
	organization: boolean,
	itemIndex: number,
): Promise<Array<{ request: SynqlyRequest; accessToken: string }>> {
	if (!session.retiring.delete(type)) return [];
	const pair = await session.credential(ctx, type, itemIndex);
	const request = buildRequest(ctx, REMOVE_SECONDARY, { path: { refreshTokenId: pair[REFRESH_TOKEN_ID] } }, itemIndex);
	const secrets = [String(pair[REFRESH_SECRET]), ...(organization ? [String(pair.accessToken)] : [])];
	return secrets.map((accessToken) => ({ request, accessToken }));
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
