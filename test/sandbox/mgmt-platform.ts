/**
 * Management operations that are not plain CRUD: the organization itself, audit log, billing,
 * integration status (counted from connector calls), jobs and their history, capabilities,
 * permission sets and the OpenAPI "meta" documents.
 */
import {
	connectorCapabilities,
	CATEGORIES,
	findProvider,
	PERMISSION_SETS,
	permissionSetObject,
	providerCapabilities,
	PROVIDERS,
	type PermissionSetName,
} from './catalog';
import { CONNECTOR_OPS, MANAGEMENT_OPS, type RefOp } from './reference';
import { invalidField, notFound } from './problems';
import { noContent, ok, type Ctx, type Handler } from './router';
import { applyJsonPatch, applyList, first, many, NAME_PATTERN, omit, parseListQuery } from './store';
import { bodyObject } from './mgmt-resources';
import type { Organization, StatusEvent } from './types';

type Obj = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Organization

/** Fields only Synqly changes (state and end_date "can only be changed through the private API"). */
const ORG_FIXED = ['id', 'created_at', 'refresh_token_id', 'organization_type', 'state', 'end_date'];

function commitOrganization(ctx: Ctx, candidate: Obj): Organization {
	const org = ctx.state.organization;
	if (candidate.id !== undefined && candidate.id !== org.id) {
		throw invalidField('id', `The id in the body ('${String(candidate.id)}') does not match the organization '${org.id}'.`, candidate.id);
	}
	if (typeof candidate.name !== 'string' || !NAME_PATTERN.test(candidate.name)) {
		throw invalidField('name', `Invalid name '${String(candidate.name)}'.`, candidate.name);
	}
	const next = { ...candidate } as Obj;
	for (const key of ORG_FIXED) {
		if ((org as Obj)[key] === undefined) delete next[key];
		else next[key] = (org as Obj)[key];
	}
	next.updated_at = ctx.state.clock.iso();
	ctx.state.organization = next as Organization;
	return ctx.state.organization;
}

function organizationHandlers(): Record<string, Handler> {
	return {
		get: (ctx) => ok(ctx.state.organization),
		update: (ctx) => ok(commitOrganization(ctx, bodyObject(ctx))),
		patch: (ctx) => ok(commitOrganization(ctx, applyJsonPatch(ctx.state.organization as Obj, ctx.body))),
	};
}

// ---------------------------------------------------------------------------------------------
// Billing

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

function billingRow(ctx: Ctx, org: Organization, month: string): Obj {
	const now = new Date();
	const monthIndex = month === 'partial' ? now.getUTCMonth() : MONTHS.indexOf(month);
	const year = month !== 'partial' && monthIndex >= now.getUTCMonth() ? now.getUTCFullYear() - 1 : now.getUTCFullYear();
	const reportDate = month === 'partial' ? now : new Date(Date.UTC(year, monthIndex + 1, 1));
	const integrations = ctx.state.integrations.all();
	const csv = [
		'organization_id,account_id,integration_id,provider_type,requests',
		...(org.id === ctx.state.organization.id
			? integrations.map((i) => `${org.id},${i.account_id},${i.id},${i.provider_type},${ctx.state.statuses.get(i.id)?.requests ?? 0}`)
			: []),
	].join('\n');
	return {
		name: `${org.name}-${month}`,
		created_at: reportDate.toISOString(),
		updated_at: reportDate.toISOString(),
		organization_id: org.id,
		month,
		report_date: reportDate.toISOString(),
		csv_data: `${csv}\n`,
	};
}

function billingHandlers(): Record<string, Handler> {
	const orgs = (ctx: Ctx) => [ctx.state.organization, ...ctx.state.subOrgs.all()];
	return {
		list: (ctx) => {
			const previous = MONTHS[(new Date().getUTCMonth() + 11) % 12];
			const rows = orgs(ctx).flatMap((o) => [billingRow(ctx, o, 'partial'), billingRow(ctx, o, previous)]);
			const q = parseListQuery(ctx.query, { defaultOrder: 'organization_id' });
			return ok(applyList(rows, q).page);
		},
		get: (ctx) => {
			const month = ctx.params.month;
			if (month !== 'partial' && !MONTHS.includes(month)) {
				throw invalidField('month', `Invalid month '${month}': use partial or january … december.`, month, 'path');
			}
			const id = ctx.params.organization_id;
			const org = orgs(ctx).find((o) => o.id === id || o.name.toLowerCase() === id.toLowerCase());
			if (!org) throw notFound('organization', id);
			return ok(billingRow(ctx, org, month));
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Status: counters and events are written by the server for every connector call.

function statusHandlers(): Record<string, Handler> {
	const integrationOf = (ctx: Ctx) => {
		const account = ctx.state.accounts.get(ctx.params.account_id);
		return ctx.state.integrations.get(ctx.params.integration_id, (i) => i.account_id === account.id);
	};
	/** Buckets of `size` ms ending now, summed from status events. */
	const series = (events: StatusEvent[], buckets: number, size: number, interval: string) => {
		const end = Date.now();
		const start = end - buckets * size;
		const rows = Array.from({ length: buckets }, (_, i) => ({
			created_at: new Date(start + i * size).toISOString(),
			succeeded: 0,
			failed: 0,
			cpu_time: 0,
			in_bytes: 0,
			out_bytes: 0,
		}));
		for (const e of events) {
			const i = Math.floor((Date.parse(e.created_at) - start) / size);
			if (i < 0 || i >= buckets) continue;
			if (e.error) rows[i].failed += 1;
			else rows[i].succeeded += 1;
			rows[i].cpu_time += 100;
			rows[i].in_bytes += e.in_bytes;
			rows[i].out_bytes += e.out_bytes;
		}
		return { start_time: new Date(start).toISOString(), end_time: new Date(end).toISOString(), interval, series: rows };
	};
	return {
		list: (ctx) => {
			const expand = many(ctx.query, 'expand').flatMap((e) => e.split(','));
			const rows = [...ctx.state.statuses.values()].map((s) => ({ ...s, key: `${s.account_id},${s.integration_id}` }));
			// The default sort key is the pair "account_id,integration_id" (also what start_after takes).
			const query = { ...ctx.query, order: many(ctx.query, 'order').map((o) => o.replace(/^account_id,integration_id/, 'key')) };
			const q = parseListQuery(query, { defaultOrder: 'key' });
			return ok(
				applyList(rows, q).page.map((s) => {
					const out: Obj = omit(s, ['key']);
					if (expand.some((e) => ['account', 'accounts', 'all'].includes(e))) out.account = ctx.state.accounts.find(s.account_id);
					if (expand.some((e) => ['integration', 'integrations', 'all'].includes(e))) out.integration = ctx.state.integrations.find(s.integration_id);
					return out;
				}),
			);
		},
		get: (ctx) => ok(ctx.state.statuses.get(integrationOf(ctx).id)),
		reset: (ctx) => {
			const status = ctx.state.statuses.get(integrationOf(ctx).id);
			if (status) Object.assign(status, { requests: 0, failed: 0, cpu_time: 0, db_ops: 0, api_ops: 0, in_bytes: 0, out_bytes: 0, status: 'Active', updated_at: ctx.state.clock.iso() });
			return noContent();
		},
		list_events: (ctx) => {
			const integration = integrationOf(ctx);
			const q = parseListQuery(ctx.query, { defaultOrder: 'created_at' });
			const events = ctx.state.statusEvents.filter((e) => e.integration_id === integration.id);
			// in_bytes/out_bytes feed the timeseries; they are not part of StatusEvent.
			return ok(applyList(events, q).page.map((e) => omit(e, ['in_bytes', 'out_bytes'])));
		},
		get_timeseries: (ctx) => ok(series(ctx.state.statusEvents, 12, 5 * 60_000, '5m')),
		get_integration_timeseries: (ctx) => {
			const integration = integrationOf(ctx);
			const interval = first(ctx.query, 'interval') ?? 'hour';
			if (interval !== 'hour') throw invalidField('interval', `Invalid interval '${interval}': only 'hour' is supported.`, interval, 'query');
			return ok(series(ctx.state.statusEvents.filter((e) => e.integration_id === integration.id), 24, 3_600_000, '1h'));
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Jobs (operations created on the Connector API) and their execution history

function jobHandlers(): Record<string, Handler> {
	return {
		list: (ctx) => {
			const q = parseListQuery(ctx.query, { defaultOrder: 'id' });
			return ok(applyList(ctx.state.operations, q).page);
		},
		/**
		 * History pages with an opaque cursor in `start_after`: each answer also carries `cursor`
		 * (the value for the next page, '' at the end); an item's `execution_id` works too.
		 */
		list_execution_history: (ctx) => {
			const cursorValue = first(ctx.query, 'start_after');
			const query = { ...ctx.query, start_after: [] as string[] };
			const q = parseListQuery(query, { defaultOrder: 'started_at[desc]', maxLimit: 500 });
			const all = applyList(ctx.state.executions, { ...q, limit: Number.MAX_SAFE_INTEGER }).page;
			let from = 0;
			if (cursorValue) {
				let after = cursorValue;
				try {
					const decoded = JSON.parse(Buffer.from(cursorValue, 'base64url').toString('utf8')) as { e?: string };
					if (typeof decoded.e === 'string') after = decoded.e;
				} catch {
					// not one of ours: treat it as an execution id
				}
				const i = all.findIndex((e) => e.execution_id === after);
				if (i < 0) throw invalidField('start_after', `Unknown history cursor '${cursorValue}'.`, cursorValue, 'query');
				from = i + 1;
			}
			const page = all.slice(from, from + q.limit);
			const more = from + q.limit < all.length;
			const cursor = more ? Buffer.from(JSON.stringify({ e: page[page.length - 1].execution_id })).toString('base64url') : '';
			return ok(page, { cursor });
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Capabilities, permission sets, meta

function expandOf(ctx: Ctx): string[] {
	return many(ctx.query, 'expand').flatMap((e) => e.split(','));
}

function capabilityHandlers(): Record<string, Handler> {
	return {
		list_connectors: (ctx) => ok(Object.keys(CATEGORIES).map((c) => connectorCapabilities(c, expandOf(ctx)))),
		list_providers: (ctx) => ok(PROVIDERS.map((p) => providerCapabilities(p, expandOf(ctx)))),
		get_provider: (ctx) => {
			const provider = findProvider(ctx.params.provider_id);
			if (!provider) throw notFound('provider', ctx.params.provider_id);
			return ok(providerCapabilities(provider, expandOf(ctx)));
		},
	};
}

function permissionSetHandlers(): Record<string, Handler> {
	return {
		list: () => ok(PERMISSION_SETS.map(permissionSetObject)),
		get: (ctx) => {
			const name = ctx.params.permissionset_id;
			if (!(PERMISSION_SETS as readonly string[]).includes(name)) throw notFound('permission_set', name);
			return ok(permissionSetObject(name as PermissionSetName));
		},
	};
}

/** A small OpenAPI document listing the operations of one API (the real endpoint returns the full spec). */
function openApi(ctx: Ctx, title: string, ops: RefOp[]): Obj {
	const paths: Record<string, Obj> = {};
	for (const op of ops) {
		(paths[op.path] ??= {})[op.method.toLowerCase()] = {
			operationId: `${op.group}_${op.name}`,
			tags: [op.group],
			parameters: [
				...op.pathParams.map((name) => ({ name, in: 'path', required: true, schema: { type: 'string' } })),
				...op.query.map((name) => ({ name, in: 'query', required: op.requiredQuery.includes(name), schema: { type: 'string' } })),
			],
			...(op.body === 'object' ? { requestBody: { required: op.requiredBody.length > 0, content: { 'application/json': { schema: { type: 'object', required: op.requiredBody, properties: Object.fromEntries(op.bodyFields.map((f) => [f, {}])) } } } } } : {}),
			responses: { [op.response === 'none' ? '204' : '200']: { description: 'OK' } },
		};
	}
	return {
		openapi: '3.0.3',
		info: { title, version: '2.0.39-sandbox', description: 'Generated by the Synqly sandbox from the SDK-derived reference.' },
		servers: [{ url: ctx.baseUrl }],
		paths,
	};
}

export function platformHandlers(): Record<string, Handler> {
	const table: Record<string, Handler> = {};
	const groups: Record<string, Record<string, Handler>> = {
		organization: organizationHandlers(),
		billing: billingHandlers(),
		status: statusHandlers(),
		operations: jobHandlers(),
		capabilities: capabilityHandlers(),
		permissionset: permissionSetHandlers(),
		audit: {
			list: (ctx) => {
				const q = parseListQuery(ctx.query, { defaultOrder: 'created_at' });
				return ok(applyList(ctx.state.audit, q).page);
			},
		},
		meta: {
			management_openapi_spec: (ctx) => ({ status: 200, json: openApi(ctx, 'Synqly Management API', MANAGEMENT_OPS) }),
			engine_openapi_spec: (ctx) => ({ status: 200, json: openApi(ctx, 'Synqly Engine API', CONNECTOR_OPS) }),
		},
	};
	for (const [group, handlers] of Object.entries(groups)) {
		for (const [name, handler] of Object.entries(handlers)) table[`${group}.${name}`] = handler;
	}
	return table;
}
