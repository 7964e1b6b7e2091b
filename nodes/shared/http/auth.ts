import type { IDataObject, IExecuteFunctions, ILoadOptionsFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ConnectorAuthMode } from '../form/connectorAuth';
import { ACCOUNT_ID, AUTHENTICATION, INTEGRATION_ID } from '../form/connectorAuth';
import { withoutSecretValues } from '../wire/redaction';
import type { SynqlyClient } from './client';
import type { RequestAuth } from './identity';
import { RENEW_BEFORE_MS } from './renewal';
import type { Identity } from './identity';
import { CREDENTIAL_OF } from './session';

/** Lifetime asked for a minted token; one execution reuses it until less than a minute is left. */
export const MINTED_TOKEN_TTL = '10m';
/** A list search sends one request: its token needs to live no longer than that (the reference names no minimum). */
export const SEARCH_TOKEN_TTL = '1m';
/** How long a minted token is taken to live when Synqly's answer does not say. */
const ASSUMED_LIFETIME_MS = 9 * 60_000;

/** The request that mints an integration token, as a row would name it. */
const MINT = {
	method: 'POST' as const,
	path: `/v1/tokens/{${ACCOUNT_ID}}/{${INTEGRATION_ID}}`,
	params: [
		{ name: ACCOUNT_ID, displayName: 'Account', in: 'path' as const, kind: 'string' as const },
		{ name: INTEGRATION_ID, displayName: 'Integration', in: 'path' as const, kind: 'string' as const },
	],
};

interface Minted {
	secret: string;
	expiresAt: number;
}

/** A node parameter of one item (the editor has one set of values: it ignores the item). */
export type ParamReader = (name: string, itemIndex: number) => unknown;

/**
 * Authentication of one execution (or one list search): in organization-token mode it mints an
 * integration token for each account+integration the items target, once, and reuses it for every
 * item of this execution (renewing it only if it is about to expire). The tokens live in this
 * object only: never in module state, output items or error messages.
 */
export class ConnectorAuth implements RequestAuth {
	/** Minted tokens by account and integration; a promise, so items running at once mint once. */
	private readonly tokens = new Map<string, Promise<Minted>>();

	/** Secrets minted so far: errors are checked against them before they leave the node. */
	readonly secrets = new Set<string>();

	constructor(
		private readonly client: SynqlyClient,
		private readonly read: ParamReader,
		private readonly ttl = MINTED_TOKEN_TTL,
	) {}

	mode(itemIndex: number): ConnectorAuthMode {
		return this.read(AUTHENTICATION, itemIndex) === 'organizationToken' ? 'organizationToken' : 'integrationToken';
	}

	target(itemIndex: number): string {
		if (this.mode(itemIndex) === 'integrationToken') return '';
		return JSON.stringify([this.locator(ACCOUNT_ID, itemIndex), this.locator(INTEGRATION_ID, itemIndex)]);
	}

	private locator(name: string, itemIndex: number): string {
		return locatorValue(this.read(name, itemIndex));
	}

	async identity(itemIndex: number): Promise<Identity | undefined> {
		if (this.mode(itemIndex) === 'integrationToken') return undefined;
		const accountId = this.locator(ACCOUNT_ID, itemIndex);
		const integrationId = this.locator(INTEGRATION_ID, itemIndex);
		const key = JSON.stringify([accountId, integrationId]);
		const cached = this.tokens.get(key);
		let minted = cached ? await cached.catch(() => undefined) : undefined;
		if (!minted || minted.expiresAt - Date.now() < RENEW_BEFORE_MS) {
			// Whoever finds the token missing or expiring first mints; the others wait for it.
			let minting = this.tokens.get(key);
			if (minting === cached) {
				minting = this.mint(accountId, integrationId, itemIndex).then((token) => {
					this.secrets.add(token.secret);
					return token;
				});
				this.tokens.set(key, minting);
			}
			minted = await (minting as Promise<Minted>);
		}
		return { credentialType: CREDENTIAL_OF.management.type, accessToken: minted.secret };
	}

	private async mint(accountId: string, integrationId: string, itemIndex: number): Promise<Minted> {
		const request = this.client.request(MINT, { path: { [ACCOUNT_ID]: accountId, [INTEGRATION_ID]: integrationId } }, itemIndex);
		const body = await this.client.sendToManagement({
			...request,
			body: { token_ttl: this.ttl },
			subject: `integration '${integrationId}' of account '${accountId}'`,
		});
		const result = (body.result ?? {}) as IDataObject;
		const secret = firstString(result.secret, (result.access as IDataObject | undefined)?.secret);
		if (!secret) {
			throw new NodeOperationError(
				this.client.node,
				'Synqly did not return an integration token',
				{
					itemIndex,
					description: `Minting a token for integration '${integrationId}' of account '${accountId}' answered without result.secret`,
				},
			);
		}
		const expires = Date.parse(String(result.expires ?? ''));
		return {
			secret,
			expiresAt: Number.isNaN(expires) ? Date.now() + ASSUMED_LIFETIME_MS : expires,
		};
	}

	/**
	 * The error as it may leave the node: when a minted secret appears anywhere in it (e.g. the
	 * request headers a network error keeps), a copy with the same message and no cause.
	 */
	scrub(error: unknown, itemIndex: number): unknown {
		return withoutSecretValues(this.client.node, error, this.secrets, itemIndex);
	}
}

function firstString(...values: unknown[]): string | undefined {
	return values.find((v): v is string => typeof v === 'string' && v !== '');
}

function locatorValue(raw: unknown): string {
	if (typeof raw === 'object' && raw !== null && 'value' in raw) return String((raw as IDataObject).value ?? '');
	return typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
}

/** Reads node parameters the way each context can: per item when executing, current values in the editor. */
export function executeReader(context: IExecuteFunctions): ParamReader {
	return (name, itemIndex) => context.getNodeParameter(name, itemIndex, undefined, { extractValue: true });
}

export function editorReader(context: ILoadOptionsFunctions): ParamReader {
	return (name) =>
		name in (context.getCurrentNodeParameters() ?? {})
			? context.getCurrentNodeParameter(name, { extractValue: true })
			: undefined;
}
