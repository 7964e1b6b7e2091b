import { createHmac, timingSafeEqual } from 'crypto';
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

/** Most nonces a trigger remembers, so its static data stays small under a flood of deliveries. */
const MAX_NONCES = 1000;

/**
 * Records `nonce` at `now` in `seen` (nonce -> epoch ms), forgetting the ones older than the
 * window; true when it was already there within the window (a replay).
 */
export function isReplay(seen: Record<string, number>, nonce: string, now: number, windowMs: number): boolean {
	for (const [key, at] of Object.entries(seen)) if (now - at > windowMs) delete seen[key];
	const replay = nonce in seen;
	if (!replay) {
		seen[nonce] = now;
		const keys = Object.keys(seen);
		for (const key of keys.slice(0, Math.max(0, keys.length - MAX_NONCES))) delete seen[key];
	}
	return replay;
}
