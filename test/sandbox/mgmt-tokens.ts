/**
 * The 11 token operations and member sessions (logon, logoff, change password).
 * Token lifetimes follow API-MAP §3.4; secrets are registered in `state.secrets`.
 */
import { PERMISSION_SETS } from './catalog';
import { AUTH_DETAILS, forbiddenDetail, invalidField, missingField, ProblemError, unauthorized } from './problems';
import { noContent, ok, type Ctx, type Handler } from './router';
import { applyList, isObject, parseListQuery } from './store';
import {
	createRefreshToken,
	deleteRefreshToken,
	issueToken,
	refreshTokenPair,
	removeSecondary,
	resetTokenPair,
	TTL,
	ttlFromBody,
} from './tokens';
import { bodyObject } from './mgmt-resources';
import type { RefreshToken } from './types';

/** Hidden account that owns "Synqly integrations" tokens (status exports, async operations). */
const SYNQLY_INTEGRATIONS_ACCOUNT = 'acc_synqly_integrations';

function refreshToken(ctx: Ctx, param = 'refresh_token_id'): RefreshToken {
	return ctx.state.refreshTokens.get(ctx.params[param]);
}

/** `{ownerId}` of reset/rotate: the organization or integration (id or name) that owns the token. */
function ownedToken(ctx: Ctx): RefreshToken {
	const rt = refreshToken(ctx);
	const s = ctx.state;
	const ownerId = ctx.params.owner_id;
	const owner =
		[s.organization, ...s.subOrgs.all()].find((o) => o.id === ownerId || o.name.toLowerCase() === ownerId.toLowerCase()) ??
		s.integrations.find(ownerId);
	if (!owner || owner.id !== rt.owner_id) {
		throw new ProblemError(404, `Token '${rt.id}' is not owned by '${ownerId}'.`, {
			context: { resources: [{ type: 'token', id: rt.id, rel: 'affected' }] },
		});
	}
	return rt;
}

function checkPermissionSet(value: unknown, callerSet: string): string {
	if (value === undefined) throw missingField('permission_set');
	if (typeof value !== 'string' || !(PERMISSION_SETS as readonly string[]).includes(value)) {
		throw invalidField('permission_set', `Unknown permission set '${String(value)}'.`, value);
	}
	// Tokens can only be reduced in scope: only administrators may hand out other sets than their own.
	if (callerSet !== 'administrator' && value !== callerSet && value !== 'viewer') {
		throw new ProblemError(403, forbiddenDetail(`tokens:create_token:${value}`, callerSet));
	}
	return value;
}

export function tokenHandlers(): Record<string, Handler> {
	return {
		create_token: (ctx) => {
			const body = bodyObject(ctx);
			if (!isObject(body.resources)) throw missingField('resources');
			const permissionSet = checkPermissionSet(body.permission_set, ctx.grant?.permissionSet ?? 'administrator');
			const ttlMs = ttlFromBody(body, TTL.adhocOrganization);
			const base = ctx.state.baseFields(ctx.state.refreshTokens, body);
			ctx.state.refreshTokens.assertNameFree(base.name);
			const rt = createRefreshToken(ctx.state, {
				id: base.id,
				name: base.name,
				fullname: base.fullname,
				ownerType: 'organization',
				ownerId: ctx.state.organization.id,
				tokenType: 'adhoc',
				ttlMs,
				subject: { scope: 'organization', permissionSet, memberId: ctx.grant?.memberId, adhocResources: body.resources },
			});
			return ok(rt);
		},
		create_mcp_token: (ctx) => {
			const body = bodyObject(ctx);
			const scope = body.scope;
			if (!isObject(scope)) throw missingField('scope');
			if (!['management', 'integration-usage', 'developer'].includes(String(scope.type))) {
				throw invalidField('scope/type', `Unknown MCP scope type '${String(scope.type)}': use management, integration-usage or developer.`, scope.type);
			}
			if (scope.type !== 'management' && typeof scope.account_id !== 'string') throw missingField('scope/account_id');
			const accountId = typeof scope.account_id === 'string' ? ctx.state.accounts.get(scope.account_id).id : undefined;
			const ttlMs = ttlFromBody(body, TTL.mcpDefault, TTL.mcpMax);
			const token = issueToken(
				ctx.state,
				{ scope: 'mcp', permissionSet: scope.type === 'management' ? 'mcp-management' : 'mcp-integrations-use-only', accountId, memberId: ctx.grant?.memberId },
				{ ttlMs, refreshTokenId: ctx.state.newId('tok') },
			);
			return ok({ ...token, claims: { mcp_scope: scope } });
		},
		create_integration_token: (ctx) => {
			const account = ctx.state.accounts.get(ctx.params.account_id);
			const integration = ctx.state.integrations.get(ctx.params.integration_id, (i) => i.account_id === account.id);
			const body = bodyObject(ctx);
			const ttlMs = ttlFromBody(body, TTL.adhocIntegration);
			const id = ctx.state.newId(ctx.state.refreshTokens.idPrefix);
			const name = typeof body.name === 'string' && body.name !== '' ? body.name : id;
			ctx.state.refreshTokens.assertNameFree(name, (t) => t.owner_id === integration.id);
			const rt = createRefreshToken(ctx.state, {
				id,
				name,
				ownerType: 'integration',
				ownerId: integration.id,
				tokenType: 'adhoc',
				ttlMs,
				subject: { scope: 'integration', permissionSet: 'administrator', accountId: account.id, integrationId: integration.id, memberId: ctx.grant?.memberId },
			});
			return ok(rt.primary.access);
		},
		create_synqly_integrations_token: (ctx) => {
			const ttlMs = ttlFromBody(bodyObject(ctx), TTL.synqlyIntegrations);
			const id = ctx.state.newId(ctx.state.refreshTokens.idPrefix);
			const rt = createRefreshToken(ctx.state, {
				id,
				name: `synqly-integrations-${id.slice(-6)}`,
				ownerType: 'organization',
				ownerId: ctx.state.organization.id,
				tokenType: 'adhoc',
				ttlMs,
				subject: { scope: 'organization', permissionSet: 'administrator', accountId: SYNQLY_INTEGRATIONS_ACCOUNT, memberId: ctx.grant?.memberId },
			});
			return ok({ account_id: SYNQLY_INTEGRATIONS_ACCOUNT, token: rt });
		},
		list: (ctx) => {
			const q = parseListQuery(ctx.query, { defaultOrder: 'name' });
			return ok(applyList(ctx.state.refreshTokens.all(), q).page);
		},
		get: (ctx) => ok(refreshToken(ctx)),
		refresh: (ctx) => ok(refreshTokenPair(ctx.state, refreshToken(ctx), 'refresh')),
		rotate: (ctx) => ok(refreshTokenPair(ctx.state, ownedToken(ctx), 'rotate')),
		reset: (ctx) => ok(resetTokenPair(ctx.state, ownedToken(ctx))),
		remove_secondary: (ctx) => {
			removeSecondary(ctx.state, refreshToken(ctx));
			return noContent();
		},
		delete: (ctx) => {
			const rt = refreshToken(ctx);
			if (rt.token_type === 'default') {
				throw invalidField('refresh_token_id', `Token '${rt.id}' is the default token of its ${rt.owner_type}; only adhoc and logon tokens can be deleted (use reset instead).`, rt.id, 'path');
			}
			deleteRefreshToken(ctx.state, rt);
			return noContent();
		},
	};
}

export function sessionHandlers(): Record<string, Handler> {
	return {
		logon: (ctx) => {
			const s = ctx.state;
			const orgId = ctx.params.organization_id;
			if (orgId !== s.organization.id && orgId.toLowerCase() !== s.organization.name.toLowerCase()) {
				throw new ProblemError(404, `No organization with id or name '${orgId}' exists.`, {
					context: { resources: [{ type: 'organization', id: orgId, rel: 'affected' }] },
				});
			}
			const body = bodyObject(ctx);
			const member = typeof body.name === 'string' ? s.members.find(body.name) : undefined;
			if (!member || s.memberSecrets.get(member.id) !== body.secret) throw unauthorized(AUTH_DETAILS.badLogon);
			if (member.state !== 'enabled') {
				return ok({ auth_code: member.state === 'locked' ? 'locked' : 'disabled', auth_msg: `Member is ${member.state}.`, refresh_token_id: '', token: null, organization: s.organization, member });
			}
			member.last_logon = s.clock.iso();
			const rt = createRefreshToken(s, {
				name: `logon-${member.name.replace(/[^a-z0-9_-]/gi, '-')}-${Date.now().toString(36)}`,
				ownerType: 'organization',
				ownerId: s.organization.id,
				tokenType: 'logon',
				ttlMs: TTL.logon,
				subject: { scope: 'organization', permissionSet: member.role_binding[0] ?? 'viewer', memberId: member.id },
			});
			return ok({ auth_code: 'success', refresh_token_id: rt.id, token: rt.primary, organization: s.organization, member });
		},
		logoff: (ctx) => {
			const rt = ctx.grant?.refreshTokenId ? ctx.state.refreshTokens.find(ctx.grant.refreshTokenId) : undefined;
			if (rt?.token_type === 'logon') deleteRefreshToken(ctx.state, rt);
			return noContent();
		},
		change_password: (ctx) => {
			const body = bodyObject(ctx);
			const member = ctx.state.members.find(ctx.grant?.memberId ?? '');
			if (!member) throw new ProblemError(400, 'This token does not belong to a member; log on first.');
			if (ctx.state.memberSecrets.get(member.id) !== body.old_secret) {
				return ok({ auth_code: 'failure', auth_msg: 'The old secret is not correct.' });
			}
			if (typeof body.new_secret !== 'string' || body.new_secret.length < 8 || body.new_secret.length > 71) {
				throw invalidField('new_secret', 'The new secret must be 8 to 71 characters long.');
			}
			ctx.state.memberSecrets.set(member.id, body.new_secret);
			return ok({ auth_code: 'success' });
		},
	};
}
