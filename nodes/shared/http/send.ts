import type { ICredentialDataDecryptedObject, IN8nHttpFullResponse } from 'n8n-workflow';

import { ACCESS_TOKEN_EXPIRES, canRenew, EXPIRY_UNKNOWN } from '../../../credentials/tokenPair';
import type { SynqlyAnswer, SynqlyRequest } from '../catalog/request';
import type { Api } from '../catalog/types';
import type { Attempt } from './attempt';
import { attempt, baseUrlOfCredential, httpOptions, outcomeOf, parseJson } from './attempt';
import { failed, NOT_JSON } from './errors';
import { expiresSoon, renew, retirement, SPENT } from './renewal';
import { retryDecision, signalOf } from './retry';
import type { Identity } from './identity';
import type { Session, SynqlyContext } from './session';
import { pause } from './session';

/**
 * Sends one request until it succeeds or fails for good: each attempt waits for a place at the
 * session's limiter (which learns from its answer), renews the credential's own pair on a 401 or before it expires (once),
 * and is retried only where `retryDecision` says a retry cannot do anything twice, within the
 * session's policy. Gives the successful response, and its body as JSON unless `binary`.
 */
export async function exchange(
	ctx: SynqlyContext,
	api: Api,
	request: SynqlyRequest,
	session: Session,
	identity: Identity,
	binary = false,
): Promise<{ response: IN8nHttpFullResponse; body: SynqlyAnswer }> {
	const { policy } = session;
	const type = identity.credentialType;
	const { itemIndex } = request;
	const baseURL = baseUrlOfCredential(ctx, await session.credential(ctx, type, itemIndex), itemIndex);
	const options = httpOptions(request, baseURL, policy.timeoutMs, binary);
	const send = async (data: ICredentialDataDecryptedObject) => await attempt(ctx, type, data, options, policy.timeoutMs);
	// Only the credential's own token pair renews; a minted token is the Connector's to replace.
	const own = identity.accessToken === undefined;
	const dataFor = (credentials: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject =>
		own
			? credentials
			: { ...credentials, accessToken: identity.accessToken as string, [ACCESS_TOKEN_EXPIRES]: credentials[ACCESS_TOKEN_EXPIRES] || EXPIRY_UNKNOWN };

	const started = Date.now();
	let renewed = false;
	let spent = false;
	for (let tries = 1; ; tries++) {
		// A place among the requests in flight (the session's limiter), held for this attempt only.
		const ticket = await session.turn(ctx);
		let result: Attempt | undefined;
		try {
			const sent = dataFor(await session.credential(ctx, type, itemIndex));
			const renewable = own && !renewed && canRenew(sent);
			// Renews (or takes the pair another request renewed) and sends again; undefined when the
			// session renews this credential no more.
			const renewal = async (reason: 'refused' | 'expiring'): Promise<Attempt | undefined> => {
				const carried = await renew(ctx, session, type, sent, reason, send, itemIndex);
				if (carried === SPENT) return undefined;
				renewed = true;
				return carried ?? (await send(await session.credential(ctx, type, itemIndex)));
			};
			result = (renewable && expiresSoon(sent) ? await renewal('expiring') : undefined) ?? (await send(sent));
			if (renewable && !renewed && isRefused(result)) {
				const again = await renewal('refused');
				if (again) result = again;
				// Refused after this session's renewal: the error says so, and no request renews again.
				else spent = true;
			}
		} finally {
			// The place goes back whatever happened; an attempt that threw tells the limiter nothing.
			session.done(ticket, result === undefined ? 'neutral' : signalOf(outcomeOf(result)));
		}
		if (renewed && isRefused(result)) session.spent.add(type);
		if ('response' in result && result.response.statusCode < 400) {
			if (renewed) await retireSecondary(ctx, api, session, type, itemIndex);
			const body = binary ? {} : parseJson(result.response.body);
			if (body !== undefined) return { response: result.response, body };
			result = { failure: { code: NOT_JSON, message: `Synqly answered ${result.response.statusCode} with a body that is not JSON` } };
		}
		const retry = retryDecision(request.repeatable, outcomeOf(result), tries);
		const inTime = retry !== undefined && Date.now() - started + retry.waitMs + policy.timeoutMs <= policy.maxTotalMs;
		if (!retry || tries > policy.retries || !inTime) throw failed(ctx, request, result, { tries, baseURL, credentialType: type, renewed: renewed || spent });
		if (retry.everyone) session.pause(retry.waitMs);
		else await pause(ctx, retry.waitMs);
	}
}

/** Removes the previous pair after a renewal; a failure is left alone: the new pair works, and the old one expires. */
async function retireSecondary(ctx: SynqlyContext, api: Api, session: Session, type: string, itemIndex: number) {
	const retire = await retirement(ctx, session, type, itemIndex);
	if (!retire) return;
	try {
		await exchange(ctx, api, retire.request, session, { credentialType: type, accessToken: retire.accessToken });
	} catch {
		// Left alone: the old pair expires, or the next refresh replaces the secondary.
	}
}

const isRefused = (result: Attempt) => 'response' in result && result.response.statusCode === 401;
