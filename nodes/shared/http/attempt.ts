import type { ICredentialDataDecryptedObject, IDataObject, IHttpRequestOptions, IN8nHttpFullResponse } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ALLOW_INSECURE_HTTP, checkBaseUrl } from '../../../credentials/baseUrl';
import type { QueryValue, SynqlyRequest } from '../catalog/request';
import type { Outcome } from './retry';
import type { SynqlyContext } from './session';

/** One HTTP exchange with Synqly through n8n's helper, under one deadline, and what it gave. */

/** What one attempt gave: Synqly's answer, or no answer at all (with the error n8n threw, for renewal messages). */
export type Attempt = { response: IN8nHttpFullResponse } | { failure: { code: string; message: string }; error?: unknown };

export const outcomeOf = (attempt: Attempt): Outcome =>
	'response' in attempt
		? { status: attempt.response.statusCode, retryAfter: attempt.response.headers?.['retry-after'] }
		: { failure: attempt.failure.code };

/** The credential's Base URL to send to, or, before anything is sent, an error that says what is wrong (credentials/baseUrl.ts). */
export function baseUrlOfCredential(ctx: SynqlyContext, credential: ICredentialDataDecryptedObject, itemIndex: number): string {
	const base = checkBaseUrl(credential.baseUrl, credential[ALLOW_INSECURE_HTTP]);
	if ('problem' in base) {
		throw new NodeOperationError(ctx.getNode(), `The credential's Base URL "${base.value}" ${base.problem}`, {
			itemIndex,
			description: `Item ${itemIndex}: nothing was sent. Use a URL such as https://api.synqly.com`,
		});
	}
	return base.url;
}

/** n8n's request options for a request: every status comes back as an answer, JSON or bytes. */
export function httpOptions(request: SynqlyRequest, baseURL: string, timeoutMs: number, binary: boolean): IHttpRequestOptions {
	const options: IHttpRequestOptions = {
		method: request.method,
		baseURL,
		url: request.path,
		qs: compactQuery(request.qs),
		arrayFormat: 'repeat',
		headers: { Accept: binary ? '*/*' : 'application/json', ...request.headers },
		ignoreHttpStatusErrors: true,
		returnFullResponse: true,
		json: !binary,
		timeout: timeoutMs,
	};
	if (binary) options.encoding = 'arraybuffer';
	if (isEmptyObject(request.body)) {
		// n8n's helper drops an empty object body; Synqly's SDKs send `{}`, so it goes as text.
		options.body = '{}';
		options.headers = { ...options.headers, 'Content-Type': 'application/json' };
	} else if (request.body !== undefined) options.body = request.body as IDataObject;
	return options;
}

/**
 * One attempt with the credential `type` holding `data`, given `timeoutMs` for the whole answer.
 * The resolved credential goes to n8n's helper, which would otherwise look it up again; the
 * credential's own `authenticate` still builds the Bearer header, and its `preAuthentication`
 * renews a pair whose expiry is empty.
 *
 * The helper's own `timeout` (axios's) fires only when the connection is silent that long, so an
 * answer that drips in would run past it. The helper aborts its request by the signal its context
 * gives (`getExecutionCancelSignal`, the execution's cancel signal, which it sets over any signal
 * in the options), so it is handed a context whose signal also ends at the deadline: one deadline
 * per attempt, and stopping the execution still stops the request. The deadline is
 * `AbortSignal.timeout`: n8n 2.41's n8n-workflow has no `sleepWithAbort`, and a plain `sleep`
 * would leave a pending wait behind every attempt that keeps a process (n8n's CLI) from exiting.
 */
export async function attempt(
	ctx: SynqlyContext,
	type: string,
	data: ICredentialDataDecryptedObject,
	options: IHttpRequestOptions,
	timeoutMs: number,
): Promise<Attempt> {
	const decrypted = { credentialsDecrypted: { id: type, name: type, type, data } };
	const deadline = AbortSignal.timeout(timeoutMs);
	const cancel = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
	const signal = cancel ? AbortSignal.any([cancel, deadline]) : deadline;
	const scoped = Object.create(ctx, { getExecutionCancelSignal: { value: () => signal } }) as SynqlyContext;
	try {
		return { response: (await ctx.helpers.httpRequestWithAuthentication.call(scoped, type, { ...options }, decrypted)) as IN8nHttpFullResponse };
	} catch (error) {
		if (deadline.aborted && !cancel?.aborted) {
			return { failure: { code: TIMED_OUT, message: `Synqly sent no complete answer within ${timeoutMs / 1000} s` }, error };
		}
		return { failure: networkFailure(error), error };
	}
}

/** The failure code of an attempt whose answer did not arrive whole within its deadline. */
export const TIMED_OUT = 'ETIMEDOUT';

/** The code and message of an error n8n's helper threw for a request that got no answer. */
export function networkFailure(error: unknown): { code: string; message: string } {
	// n8n's NodeApiError keeps the system error code (ECONNRESET…) as its httpCode, and the
	// system's own words first among its messages.
	const e = error as { httpCode?: string | null; code?: string; messages?: string[]; message?: string };
	const code = e.httpCode && !/^\d+$/.test(e.httpCode) ? e.httpCode : (e.code ?? 'UNKNOWN');
	return { code, message: e.messages?.[0] ?? e.message ?? String(error) };
}

/**
 * An answer body as JSON (`{}` for none); undefined when it is text that is not JSON, unless
 * `asText` names what such a body becomes (an error page's start, for messages).
 */
export function parseJson(body: unknown, asText?: (text: string) => IDataObject): IDataObject | undefined {
	if (body === undefined || body === null || body === '') return {};
	const text =
		typeof body === 'string' ? body : body instanceof ArrayBuffer || Buffer.isBuffer(body) ? Buffer.from(body as ArrayBuffer).toString('utf8') : undefined;
	if (text === undefined) return body as IDataObject;
	try {
		return JSON.parse(text) as IDataObject;
	} catch {
		return asText?.(text);
	}
}

const isEmptyObject = (value: unknown) =>
	typeof value === 'object' && value !== null && !Array.isArray(value) && !Buffer.isBuffer(value) && Object.keys(value).length === 0;

function compactQuery(qs: Record<string, QueryValue> | undefined): IDataObject {
	const out: IDataObject = {};
	for (const [key, value] of Object.entries(qs ?? {})) {
		if (value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) continue;
		out[key] = value;
	}
	return out;
}
