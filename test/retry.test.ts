/**
 * The retry decision (nodes/shared/http/retry.ts) as a table: whether what was sent is repeatable
 * (its row's `repeatable`, from the method where the row is silent), what came back, how often it
 * was tried, and whether and when it goes again. A pure function, so each row is exact.
 */
import type { Outcome, RetryDecision } from '../nodes/shared/http/retry';
import { mayHaveActed, retryAfterMs, retryDecision } from '../nodes/shared/http/retry';

/** With jitter 1 the backoff is the full step: 500 ms, 1 s, 2 s… up to 30 s. */
const backoff = (tries: number): RetryDecision => ({ waitMs: Math.min(30_000, 500 * 2 ** (tries - 1)), everyone: false });

const cases: Array<[string, boolean, Outcome, number, RetryDecision | undefined]> = [
	// Synqly says it did not act: any method, the wait for everyone.
	['429 with Retry-After, POST', false, { status: 429, retryAfter: '2' }, 1, { waitMs: 2000, everyone: true }],
	['429 without Retry-After, PATCH', false, { status: 429 }, 2, { ...backoff(2), everyone: true }],
	['503 with Retry-After, POST', false, { status: 503, retryAfter: '1' }, 1, { waitMs: 1000, everyone: true }],
	// Other 5xx may come after Synqly acted: repeatable requests only (GET, PUT, DELETE unless the row says not).
	['503 without Retry-After, GET', true, { status: 503 }, 1, backoff(1)],
	['503 without Retry-After, POST', false, { status: 503 }, 1, undefined],
	['500, GET', true, { status: 500 }, 3, backoff(3)],
	['500, PUT', true, { status: 500 }, 1, backoff(1)],
	['500, DELETE', true, { status: 500 }, 1, backoff(1)],
	// A PUT that is not repeatable (Token Refresh, Rotate, Reset; Integration Status Reset): like a POST.
	['500, non-repeatable PUT (Token Rotate)', false, { status: 500 }, 1, undefined],
	['502, non-repeatable PUT (Token Refresh)', false, { status: 502 }, 1, undefined],
	['reset, non-repeatable PUT (Token Reset)', false, { failure: 'ECONNRESET' }, 1, undefined],
	['timeout, non-repeatable PUT (Integration Status Reset)', false, { failure: 'ECONNABORTED' }, 1, undefined],
	['429, non-repeatable PUT: Synqly did not act', false, { status: 429, retryAfter: '1' }, 1, { waitMs: 1000, everyone: true }],
	['refused connection, non-repeatable PUT: never sent', false, { failure: 'ECONNREFUSED' }, 1, backoff(1)],
	['500, POST', false, { status: 500 }, 1, undefined],
	['502, PATCH', false, { status: 502 }, 1, undefined],
	['501 (provider does not support it), GET', true, { status: 501 }, 1, undefined],
	// Client errors are final.
	['400, GET', true, { status: 400 }, 1, undefined],
	['404, DELETE', true, { status: 404 }, 1, undefined],
	// No answer: never sent (any request), or maybe acted on (repeatable requests only).
	['refused connection, POST', false, { failure: 'ECONNREFUSED' }, 1, backoff(1)],
	['unknown host, PATCH', false, { failure: 'ENOTFOUND' }, 1, backoff(1)],
	['reset, GET', true, { failure: 'ECONNRESET' }, 1, backoff(1)],
	['reset, POST', false, { failure: 'ECONNRESET' }, 1, undefined],
	['timeout, PATCH', false, { failure: 'ECONNABORTED' }, 1, undefined],
	['a success answer that is not JSON, POST', false, { failure: 'NOT_JSON' }, 1, undefined],
	['a success answer that is not JSON, GET', true, { failure: 'NOT_JSON' }, 1, backoff(1)],
	// The backoff doubles and stops growing at 30 s.
	['500, GET, 10th try', true, { status: 500 }, 10, { waitMs: 30_000, everyone: false }],
];

test.each(cases)('%s', (_, repeatable, outcome, tries, expected) => {
	expect(retryDecision(repeatable, outcome, tries, 1)).toEqual(expected);
});

test('jitter spreads a backoff over its upper half', () => {
	expect(retryDecision(true, { status: 500 }, 1, 0)).toEqual({ waitMs: 250, everyone: false });
	expect(retryDecision(true, { status: 500 }, 1, 0.5)).toEqual({ waitMs: 375, everyone: false });
});

test.each<[string, boolean, Outcome, boolean]>([
	['a POST that got 500', false, { status: 500 }, true],
	['a POST that got 503 (Synqly did not act)', false, { status: 503 }, false],
	['a POST whose answer was lost', false, { failure: 'ECONNRESET' }, true],
	['a POST that never left', false, { failure: 'ECONNREFUSED' }, false],
	['a GET that got 500', true, { status: 500 }, false],
	['a PUT that got 500', true, { status: 500 }, false],
	['a non-repeatable PUT (Token Rotate) that got 500', false, { status: 500 }, true],
	['a non-repeatable PUT whose answer was lost', false, { failure: 'ECONNRESET' }, true],
	['a non-repeatable PUT that got 503 (Synqly did not act)', false, { status: 503 }, false],
])('whether %s may have acted', (_, repeatable, outcome, acted) => {
	expect(mayHaveActed(repeatable, outcome)).toBe(acted);
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
