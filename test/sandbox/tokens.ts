/**
 * Token issuing and checking. Every secret the sandbox hands out is registered in
 * `state.secrets` with what it grants (scope, owner, permission set, expiry); RefreshToken
 * objects hold the TokenPairs and are what refresh/rotate/reset/delete act on.
 */
import { AUTH_DETAILS, AUTH_REMEDIATIONS, invalidField, unauthorized } from './problems';
import type { SandboxState } from './state';
import { formatDuration, parseDuration, randomSecret } from './store';
import type { Grant, Permission, RefreshToken, Token, TokenPair } from './types';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Lifetimes: documented ones (API-MAP §3.4) and the sandbox's choice where none is documented. */
export const TTL = {
	adhocOrganization: 24 * HOUR,
	adhocIntegration: 10 * MINUTE,
	mcpDefault: HOUR,
	mcpMax: 24 * HOUR,
	synqlyIntegrations: 24 * HOUR,
	/** Not documented: the TokenPair returned by integration create. */
	integration: 30 * DAY,
	/** Not documented: the organization's own token. */
	organization: 365 * DAY,
	logon: HOUR,
	/** Refresh secrets outlive the access secret they renew. */
	refreshFactor: 4,
} as const;

export interface TokenSubject {
	scope: Grant['scope'];
	permissionSet: string;
	accountId?: string;
	integrationId?: string;
	memberId?: string;
	adhocResources?: unknown;
}

/** `token_ttl` body field -> ms, 400 naming `/token_ttl` when it is not a duration. */
export function ttlFromBody(body: Record<string, unknown>, fallbackMs: number, maxMs?: number): number {
	const raw = body.token_ttl;
	if (raw === undefined || raw === null || raw === '') return fallbackMs;
	const ms = typeof raw === 'string' ? parseDuration(raw) : undefined;
	if (ms === undefined || ms <= 0) {
		throw invalidField('token_ttl', `Invalid token_ttl '${String(raw)}': use a duration such as "1h", "30m" or "90s".`, raw);
	}
	if (maxMs !== undefined && ms > maxMs) {
		throw invalidField('token_ttl', `token_ttl '${String(raw)}' exceeds the maximum of ${formatDuration(maxMs)}.`, raw);
	}
	return ms;
}

function permissionOf(state: SandboxState, subject: TokenSubject, refreshTokenId: string): Permission {
	const org = state.organization;
	const p: Permission = {
		resource_id: subject.integrationId ?? org.id,
		resource_type: subject.scope === 'integration' ? 'integration' : 'organization',
		parent_id: subject.accountId ?? org.id,
		id: refreshTokenId,
		organization_id: org.id,
		member_id: subject.memberId ?? state.adminMemberId,
	};
	if (subject.adhocResources !== undefined) p.adhoc_role = { resources: subject.adhocResources, permission_set: subject.permissionSet };
	else p.role_binding = [subject.permissionSet];
	return p;
}

function secretPrefix(subject: TokenSubject, kind: 'access' | 'refresh'): string {
	const scope = subject.scope === 'integration' ? 'int' : subject.scope === 'mcp' ? 'mcp' : 'org';
	return `sqsb_${scope}_${kind === 'refresh' ? 'r_' : ''}`;
}

/** Makes and registers one Token (a bearer secret). */
export function issueToken(
	state: SandboxState,
	subject: TokenSubject,
	options: { ttlMs: number; kind?: 'access' | 'refresh'; refreshTokenId?: string; secret?: string },
): Token {
	const kind = options.kind ?? 'access';
	const expiresMs = Date.now() + options.ttlMs;
	const secret = options.secret ?? randomSecret(secretPrefix(subject, kind));
	state.secrets.set(secret, {
		secret,
		kind,
		scope: subject.scope,
		permissionSet: subject.permissionSet,
		expiresMs,
		refreshTokenId: options.refreshTokenId,
		accountId: subject.accountId,
		integrationId: subject.integrationId,
		memberId: subject.memberId,
	});
	return {
		secret,
		expires: new Date(expiresMs).toISOString(),
		permissions: permissionOf(state, subject, options.refreshTokenId ?? ''),
	};
}

export function issuePair(
	state: SandboxState,
	subject: TokenSubject,
	ttlMs: number,
	refreshTokenId: string,
	fixed: { access?: string; refresh?: string } = {},
): TokenPair {
	return {
		access: issueToken(state, subject, { ttlMs, refreshTokenId, secret: fixed.access }),
		refresh: issueToken(state, subject, {
			ttlMs: ttlMs * TTL.refreshFactor,
			kind: 'refresh',
			refreshTokenId,
			secret: fixed.refresh,
		}),
	};
}

function revokePair(state: SandboxState, pair: TokenPair | undefined): void {
	if (!pair) return;
	state.secrets.delete(pair.access.secret);
	state.secrets.delete(pair.refresh.secret);
}

/** What a RefreshToken's pairs grant, read back from its primary access secret. */
function subjectOf(state: SandboxState, rt: RefreshToken): TokenSubject {
	const grant = state.secrets.get(rt.primary.access.secret);
	const perm = rt.primary.access.permissions;
	return {
		scope: grant?.scope ?? rt.owner_type,
		permissionSet: grant?.permissionSet ?? perm.role_binding?.[0] ?? perm.adhoc_role?.permission_set ?? 'administrator',
		accountId: grant?.accountId,
		integrationId: grant?.integrationId,
		memberId: grant?.memberId ?? rt.member_id,
		adhocResources: perm.adhoc_role?.resources,
	};
}

export interface NewRefreshToken {
	id?: string;
	name?: string;
	fullname?: string;
	ownerType: 'organization' | 'integration';
	ownerId: string;
	tokenType: RefreshToken['token_type'];
	ttlMs: number;
	subject: TokenSubject;
	fixedSecrets?: { access?: string; refresh?: string };
}

export function createRefreshToken(state: SandboxState, spec: NewRefreshToken): RefreshToken {
	const id = spec.id ?? state.newId(state.refreshTokens.idPrefix);
	const name = spec.name ?? id;
	const now = state.clock.iso();
	const primary = issuePair(state, spec.subject, spec.ttlMs, id, spec.fixedSecrets);
	const rt: RefreshToken = {
		id,
		name,
		fullname: spec.fullname ?? name,
		created_at: now,
		updated_at: now,
		owner_id: spec.ownerId,
		owner_type: spec.ownerType,
		expires: primary.refresh.expires,
		token_ttl: formatDuration(spec.ttlMs),
		token_type: spec.tokenType,
		primary,
	};
	if (spec.subject.memberId) rt.member_id = spec.subject.memberId;
	return state.refreshTokens.put(rt);
}

function ttlOf(rt: RefreshToken): number {
	return parseDuration(rt.token_ttl) ?? HOUR;
}

/** refresh / rotate: new primary, old primary kept as secondary (rotate first drops the old secondary). */
export function refreshTokenPair(state: SandboxState, rt: RefreshToken, mode: 'refresh' | 'rotate'): RefreshToken {
	if (mode === 'rotate' || rt.secondary) revokePair(state, rt.secondary);
	rt.secondary = rt.primary;
	rt.primary = issuePair(state, subjectOf(state, rt), ttlOf(rt), rt.id);
	rt.expires = rt.primary.refresh.expires;
	rt.updated_at = state.clock.iso();
	return rt;
}

/** reset: new primary and expiry, secondary removed; every earlier secret stops working. */
export function resetTokenPair(state: SandboxState, rt: RefreshToken): RefreshToken {
	const subject = subjectOf(state, rt);
	revokePair(state, rt.primary);
	revokePair(state, rt.secondary);
	delete rt.secondary;
	rt.primary = issuePair(state, subject, ttlOf(rt), rt.id);
	rt.expires = rt.primary.refresh.expires;
	rt.updated_at = state.clock.iso();
	return rt;
}

export function removeSecondary(state: SandboxState, rt: RefreshToken): void {
	revokePair(state, rt.secondary);
	delete rt.secondary;
	rt.updated_at = state.clock.iso();
}

export function deleteRefreshToken(state: SandboxState, rt: RefreshToken): void {
	revokePair(state, rt.primary);
	revokePair(state, rt.secondary);
	state.refreshTokens.remove(rt.id);
}

/** Every RefreshToken owned by an integration (deleted with it). */
export function deleteTokensOfOwner(state: SandboxState, ownerId: string): void {
	for (const rt of state.refreshTokens.all((t) => t.owner_id === ownerId)) deleteRefreshToken(state, rt);
	for (const [secret, grant] of state.secrets) if (grant.integrationId === ownerId) state.secrets.delete(secret);
}

/**
 * Checks a bearer secret for an API. Wrong scope is a 401 whose detail says which scope the
 * endpoint needs (AUTH_DETAILS.organizationExpected / integrationExpected).
 */
export function authenticate(
	state: SandboxState,
	header: string | undefined,
	api: 'management' | 'connector',
	/** On `PUT /v1/tokens/{id}/refresh`, that token's own refresh secret is accepted too (of either scope). */
	refreshingTokenId?: string,
): Grant {
	const m = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? '');
	if (!m) throw unauthorized(AUTH_DETAILS.missing);
	const grant = state.secrets.get(m[1].trim());
	if (!grant) throw unauthorized(AUTH_DETAILS.invalid);
	if (grant.usesLeft !== undefined) {
		if (grant.usesLeft <= 0) grant.expiresMs = Math.min(grant.expiresMs, Date.now());
		grant.usesLeft -= 1;
	}
	if (grant.expiresMs <= Date.now()) throw unauthorized(AUTH_DETAILS.expired);
	if (grant.kind === 'refresh') {
		if (refreshingTokenId !== undefined && state.refreshTokens.find(refreshingTokenId)?.id === grant.refreshTokenId) return grant;
		throw unauthorized(AUTH_DETAILS.invalid);
	}
	if (grant.scope === 'mcp') throw unauthorized(AUTH_DETAILS.mcpOnly);
	if (api === 'management' && grant.scope !== 'organization') {
		throw unauthorized(AUTH_DETAILS.organizationExpected, AUTH_REMEDIATIONS.organizationExpected);
	}
	if (api === 'connector' && grant.scope !== 'integration') {
		throw unauthorized(AUTH_DETAILS.integrationExpected, AUTH_REMEDIATIONS.integrationExpected);
	}
	if (api === 'connector' && !state.integrations.find(grant.integrationId ?? '')) throw unauthorized(AUTH_DETAILS.integrationGone);
	return grant;
}
