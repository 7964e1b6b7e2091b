import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/**
 * Keeping secrets in, the one mechanism for every output and error of every node: objects lose
 * the keys that hold secrets (by the row's list, or by name for the triggers' deliveries), and
 * errors lose the secret values an entry point knows of (minted tokens, webhook signing keys).
 */

/** Which keys of an object hold secrets (given the key's value, for rules that need it). */
export type SecretKeys = (key: string, value?: unknown) => boolean;

/** The keys a row names (secrets the API echoes back, e.g. a member's password). */
export const namedKeys =
	(keys: string[]): SecretKeys =>
	(key) =>
		keys.includes(key);

/**
 * What an AI agent never gets back from any operation when the node runs as its tool, even where
 * the node allows the operation: the secret of every Synqly token (`secret` of each access and
 * refresh token of a token pair, of an integration or MCP token; a member's or webhook's secret)
 * and a new bridge group's `credential` (a JWT). The rest (ids, expiry, permissions) stays.
 */
export const agentSecretKeys: SecretKeys = (key, value) => key === 'secret' || (key === 'credential' && typeof value === 'string');

const SECRET_NAME = /secret|password|passphrase|token|private|api_?key|client_?key|integrator_?key|provider_?key/i;

/**
 * Keys whose name says they hold a secret (ids of secrets do not, and stay). For objects whose
 * shape the package does not know (webhook deliveries); their output schema drops them too.
 */
export const isSecretKey: SecretKeys = (key) => SECRET_NAME.test(key) && !key.endsWith('_id');

/**
 * The value without its secrets, at any depth: keys that hold one go. With `inlineCredentials`,
 * an inline credential (`{type, value}` whose type is not a stored-credential `…_id` reference)
 * keeps only its type, as a delivery may carry a provider's credential that way.
 */
export function withoutSecretKeys<T>(value: T, secret: SecretKeys, { inlineCredentials = false } = {}): T {
	const strip = (current: unknown): unknown => {
		if (Array.isArray(current)) return current.map(strip);
		if (typeof current !== 'object' || current === null) return current;
		const object = current as IDataObject;
		if (inlineCredentials && isInlineCredential(object)) return { type: object.type };
		const out: IDataObject = {};
		for (const [key, child] of Object.entries(object)) if (!secret(key, child)) out[key] = strip(child) as IDataObject;
		return out;
	};
	return strip(value) as T;
}

const isInlineCredential = (object: IDataObject) =>
	typeof object.type === 'string' &&
	!object.type.endsWith('_id') &&
	'value' in object &&
	Object.keys(object).every((k) => k === 'type' || k === 'value');

/**
 * The error as it may leave the node: when one of `secrets` appears anywhere in it (e.g. the
 * request headers or body a network error keeps), a copy with the secrets masked and no cause.
 */
export function withoutSecretValues(node: INode, error: unknown, secrets: Set<string>, itemIndex: number): unknown {
	if (secrets.size === 0 || !containsSecret(error, secrets)) return error;
	const e = error as NodeApiError | NodeOperationError;
	const replace = (text: string | null | undefined) => (text ? [...secrets].reduce((t, s) => t.split(s).join('***'), text) : undefined);
	const plain: JsonObject = { message: replace(e.message) ?? 'Synqly request failed' };
	if (e instanceof NodeApiError) {
		return new NodeApiError(node, plain, {
			message: replace(e.message),
			description: replace(e.description),
			httpCode: e.httpCode ?? undefined,
			itemIndex,
		});
	}
	return new NodeOperationError(node, replace(e.message) ?? 'Synqly request failed', {
		description: replace((e as NodeOperationError).description),
		itemIndex,
	});
}

/** Walks an error (its cause, response, config…) looking for a secret; cycles and depth are bounded. */
function containsSecret(value: unknown, secrets: Set<string>, seen = new Set<unknown>(), depth = 0): boolean {
	if (typeof value === 'string') return [...secrets].some((s) => value.includes(s));
	if (typeof value !== 'object' || value === null || seen.has(value) || depth > 8) return false;
	seen.add(value);
	const keys = new Set([...Object.keys(value), ...Object.getOwnPropertyNames(value)]);
	for (const key of keys) {
		let child: unknown;
		try {
			child = (value as Record<string, unknown>)[key];
		} catch {
			continue;
		}
		if (typeof child === 'function') continue;
		if (containsSecret(child, secrets, seen, depth + 1)) return true;
	}
	return false;
}
