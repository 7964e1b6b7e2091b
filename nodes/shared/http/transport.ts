import type {
	ICredentialDataDecryptedObject,
	ICredentialTestFunctions,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
	IWebhookFunctions,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';

import type { TestAnswer } from '../../../credentials/synqlyToken';
import {
	ACCESS_TOKEN_EXPIRES,
	baseUrlOf,
	canRenew,
	EXPIRY_UNKNOWN,
	REFRESH_SECRET,
	REFRESH_TOKEN_ID,
	RENEWAL_FAILED,
} from '../../../credentials/tokenPair';
import { DEFAULT_RETRIES, DEFAULT_TIMEOUT_SECONDS } from '../form/controls';
import { describeProblem } from './problems';
import type { Api, HttpMethod } from '../catalog/types';

/** The Base URL rule is the credentials' own (tokenPair.ts), so renewal and requests agree. */
export { baseUrlOf, DEFAULT_BASE_URL } from '../../../credentials/tokenPair';

/** Where requests come from: node runs, the editor, a trigger's activation hooks and deliveries, and polls. */
export type SynqlyContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions | IPollFunctions;

export const CREDENTIAL_OF: Record<Api, { type: string; displayName: string }> = {
	management: { type: 'synqlyOrganizationApi', displayName: 'Synqly Organization Token API' },
	connector: { type: 'synqlyIntegrationApi', displayName: 'Synqly Integration Token API' },
};


export type QueryValue = string | number | boolean | string[] | undefined;

export interface SynqlyRequest {
	method: HttpMethod;
	/** Already built with `buildPath`, so every id in it is encoded. */
	path: string;
	qs?: Record<string, QueryValue>;
	body?: unknown;
	itemIndex: number;
	/** Answer bodies are bytes (downloads); the full response comes back for its headers. */
	binary?: boolean;
	/** Words naming the object the path points at, for 404 messages, e.g. "account 'acme'". */
	subject?: string;
	/** Another credential than the API's own (the Connector's organization-token mode). */
	credentialType?: string;
	/**
	 * Headers on top of the request's own. Not for Authorization: n8n applies the credential's
	 * generic `authenticate` after these, so its Authorization header wins (use `accessToken`).
	 */
	headers?: Record<string, string>;
	/**
	 * A token sent instead of the credential's access token (the Connector's minted integration
	 * token): the credential's own authentication runs with this value, so it is the one sent.
	 */
	accessToken?: string;
	/** What the requests of this execution share (credentials, policy, rate gate); a fresh one if absent. */
	session?: Session;
}


export const isHttpUrl = (value: string) => /^https?:\/\/[^/\s]+/i.test(value);

/** A Base URL the user typed, as a URL without trailing slashes, or an error that says what is wrong. */
export function normalizeBaseUrl(ctx: SynqlyContext, raw: unknown, itemIndex: number): string {
	const value = baseUrlOf(raw);
	if (!isHttpUrl(value)) {
		throw new NodeOperationError(
			ctx.getNode(),
			`The credential's Base URL "${value}" is not an http(s) URL`,
			{ itemIndex, description: 'Use a URL such as https://api.synqly.com' },
		);
	}
	return value;
}

/** How hard one execution tries: node options, read once per execution. */
export interface RequestPolicy {
	/** Further attempts after the first, where a retry cannot duplicate anything. */
	retries: number;
	/** Per attempt, in milliseconds. */
	timeoutMs: number;
	/** All attempts and waits of one request, in milliseconds. */
	maxTotalMs: number;
}

export const DEFAULT_POLICY: RequestPolicy = {
	retries: DEFAULT_RETRIES,
	timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000,
	maxTotalMs: 180_000,
};

const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

/**
 * What the requests of one execution (or one editor call) share: each credential, resolved once
 * (in n8n a lookup is a database read and a decryption; the credential form has no expressions,
 * so its values cannot depend on the item), the retry policy, and one rate gate: a 429 pauses
 * every request still to be sent, not only the one that got it.
 */
export class Session {
	private readonly credentials = new Map<string, Promise<ICredentialDataDecryptedObject>>();

	private pausedUntil = 0;

	/** Token-pair renewals under way, per credential type. */
	private readonly renewals = new Map<string, Promise<Attempt | undefined>>();

	/** Credential types whose pair was renewed and whose previous pair is still to be removed. */
	private readonly retiring = new Set<string>();

	constructor(readonly policy: RequestPolicy = DEFAULT_POLICY) {}

	async credential(ctx: SynqlyContext, type: string, itemIndex: number): Promise<ICredentialDataDecryptedObject> {
		let credential = this.credentials.get(type);
		if (!credential) {
			credential = ctx.getCredentials(type, itemIndex);
			this.credentials.set(type, credential);
		}
		return await credential;
	}

	/**
	 * Renews the credential's token pair after `stale` (the data a request was sent with) was
	 * refused or is about to expire, and returns the attempt that carried the renewal, if this
	 * caller's request carried it. Renewals are n8n's: the request goes out with the expiry field
	 * emptied, so n8n runs the credential's `preAuthentication` first, stores the new pair in the
	 * credential and sends the request with it. Requests that find a renewal under way wait for it
	 * and send again with its pair: one renewal per execution however many items hit the expiry.
	 */
	async renew(
		ctx: SynqlyContext,
		type: string,
		stale: ICredentialDataDecryptedObject,
		carry: (data: ICredentialDataDecryptedObject) => Promise<Attempt>,
		itemIndex: number,
	): Promise<Attempt | undefined> {
		const current = await this.credential(ctx, type, itemIndex);
		if (current.accessToken !== stale.accessToken) return undefined;
		let renewal = this.renewals.get(type);
		if (renewal) {
			await renewal;
			return undefined;
		}
		renewal = (async () => {
			// Another execution or queue-mode worker may have renewed the pair since this one read
			// it: n8n's database then holds the new pair, and renewing again would retire it.
			const stored = await ctx.getCredentials(type, itemIndex);
			if (stored.accessToken !== stale.accessToken) {
				this.credentials.set(type, Promise.resolve(stored));
				return undefined;
			}
			const asking: ICredentialDataDecryptedObject = { ...stale, [ACCESS_TOKEN_EXPIRES]: '' };
			const attempt = await carry(asking);
			if (asking.accessToken === stale.accessToken) throw renewalFailed(ctx, type, attempt, itemIndex);
			this.credentials.set(type, Promise.resolve(asking));
			this.retiring.add(type);
			return attempt;
		})();
		this.renewals.set(type, renewal);
		try {
			return await renewal;
		} finally {
			this.renewals.delete(type);
		}
	}

	/**
	 * Once a renewed pair has worked, removes the previous pair (the RefreshToken's secondary), as
	 * the reference asks after a refresh. The reference does not say which secret this call takes:
	 * the refresh secret goes first, then (the Management API being the organization token's) the
	 * new access token. A failure is left alone: the new pair works, and the old one expires.
	 */
	async retireSecondary(ctx: SynqlyContext, api: Api, type: string, itemIndex: number) {
		if (!this.retiring.delete(type)) return;
		const pair = await this.credential(ctx, type, itemIndex);
		const path = `/v1/tokens/${encodeURIComponent(String(pair[REFRESH_TOKEN_ID]).trim())}/secondary`;
		const secrets = [String(pair[REFRESH_SECRET]), ...(api === 'management' ? [String(pair.accessToken)] : [])];
		for (const accessToken of secrets) {
			try {
				await synqlyRequest.call(ctx, api, { method: 'DELETE', path, itemIndex, credentialType: type, accessToken, session: this });
				return;
			} catch {
				// Try the other secret, or leave the old pair to expire.
			}
		}
	}

	/** Holds every request of the session back for `ms` from now. */
	pause(ms: number) {
		this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
	}

	/** Waits while the session is paused; cancelling the execution ends the wait. */
	async turn(ctx: SynqlyContext) {
		for (let wait = this.pausedUntil - Date.now(); wait > 0; wait = this.pausedUntil - Date.now()) {
			await pause(ctx, wait);
		}
	}
}

/**
 * A wait that cancelling the execution ends at once. n8n-workflow's `sleepWithAbort` is not in
 * every n8n (2.41 no longer exports it), so its plain `sleep` races the execution's cancel signal.
 */
export async function pause(ctx: SynqlyContext, ms: number) {
	const signal = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
	if (signal?.aborted) throw new Error('The execution was cancelled');
	await new Promise<void>((resolve, reject) => {
		const cancelled = () => reject(new Error('The execution was cancelled'));
		signal?.addEventListener('abort', cancelled, { once: true });
		void sleep(ms).then(() => {
			signal?.removeEventListener('abort', cancelled);
			resolve();
		});
	});
}

/** What one attempt gave: Synqly's answer, or no answer at all. */
type Attempt = { response: IN8nHttpFullResponse } | { failure: { code: string; message: string }; error?: unknown };

/** The JSON body of an answer (`{}` for none), or undefined when it is not JSON. */
function jsonBody(body: unknown): IDataObject | undefined {
	if (body === undefined || body === null || body === '') return {};
	const text = typeof body === 'string' ? body : Buffer.isBuffer(body) ? body.toString('utf8') : undefined;
	if (text === undefined) return body as IDataObject;
	try {
		return JSON.parse(text) as IDataObject;
	} catch {
		return undefined;
	}
}

/** Network failures where the request never left: Synqly cannot have acted on it. */
const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
/** Methods whose repetition changes nothing more than the first request did. */
const IDEMPOTENT = new Set<HttpMethod>(['GET', 'PUT', 'DELETE']);

/**
 * Whether to send the request again, and after how long: 429, and 503 with Retry-After, say
 * Synqly did not act, so any method is retried (after Retry-After, or a backoff); other 5xx,
 * timeouts and resets may come after Synqly acted, so only idempotent methods are retried;
 * a refused connection never reached Synqly.
 */
function retryAfter(method: HttpMethod, attempt: Attempt, tries: number): { waitMs: number; everyone: boolean } | undefined {
	const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (tries - 1)) * (0.5 + Math.random() / 2);
	if ('failure' in attempt) {
		if (NOT_SENT.has(attempt.failure.code) || IDEMPOTENT.has(method)) return { waitMs: backoff, everyone: false };
		return undefined;
	}
	const { statusCode } = attempt.response;
	const asked = retryAfterMs(attempt.response.headers?.['retry-after']);
	if (statusCode === 429) return { waitMs: asked ?? backoff, everyone: true };
	if (statusCode === 503 && asked !== undefined) return { waitMs: asked, everyone: true };
	if (statusCode >= 500 && statusCode !== 501 && IDEMPOTENT.has(method)) return { waitMs: backoff, everyone: false };
	return undefined;
}

/** Retry-After as seconds or an HTTP date, in milliseconds. */
function retryAfterMs(header: unknown): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * Sends one request to Synqly with the bound credential and returns the body (or full response).
 * Retries where a retry cannot duplicate anything (see `retryAfter`), within the session's policy.
 */
export async function synqlyRequest(
	this: SynqlyContext,
	api: Api,
	request: SynqlyRequest,
): Promise<IDataObject & { result?: unknown }> {
	const session = request.session ?? new Session();
	const { policy } = session;
	const credential = request.credentialType ?? CREDENTIAL_OF[api].type;
	const credentials = await session.credential(this, credential, request.itemIndex);
	const baseURL = normalizeBaseUrl(this, credentials.baseUrl, request.itemIndex);
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL,
		url: request.path,
		qs: compactQuery(request.qs),
		arrayFormat: 'repeat',
		headers: { Accept: request.binary ? '*/*' : 'application/json', ...request.headers },
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		json: !request.binary,
		timeout: policy.timeoutMs,
	};
	if (request.binary) options.encoding = 'arraybuffer';
	if (isEmptyObject(request.body)) {
		// n8n's helper drops an empty object body; Synqly's SDKs send `{}`, so it goes as text.
		options.body = '{}';
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	} else if (request.body !== undefined) options.body = request.body as IDataObject;
	// The resolved credential goes to n8n's helper, which would otherwise look it up again; its
	// own `authenticate` still builds the Bearer header (from the minted token where there is one).
	const send = async (data: ICredentialDataDecryptedObject): Promise<Attempt> => {
		const decrypted = { credentialsDecrypted: { id: credential, name: credential, type: credential, data } };
		try {
			return {
				response: (await this.helpers.httpRequestWithAuthentication.call(
					this,
					credential,
					{ ...options },
					decrypted,
				)) as IN8nHttpFullResponse,
			};
		} catch (error) {
			return { failure: networkFailure(error), error };
		}
	};
	// Only the credential's own token pair renews; a minted token is the Connector's to replace.
	const own = request.accessToken === undefined;
	const dataFor = (credentials: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject =>
		own
			? credentials
			: { ...credentials, accessToken: request.accessToken as string, [ACCESS_TOKEN_EXPIRES]: credentials[ACCESS_TOKEN_EXPIRES] || EXPIRY_UNKNOWN };

	const started = Date.now();
	let renewed = false;
	for (let tries = 1; ; tries++) {
		await session.turn(this);
		const sent = dataFor(await session.credential(this, credential, request.itemIndex));
		const renewable = own && !renewed && canRenew(sent);
		const renewal = async () => {
			renewed = true;
			const carried = await session.renew(this, credential, sent, send, request.itemIndex);
			return carried ?? (await send(await session.credential(this, credential, request.itemIndex)));
		};
		let attempt = renewable && expiresSoon(sent) ? await renewal() : await send(sent);
		if (renewable && !renewed && 'response' in attempt && attempt.response.statusCode === 401) attempt = await renewal();
		if ('response' in attempt && attempt.response.statusCode < 400) {
			if (renewed) await session.retireSecondary(this, api, credential, request.itemIndex);
			if (request.binary) return attempt.response as unknown as IDataObject;
			const body = jsonBody(attempt.response.body);
			if (body !== undefined) return body;
			// A success answer that is not JSON was cut off or came from something else than Synqly.
			attempt = { failure: { code: 'NOT_JSON', message: `Synqly answered ${attempt.response.statusCode} with a body that is not JSON` } };
		}
		const retry = retryAfter(request.method, attempt, tries);
		const inTime = retry !== undefined && Date.now() - started + retry.waitMs + policy.timeoutMs <= policy.maxTotalMs;
		if (!retry || tries > policy.retries || !inTime) throw failed(this, api, request, attempt, tries, baseURL, renewed);
		if (retry.everyone) session.pause(retry.waitMs);
		else await pause(this, retry.waitMs);
	}
}

/** Renew this long before the access token expires, so that no request goes out with a dying token. */
const RENEW_BEFORE_MS = 60_000;

/** Whether the pair's access token expires within `RENEW_BEFORE_MS` (unknown: no). */
function expiresSoon(credentials: ICredentialDataDecryptedObject): boolean {
	const expires = Date.parse(String(credentials[ACCESS_TOKEN_EXPIRES] ?? ''));
	return !Number.isNaN(expires) && expires - Date.now() < RENEW_BEFORE_MS;
}

/** The error of a renewal that failed: the credential's own words (tokenPair.ts), and what to do. */
function renewalFailed(ctx: SynqlyContext, type: string, attempt: Attempt, itemIndex: number): NodeOperationError {
	const reason = 'error' in attempt ? findRenewalWords(attempt.error) : undefined;
	return new NodeOperationError(ctx.getNode(), `The "${credentialDisplayName(type)}" credential could not renew its access token`, {
		itemIndex,
		description:
			reason ??
			`${RENEWAL_FAILED}. Check the credential's Refresh Token ID and Refresh Secret, or enter a new token pair.`,
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

const isEmptyObject = (value: unknown) =>
	typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value) && Object.keys(value).length === 0;

/** The code and message of an error n8n's helper threw for a request that got no answer. */
function networkFailure(error: unknown): { code: string; message: string } {
	// n8n's NodeApiError keeps the system error code (ECONNRESET…) as its httpCode, and the
	// system's own words first among its messages.
	const e = error as { httpCode?: string | null; code?: string; messages?: string[]; message?: string };
	const code = e.httpCode && !/^\d+$/.test(e.httpCode) ? e.httpCode : (e.code ?? 'UNKNOWN');
	return { code, message: e.messages?.[0] ?? e.message ?? String(error) };
}

/** The error of a request that failed for good, saying how often it was tried. */
function failed(
	ctx: SynqlyContext,
	api: Api,
	request: SynqlyRequest,
	attempt: Attempt,
	tries: number,
	baseURL: string,
	renewed = false,
): NodeApiError {
	const node = ctx.getNode();
	const { itemIndex } = request;
	const after = tries > 1 ? ` (after ${tries} attempts)` : '';
	if ('failure' in attempt) {
		const { code, message } = attempt.failure;
		if (!NOT_SENT.has(code) && !IDEMPOTENT.has(request.method)) {
			// No `code` in the error body: NodeApiError would replace this message with a generic one.
			return new NodeApiError(node, { message } as JsonObject, {
				message: `Synqly's answer was lost after the request was sent; it may have been applied${after}`,
				description: `Item ${itemIndex}: ${request.method} ${request.path} got no usable answer (${code}). Check in Synqly whether it took effect before running this item again; it was not sent again, to avoid doing it twice.`,
				itemIndex,
			});
		}
		if (code === 'NOT_JSON') {
			return new NodeApiError(node, { message } as JsonObject, {
				message: `Synqly's answer could not be read${after}`,
				description: `${message}. Check the credential's Base URL (${baseURL}) and retry later.`,
				itemIndex,
			});
		}
		return new NodeApiError(node, { message } as JsonObject, {
			message: `Could not reach Synqly at ${baseURL}${after}`,
			description: `${code}: ${message}`,
			itemIndex,
		});
	}
	const { statusCode } = attempt.response;
	const body = parseBody(attempt.response.body);
	const credentialName =
		request.credentialType === undefined ? CREDENTIAL_OF[api].displayName : credentialDisplayName(request.credentialType);
	const { message, description } = describeProblem(statusCode, body, { credentialName, subject: request.subject });
	const mayHaveActed = statusCode >= 500 && statusCode !== 501 && statusCode !== 503 && !IDEMPOTENT.has(request.method);
	const notes = [
		...(mayHaveActed ? ['The request was not sent again: Synqly may have applied it before failing.'] : []),
		// No renewal loop: a pair that is refused right after its renewal is a different problem.
		...(renewed && statusCode === 401 ? ["The credential's token pair was renewed for this request, and Synqly refused the new access token too."] : []),
	];
	return new NodeApiError(node, problemOf(body, statusCode), {
		message: `${message}${after}`,
		description: [description, ...notes].join(' '),
		httpCode: String(statusCode),
		itemIndex,
	});
}

/**
 * What of Synqly's Problem rides on the error (and so into n8n's execution data): its own words
 * and status, not whatever else it echoed back.
 */
function problemOf(body: IDataObject, status: number): JsonObject {
	const pick = (key: string) => (typeof body[key] === 'string' ? { [key]: body[key] as string } : {});
	return { status, ...pick('message'), ...pick('detail'), ...pick('remediation') };
}

function credentialDisplayName(type: string): string {
	const match = Object.values(CREDENTIAL_OF).find((c) => c.type === type);
	return match ? match.displayName : type;
}

function compactQuery(qs: Record<string, QueryValue> | undefined): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(qs ?? {})) {
		if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
		out[key] = value;
	}
	return out;
}

function parseBody(body: unknown): IDataObject {
	if (body === undefined || body === null || body === '') return {};
	if (typeof body === 'string') {
		try {
			return JSON.parse(body) as IDataObject;
		} catch {
			// An error page (HTML from a proxy): its start says enough, the rest would flood the message.
			return { message: body.length > 300 ? `${body.slice(0, 300)}…` : body };
		}
	}
	if (body instanceof ArrayBuffer || Buffer.isBuffer(body)) {
		return parseBody(Buffer.from(body as ArrayBuffer).toString('utf8'));
	}
	return body as IDataObject;
}

/** What a credential test's request met: an answer (any status), or no answer at all. */
export type CredentialTestOutcome = TestAnswer | { failure: { code: string; message: string } };

/**
 * A credential test's one GET, sent with the only HTTP helper n8n gives a test function: the
 * legacy `request` of ICredentialTestFunctions (it has no `httpRequest`; the lint rule against
 * `this.helpers.request` names a replacement that does not exist there). The helper still goes
 * through n8n's proxy settings and (n8n 2.41) its outbound-request policy. No credential is
 * applied by n8n here, so the Bearer header is set from the token under test. No retry: the
 * test reports what it meets. Every status comes back as an answer, its body as text.
 */
export async function sendCredentialTest(
	helpers: ICredentialTestFunctions['helpers'],
	url: string,
	accessToken: string,
): Promise<CredentialTestOutcome> {
	try {
		const response = (await helpers.request({
			method: 'GET',
			uri: url,
			headers: { Accept: 'application/json', Authorization: `Bearer ${accessToken}` },
			json: false,
			simple: false,
			resolveWithFullResponse: true,
			timeout: DEFAULT_TIMEOUT_SECONDS * 1000,
		})) as { statusCode: number; body?: unknown };
		const { body } = response;
		const text = body === undefined || body === null ? undefined : Buffer.isBuffer(body) ? body.toString('utf8') : String(body);
		return { statusCode: response.statusCode, body: text };
	} catch (error) {
		return { failure: networkFailure(error) };
	}
}
