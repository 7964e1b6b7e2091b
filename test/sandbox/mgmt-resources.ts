/**
 * Management CRUD resources, table-driven: each entry of RESOURCES says where a kind of object
 * lives, what its parent path parameter is, how a create body becomes a stored object and which
 * fields the server owns. One generic list/get/create/update/patch/delete implementation serves
 * them all (accounts, integrations, integration points, credentials, bridges, members, roles,
 * organization webhooks, customs, mappings, SSO configurations, sub-orgs).
 */
import { CATEGORIES, findProvider, PERMISSION_SETS } from './catalog';
import { MANAGEMENT_OPS, type RefOp } from './reference';
import { badRequest, conflict, invalidField, missingField, notFound, ProblemError } from './problems';
import { noContent, ok, type Ctx, type Handler, type Reply } from './router';
import { credentialResponse, type BaseFields, type SandboxState } from './state';
import { applyJsonPatch, applyList, Collection, deepClone, first, isObject, many, NAME_PATTERN, omit, parseListQuery, randomSecret, type Stored } from './store';
import { createRefreshToken, TTL } from './tokens';
import type { Account, Credential, Integration, Member, Organization, OrganizationWebhook } from './types';
import { emitOrganizationEvent, type OrganizationEvent } from './webhooks';

type Obj = Record<string, unknown>;

export function bodyObject(ctx: Ctx): Obj {
	return isObject(ctx.body) ? ctx.body : {};
}

/** Only the fields the reference lists for this operation's body (unknown keys are dropped). */
function pickFields(op: RefOp, body: Obj): Obj {
	return Object.fromEntries(Object.entries(body).filter(([k]) => op.bodyFields.includes(k) && body[k] !== undefined));
}

function oneOf(field: string, value: unknown, allowed: readonly string[]): void {
	if (value !== undefined && (typeof value !== 'string' || !allowed.includes(value))) {
		throw invalidField(field, `Invalid ${field.replace(/^\//, '')} '${String(value)}': use one of ${allowed.join(', ')}.`, value);
	}
}

const LABEL = /^[A-Za-z0-9_\-:.]{1,48}$/;

function checkLabels(value: unknown): void {
	if (value === undefined) return;
	if (!Array.isArray(value) || value.some((l) => typeof l !== 'string' || !LABEL.test(l))) {
		throw invalidField('labels', 'labels must be strings of 1-48 letters, digits, _ - : or .', value);
	}
}

export interface ResourceSpec<T extends Stored> {
	group: string;
	collection: (s: SandboxState) => Collection<T>;
	/** Path parameter naming the object (`account_id`, `integration_id`, …). */
	idParam: string;
	/** Parent path parameter and how it scopes the objects (and their unique names). */
	parent?: { param: string; resolve: (s: SandboxState, id: string) => Stored; owns: (parent: Stored, item: T) => boolean };
	/** Server-owned fields a PUT or PATCH cannot change (id, created_at and updated_at always are). */
	fixed?: string[];
	/** Turns base fields + the create body into the stored object (validating on the way). */
	build?: (ctx: Ctx, base: BaseFields, body: Obj, parent?: Stored) => T;
	/** Validates an object after PUT or PATCH and recomputes derived fields. */
	revise?: (ctx: Ctx, next: T, previous: T) => T;
	/** The object as the API shows it (secrets removed). */
	view?: (item: T, ctx: Ctx) => unknown;
	/** Body of a create response, if not the object itself (e.g. `{account}`). */
	created?: (item: T, ctx: Ctx) => unknown;
	remove?: (s: SandboxState, item: T) => void;
	events?: { create: OrganizationEvent; update: OrganizationEvent; remove: OrganizationEvent };
	/** Default `order` of lists. */
	order?: string;
	/** Allowed names, if not the usual slug (members are named by e-mail address). */
	namePattern?: RegExp;
}

function parentOf<T extends Stored>(spec: ResourceSpec<T>, ctx: Ctx): Stored | undefined {
	return spec.parent ? spec.parent.resolve(ctx.state, ctx.params[spec.parent.param]) : undefined;
}

function scopeOf<T extends Stored>(spec: ResourceSpec<T>, parent: Stored | undefined): (item: T) => boolean {
	return parent && spec.parent ? (item) => spec.parent!.owns(parent, item) : () => true;
}

function viewOf<T extends Stored>(spec: ResourceSpec<T>, item: T, ctx: Ctx): unknown {
	return spec.view ? spec.view(item, ctx) : item;
}

function emit<T extends Stored>(spec: ResourceSpec<T>, ctx: Ctx, kind: 'create' | 'update' | 'remove', item: T): void {
	const event = spec.events?.[kind];
	if (!event) return;
	if (spec.group === 'accounts') emitOrganizationEvent(ctx.state, event, { account: item as unknown as Account });
	else emitOrganizationEvent(ctx.state, event, { integration: item as unknown as Integration, account: ctx.state.accounts.find((item as unknown as Integration).account_id) });
}

/** PUT and PATCH share this: keep server-owned fields, check the name, store. */
function commit<T extends Stored>(spec: ResourceSpec<T>, ctx: Ctx, previous: T, candidate: Obj, parent: Stored | undefined): Reply {
	if (candidate.id !== undefined && candidate.id !== previous.id) {
		throw invalidField('id', `The id in the body ('${String(candidate.id)}') does not match the object's id '${previous.id}'.`, candidate.id);
	}
	const name = candidate.name;
	if (typeof name !== 'string' || !(spec.namePattern ?? NAME_PATTERN).test(name)) {
		throw invalidField('name', `Invalid name '${String(name)}': use lowercase letters, digits, '_' and '-'.`, name);
	}
	const coll = spec.collection(ctx.state);
	coll.assertNameFree(name, scopeOf(spec, parent), previous.id);
	const next = { ...candidate } as Obj;
	for (const key of ['id', 'created_at', ...(spec.fixed ?? [])]) {
		if ((previous as Obj)[key] === undefined) delete next[key];
		else next[key] = (previous as Obj)[key];
	}
	next.updated_at = ctx.state.clock.iso();
	let item = next as unknown as T;
	if (spec.revise) item = spec.revise(ctx, item, previous);
	coll.put(item);
	emit(spec, ctx, 'update', item);
	return ok(viewOf(spec, item, ctx));
}

/** The six generic handlers of one resource. */
export function resourceHandlers<T extends Stored>(spec: ResourceSpec<T>): Record<string, Handler> {
	return {
		list: (ctx) => {
			const parent = parentOf(spec, ctx);
			const q = parseListQuery(ctx.query, { defaultOrder: spec.order ?? 'name' });
			// settings.pageCap: a list that answers fewer than it was asked for, without saying so.
			if (ctx.state.settings.pageCap > 0) q.limit = Math.min(q.limit, ctx.state.settings.pageCap);
			const sorted = spec.collection(ctx.state).sorted(q.order);
			const { page, total } = applyList(parent ? sorted.filter(scopeOf(spec, parent)) : sorted, q, true);
			return ok(page.map((item) => viewOf(spec, item, ctx)), q.total ? { total } : {});
		},
		get: (ctx) => {
			const parent = parentOf(spec, ctx);
			return ok(viewOf(spec, spec.collection(ctx.state).get(ctx.params[spec.idParam], scopeOf(spec, parent)), ctx));
		},
		create: (ctx) => {
			const parent = parentOf(spec, ctx);
			const coll = spec.collection(ctx.state);
			const body = pickFields(ctx.op, bodyObject(ctx));
			const base = ctx.state.baseFields(coll, body, undefined, spec.namePattern);
			coll.assertNameFree(base.name, scopeOf(spec, parent));
			const item = spec.build ? spec.build(ctx, base, body, parent) : ({ ...base, ...body, ...base } as unknown as T);
			coll.put(item);
			emit(spec, ctx, 'create', item);
			return ok(spec.created ? spec.created(item, ctx) : viewOf(spec, item, ctx));
		},
		update: (ctx) => {
			const parent = parentOf(spec, ctx);
			const previous = spec.collection(ctx.state).get(ctx.params[spec.idParam], scopeOf(spec, parent));
			return commit(spec, ctx, previous, pickFields(ctx.op, bodyObject(ctx)), parent);
		},
		patch: (ctx) => {
			const parent = parentOf(spec, ctx);
			const previous = spec.collection(ctx.state).get(ctx.params[spec.idParam], scopeOf(spec, parent));
			const patched = applyJsonPatch(previous as unknown as Obj, ctx.body);
			if (!isObject(patched)) throw badRequest('The patch must leave an object.', { id: '/', location: 'body' });
			return commit(spec, ctx, previous, patched, parent);
		},
		delete: (ctx) => {
			const parent = parentOf(spec, ctx);
			const item = spec.collection(ctx.state).get(ctx.params[spec.idParam], scopeOf(spec, parent));
			if (spec.remove) spec.remove(ctx.state, item);
			else spec.collection(ctx.state).remove(item.id);
			emit(spec, ctx, 'remove', item);
			return noContent();
		},
	};
}

// ---------------------------------------------------------------------------------------------
// The resources

const accountParent = {
	param: 'account_id',
	resolve: (s: SandboxState, id: string) => s.accounts.get(id),
	owns: (parent: Stored, item: Stored) => (item as unknown as Obj).account_id === parent.id,
};

/** Credential owners: account, integration, integration point or organization webhook (id or name). */
export function findOwner(s: SandboxState, id: string): { owner: Stored; type: Credential['owner_type'] } {
	const candidates: Array<[Credential['owner_type'], Stored | undefined]> = [
		['account', s.accounts.find(id)],
		['integration', s.integrations.find(id)],
		['integration_point', s.integrationPoints.find(id)],
		['organization_webhook', s.webhooks.find(id)],
	];
	const hit = candidates.find(([, o]) => o);
	if (!hit?.[1]) throw notFound('account', id);
	return { owner: hit[1], type: hit[0] };
}

const OWNER_FIELD: Record<Credential['owner_type'], keyof Credential> = {
	account: 'account_id',
	integration: 'integration_id',
	integration_point: 'integration_point_id',
	organization_webhook: 'organization_webhook_id',
};

const CREDENTIAL_TYPES = ['aws', 'aws_role', 'token', 'basic', 'secret', 'o_auth_client', 'tls_certificate'];

function checkCredentialConfig(config: unknown): asserts config is Credential['config'] {
	if (!isObject(config)) throw missingField('config');
	oneOf('/config/type', config.type, CREDENTIAL_TYPES);
	if (config.type === undefined) throw missingField('config/type');
}

const WEBHOOK_FILTERS = ['all', 'account_create', 'account_delete', 'account_update', 'integration_create', 'integration_delete', 'integration_update', 'operation_complete'];

function checkUrl(field: string, value: unknown): void {
	let valid = false;
	try {
		valid = typeof value === 'string' && /^https?:$/.test(new URL(value).protocol);
	} catch {
		valid = false;
	}
	if (!valid) throw invalidField(field, `'${String(value)}' is not an http(s) URL.`, value);
}

/** Webhook items of an integration: URLs checked, missing integrator keys generated (as Synqly does). */
function normalizeWebhookConfig(value: unknown): Integration['webhook_config'] | undefined {
	if (value === undefined || value === null) return undefined;
	if (!isObject(value) || !Array.isArray(value.items)) throw missingField('webhook_config/items');
	const items = value.items.map((item: unknown, i: number) => {
		if (!isObject(item)) throw invalidField(`/webhook_config/items/${i}`, 'Each webhook item must be an object.', item);
		checkUrl(`/webhook_config/items/${i}/webhook_url`, item.webhook_url);
		return { ...item, integrator_key: typeof item.integrator_key === 'string' ? item.integrator_key : randomSecret('', 32) };
	});
	return { ...value, items } as Integration['webhook_config'];
}

function checkIntegrationRefs(s: SandboxState, body: Obj): void {
	if (typeof body.integration_point_id === 'string' && !s.integrationPoints.find(body.integration_point_id)) {
		throw invalidField('integration_point_id', `Integration point '${body.integration_point_id}' does not exist.`, body.integration_point_id);
	}
	if (isObject(body.bridge_selector) && body.bridge_selector.type === 'id' && typeof body.bridge_selector.value === 'string') {
		if (!s.bridges.find(body.bridge_selector.value)) {
			throw invalidField('bridge_selector/value', `Bridge group '${body.bridge_selector.value}' does not exist.`, body.bridge_selector.value);
		}
	}
}

/** Erases the object type so specs of different kinds fit in one list. */
function resource<T extends Stored>(spec: ResourceSpec<T>): ResourceSpec<Stored> {
	return spec as unknown as ResourceSpec<Stored>;
}

const integrations: ResourceSpec<Integration> = {
	group: 'integrations',
	collection: (s) => s.integrations,
	idParam: 'integration_id',
	parent: accountParent,
	fixed: ['account_id', 'refresh_token_id'],
	events: { create: 'integration_create', update: 'integration_update', remove: 'integration_delete' },
	revise: (ctx, next) => {
		const provider = ctx.state.validateProviderConfig(next.provider_config);
		next.provider_config = { ...next.provider_config };
		ctx.state.storeInlineCredentials(next.provider_config, next);
		checkIntegrationRefs(ctx.state, next);
		const webhookConfig = normalizeWebhookConfig(next.webhook_config);
		if (webhookConfig) next.webhook_config = webhookConfig;
		return { ...next, category: provider.category, provider_type: provider.type, provider_fullname: provider.fullname };
	},
	view: (item, ctx) => expandIntegration(ctx, item),
	remove: (s, item) => s.deleteIntegration(item),
};

/** `expand=account(s)|integration_point(s)|all` on integration lists. */
function expandIntegration(ctx: Ctx, item: Integration): Obj {
	const expand = many(ctx.query, 'expand').flatMap((e) => e.split(','));
	const out: Obj = { ...item };
	if (expand.some((e) => ['account', 'accounts', 'all'].includes(e))) out.account = ctx.state.accounts.find(item.account_id);
	if (item.integration_point_id && expand.some((e) => ['integration_point', 'integration_points', 'all'].includes(e))) {
		out.integration_point = ctx.state.integrationPoints.find(item.integration_point_id);
	}
	return out;
}

const RESOURCES: Array<ResourceSpec<Stored>> = [
	resource<Account>({
		group: 'accounts',
		collection: (s) => s.accounts,
		idParam: 'account_id',
		fixed: ['organization_id'],
		events: { create: 'account_create', update: 'account_update', remove: 'account_delete' },
		build: (ctx, base, body) => {
			oneOf('environment', body.environment, ['test', 'prod']);
			checkLabels(body.labels);
			return { ...base, ...body, ...base, organization_id: ctx.state.organization.id, environment: body.environment ?? 'prod' } as Account;
		},
		revise: (_ctx, next) => {
			oneOf('environment', next.environment, ['test', 'prod']);
			checkLabels(next.labels);
			return next;
		},
		created: (item) => ({ account: item }),
		remove: (s, item) => s.deleteAccount(item),
	}),

	resource(integrations),

	resource<Stored & Obj>({
		group: 'integration_points',
		collection: (s) => s.integrationPoints,
		idParam: 'integration_point_id',
		build: (ctx, base, body) => checkIntegrationPoint({ ...base, ...body, ...base }),
		revise: (_ctx, next) => checkIntegrationPoint(next),
	}),

	resource<Credential>({
		group: 'credentials',
		collection: (s) => s.credentials,
		idParam: 'credential_id',
		parent: {
			param: 'owner_id',
			resolve: (s, id) => findOwner(s, id).owner,
			owns: (parent, item) => credentialOwnerMatches(parent, item),
		},
		fixed: ['owner_type', 'account_id', 'integration_id', 'integration_point_id', 'organization_webhook_id', 'managed'],
		build: (ctx, base, body) => {
			const { owner, type } = findOwner(ctx.state, ctx.params.owner_id);
			if (body.owner_type !== undefined && body.owner_type !== type) {
				throw invalidField('owner_type', `owner_type '${String(body.owner_type)}' does not match the owner '${owner.id}' (a ${type}).`, body.owner_type);
			}
			checkCredentialConfig(body.config);
			const cred = { ...base, ...body, ...base, owner_type: type, managed: 'Unmanaged' } as Credential;
			cred[OWNER_FIELD[type]] = owner.id as never;
			if (type === 'integration') cred.account_id = (owner as Integration).account_id;
			return cred;
		},
		revise: (_ctx, next, previous) => {
			checkCredentialConfig(next.config);
			// A PUT usually echoes the GET answer, which has no secrets: keep the stored ones then.
			const config = { ...next.config };
			if (config.type === previous.config.type) {
				for (const [k, v] of Object.entries(previous.config)) if (!(k in config)) config[k] = v;
			}
			return { ...next, config };
		},
		view: (item) => credentialResponse(item),
	}),

	resource<Stored & Obj>({
		group: 'bridges',
		collection: (s) => s.bridges,
		idParam: 'bridge_id',
		parent: accountParent,
		fixed: ['account_id'],
		build: (_ctx, base, body, parent) => {
			checkLabels(body.labels);
			return { ...base, ...body, ...base, account_id: parent!.id };
		},
		created: (item) => ({ bridge: item, credential: bridgeCredential(item.id) }),
	}),

	resource<Member>({
		group: 'members',
		collection: (s) => s.members,
		idParam: 'member_id',
		namePattern: /^[^\s/]+$/,
		fixed: ['last_logon', 'expires', 'pin_expires'],
		build: (ctx, base, body) => {
			const secret = body.secret;
			if (typeof secret !== 'string' || secret.length < 8 || secret.length > 71) {
				throw invalidField('secret', 'The member secret must be 8 to 71 characters long.');
			}
			oneOf('type', body.type, ['personal', 'service']);
			const roles = checkRoles(ctx.state, body.role_binding ?? ['member']);
			const options = isObject(body.options) ? body.options : {};
			const now = base.created_at;
			const member: Member = {
				...base,
				nickname: body.nickname,
				picture: body.picture,
				state: 'enabled',
				type: body.type === 'service' ? 'service' : 'personal',
				role_binding: roles,
				last_logon: now,
				ttl: typeof options.ttl === 'string' ? options.ttl : '2160h',
				token_ttl: typeof options.token_ttl === 'string' ? options.token_ttl : '1h',
				expires: new Date(Date.now() + TTL.organization).toISOString(),
				pin_expires: now,
			};
			for (const key of ['nickname', 'picture'] as const) if (member[key] === undefined) delete member[key];
			ctx.state.memberSecrets.set(member.id, secret);
			return member;
		},
		revise: (ctx, next) => {
			oneOf('state', next.state, ['disabled', 'enabled', 'forgotten', 'invited', 'locked']);
			oneOf('type', next.type, ['personal', 'service']);
			next.role_binding = checkRoles(ctx.state, next.role_binding);
			delete (next as Obj).secret;
			return next;
		},
		created: (item) => ({ member: item }),
		remove: (s, item) => {
			s.members.remove(item.id);
			s.memberSecrets.delete(item.id);
		},
	}),

	resource<Stored & Obj>({
		group: 'roles',
		collection: (s) => s.roles,
		idParam: 'role_id',
		build: (_ctx, base, body) => {
			oneOf('permission_set', body.permission_set, PERMISSION_SETS);
			return { ...base, ...body, ...base };
		},
		revise: (_ctx, next) => {
			oneOf('permission_set', next.permission_set, PERMISSION_SETS);
			return next;
		},
	}),

	resource<OrganizationWebhook>({
		group: 'organization_webhooks',
		collection: (s) => s.webhooks,
		idParam: 'webhook_id',
		fixed: ['credential_id'],
		build: (ctx, base, body) => {
			checkWebhook(body);
			const hook = { ...base, environment: body.environment ?? 'prod', filters: body.filters, url: body.url, credential_id: '' } as OrganizationWebhook;
			hook.credential_id = storeWebhookSecret(ctx.state, hook, body.secret).id;
			return hook;
		},
		revise: (ctx, next) => {
			checkWebhook(next);
			// A new secret may come with a PUT; it replaces the stored credential's value.
			if (next.secret !== undefined) storeWebhookSecret(ctx.state, next, next.secret);
			delete (next as Obj).secret;
			return next;
		},
		view: (item) => omit(item, ['secret']),
		remove: (s, item) => {
			s.webhooks.remove(item.id);
			s.credentials.remove(item.credential_id);
		},
	}),

	resource<Stored & Obj>({
		group: 'customs',
		collection: (s) => s.customs,
		idParam: 'custom_id',
		fixed: ['organization_id'],
		build: (ctx, base, body) => ({ ...base, ...checkData(body), ...base, organization_id: ctx.state.organization.id }),
		revise: (_ctx, next) => checkData(next),
		created: (item) => ({ custom: item }),
	}),

	resource<Stored & Obj>({
		group: 'mappings',
		collection: (s) => s.mappings,
		idParam: 'mapping_id',
		fixed: ['organization_id'],
		build: (ctx, base, body) => ({ ...base, ...checkData(body), ...base, organization_id: ctx.state.organization.id }),
		revise: (_ctx, next) => checkData(next),
		created: (item) => ({ mapping: item }),
	}),
];

function credentialOwnerMatches(parent: Stored, item: Credential): boolean {
	return (item[OWNER_FIELD[item.owner_type]] as string | undefined) === parent.id;
}

function checkIntegrationPoint<T extends Obj>(item: T): T {
	oneOf('connector', item.connector, Object.keys(CATEGORIES));
	if (!isObject(item.environments)) throw missingField('environments');
	for (const env of ['test', 'prod']) {
		const list = item.environments[env];
		if (list === undefined) continue;
		if (!Array.isArray(list)) throw invalidField(`/environments/${env}`, `environments.${env} must be a list of provider types.`, list);
		list.forEach((p, i) => {
			if (p !== '*' && (typeof p !== 'string' || !findProvider(p))) throw invalidField(`/environments/${env}/${i}`, `Unknown provider type '${String(p)}'.`, p);
		});
	}
	return item;
}

function checkRoles(s: SandboxState, roles: unknown): string[] {
	if (!Array.isArray(roles)) throw invalidField('role_binding', 'role_binding must be a list of role names.', roles);
	roles.forEach((r, i) => {
		if (typeof r !== 'string' || (!(PERMISSION_SETS as readonly string[]).includes(r) && !s.roles.find(r))) {
			throw invalidField(`/role_binding/${i}`, `Unknown role '${String(r)}'.`, r);
		}
	});
	return roles as string[];
}

function checkWebhook(body: Obj): void {
	if (!Array.isArray(body.filters) || !body.filters.length) throw missingField('filters');
	body.filters.forEach((f, i) => oneOf(`/filters/${i}`, f, WEBHOOK_FILTERS));
	checkUrl('url', body.url);
	oneOf('environment', body.environment, ['test', 'prod']);
}

function checkData<T extends Obj>(body: T): T {
	if (typeof body.data !== 'string' || body.data === '') throw missingField('data');
	return body;
}

function storeWebhookSecret(s: SandboxState, hook: OrganizationWebhook, secret: unknown): Credential {
	if (!isObject(secret) || typeof secret.value !== 'string' || secret.value === '') throw missingField('secret/value');
	const existing = hook.credential_id ? s.credentials.find(hook.credential_id) : undefined;
	const now = s.clock.iso();
	const cred: Credential = existing ?? {
		id: s.newId(s.credentials.idPrefix),
		name: `${hook.name}-secret`,
		fullname: `${hook.fullname} secret`,
		owner_type: 'organization_webhook',
		organization_webhook_id: hook.id,
		config: { type: 'secret', secret: '' },
		managed: 'Managed',
		created_at: now,
		updated_at: now,
	};
	cred.config = { type: 'secret', secret: secret.value };
	if (typeof secret.expires === 'string') cred.expires = secret.expires;
	cred.updated_at = now;
	return s.credentials.put(cred);
}

/** Looks like the JWT a real bridge group gets (not verifiable). */
function bridgeCredential(bridgeId: string): string {
	const part = (o: Obj) => Buffer.from(JSON.stringify(o)).toString('base64url');
	return `${part({ alg: 'none', typ: 'JWT' })}.${part({ sub: bridgeId, iss: 'synqly-sandbox' })}.${randomSecret('', 16)}`;
}

// ---------------------------------------------------------------------------------------------
// Integrations beyond CRUD, SSO configurations and sub-orgs

function integrationSpecificHandlers(): Record<string, Handler> {
	const crud = resourceHandlers(integrations);
	return {
		...crud,
		list: (ctx) => {
			const q = parseListQuery(ctx.query, { defaultOrder: 'name' });
			const { page, total } = applyList(ctx.state.integrations.all(), q);
			return ok(page.map((i) => expandIntegration(ctx, i)), q.total ? { total } : {});
		},
		list_account: crud.list,
		create: (ctx) => {
			const account = ctx.state.accounts.get(ctx.params.account_id);
			const body = pickFields(ctx.op, bodyObject(ctx));
			checkIntegrationRefs(ctx.state, body);
			const webhookConfig = normalizeWebhookConfig(body.webhook_config);
			if (webhookConfig) body.webhook_config = webhookConfig;
			const result = ctx.state.createIntegration(account, body);
			emitOrganizationEvent(ctx.state, 'integration_create', { integration: result.integration, account });
			return ok(result);
		},
		verify: (ctx) => {
			ctx.state.accounts.get(ctx.params.account_id);
			const body = bodyObject(ctx);
			if (!isObject(body.integration)) throw missingField('integration');
			ctx.state.validateProviderConfig(body.integration.provider_config, '/integration/provider_config');
			return verifyAnswer(body.integration.provider_config as Obj);
		},
		verify_existing: (ctx) => {
			const account = ctx.state.accounts.get(ctx.params.account_id);
			const integration = ctx.state.integrations.get(ctx.params.integration_id, (i) => i.account_id === account.id);
			const body = isObject(ctx.body) ? ctx.body : {};
			const config = isObject(body.provider_config) ? body.provider_config : integration.provider_config;
			ctx.state.validateProviderConfig(config);
			return verifyAnswer(config);
		},
	};
}

/** VerifyIntegrationResponse: `{}` when fine, `{messages: {problems}}` for fields the provider does not know. */
function verifyAnswer(config: Obj): Reply {
	const provider = findProvider(String(config.type));
	const known = new Set(['type', ...(provider?.config.fields.map((f) => f.name) ?? [])]);
	const unknown = Object.keys(config).filter((k) => !known.has(k));
	if (!unknown.length) return { status: 200, json: {} };
	return {
		status: 200,
		json: {
			messages: {
				problems: unknown.map((k) => ({
					message: 'Unknown provider configuration field',
					detail: `'${k}' is not a field of provider '${String(config.type)}' and is ignored.`,
					status: 400,
					occurred_at: new Date().toISOString(),
					instance: `/provider_config/${k}`,
					context: { parameter: { id: `/provider_config/${k}`, location: 'body' } },
				})),
			},
		},
	};
}

const SSO_TYPES = ['oidc', 'saml'];

function ssoIdentityProvider(config: unknown, pointer: string): Obj {
	if (!isObject(config)) throw missingField(pointer);
	oneOf(`/${pointer}/type`, config.type, SSO_TYPES);
	if (config.type === undefined) throw missingField(`${pointer}/type`);
	return Object.fromEntries(Object.entries(config).filter(([k]) => k !== 'client_secret'));
}

function ssoHandlers(): Record<string, Handler> {
	const find = (ctx: Ctx) => ctx.state.sso.get(ctx.params.sso_id);
	const uniqueFullname = (ctx: Ctx, fullname: unknown, exceptId?: string) => {
		if (typeof fullname !== 'string' || fullname === '') throw missingField('fullname');
		const clash = ctx.state.sso.all().find((s) => s.id !== exceptId && String(s.fullname).toLowerCase() === fullname.toLowerCase());
		if (clash) throw new ProblemError(409, `An SSO configuration named '${fullname}' already exists.`, { context: { resources: [{ type: 'sso_configuration', id: clash.id, rel: 'cause' }] } });
	};
	return {
		list_sso: (ctx) => ok(ctx.state.sso.all()),
		get_sso: (ctx) => ok(find(ctx)),
		create_sso: (ctx) => {
			const body = bodyObject(ctx);
			uniqueFullname(ctx, body.fullname);
			const base = ctx.state.baseFields(ctx.state.sso, { fullname: body.fullname });
			return ok(ctx.state.sso.put({ ...base, identity_provider: ssoIdentityProvider(body.config, 'config') }));
		},
		update_sso: (ctx) => {
			const existing = find(ctx);
			const body = bodyObject(ctx);
			uniqueFullname(ctx, body.fullname, existing.id);
			if (typeof body.updated_at === 'string' && body.updated_at !== existing.updated_at) {
				throw new ProblemError(409, `The SSO configuration changed at ${existing.updated_at}; reload it and retry (updated_at is used for optimistic locking).`);
			}
			return ok(ctx.state.sso.put({ ...existing, fullname: body.fullname, identity_provider: ssoIdentityProvider(body.config, 'config'), updated_at: ctx.state.clock.iso() }));
		},
		delete_sso: (ctx) => {
			ctx.state.sso.remove(find(ctx).id);
			return noContent();
		},
		get_sso_metadata: (ctx) =>
			ok({
				oidc: { redirect_uri: `${ctx.baseUrl}/v1/auth/sso/callback` },
				saml: {
					acs_url: `${ctx.baseUrl}/v1/auth/saml/acs/${ctx.state.organization.id}`,
					sp_entity_id: `${ctx.baseUrl}/saml/${ctx.state.organization.id}`,
					supported_name_id_formats: ['urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress'],
				},
			}),
	};
}

function subOrgHandlers(): Record<string, Handler> {
	return {
		list: (ctx) => {
			const q = parseListQuery(ctx.query, { defaultOrder: 'name' });
			return ok(applyList(ctx.state.subOrgs.all(), q).page);
		},
		get: (ctx) => ok(ctx.state.subOrgs.get(ctx.params.organization_id)),
		create: (ctx) => {
			const s = ctx.state;
			if (s.organization.organization_type !== 'root') throw new ProblemError(403, 'Only a root organization can create sub-organizations.');
			const body = pickFields(ctx.op, bodyObject(ctx));
			const base = s.baseFields(s.subOrgs, body);
			s.subOrgs.assertNameFree(base.name);
			if (base.name.toLowerCase() === s.organization.name.toLowerCase()) throw conflict('sub_org', base.name, s.organization.id);
			const refreshTokenId = s.newId(s.refreshTokens.idPrefix);
			const org: Organization = {
				...base,
				refresh_token_id: refreshTokenId,
				organization_type: 'standard',
				reply_to: typeof body.reply_to === 'string' ? body.reply_to : 'no-reply@synqly.com',
			};
			for (const key of ['contact', 'picture'] as const) if (typeof body[key] === 'string') org[key] = body[key] as string;
			s.subOrgs.put(org);
			// The sub-organization's token authenticates, but acts on this sandbox's data (one store per sandbox).
			const rt = createRefreshToken(s, {
				id: refreshTokenId,
				name: `${base.name}-token`,
				ownerType: 'organization',
				ownerId: org.id,
				tokenType: 'default',
				ttlMs: TTL.organization,
				subject: { scope: 'organization', permissionSet: 'administrator' },
			});
			const result: Obj = { organization: org, token: rt.primary };
			if (isObject(body.member) && typeof body.member.name === 'string') {
				result.member = {
					id: s.newId('mem'),
					name: body.member.name,
					fullname: body.member.fullname ?? body.member.name,
					state: 'enabled',
					type: 'personal',
					role_binding: ['administrator'],
					created_at: base.created_at,
					updated_at: base.created_at,
				};
			}
			return ok(result);
		},
		delete: (ctx) => {
			const org = ctx.state.subOrgs.get(ctx.params.organization_id);
			ctx.state.subOrgs.remove(org.id);
			for (const rt of ctx.state.refreshTokens.all((t) => t.owner_id === org.id)) {
				ctx.state.secrets.delete(rt.primary.access.secret);
				ctx.state.secrets.delete(rt.primary.refresh.secret);
				ctx.state.refreshTokens.remove(rt.id);
			}
			return noContent();
		},
	};
}

function mappingApply(ctx: Ctx): Reply {
	const body = bodyObject(ctx);
	if (!Array.isArray(body.mappings)) throw missingField('mappings');
	if (!isObject(body.data)) throw invalidField('data', 'data must be a JSON object.', body.data);
	body.mappings.forEach((m) => {
		if (typeof m !== 'string' || !ctx.state.mappings.find(m)) throw notFound('transform', String(m));
	});
	// Mapping definitions are not interpreted: the data comes back unchanged (the shape is what matters).
	const mapping = deepClone(body.data);
	return first(ctx.query, 'include_raw_data') === 'true' ? ok({ mapping, raw_data: JSON.stringify(body.data) }) : ok({ mapping });
}

/** Every handler of the CRUD-style management groups, keyed `group.sdk_method`. */
export function resourceHandlerTable(): Record<string, Handler> {
	const table: Record<string, Handler> = {};
	for (const spec of RESOURCES) {
		const handlers = spec.group === 'integrations' ? integrationSpecificHandlers() : resourceHandlers(spec);
		for (const op of MANAGEMENT_OPS.filter((o) => o.group === spec.group)) {
			if (handlers[op.name]) table[`${op.group}.${op.name}`] = handlers[op.name];
		}
	}
	for (const [name, handler] of Object.entries(ssoHandlers())) table[`auth.${name}`] = handler;
	for (const [name, handler] of Object.entries(subOrgHandlers())) table[`sub_orgs.${name}`] = handler;
	table['mappings.apply'] = mappingApply;
	table['bridges.get_status'] = (ctx) => {
		const account = ctx.state.accounts.get(ctx.params.account_id);
		ctx.state.bridges.get(ctx.params.bridge_id, (b) => b.account_id === account.id);
		// No Bridge Agent ever connects to the sandbox.
		return ok([]);
	};
	table['credentials.lookup'] = (ctx) => ok(credentialResponse(ctx.state.credentials.get(ctx.params.credential_id)));
	return table;
}
