import type { Signal } from './limiter';

/**
 * Whether a request is sent again, and when: a pure function of what was sent, what came back
 * and how often it was tried, so that a table of cases can pin it down (test/retry.test.ts).
 */

/** What one attempt met: an answer with its status (and Retry-After), or no answer (a system error code). */
export type Outcome = { status: number; retryAfter?: unknown } | { failure: string };

export interface RetryDecision {
	waitMs: number;
	/** The wait holds back every request of the session (Synqly said it is overloaded), not only this one. */
	everyone: boolean;
}

/** Network failures where the request never left: Synqly cannot have acted on it. */
export const NOT_SENT = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * Whether an outcome may come after Synqly acted on a request that is not repeatable (its row's
 * `repeatable`, `SynqlyRequest.repeatable`): an error then must say so.
 */
export function mayHaveActed(repeatable: boolean, outcome: Outcome): boolean {
	if (repeatable) return false;
	if ('failure' in outcome) return !NOT_SENT.has(outcome.failure);
	return outcome.status >= 500 && outcome.status !== 501 && outcome.status !== 503;
}

const FIRST_BACKOFF_MS = 500;
const MAX_BACKOFF_MS = 30_000;

/**
 * 429, and 503 with Retry-After, say Synqly did not act, so any method is retried (after
 * Retry-After, or a backoff) and the wait applies to everyone; other 5xx (not 501), timeouts and
 * resets may come after Synqly acted, so only repeatable requests are retried (`repeatable`:
 * the request's `SynqlyRequest.repeatable`, from its row, not its method: a Token Rotate is a PUT
 * that must not go twice); a refused connection never reached Synqly. `jitter` (0–1) spreads the
 * backoffs of concurrent requests.
 */
export function retryDecision(repeatable: boolean, outcome: Outcome, tries: number, jitter = Math.random()): RetryDecision | undefined {
	const backoff = Math.min(MAX_BACKOFF_MS, FIRST_BACKOFF_MS * 2 ** (tries - 1)) * (0.5 + jitter / 2);
	if ('failure' in outcome) {
		return NOT_SENT.has(outcome.failure) || repeatable ? { waitMs: backoff, everyone: false } : undefined;
	}
	const { status } = outcome;
	const asked = retryAfterMs(outcome.retryAfter);
	if (status === 429) return { waitMs: asked ?? backoff, everyone: true };
	if (status === 503 && asked !== undefined) return { waitMs: asked, everyone: true };
	if (status >= 500 && status !== 501 && repeatable) return { waitMs: backoff, everyone: false };
	return undefined;
}

/** Attempts that got no answer within their Timeout: the API may be overloaded. */
const TIMED_OUT = new Set(['ETIMEDOUT', 'ECONNABORTED', 'ESOCKETTIMEDOUT']);

/**
 * What an outcome tells the session's limiter (`limiter.ts`): 429, 503 and timeouts say the API is
 * overloaded (congestion); any other answer below 500 is clean (its latency counts); the rest
 * (other 5xx, other network failures) says nothing about load.
 */
export function signalOf(outcome: Outcome): Signal {
	if ('failure' in outcome) return TIMED_OUT.has(outcome.failure) ? 'congestion' : 'neutral';
	if (outcome.status === 429 || outcome.status === 503) return 'congestion';
	return outcome.status < 500 ? 'clean' : 'neutral';
}

/** Retry-After as seconds or an HTTP date, in milliseconds. */
export function retryAfterMs(header: unknown, now = Date.now()): number | undefined {
	const value = Array.isArray(header) ? header[0] : header;
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const seconds = Number(value);
	if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
	const date = Date.parse(String(value));
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
