import { createHash, createHmac, timingSafeEqual } from 'crypto';
import type { IDataObject } from 'n8n-workflow';

/**
 * What arrives at the trigger's URL: the signature check, replay detection and the output item.
 * Synqly signs the raw body with HMAC-SHA256 (hex), in `Synqly-Signature: sha256=<hex>` per its
 * guide and in `X-Synqly-Signature` per its Python example (API-MAP 5.1); both are accepted, with
 * or without the `sha256=` prefix.
 */

export const SIGNATURE_HEADERS = ['synqly-signature', 'x-synqly-signature'];

/** True when one of the signature headers holds the HMAC-SHA256 of `rawBody` under `secret`. */
export function signedWith(secret: string, rawBody: Buffer, headers: IDataObject): boolean {
	const expected = createHmac('sha256', secret).update(rawBody).digest();
	return SIGNATURE_HEADERS.some((name) => {
		const value = headers[name];
		if (typeof value !== 'string') return false;
		const hex = value.trim().replace(/^sha256=/i, '');
		if (!/^[0-9a-f]{64}$/i.test(hex)) return false;
		return timingSafeEqual(Buffer.from(hex, 'hex'), expected);
	});
}

/** The body as a JSON object, or undefined when it is not one. */
export function jsonObject(rawBody: Buffer): IDataObject | undefined {
	try {
		const value: unknown = JSON.parse(rawBody.toString('utf8'));
		return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as IDataObject) : undefined;
	} catch {
		return undefined;
	}
}

// ----------------------------------------------------------------------------- replay

/** The Replay Window when the parameter is not set, in minutes. */
export const DEFAULT_REPLAY_WINDOW_MINUTES = 60;

/** The longest Replay Window accepted, in minutes (one week). */
export const MAX_REPLAY_WINDOW_MINUTES = 10_080;

/**
 * The Replay Window in milliseconds. 0 turns replay protection off (stated in the parameter's
 * hint). Anything but a number from 0 to one week throws, with the value in the message: a
 * negative, non-numeric or empty window must never turn the check off silently.
 */
export function replayWindowMs(minutes: unknown): number {
	if (typeof minutes !== 'number' || !Number.isFinite(minutes) || minutes < 0 || minutes > MAX_REPLAY_WINDOW_MINUTES) {
		throw new Error(
			`Replay Window (Minutes) must be a number from 0 to ${MAX_REPLAY_WINDOW_MINUTES} (0 turns replay protection off), not ${JSON.stringify(minutes) ?? String(minutes)}`,
		);
	}
	return minutes * 60_000;
}

/**
 * What identifies a delivery for replay detection: its nonce when it carries one (organization
 * events), otherwise the SHA-256 of its raw body (ticketing events carry no nonce; the body is
 * what the signature covers, so an identical copy has the same digest and a changed one fails the
 * signature). The prefixes keep the two apart and make every key an ordinary, non-numeric property
 * name: no key can be `__proto__`, `constructor` or an array index.
 */
export function replayKey(payload: IDataObject, rawBody: Buffer): string {
	const nonce = payload.nonce;
	if (typeof nonce === 'string' && nonce !== '') return `nonce:${nonce}`;
	return `sha256:${createHash('sha256').update(rawBody).digest('hex')}`;
}

/**
 * Most keys the record holds within the window. It is stored with the workflow's static data and
 * written on every delivery, so it stays bounded (about 80 bytes a key). When it is full, a new
 * delivery is refused (503 with Retry-After, see `checkReplay`); no key is forgotten before its
 * window ends, because a forgotten key is a replay accepted.
 */
export const MAX_REPLAY_KEYS = 5000;

/** The record: replay key -> when the delivery was accepted (epoch ms), without prototype. */
export type ReplayRecord = Record<string, number>;

export type ReplayCheck =
	| { verdict: 'new' | 'replay'; record: ReplayRecord }
	| { verdict: 'full'; record: ReplayRecord; retryAfterMs: number };

const hasOwn = (record: object, key: string) => Object.prototype.hasOwnProperty.call(record, key);

/**
 * Checks `key` against the stored record (`data.nonces`) at `now`:
 * - keys older than the window are dropped (bounded by time);
 * - `replay` when the key is there; its time is kept, so a copy does not extend its own window;
 * - `full` when the record already holds MAX_REPLAY_KEYS keys within the window: the delivery is
 *   not recorded and must not start anything (the node answers 503 with Retry-After: when the
 *   oldest key leaves the window); nothing is evicted early;
 * - `new` otherwise, with the key recorded at `now`.
 * The record is rebuilt on an object without prototype and read with own-property checks only.
 * Keys of 0.1.0 (bare nonces) are read as nonces.
 */
export function checkReplay(stored: unknown, key: string, now: number, windowMs: number): ReplayCheck {
	const record: ReplayRecord = Object.create(null) as ReplayRecord;
	if (typeof stored === 'object' && stored !== null && !Array.isArray(stored)) {
		for (const name of Object.keys(stored)) {
			const at = (stored as Record<string, unknown>)[name];
			if (typeof at !== 'number' || !Number.isFinite(at) || now - at > windowMs) continue;
			record[name.startsWith('nonce:') || name.startsWith('sha256:') ? name : `nonce:${name}`] = at;
		}
	}
	if (hasOwn(record, key)) return { verdict: 'replay', record };
	const times = Object.keys(record).map((name) => record[name]);
	if (times.length >= MAX_REPLAY_KEYS) {
		return { verdict: 'full', record, retryAfterMs: Math.max(1000, Math.min(...times) + windowMs - now) };
	}
	record[key] = now;
	return { verdict: 'new', record };
}
