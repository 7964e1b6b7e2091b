/**
 * The retry decision (nodes/shared/http/retry.ts) as a table: what was sent, what came back, how
 * often it was tried, and whether and when it goes again. A pure function, so each row is exact.
 */
import type { HttpMethod } from '../nodes/shared/catalog/types';
import type { Outcome, RetryDecision } from '../nodes/shared/http/retry';
import { mayHaveActed, retryAfterMs, retryDecision } from '../nodes/shared/http/retry';

/** With jitter 1 the backoff is the full step: 500 ms, 1 s, 2 s… up to 30 s. */
const backoff = (tries: number): RetryDecision => ({ waitMs: Math.min(30_000, 500 * 2 ** (tries - 1)), everyone: false });

const cases: Array<[string, HttpMethod, Outcome, number, RetryDecision | undefined]> = [
	// Synqly says it did not act: any method, the wait for everyone.
	['429 with Retry-After, POST', 'POST', { status: 429, retryAfter: '2' }, 1, { waitMs: 2000, everyone: true }],
	['429 without Retry-After, PATCH', 'PATCH', { status: 429 }, 2, { ...backoff(2), everyone: true }],
	['503 with Retry-After, POST', 'POST', { status: 503, retryAfter: '1' }, 1, { waitMs: 1000, everyone: true }],
	// Other 5xx may come after Synqly acted: repeatable methods only.
	['503 without Retry-After, GET', 'GET', { status: 503 }, 1, backoff(1)],
	['503 without Retry-After, POST', 'POST', { status: 503 }, 1, undefined],
	['500, GET', 'GET', { status: 500 }, 3, backoff(3)],
	['500, PUT', 'PUT', { status: 500 }, 1, backoff(1)],
	['500, DELETE', 'DELETE', { status: 500 }, 1, backoff(1)],
	['500, POST', 'POST', { status: 500 }, 1, undefined],
	['502, PATCH', 'PATCH', { status: 502 }, 1, undefined],
	['501 (provider does not support it), GET', 'GET', { status: 501 }, 1, undefined],
	// Client errors are final.
	['400, GET', 'GET', { status: 400 }, 1, undefined],
	['404, DELETE', 'DELETE', { status: 404 }, 1, undefined],
	// No answer: never sent (any method), or maybe acted on (repeatable methods only).
	['refused connection, POST', 'POST', { failure: 'ECONNREFUSED' }, 1, backoff(1)],
	['unknown host, PATCH', 'PATCH', { failure: 'ENOTFOUND' }, 1, backoff(1)],
	['reset, GET', 'GET', { failure: 'ECONNRESET' }, 1, backoff(1)],
	['reset, POST', 'POST', { failure: 'ECONNRESET' }, 1, undefined],
	['timeout, PATCH', 'PATCH', { failure: 'ECONNABORTED' }, 1, undefined],
	['a success answer that is not JSON, POST', 'POST', { failure: 'NOT_JSON' }, 1, undefined],
	['a success answer that is not JSON, GET', 'GET', { failure: 'NOT_JSON' }, 1, backoff(1)],
	// The backoff doubles and stops growing at 30 s.
	['500, GET, 10th try', 'GET', { status: 500 }, 10, { waitMs: 30_000, everyone: false }],
];

test.each(cases)('%s', (_, method, outcome, tries, expected) => {
	expect(retryDecision(method, outcome, tries, 1)).toEqual(expected);
});

test('jitter spreads a backoff over its upper half', () => {
	expect(retryDecision('GET', { status: 500 }, 1, 0)).toEqual({ waitMs: 250, everyone: false });
	expect(retryDecision('GET', { status: 500 }, 1, 0.5)).toEqual({ waitMs: 375, everyone: false });
});

test.each<[string, HttpMethod, Outcome, boolean]>([
	['a POST that got 500', 'POST', { status: 500 }, true],
	['a POST that got 503 (Synqly did not act)', 'POST', { status: 503 }, false],
	['a POST whose answer was lost', 'POST', { failure: 'ECONNRESET' }, true],
	['a POST that never left', 'POST', { failure: 'ECONNREFUSED' }, false],
	['a GET that got 500', 'GET', { status: 500 }, false],
])('whether %s may have acted', (_, method, outcome, acted) => {
	expect(mayHaveActed(method, outcome)).toBe(acted);
});

test('Retry-After as seconds, an HTTP date, or nothing usable', () => {
	const now = Date.parse('2026-12-03T10:00:00Z');
	expect(retryAfterMs('3', now)).toBe(3000);
	expect(retryAfterMs(['1.5'], now)).toBe(1500);
	expect(retryAfterMs('Thu, 03 Dec 2026 10:00:04 GMT', now)).toBe(4000);
	expect(retryAfterMs('Thu, 03 Dec 2026 09:59:00 GMT', now)).toBe(0);
	expect(retryAfterMs('soon', now)).toBeUndefined();
	expect(retryAfterMs(undefined, now)).toBeUndefined();
});
