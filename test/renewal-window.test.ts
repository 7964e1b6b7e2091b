/** "About to expire" (nodes/shared/http/renewal.ts): min(60 s, half the pair's lifetime), as a table. */
import { expiresSoon, renewBeforeMs } from '../nodes/shared/http/renewal';

const NOW = Date.parse('2026-12-03T12:00:00Z');
const at = (offsetMs: number) => new Date(NOW + offsetMs).toISOString();
const S = 1000;

describe('renewBeforeMs', () => {
	test.each([
		['no issue time (a pasted pair, an older credential): 60 s', { accessTokenExpires: at(30 * S) }, 60 * S],
		['a 24 h pair: 60 s', { accessTokenIssued: at(0), accessTokenExpires: at(86_400 * S) }, 60 * S],
		['a 60 s pair: half its lifetime, 30 s', { accessTokenIssued: at(0), accessTokenExpires: at(60 * S) }, 30 * S],
		['a 10 s pair: 5 s', { accessTokenIssued: at(-4 * S), accessTokenExpires: at(6 * S) }, 5 * S],
		['an expiry before the issue time (a clock far off): never about to expire', { accessTokenIssued: at(0), accessTokenExpires: at(-S) }, undefined],
	])('%s', (_name, credentials, expected) => {
		expect(renewBeforeMs(credentials)).toBe(expected);
	});

	test('a 60 s pair just renewed is not about to expire; one with 20 s left is', () => {
		jest.useFakeTimers({ now: NOW });
		try {
			expect(expiresSoon({ accessTokenIssued: at(-S), accessTokenExpires: at(59 * S) })).toBe(false);
			expect(expiresSoon({ accessTokenIssued: at(-40 * S), accessTokenExpires: at(20 * S) })).toBe(true);
			expect(expiresSoon({ accessTokenExpires: 'unknown' })).toBe(false);
		} finally {
			jest.useRealTimers();
		}
	});
});
