import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeCredentialDescription,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { accountLocator, integrationLocator, locatorProperty } from '../catalog/locators';
import type { SynqlyContext, SynqlyRequest } from './transport';
import { CREDENTIAL_OF, Session, synqlyRequest } from './transport';
import type { LocatorRow } from '../catalog/types';
import { buildPath } from '../values/wire';

/**
 * Who a request acts as. The Management node sends its own credential; the Connector sends an
 * integration token as is, or an organization token from which it mints a short-lived
 * integration token per account and integration.
 */
export interface RequestAuth {
	/** What an item's requests need besides their own fields: another credential, a minted token. */
	fields(itemIndex: number): Promise<Partial<SynqlyRequest>>;
	/** Who the item's requests act as: items share a batch only when this is the same. */
	target(itemIndex: number): string;
	/** The error as it may leave the node: no minted secret in it. */
	scrub(error: unknown, itemIndex: number): unknown;
}

/** The table's own credential, as bound to the node. */
export const boundCredential: RequestAuth = {
	fields: async () => ({}),
	target: () => '',
	scrub: (error) => error,
};

export type ConnectorAuthMode = 'integrationToken' | 'organizationToken';

/** The Connector's authentication params, read back by `ConnectorAuth`. */
export const AUTHENTICATION = 'authentication';
export const ACCOUNT_ID = 'accountId';
export const INTEGRATION_ID = 'integrationId';

const ORGANIZATION = CREDENTIAL_OF.management;

/** Lifetime asked for a minted token; one execution reuses it until less than a minute is left. */
export const MINTED_TOKEN_TTL = '10m';
/** A list search sends one request: its token needs to live no longer than that (the reference names no minimum). */
export const SEARCH_TOKEN_TTL = '1m';
const RENEW_BEFORE_MS = 60_000;
const ASSUMED_LIFETIME_MS = 9 * 60_000;

/**
 * When each credential shows on the Connector nodes: only for its choice of Authentication. The
 * nodes list the credentials themselves, as literal objects: n8n's lint reads the integration
 * credential's `name` and `testedBy` from the node's own `credentials` list to know that this
 * credential, which has no `test` of its own, is tested (by `credentialTest` in ./credentialTest).
 */
export const credentialShownFor: Record<ConnectorAuthMode, INodeCredentialDescription['displayOptions']> = {
	integrationToken: { show: { [AUTHENTICATION]: ['integrationToken'] } },
	organizationToken: { show: { [AUTHENTICATION]: ['organizationToken'] } },
};

const authLocator = (name: string, locator: LocatorRow, description: string): INodeProperties => ({
	displayName: locator.displayName,
	name,
	required: true,
	description,
	displayOptions: { show: { [AUTHENTICATION]: ['organizationToken'] } },
	...locatorProperty(locator),
});

/**
 * Authentication, then (organization token only) the Account and Integration to act for, picked
 * from the Management API's lists with the organization credential.
 */
export function connectorAuthProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Authentication',
			name: AUTHENTICATION,
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Integration Token',
					value: 'integrationToken',
					description: 'Call one integration with its own access token',
				},
				{
					name: 'Organization Token',
					value: 'organizationToken',
					description:
						'Pick any account and integration; the node mints a short-lived integration token for each',
				},
			],
			default: 'integrationToken',
		},
		authLocator(ACCOUNT_ID, accountLocator, 'The account (tenant) that owns the integration'),
		authLocator(INTEGRATION_ID, integrationLocator, 'The integration to call; its provider answers every operation'),
	];
}

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
		private readonly context: SynqlyContext,
		private readonly read: ParamReader,
		private readonly session: Session = new Session(),
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

	async fields(itemIndex: number): Promise<Partial<SynqlyRequest>> {
		if (this.mode(itemIndex) === 'integrationToken') return {};
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
		return { credentialType: ORGANIZATION.type, accessToken: minted.secret, session: this.session };
	}

	private async mint(accountId: string, integrationId: string, itemIndex: number): Promise<Minted> {
		const labels = { accountId: 'Account', integrationId: 'Integration' };
		const path = buildPath(
			this.context,
			'/v1/tokens/{accountId}/{integrationId}',
			{ accountId, integrationId },
			itemIndex,
			labels,
		);
		const body = await synqlyRequest.call(this.context, 'management', {
			method: 'POST',
			path,
			body: { token_ttl: this.ttl },
			itemIndex,
			subject: `integration '${integrationId}' of account '${accountId}'`,
			session: this.session,
		});
		const result = (body.result ?? {}) as IDataObject;
		const secret = firstString(result.secret, (result.access as IDataObject | undefined)?.secret);
		if (!secret) {
			throw new NodeOperationError(
				this.context.getNode(),
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
		return withoutSecrets(this.context, error, this.secrets, itemIndex);
	}
}

/**
 * The error as it may leave the node: when one of `secrets` appears anywhere in it (e.g. the
 * request headers or body a network error keeps), a copy with the secrets masked and no cause.
 */
export function withoutSecrets(
	context: SynqlyContext,
	error: unknown,
	secrets: Set<string>,
	itemIndex: number,
): unknown {
	if (secrets.size === 0 || !containsSecret(error, secrets)) return error;
	const e = error as NodeApiError | NodeOperationError;
	const replace = (text: string | null | undefined) =>
		text ? [...secrets].reduce((t, s) => t.split(s).join('***'), text) : undefined;
	const plain: JsonObject = { message: replace(e.message) ?? 'Synqly request failed' };
	if (e instanceof NodeApiError) {
		return new NodeApiError(context.getNode(), plain, {
			message: replace(e.message),
			description: replace(e.description),
			httpCode: e.httpCode ?? undefined,
			itemIndex,
		});
	}
	return new NodeOperationError(context.getNode(), replace(e.message) ?? 'Synqly request failed', {
		description: replace((e as NodeOperationError).description),
		itemIndex,
	});
}

function firstString(...values: unknown[]): string | undefined {
	return values.find((v): v is string => typeof v === 'string' && v !== '');
}

function locatorValue(raw: unknown): string {
	if (typeof raw === 'object' && raw !== null && 'value' in raw) return String((raw as IDataObject).value ?? '');
	return typeof raw === 'string' || typeof raw === 'number' ? String(raw) : '';
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
