/**
 * Everything one sandbox holds. Nothing here is module-global: each `startSandbox()` gets its
 * own `SandboxState`, so tests can run several side by side.
 */
import { findProvider } from './catalog';
import { ConnectorData } from './mockdata';
import { invalidField, missingField } from './problems';
import { Clock, Collection, isObject, newId, NAME_PATTERN, slugify } from './store';
import { createRefreshToken, deleteTokensOfOwner, TTL } from './tokens';
import type {
	Account,
	Audit,
	Credential,
	ExecutionEvent,
	GenericObject,
	Grant,
	Integration,
	IntegrationStatus,
	Member,
	Operation,
	Organization,
	OrganizationWebhook,
	RefreshToken,
	StatusEvent,
	TokenPair,
	WebhookDelivery,
} from './types';

export type SeedName = 'empty' | 'demo';

/** Fields every new management object starts with. */
export interface BaseFields {
	id: string;
	name: string;
	fullname: string;
	created_at: string;
	updated_at: string;
}

/** The organization token of every sandbox (also valid after `reset()`). */
export const SANDBOX_ORG_TOKEN = 'synqly-sandbox-org-token';
export const SANDBOX_ORG_REFRESH_TOKEN = 'synqly-sandbox-org-refresh-token';
/** Access secrets of the two demo integrations (seed 'demo'); fixed so saved n8n credentials keep working. */
export const SANDBOX_DEMO_SIEM_TOKEN = 'synqly-sandbox-integration-token-acme-siem';
export const SANDBOX_DEMO_TICKETS_TOKEN = 'synqly-sandbox-integration-token-acme-tickets';
/** A member that can log on (`POST /v1/auth/logon/{organizationId}`), present in both seeds. */
export const SANDBOX_MEMBER = { name: 'admin@sandbox.example', secret: 'sandbox-password' } as const;

export const SANDBOX_IDS = {
	organization: 'org_sandbox',
	organizationName: 'sandbox-org',
	organizationToken: 'tok_org_sandbox',
	adminMember: 'mem_sandbox_admin',
	account: 'acc_acme',
	siemIntegration: 'int_acme_siem',
	ticketingIntegration: 'int_acme_tickets',
} as const;

export interface SandboxSettings {
	/**
	 * How many times `GET /v1/siem/events` answers `status: PENDING` (empty result + cursor) before
	 * the data comes. 0 = answer at once. A single query can ask with `filter=pending_polls[eq]N`.
	 */
	siemEventsPendingPolls: number;
	/**
	 * How many times EDR Execute Command and Execute Remote Script answer `status: PENDING` (no
	 * result yet) before the result comes. 0 = answer at once. The reference's protocol: the action
	 * runs on the request without a `cursor`; the answer's `cursor` is sent back in the body (with
	 * the command, which the reference requires) to poll it, and a poll does not run it again.
	 */
	edrActionPendingPolls: number;
	/**
	 * false: those PENDING answers come without a cursor (`cursor: ''`), so the action cannot be
	 * polled; every request without a cursor runs the action again (counted in `actions`).
	 */
	edrActionPendingCursor: boolean;
	/**
	 * true: connector queries answer in the provider's own order (the order records were added)
	 * whatever `order` asks. The reference lets a provider do that: each operation's capabilities
	 * list the `orders` it supports (`ProviderCapabilities.operations[].orders`).
	 */
	providerIgnoresOrder: boolean;
	/** POST organization/integration webhooks to their URLs (deliveries are recorded either way). */
	deliverWebhooks: boolean;
	webhookTimeoutMs: number;
	/** Added before answering every API request (not the control endpoints): a remote API's round trip. */
	latencyMs: number;
	/**
	 * More latency per request, on top of `latencyMs`: the n-th API request counted from when this
	 * list was set (or the sandbox reset) waits `latencyPattern[n % length]` ms, so the requests
	 * cycle through the list. `[400, 0, 0, 0]`: the first request of every four answers 400 ms late,
	 * after the ones sent next to it: answers out of order, deterministically. Replace the list to
	 * change it (it is not copied, so do not mutate it); `[]` (default): none.
	 */
	latencyPattern: readonly number[];
	/** Keep every request in `requests` (false: only count them, for benchmarks of 100,000 objects). */
	recordRequests: boolean;
	/**
	 * More than this many API requests in flight at once are refused at once with 429 and
	 * `Retry-After: <inFlightRetryAfter>` (a gateway's concurrency limit); 0 (default): no limit.
	 * Counted from a request's arrival to the end of its answer; `GET /__sandbox/stats` tells the
	 * peak and how many were refused.
	 */
	maxInFlight: number;
	/** The Retry-After (seconds) of the 429 that `maxInFlight` answers; default 1. */
	inFlightRetryAfter: number;
	/**
	 * Lists and queries answer at most this many objects per page, whatever `limit` asked for, and
	 * without saying so (a provider that caps its page size); 0 (default): no cap.
	 */
	pageCap: number;
}

const DEFAULT_SETTINGS: SandboxSettings = { siemEventsPendingPolls: 0, edrActionPendingPolls: 0, edrActionPendingCursor: true, providerIgnoresOrder: false, deliverWebhooks: true, webhookTimeoutMs: 2000, latencyMs: 0, latencyPattern: Object.freeze([]), recordRequests: true, maxInFlight: 0, inFlightRetryAfter: 1, pageCap: 0 };

/** What `bulkSeed` adds (POST /__sandbox/seed): many objects at once, for benchmarks. */
export interface BulkSeed {
	/** Accounts `bulk-000001`… (ids `acc_bulk-000001`…), environment test. */
	accounts?: number;
	/** OCSF Authentication events added to this SIEM integration's events (`events`). */
	events?: number;
	/** Integration id or name for `events`; default the demo `acme-siem`. */
	integration?: string;
}

/** Inline secret types of provider credentials; they are stored as Credentials on create. */
const INLINE_CREDENTIAL_TYPES = ['aws', 'aws_role', 'token', 'basic', 'secret', 'o_auth_client', 'tls_certificate'];

export class SandboxState {
	readonly clock = new Clock();
	organization!: Organization;
	readonly accounts = new Collection<Account>('account', 'acc');
	readonly integrations = new Collection<Integration>('integration', 'int');
	readonly integrationPoints = new Collection<GenericObject>('integration_point', 'ip');
	readonly credentials = new Collection<Credential>('credential', 'cred');
	readonly bridges = new Collection<GenericObject>('bridge', 'brg');
	readonly members = new Collection<Member>('member', 'mem');
	readonly roles = new Collection<GenericObject>('role', 'role');
	readonly subOrgs = new Collection<Organization>('sub_org', 'org');
	readonly webhooks = new Collection<OrganizationWebhook>('organization_webhook', 'whk');
	readonly customs = new Collection<GenericObject>('custom', 'cst');
	readonly mappings = new Collection<GenericObject>('transform', 'map');
	readonly sso = new Collection<GenericObject>('sso_configuration', 'sso');
	readonly refreshTokens = new Collection<RefreshToken>('token', 'tok');
	/** Every valid bearer secret -> what it grants. */
	readonly secrets = new Map<string, Grant>();
	/** Member passwords (never returned by the API). */
	readonly memberSecrets = new Map<string, string>();
	readonly audit: Audit[] = [];
	readonly statuses = new Map<string, IntegrationStatus>();
	readonly statusEvents: StatusEvent[] = [];
	readonly operations: Operation[] = [];
	readonly executions: ExecutionEvent[] = [];
	readonly deliveries: WebhookDelivery[] = [];
	/** Webhook deliveries in flight. */
	readonly inflight = new Set<Promise<void>>();
	private readonly connectorData = new Map<string, ConnectorData>();
	readonly settings: SandboxSettings = { ...DEFAULT_SETTINGS };
	adminMemberId: string = SANDBOX_IDS.adminMember;
	/** Accounts `bulkSeed` made so far: the next is bulk-(n+1). */
	private bulkAccounts = 0;
	/** Access secrets of the seeded integrations ('' in the empty seed). */
	seededTokens: { siem: string; ticketing: string } = { siem: '', ticketing: '' };

	constructor(public seedName: SeedName = 'empty') {
		this.seed(seedName);
	}

	newId(prefix: string): string {
		return newId(prefix);
	}

	/** Back to the seed: clears every collection, token, record and connector dataset. */
	reset(seedName: SeedName = this.seedName): void {
		for (const c of [
			this.accounts, this.integrations, this.integrationPoints, this.credentials, this.bridges, this.members,
			this.roles, this.subOrgs, this.webhooks, this.customs, this.mappings, this.sso, this.refreshTokens,
		]) {
			c.clear();
		}
		this.secrets.clear();
		this.memberSecrets.clear();
		this.connectorData.clear();
		this.statuses.clear();
		this.bulkAccounts = 0;
		for (const list of [this.audit, this.statusEvents, this.operations, this.executions, this.deliveries] as unknown[][]) list.length = 0;
		Object.assign(this.settings, DEFAULT_SETTINGS);
		this.seedName = seedName;
		this.seed(seedName);
	}

	/** Connector-side data of an integration (id or name), created on first use from its category. */
	connector(integrationIdOrName: string): ConnectorData {
		const integration = this.integrations.get(integrationIdOrName);
		let data = this.connectorData.get(integration.id);
		if (!data) {
			data = new ConnectorData(integration.category, this.clock);
			this.connectorData.set(integration.id, data);
		}
		return data;
	}

	/** Base fields of a new management object; `name` defaults from fullname, then the id. */
	baseFields(
		collection: { idPrefix: string },
		body: Record<string, unknown>,
		fixedId?: string,
		namePattern: RegExp = NAME_PATTERN,
	): BaseFields {
		const id = fixedId ?? this.newId(collection.idPrefix);
		const rawName = body.name;
		const rawFullname = body.fullname;
		if (rawName !== undefined && rawName !== null && (typeof rawName !== 'string' || !namePattern.test(rawName))) {
			throw invalidField('name', `Invalid name '${String(rawName)}': use lowercase letters, digits, '_' and '-'.`, rawName);
		}
		if (rawFullname !== undefined && rawFullname !== null && typeof rawFullname !== 'string') {
			throw invalidField('fullname', 'fullname must be a string.', rawFullname);
		}
		const fullname = typeof rawFullname === 'string' && rawFullname !== '' ? rawFullname : undefined;
		const name = typeof rawName === 'string' && rawName !== '' ? rawName : fullname ? slugify(fullname) || id : id;
		const now = this.clock.iso();
		return { id, name, fullname: fullname ?? name, created_at: now, updated_at: now };
	}

	// -------------------------------------------------------------------------------------------
	// Integrations (shared by the seed and POST /v1/integrations/{accountId})

	/** Checks a provider_config against the reference: known type, required fields, credential kinds. */
	validateProviderConfig(config: unknown, pointer = '/provider_config'): { type: string; category: string; fullname: string } {
		if (!isObject(config)) throw missingField(pointer.slice(1));
		const type = config.type;
		if (typeof type !== 'string' || type === '') throw missingField(`${pointer.slice(1)}/type`);
		const provider = findProvider(type);
		if (!provider) throw invalidField(`${pointer}/type`, `Unknown provider type '${type}'.`, type);
		for (const field of provider.config.fields) {
			const value = config[field.name];
			if (field.required && (value === undefined || value === null || value === '')) {
				throw missingField(`${pointer.slice(1)}/${field.name}`);
			}
			if (value !== undefined && field.credentialTypes) {
				const credential = isObject(value) ? value : {};
				const kind = credential.type;
				if (typeof kind !== 'string' || !field.credentialTypes.includes(kind)) {
					throw invalidField(
						`${pointer}/${field.name}/type`,
						`Credential '${field.name}' of '${type}' must have type ${field.credentialTypes.join(' or ')}.`,
						kind,
					);
				}
				const ref = credential.value;
				if (kind.endsWith('_id') && typeof ref === 'string' && !this.credentials.find(ref)) {
					throw invalidField(`${pointer}/${field.name}/value`, `Credential '${ref}' does not exist.`, ref);
				}
			}
		}
		return { type, category: provider.category, fullname: provider.fullname };
	}

	/**
	 * Creates an integration with its RefreshToken (TokenPair) and moves inline provider secrets
	 * into Credentials owned by the integration (returned as `credentials_created`).
	 */
	createIntegration(
		account: Account,
		body: Record<string, unknown>,
		fixed: { id?: string; accessSecret?: string } = {},
	): { integration: Integration; token: TokenPair; credentials_created?: Record<string, unknown>[] } {
		const provider = this.validateProviderConfig(body.provider_config);
		const base = this.baseFields(this.integrations, body, fixed.id);
		this.integrations.assertNameFree(base.name, (i) => i.account_id === account.id);
		const config = { ...(body.provider_config as Record<string, unknown>) } as Integration['provider_config'];
		const created = this.storeInlineCredentials(config, { id: base.id, name: base.name, fullname: base.fullname, account_id: account.id });
		const refreshTokenId = this.newId(this.refreshTokens.idPrefix);
		const integration: Integration = {
			...base,
			...body,
			...base,
			refresh_token_id: refreshTokenId,
			account_id: account.id,
			category: provider.category,
			provider_config: config,
			provider_fullname: provider.fullname,
			provider_type: provider.type,
		} as Integration;
		this.integrations.put(integration);
		const rt = createRefreshToken(this, {
			id: refreshTokenId,
			name: `${base.name}-token`,
			ownerType: 'integration',
			ownerId: integration.id,
			tokenType: 'default',
			ttlMs: TTL.integration,
			subject: { scope: 'integration', permissionSet: 'administrator', accountId: account.id, integrationId: integration.id },
			fixedSecrets: fixed.accessSecret ? { access: fixed.accessSecret } : {},
		});
		this.statuses.set(integration.id, {
			created_at: base.created_at,
			updated_at: base.created_at,
			account_id: account.id,
			integration_id: integration.id,
			status: 'Active',
			requests: 0,
			failed: 0,
			cpu_time: 0,
			db_ops: 0,
			api_ops: 0,
			in_bytes: 0,
			out_bytes: 0,
		});
		const result: { integration: Integration; token: TokenPair; credentials_created?: Record<string, unknown>[] } = {
			integration,
			token: rt.primary,
		};
		if (created.length) result.credentials_created = created.map(credentialResponse);
		return result;
	}

	/**
	 * Moves inline secrets of a provider_config (`{type: 'basic', username, secret}`) into
	 * Credentials owned by the integration and puts `{type: 'basic_id', value: <credentialId>}` in
	 * their place, so integrations never echo secrets. Changes `config` in place.
	 */
	storeInlineCredentials(
		config: Record<string, unknown>,
		owner: { id: string; name: string; fullname: string; account_id: string },
	): Credential[] {
		const created: Credential[] = [];
		for (const [key, value] of Object.entries(config)) {
			if (!isObject(value) || typeof value.type !== 'string' || !INLINE_CREDENTIAL_TYPES.includes(value.type)) continue;
			const now = this.clock.iso();
			const cred: Credential = {
				id: this.newId(this.credentials.idPrefix),
				name: `${owner.name}-${key}-${created.length + this.credentials.all((c) => c.integration_id === owner.id).length + 1}`.replace(/_/g, '-'),
				fullname: `${owner.fullname} ${key}`,
				owner_type: 'integration',
				account_id: owner.account_id,
				integration_id: owner.id,
				config: { ...value } as Credential['config'],
				managed: 'Managed',
				created_at: now,
				updated_at: now,
			};
			this.credentials.put(cred);
			created.push(cred);
			config[key] = { type: `${value.type}_id`, value: cred.id };
		}
		return created;
	}

	deleteIntegration(integration: Integration): void {
		this.integrations.remove(integration.id);
		deleteTokensOfOwner(this, integration.id);
		for (const c of this.credentials.all((c) => c.integration_id === integration.id)) this.credentials.remove(c.id);
		this.statuses.delete(integration.id);
		this.connectorData.delete(integration.id);
	}

	deleteAccount(account: Account): void {
		for (const i of this.integrations.all((i) => i.account_id === account.id)) this.deleteIntegration(i);
		for (const c of this.credentials.all((c) => c.account_id === account.id)) this.credentials.remove(c.id);
		for (const b of this.bridges.all((b) => b.account_id === account.id)) this.bridges.remove(b.id);
		this.accounts.remove(account.id);
	}

	/** Adds many objects at once (no audit, no webhooks); returns how many of each there are now. */
	bulkSeed(seed: BulkSeed): { accounts: number; events?: number } {
		const now = this.clock.iso();
		for (let i = 0; i < (seed.accounts ?? 0); i++) {
			const n = ++this.bulkAccounts;
			const name = `bulk-${String(n).padStart(6, '0')}`;
			this.accounts.put({ id: `acc_${name}`, name, fullname: `Bulk ${n}`, organization_id: this.organization.id, environment: 'test', created_at: now, updated_at: now });
		}
		if (!seed.events) return { accounts: this.accounts.size };
		const events = this.connector(seed.integration ?? SANDBOX_IDS.siemIntegration).sets.events;
		const base = Date.parse(now);
		for (let i = 0; i < seed.events; i++) {
			events.push({
				class_uid: 3002, class_name: 'Authentication', category_uid: 3, category_name: 'Identity & Access Management',
				activity_id: 1, type_uid: 300201, severity_id: 1, time: base + i, status_id: 1,
				user: { name: `user-${i % 1000}` }, src_endpoint: { ip: `10.0.${(i >> 8) & 255}.${i & 255}` },
				metadata: { uid: `bulk-event-${i + 1}`, product: { name: 'bench', vendor_name: 'n8n-nodes-synqly' }, version: '1.3.0' },
			});
		}
		return { accounts: this.accounts.size, events: events.length };
	}

	// -------------------------------------------------------------------------------------------
	// Seeds

	private seed(seedName: SeedName): void {
		const now = this.clock.iso();
		this.organization = {
			id: SANDBOX_IDS.organization,
			name: SANDBOX_IDS.organizationName,
			fullname: 'Sandbox Org',
			refresh_token_id: SANDBOX_IDS.organizationToken,
			organization_type: 'root',
			contact: 'admin@sandbox.example',
			reply_to: 'no-reply@synqly.com',
			options: { invite_duration: '72h', forgot_duration: '1h', password_duration: '2160h', minimum_password_length: 8 },
			created_at: now,
			updated_at: now,
		};
		const member: Member = {
			id: SANDBOX_IDS.adminMember,
			name: SANDBOX_MEMBER.name,
			fullname: 'Sandbox Admin',
			state: 'enabled',
			type: 'personal',
			role_binding: ['administrator'],
			last_logon: now,
			ttl: '2160h',
			token_ttl: '1h',
			expires: new Date(Date.now() + TTL.organization).toISOString(),
			pin_expires: now,
			created_at: now,
			updated_at: now,
		};
		this.members.put(member);
		this.memberSecrets.set(member.id, SANDBOX_MEMBER.secret);
		createRefreshToken(this, {
			id: SANDBOX_IDS.organizationToken,
			name: 'sandbox-org-token',
			fullname: 'Sandbox organization token',
			ownerType: 'organization',
			ownerId: this.organization.id,
			tokenType: 'default',
			ttlMs: TTL.organization,
			subject: { scope: 'organization', permissionSet: 'administrator', memberId: member.id },
			fixedSecrets: { access: SANDBOX_ORG_TOKEN, refresh: SANDBOX_ORG_REFRESH_TOKEN },
		});
		this.seededTokens = { siem: '', ticketing: '' };
		if (seedName !== 'demo') return;
		const account: Account = {
			id: SANDBOX_IDS.account,
			name: 'acme',
			fullname: 'Acme Corp',
			organization_id: this.organization.id,
			environment: 'test',
			labels: ['demo'],
			created_at: this.clock.iso(),
			updated_at: this.clock.iso(),
		};
		this.accounts.put(account);
		this.createIntegration(
			account,
			{ name: 'acme-siem', fullname: 'Acme SIEM', provider_config: { type: 'siem_mock_siem' } },
			{ id: SANDBOX_IDS.siemIntegration, accessSecret: SANDBOX_DEMO_SIEM_TOKEN },
		);
		this.createIntegration(
			account,
			{ name: 'acme-tickets', fullname: 'Acme Tickets', provider_config: { type: 'ticketing_mock_ticketing' } },
			{ id: SANDBOX_IDS.ticketingIntegration, accessSecret: SANDBOX_DEMO_TICKETS_TOKEN },
		);
		this.seededTokens = { siem: SANDBOX_DEMO_SIEM_TOKEN, ticketing: SANDBOX_DEMO_TICKETS_TOKEN };
	}
}

/** Secret-bearing keys removed from credential configs in responses (CredentialConfigNoSecret). */
const SECRET_KEYS = ['secret', 'client_secret', 'secret_access_key', 'session_token', 'private_key', 'password', 'value'];

export function credentialResponse(cred: Credential): Record<string, unknown> {
	const config = Object.fromEntries(Object.entries(cred.config).filter(([k]) => !SECRET_KEYS.includes(k)));
	return { ...cred, config };
}
