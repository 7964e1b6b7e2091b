/**
 * The Connector API, integration token: all 135 operations. The token's integration
 * decides the data (its own ConnectorData, seeded from its category); the server has already
 * answered 501 when the provider's category does not offer the operation.
 *
 * Queries page with an opaque `cursor` (`{result, cursor}`, cursor '' on the last page) and
 * apply `filter` (same syntax as the Management API, dotted OCSF fields) and `order`.
 * `GET /v1/siem/events` can answer `status: PENDING` first (settings.siemEventsPendingPolls,
 * or `filter=pending_polls[eq]N` on one query), like asynchronous SIEM providers.
 */
import { OPERATION_IDS } from './reference';
import { badRequest, invalidField, missingField, notFound, ProblemError, unauthorized, AUTH_DETAILS } from './problems';
import { noContent, ok, type Ctx, type Handler, type Reply } from './router';
import { applyJsonPatch, first, getPath, isObject, many, matchesFilter, parseFilter, parseLimit, parseOrder, sortItems } from './store';
import type { Operation } from './types';
import { append, ConnectorData, noteActivity, ocsf, PNG_1X1, stixIndicator, type Obj, type TicketRecord } from './mockdata';
import { emitOrganizationEvent, emitTicketEvent, type TicketEvent } from './webhooks';

function data(ctx: Ctx): ConnectorData {
	return ctx.state.connector(ctx.grant?.integrationId ?? '');
}

function body(ctx: Ctx): Obj {
	return isObject(ctx.body) ? ctx.body : {};
}

/** The id an object is addressed by: `id`, `uid`, then the OCSF places an id lives in. */
export function idOf(item: Obj): string | undefined {
	for (const path of ['id', 'uid', 'finding_info.uid', 'device.uid', 'entity.uid', 'user.uid', 'application.uid', 'scan.uid', 'conversation.uid', 'metadata.uid']) {
		const v = getPath(item, path);
		if (typeof v === 'string' && v !== '') return v;
	}
	return undefined;
}

function findIn(list: Obj[], id: string, type: string): Obj {
	const item = list.find((i) => idOf(i) === id || i.name === id || getPath(i, 'user.name') === id || getPath(i, 'user.email_addr') === id);
	if (!item) throw notFound(type, id);
	return item;
}

// ---------------------------------------------------------------------------------------------
// Cursor paging

interface CursorState {
	/** Offset of the next page. */
	o?: number;
	/** Pending asynchronous query id. */
	p?: string;
}

function encodeCursor(c: CursorState): string {
	return Buffer.from(JSON.stringify(c)).toString('base64url');
}

function decodeCursor(raw: string | undefined): CursorState {
	if (!raw) return {};
	try {
		const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as CursorState;
		if (isObject(c)) return c;
	} catch {
		// fall through
	}
	throw badRequest(`Invalid cursor '${raw}': pass back the cursor of the previous response.`, { id: 'cursor', location: 'query', value: raw });
}

interface QueryOptions {
	defaultLimit?: number;
	maxLimit?: number;
	/** Add `status: COMPLETE` (responses with ApiHasStatus). */
	status?: boolean;
}

/** Filter fields the sandbox interprets itself instead of matching them against the data. */
const CONTROL_FILTERS = ['pending_polls'];

function pageOf(ctx: Ctx, items: Obj[], opts: QueryOptions, offset: number): Reply {
	const asked = parseLimit(ctx.query, opts.defaultLimit ?? 50, opts.maxLimit ?? 5000);
	// settings.pageCap: a query that answers fewer than it was asked for (its cursor says there is more).
	const limit = ctx.state.settings.pageCap > 0 ? Math.min(asked, ctx.state.settings.pageCap) : asked;
	const filters = many(ctx.query, 'filter').map((f) => parseFilter(f)).filter((f) => !CONTROL_FILTERS.includes(f.field));
	const orderRaw = many(ctx.query, 'order');
	// No copy without filters: paging through 100,000 events would copy them all per page.
	let list = filters.length ? items.filter((item) => filters.every((f) => matchesFilter(item, f))) : items;
	if (orderRaw.length && !ctx.state.settings.providerIgnoresOrder) list = sortItems(list, orderRaw.map(parseOrder));
	const page = list.slice(offset, offset + limit);
	const next = offset + limit < list.length ? encodeCursor({ o: offset + limit }) : '';
	const extra: Obj = { cursor: next };
	if (opts.status) extra.status = 'COMPLETE';
	return ok(page, extra);
}

function query(ctx: Ctx, items: Obj[], opts: QueryOptions = {}): Reply {
	return pageOf(ctx, items, opts, decodeCursor(first(ctx.query, 'cursor')).o ?? 0);
}

/** The asynchronous-query protocol: PENDING answers (empty result + cursor) before the first page. */
function asyncQuery(ctx: Ctx, items: Obj[], opts: QueryOptions): Reply {
	const d = data(ctx);
	const pending = d.pendingQueries;
	const cursor = decodeCursor(first(ctx.query, 'cursor'));
	const special = many(ctx.query, 'filter').map((f) => parseFilter(f)).find((f) => f.field === 'pending_polls');
	const polls = special ? Number(special.value.replace(/"/g, '')) : ctx.state.settings.siemEventsPendingPolls;
	if (!Number.isInteger(polls) || polls < 0) throw invalidField('filter', `pending_polls must be a whole number, got '${special?.value}'.`, special?.value, 'query');
	if (cursor.p !== undefined) {
		const left = pending.get(cursor.p);
		if (left === undefined) throw badRequest(`The query '${cursor.p}' is unknown or finished; start it again without a cursor.`, { id: 'cursor', location: 'query' });
		if (left > 0) {
			pending.set(cursor.p, left - 1);
			return ok([], { cursor: encodeCursor({ p: cursor.p }), status: 'PENDING' });
		}
		pending.delete(cursor.p);
		return pageOf(ctx, items, opts, 0);
	}
	if (cursor.o === undefined && polls > 0) {
		const id = d.nextId('query');
		pending.set(id, polls - 1);
		return ok([], { cursor: encodeCursor({ p: id }), status: 'PENDING' });
	}
	return pageOf(ctx, items, opts, cursor.o ?? 0);
}

// ---------------------------------------------------------------------------------------------
// Small builders

/** A query over one seeded dataset (plus what was created into it). */
function q(set: string, opts: QueryOptions = {}): Handler {
	return (ctx) => query(ctx, data(ctx).sets[set] ?? [], opts);
}

function getOne(set: string, param: string, type: string): Handler {
	return (ctx) => ok(findIn(data(ctx).sets[set] ?? [], ctx.params[param], type));
}

/** `{result}` of a whole dataset without paging (responses without a cursor). */
function all(set: string): Handler {
	return (ctx) => ok(data(ctx).sets[set] ?? []);
}

function requireArray(value: unknown, field: string): Obj[] {
	if (!Array.isArray(value)) throw field === '' ? badRequest('The body must be a JSON array.', { id: '/', location: 'body' }) : missingField(field);
	value.forEach((item, i) => {
		if (!isObject(item)) throw invalidField(`${field ? `/${field}` : ''}/${i}`, `Item ${i} must be a JSON object.`, item);
	});
	return value as Obj[];
}

/** OCSF events of a bulk post need `class_name` (the union discriminator of `Event`). */
function requireEvents(value: unknown): Obj[] {
	const events = requireArray(value, '');
	events.forEach((e, i) => {
		if (typeof e.class_name !== 'string' || e.class_name === '') throw invalidField(`/${i}/class_name`, `Event ${i} has no class_name.`);
	});
	return events;
}

/**
 * STIX 2.1 Indicators (reference `Indicator`): `type`, when given, is the literal 'indicator';
 * `valid_from` is required. The reference also marks `CommonProperties` id, created and modified
 * required; whether Synqly fills them in when absent is not documented, and the sandbox does.
 */
function requireIndicators(value: unknown): Obj[] {
	const indicators = requireArray(value, 'indicators');
	indicators.forEach((ind, i) => {
		if (ind.type !== undefined && ind.type !== 'indicator') {
			throw invalidField(`/indicators/${i}/type`, `Indicator ${i} has type '${String(ind.type)}': a STIX Indicator's type is 'indicator'.`, ind.type);
		}
		if (ind.valid_from === undefined || ind.valid_from === null || ind.valid_from === '') throw missingField(`indicators/${i}/valid_from`);
	});
	return indicators;
}

function action(name: string, check?: (ctx: Ctx) => string | undefined): Handler {
	return (ctx) => {
		const target = check?.(ctx);
		data(ctx).actions.push({ operation: name, target, body: ctx.body });
		return noContent();
	};
}

function ticketOf(ctx: Ctx, param = 'ticket_id'): TicketRecord {
	const t = data(ctx).tickets.get(ctx.params[param]);
	if (!t) throw notFound('ticket', ctx.params[param]);
	return t;
}

function ticketEvent(ctx: Ctx, event: TicketEvent, ticket: Obj): void {
	const integration = ctx.state.integrations.find(ctx.grant?.integrationId ?? '');
	if (integration) emitTicketEvent(ctx.state, integration, event, ticket);
}

const PRIORITIES = ['URGENT', 'CRITICAL', 'HIGH', 'MEDIUM', 'MODERATE', 'LOW', 'PLANNING'];

function mimeOf(fileName: string): string {
	const ext = fileName.toLowerCase().split('.').pop() ?? '';
	const types: Record<string, string> = {
		txt: 'text/plain', csv: 'text/csv', json: 'application/json', pdf: 'application/pdf', png: 'image/png',
		jpg: 'image/jpeg', jpeg: 'image/jpeg', html: 'text/html', zip: 'application/zip', log: 'text/plain',
	};
	return types[ext] ?? 'application/octet-stream';
}

function idsFromQuery(ctx: Ctx, name: string): string[] {
	return many(ctx.query, name).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
}

// ---------------------------------------------------------------------------------------------
// Handlers by category

function ticketingHandlers(): Record<string, Handler> {
	return {
		list_remote_fields: all('remote_fields'),
		list_projects: q('projects'),
		query_tickets: (ctx) => query(ctx, [...data(ctx).tickets.values()]),
		get_ticket: (ctx) => ok(ticketOf(ctx)),
		create_ticket: (ctx) => {
			const b = body(ctx);
			if (b.priority !== undefined && !PRIORITIES.includes(String(b.priority))) {
				throw invalidField('priority', `Invalid priority '${String(b.priority)}': use one of ${PRIORITIES.join(', ')}.`, b.priority);
			}
			const d = data(ctx);
			const project = typeof b.project === 'string' && b.project !== '' ? b.project : 'SEC';
			const id = `${project}-${d.tickets.size + 101}`;
			const now = d.now();
			const ticket = { ...b, id, name: b.name, summary: b.summary ?? b.name, project, status: b.status ?? 'Open', created_at: now, updated_at: now } as TicketRecord;
			d.tickets.set(id, ticket);
			ticketEvent(ctx, 'TicketCreated', ticket);
			return ok(ticket);
		},
		patch_ticket: (ctx) => {
			const ticket = ticketOf(ctx);
			const next = applyJsonPatch(ticket, ctx.body);
			if (next.id !== ticket.id) throw invalidField('/id', 'The ticket id cannot be changed.', next.id);
			if (next.priority !== undefined && !PRIORITIES.includes(String(next.priority))) throw invalidField('priority', `Invalid priority '${String(next.priority)}'.`, next.priority);
			next.updated_at = data(ctx).now();
			data(ctx).tickets.set(ticket.id, next);
			ticketEvent(ctx, 'TicketUpdated', next);
			return ok(next);
		},
		create_attachment: (ctx) => {
			const ticket = ticketOf(ctx);
			const b = body(ctx);
			const fileName = String(b.file_name);
			const bytes = Buffer.from(String(b.content), 'base64');
			const d = data(ctx);
			const meta = { id: d.nextId('att'), ticket_id: ticket.id, file_name: fileName, file_type: mimeOf(fileName), file_size: bytes.length, created_date: d.now(), creator: 'synqly-sandbox' };
			d.attachments.set(ticket.id, [...(d.attachments.get(ticket.id) ?? []), { meta, bytes }]);
			return ok(meta);
		},
		list_attachments_metadata: (ctx) => ok((data(ctx).attachments.get(ticketOf(ctx).id) ?? []).map((a) => a.meta)),
		download_attachment: (ctx) => {
			const ticket = ticketOf(ctx);
			const att = (data(ctx).attachments.get(ticket.id) ?? []).find((a) => a.meta.id === ctx.params.attachment_id);
			if (!att) throw notFound('attachment', ctx.params.attachment_id);
			return ok({ file_name: att.meta.file_name, file_type: att.meta.file_type, content: att.bytes.toString('base64') });
		},
		delete_attachment: (ctx) => {
			const ticket = ticketOf(ctx);
			const list = data(ctx).attachments.get(ticket.id) ?? [];
			if (!list.some((a) => a.meta.id === ctx.params.attachment_id)) throw notFound('attachment', ctx.params.attachment_id);
			data(ctx).attachments.set(ticket.id, list.filter((a) => a.meta.id !== ctx.params.attachment_id));
			return noContent();
		},
		list_comments: (ctx) => ok(data(ctx).comments.get(ticketOf(ctx).id) ?? [], { cursor: '' }),
		create_comment: (ctx) => {
			const ticket = ticketOf(ctx);
			const b = body(ctx);
			const d = data(ctx);
			const comment = { id: d.nextId('cmt'), ticket_id: ticket.id, creator: b.creator ?? 'synqly-sandbox', content: b.content, created_at: d.now() };
			d.comments.set(ticket.id, [...(d.comments.get(ticket.id) ?? []), comment]);
			ticketEvent(ctx, 'TicketCommentCreated', ticket);
			return ok(comment);
		},
		delete_comment: (ctx) => {
			const ticket = ticketOf(ctx);
			const list = data(ctx).comments.get(ticket.id) ?? [];
			if (!list.some((c) => c.id === ctx.params.comment_id)) throw notFound('comment', ctx.params.comment_id);
			data(ctx).comments.set(ticket.id, list.filter((c) => c.id !== ctx.params.comment_id));
			ticketEvent(ctx, 'TicketCommentDeleted', ticket);
			return noContent();
		},
		list_notes: (ctx) => ok(data(ctx).notes.get(ticketOf(ctx).id) ?? [], { cursor: '' }),
		create_note: (ctx) => {
			const ticket = ticketOf(ctx);
			const b = body(ctx);
			const d = data(ctx);
			const note = { id: d.nextId('note'), ticket_id: ticket.id, title: b.title, content: b.content, creator: 'synqly-sandbox', created_at: d.now() };
			d.notes.set(ticket.id, [...(d.notes.get(ticket.id) ?? []), note]);
			return ok(note);
		},
		patch_note: (ctx) => {
			const ticket = ticketOf(ctx);
			const list = data(ctx).notes.get(ticket.id) ?? [];
			const note = list.find((n) => n.id === ctx.params.note_id);
			if (!note) throw notFound('note', ctx.params.note_id);
			const next = applyJsonPatch(note, ctx.body);
			if (next.id !== note.id) throw invalidField('/id', 'The note id cannot be changed.', next.id);
			next.updated_at = data(ctx).now();
			data(ctx).notes.set(ticket.id, list.map((n) => (n === note ? next : n)));
			return ok(next);
		},
		delete_note: (ctx) => {
			const ticket = ticketOf(ctx);
			const list = data(ctx).notes.get(ticket.id) ?? [];
			if (!list.some((n) => n.id === ctx.params.note_id)) throw notFound('note', ctx.params.note_id);
			data(ctx).notes.set(ticket.id, list.filter((n) => n.id !== ctx.params.note_id));
			return noContent();
		},
		query_escalation_policies: q('escalation_policies'),
		list_on_call: (ctx) => {
			findIn(data(ctx).sets.escalation_policies, ctx.params.escalation_policy_id, 'escalation_policy');
			return ok(data(ctx).sets.on_call);
		},
	};
}

function siemHandlers(): Record<string, Handler> {
	const investigation = (ctx: Ctx) => findIn(data(ctx).sets.investigations, ctx.params.id, 'investigation');
	return {
		query_events: (ctx) => asyncQuery(ctx, data(ctx).sets.events, { status: true }),
		query_alerts: q('alerts'),
		get_alert: getOne('alerts', 'id', 'alert'),
		query_investigations: q('investigations'),
		get_investigation: (ctx) => ok(investigation(ctx)),
		patch_investigation: (ctx) => {
			const inv = investigation(ctx);
			const next = applyJsonPatch(inv, ctx.body);
			if (next.id !== inv.id) throw invalidField('/id', 'The investigation id cannot be changed.', next.id);
			const set = data(ctx).sets.investigations;
			set[set.indexOf(inv)] = next;
			return ok(next);
		},
		get_evidence: (ctx) => {
			const inv = investigation(ctx);
			return ok({ investigation_id: inv.id, raw_data: JSON.stringify({ investigation: inv.id, evidence: [{ type: 'log', count: 3 }] }) });
		},
		query_log_providers: q('log_providers', { status: true }),
		post_events: (ctx) => {
			const events = requireEvents(ctx.body);
			data(ctx).post('siem_post_events', events);
			append(data(ctx).sets.events, events);
			return ok([]);
		},
	};
}

function vulnerabilityHandlers(): Record<string, Handler> {
	return {
		query_findings: q('findings', { status: true }),
		create_findings: (ctx) => {
			const findings = requireArray(body(ctx).findings, 'findings');
			data(ctx).post('vulnerabilities_create_findings', findings);
			append(data(ctx).sets.findings, findings);
			return { status: 200, json: { status: 'COMPLETE' } };
		},
		update_finding: (ctx) => {
			const finding = findIn(data(ctx).sets.findings, ctx.params.finding_id, 'finding');
			const b = body(ctx);
			Object.assign(finding, { severity_id: b.severity_id }, b.severity ? { severity: b.severity } : {}, b.state ? { status: b.state } : {});
			return noContent();
		},
		query_assets: q('assets', { status: true }),
		create_asset: (ctx) => {
			const asset = body(ctx).asset;
			if (!isObject(asset)) throw missingField('asset');
			const uid = idOf(asset) ?? data(ctx).nextId('asset');
			data(ctx).sets.assets.push(asset);
			data(ctx).post('vulnerabilities_create_asset', [asset]);
			return { status: 200, json: { device: { uid, status: 'Complete' } } };
		},
		update_asset: (ctx) => {
			const existing = findIn(data(ctx).sets.assets, ctx.params.asset_id, 'asset');
			const asset = body(ctx).asset;
			if (!isObject(asset)) throw missingField('asset');
			Object.assign(existing, asset);
			// The reference types this answer as a bare Asset (no `result` envelope).
			return { status: 200, json: existing };
		},
		query_scans: q('scans'),
		get_scan_activity: (ctx) => {
			const scan = findIn(data(ctx).sets.scans, ctx.params.scan_id, 'scan');
			return ok(ocsf('Scan Activity', 0, { scan: { uid: scan.uid, name: scan.name, type: 'Vulnerability' } }));
		},
		get_scan_activities: (ctx) => {
			const scan = findIn(data(ctx).sets.scans, ctx.params.scan_id, 'scan');
			return ok([0, 1, 2].map((i) => ocsf('Scan Activity', i, { scan: { uid: scan.uid, name: scan.name, type: 'Vulnerability' } })));
		},
		upload_scan: (ctx) => {
			const assets = requireArray(body(ctx).assets, 'assets');
			const d = data(ctx);
			const scanId = d.nextId('upload');
			d.post('vulnerabilities_upload_scan', assets);
			d.uploadedScans.set(scanId, 0);
			return ok({ scan_id: scanId, status: 'Pending' });
		},
		/** An uploaded scan is Pending on the first status check, Complete afterwards. */
		get_scan_status: (ctx) => {
			const scans = data(ctx).uploadedScans;
			const checks = scans.get(ctx.params.scan_id);
			if (checks === undefined) throw notFound('scan', ctx.params.scan_id);
			scans.set(ctx.params.scan_id, checks + 1);
			return ok({ scan_id: ctx.params.scan_id, status: checks === 0 ? 'Pending' : 'Complete' });
		},
		get_labels: all('labels'),
		query_scan_findings: (ctx) => {
			findIn(data(ctx).sets.scans, ctx.params.scan_id, 'scan');
			return query(ctx, data(ctx).sets.scan_findings);
		},
	};
}

function assetHandlers(): Record<string, Handler> {
	return {
		query_devices: q('devices'),
		create_asset: (ctx) => {
			const device = body(ctx).device;
			if (!isObject(device)) throw missingField('device');
			data(ctx).sets.devices.push(device);
			data(ctx).post('assets_create_asset', [device]);
			return { status: 200, json: { device } };
		},
		create_devices: (ctx) => {
			const devices = requireArray(body(ctx).devices, 'devices');
			data(ctx).post('assets_create_devices', devices);
			append(data(ctx).sets.devices, devices);
			return { status: 200, json: { status: 'COMPLETE' } };
		},
		get_labels: all('labels'),
		query_software: q('software'),
		create_software: (ctx) => {
			const inv = body(ctx).software_inventory;
			if (!isObject(inv)) throw missingField('software_inventory');
			data(ctx).sets.software.push(inv);
			return { status: 200, json: { software_inventory: inv } };
		},
		update_software: (ctx) => {
			const inv = body(ctx).software_inventory;
			if (!isObject(inv)) throw missingField('software_inventory');
			const set = data(ctx).sets.software;
			const i = set.findIndex((s) => getPath(s, 'device.uid') === ctx.params.device_uid);
			if (i < 0) throw notFound('device', ctx.params.device_uid);
			set[i] = inv;
			return { status: 200, json: { software_inventory: inv } };
		},
	};
}

/**
 * An EDR action that may answer PENDING (settings.edrActionPendingPolls): a request without a
 * `cursor` runs it (recorded in `actions`); a request with the cursor of a PENDING answer polls it
 * and does not run it again, as the reference describes the body's `cursor` ("used to continue
 * polling the in-flight provider command").
 */
function pendingAction(ctx: Ctx, operation: string, result: (endpoint: Obj) => Obj): Reply {
	const d = data(ctx);
	const ep = findIn(d.sets.endpoints, ctx.params.uid, 'endpoint');
	const raw = body(ctx).cursor;
	if (typeof raw === 'string' && raw !== '') {
		const id = decodeActionCursor(raw);
		const pending = d.pendingActions.get(id);
		if (!pending) throw badRequest(`The action '${id}' is unknown or finished; its cursor cannot be polled.`, { id: '/cursor', location: 'body', value: raw });
		if (pending.left > 0) {
			pending.left -= 1;
			return ok(undefined, { cursor: raw, status: 'PENDING' });
		}
		d.pendingActions.delete(id);
		return ok(pending.result, { cursor: '', status: 'COMPLETE' });
	}
	d.actions.push({ operation, target: idOf(ep), body: ctx.body });
	const { edrActionPendingPolls: polls, edrActionPendingCursor: withCursor } = ctx.state.settings;
	if (polls > 0 && !withCursor) {
		if (d.uncursoredPending < polls) {
			d.uncursoredPending += 1;
			return ok(undefined, { cursor: '', status: 'PENDING' });
		}
		return ok(result(ep), { cursor: '', status: 'COMPLETE' });
	}
	if (polls > 0) {
		const id = d.nextId('action');
		d.pendingActions.set(id, { left: polls - 1, result: result(ep) });
		return ok(undefined, { cursor: Buffer.from(JSON.stringify({ a: id })).toString('base64url'), status: 'PENDING' });
	}
	return ok(result(ep), { status: 'COMPLETE' });
}

function decodeActionCursor(raw: string): string {
	try {
		const c = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8')) as { a?: unknown };
		if (typeof c.a === 'string') return c.a;
	} catch {
		// fall through
	}
	throw badRequest(`Invalid cursor '${raw}': pass back the cursor of the previous response.`, { id: '/cursor', location: 'body', value: raw });
}

function edrHandlers(): Record<string, Handler> {
	const endpoint = (ctx: Ctx, param: string) => findIn(data(ctx).sets.endpoints, ctx.params[param], 'endpoint');
	const removeByIds = (ctx: Ctx, set: string, ids: string[], groupId?: string) => {
		const d = data(ctx);
		const removed = d.sets[set].filter((i) => ids.includes(idOf(i) ?? '') || (groupId !== undefined && i.group_id === groupId)).map((i) => idOf(i) ?? '');
		d.sets[set] = d.sets[set].filter((i) => !removed.includes(idOf(i) ?? ''));
		return ok(removed);
	};
	return {
		query_endpoints: q('endpoints'),
		get_endpoint: (ctx) => ok(endpoint(ctx, 'id')),
		execute_command: (ctx) =>
			pendingAction(ctx, 'edr_execute_command', (ep) => {
				const command = String(body(ctx).command);
				return { device_uid: idOf(ep), command, stdout: `sandbox: ran '${command}' on ${String(getPath(ep, 'device.hostname'))}\n`, stderr: '' };
			}),
		execute_remote_script: (ctx) =>
			pendingAction(ctx, 'edr_execute_remote_script', (ep) => ({ device_uid: idOf(ep), stdout: `sandbox: script ${String(body(ctx).script)} finished\n`, stderr: '' })),
		retrieve_file: (ctx) => {
			const ep = endpoint(ctx, 'uid');
			const path = String(body(ctx).path);
			return {
				status: 200,
				bytes: Buffer.from(`Contents of ${path} on ${String(getPath(ep, 'device.hostname'))} (Synqly sandbox)\n`),
				contentType: 'application/octet-stream',
				headers: { 'content-disposition': `attachment; filename="${path.split(/[\\/]/).pop() ?? 'file'}"` },
			};
		},
		query_applications: q('applications'),
		network_quarantine: (ctx) => {
			const b = body(ctx);
			if (!['Connect', 'Disconnect'].includes(String(b.state))) throw invalidField('state', `Invalid state '${String(b.state)}': use Connect or Disconnect.`, b.state);
			const ids = requireStrings(b.endpoint_ids, 'endpoint_ids');
			ids.forEach((id) => endpoint({ ...ctx, params: { id } }, 'id'));
			data(ctx).actions.push({ operation: 'edr_network_quarantine', target: ids.join(','), body: b });
			return ok(ids);
		},
		query_threatevents: q('threats'),
		query_alerts: q('alerts'),
		query_iocs: q('iocs'),
		create_iocs: (ctx) => {
			const d = data(ctx);
			const indicators = requireIndicators(body(ctx).indicators).map((ind, i) => stixIndicator(d.sets.iocs.length + i, ind));
			d.post('edr_create_iocs', indicators);
			append(d.sets.iocs, indicators);
			return ok(indicators);
		},
		delete_iocs: (ctx) => removeByIds(ctx, 'iocs', idsFromQuery(ctx, 'ids')),
		query_ioa: q('ioas'),
		create_ioa: (ctx) => {
			const ioa = body(ctx).ioa;
			if (!isObject(ioa)) throw missingField('ioa');
			if (typeof ioa.name !== 'string') throw missingField('ioa/name');
			const d = data(ctx);
			const created = { ...ioa, id: typeof ioa.id === 'string' ? ioa.id : d.nextId('ioa'), created_time: d.now() };
			d.post('edr_create_ioa', [created]);
			d.sets.ioas.push(created);
			return ok(created);
		},
		delete_ioa: (ctx) => removeByIds(ctx, 'ioas', idsFromQuery(ctx, 'ids'), first(ctx.query, 'group_id')),
		query_posture_score: q('posture_scores'),
		query_edr_events: q('edr_events'),
		get_threat_notes: (ctx) => {
			const threat = findIn(data(ctx).sets.threats, ctx.params.threat_id, 'threat');
			return query(ctx, [noteActivity(0, idOf(threat) ?? '', 'Triaged by the SOC.'), ...(data(ctx).posted[`notes:${idOf(threat)}`] ?? [])] as Obj[]);
		},
		create_threat_note: (ctx) => {
			const threat = findIn(data(ctx).sets.threats, ctx.params.threat_id, 'threat');
			const note = body(ctx).note;
			if (!isObject(note)) throw missingField('note');
			const d = data(ctx);
			const content = typeof getPath(note, 'note.content') === 'string' ? String(getPath(note, 'note.content')) : JSON.stringify(note);
			const created = { ...noteActivity((d.posted[`notes:${idOf(threat)}`]?.length ?? 0) + 1, idOf(threat) ?? '', content), ...note };
			d.post(`notes:${idOf(threat)}`, [created]);
			return ok(created);
		},
	};
}

function requireStrings(value: unknown, field: string): string[] {
	if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) throw missingField(field);
	return value as string[];
}

function identityHandlers(): Record<string, Handler> {
	const userOf = (ctx: Ctx) => findIn(data(ctx).sets.users, ctx.params.user_id, 'user');
	const setEnabled = (enabled: boolean) => (ctx: Ctx) => {
		const u = userOf(ctx);
		if (isObject(u.user)) u.user.is_enabled = enabled;
		return idOf(u);
	};
	return {
		query_audit_log: q('audit'),
		query_risk_events: q('risk_events'),
		query_risky_users: q('risky_users'),
		query_users: q('users'),
		get_user: (ctx) => ok(userOf(ctx)),
		query_groups: q('groups'),
		get_group: getOne('groups', 'group_id', 'group'),
		get_group_members: (ctx) => {
			const groups = data(ctx).sets.groups;
			const group = findIn(groups, ctx.params.group_id, 'group');
			const index = groups.indexOf(group);
			return query(ctx, data(ctx).sets.users.filter((_, i) => i % groups.length === index));
		},
		enable_user: action('identity_enable_user', setEnabled(true)),
		disable_user: action('identity_disable_user', setEnabled(false)),
		force_user_password_reset: action('identity_force_user_password_reset', (ctx) => idOf(userOf(ctx))),
		expire_all_user_sessions: action('identity_expire_all_user_sessions', (ctx) => idOf(userOf(ctx))),
		get_user_picture: (ctx) => {
			userOf(ctx);
			return { status: 200, bytes: PNG_1X1, contentType: 'image/png' };
		},
	};
}

function storageHandlers(): Record<string, Handler> {
	const clean = (p: string) => p.replace(/^\/+|\/+$/g, '');
	return {
		list_files: (ctx) => {
			const folder = clean(ctx.params.path);
			const paths = [...data(ctx).files.keys()].filter((p) => folder === '' || p.startsWith(`${folder}/`)).sort();
			return query(ctx, paths.map((path) => ({ path })), { defaultLimit: 100 });
		},
		upload_file: (ctx) => {
			const part = ctx.parts.find((p) => p.name === 'file');
			if (!part) throw missingField('file');
			data(ctx).files.set(clean(ctx.params.path), { bytes: part.data, contentType: part.contentType ?? 'application/octet-stream', uploadedAt: data(ctx).now() });
			return noContent();
		},
		download_file: (ctx) => {
			const path = clean(ctx.params.path);
			const file = data(ctx).files.get(path);
			if (!file) throw notFound('file', path);
			return {
				status: 200,
				bytes: file.bytes,
				contentType: file.contentType,
				headers: { 'content-disposition': `attachment; filename="${path.split('/').pop() ?? 'file'}"` },
			};
		},
		delete_file: (ctx) => {
			const path = clean(ctx.params.path);
			if (!data(ctx).files.delete(path)) throw notFound('file', path);
			return noContent();
		},
	};
}

function customHandlers(): Record<string, Handler> {
	const objects = (ctx: Ctx) => data(ctx).customObjects(ctx.params.operation);
	const one = (ctx: Ctx) => {
		const obj = objects(ctx).get(ctx.params.id);
		if (!obj) throw notFound('object', ctx.params.id);
		return obj;
	};
	const create = (ctx: Ctx, obj: Obj) => {
		const id = typeof obj.id === 'string' ? obj.id : data(ctx).nextId(ctx.params.operation);
		const created = { ...obj, id };
		objects(ctx).set(id, created);
		return created;
	};
	return {
		query: (ctx) => query(ctx, [...objects(ctx).values()]),
		get: (ctx) => ok(one(ctx)),
		patch: (ctx) => {
			const obj = one(ctx);
			const next = applyJsonPatch(obj, ctx.body);
			objects(ctx).set(String(obj.id), { ...next, id: obj.id });
			return ok(objects(ctx).get(String(obj.id)));
		},
		delete: (ctx) => {
			objects(ctx).delete(String(one(ctx).id));
			return noContent();
		},
		post: (ctx) => ok(create(ctx, body(ctx))),
		post_batch: (ctx) => ok(requireArray(ctx.body, '').map((o) => create(ctx, o))),
	};
}

function notificationHandlers(): Record<string, Handler> {
	const one = (ctx: Ctx) => {
		const n = data(ctx).notifications.get(ctx.params.notification_id);
		if (!n) throw notFound('notification', ctx.params.notification_id);
		return n;
	};
	return {
		create_message: (ctx) => {
			const b = body(ctx);
			if (b.priority !== undefined && !PRIORITIES.includes(String(b.priority))) throw invalidField('priority', `Invalid priority '${String(b.priority)}'.`, b.priority);
			const d = data(ctx);
			const id = d.nextId('ntf');
			const now = d.now();
			const n = { ...b, id, name: typeof b.name === 'string' ? b.name : id, notification_status: 'OPEN', created_at: now, updated_at: now };
			d.notifications.set(id, n);
			return ok(n);
		},
		get_message: (ctx) => ok(one(ctx)),
		clear_message: (ctx) => {
			Object.assign(one(ctx), { notification_status: 'CLOSED', updated_at: data(ctx).now() });
			return noContent();
		},
	};
}

/** Async operations: SCHEDULED on create, PROCESSING on the next read, COMPLETE on the one after. */
function operationHandlers(): Record<string, Handler> {
	const one = (ctx: Ctx) => {
		const op = ctx.state.operations.find((o) => o.id === ctx.params.operation_id && o.integration_id === ctx.grant?.integrationId);
		if (!op) throw notFound('operation', ctx.params.operation_id);
		return op;
	};
	return {
		create: (ctx) => {
			const b = body(ctx);
			if (typeof b.operation !== 'string' || !OPERATION_IDS.includes(b.operation)) {
				throw invalidField('operation', `Unknown operation '${String(b.operation)}': use an OperationId such as siem_query_events.`, b.operation);
			}
			if (!isObject(b.input)) throw missingField('input');
			const now = ctx.state.clock.iso();
			const integration = ctx.state.integrations.get(ctx.grant?.integrationId ?? '');
			const op: Operation = {
				id: ctx.state.newId('op'),
				created_at: now,
				updated_at: now,
				account_id: integration.account_id,
				integration_id: integration.id,
				operation: b.operation,
				input: b.input as Operation['input'],
				status: 'SCHEDULED',
				cpu_time: 0,
				in_bytes: 0,
			};
			ctx.state.operations.push(op);
			return ok({ operation: op });
		},
		get: (ctx) => {
			const op = one(ctx);
			if (op.status === 'SCHEDULED') op.status = 'PROCESSING';
			else if (op.status === 'PROCESSING') completeOperation(ctx, op);
			op.updated_at = ctx.state.clock.iso();
			return ok(op);
		},
		cancel: (ctx) => {
			const op = one(ctx);
			if (op.status === 'COMPLETE') throw new ProblemError(409, `Operation '${op.id}' is already complete.`);
			op.status = 'CANCELLED';
			op.updated_at = ctx.state.clock.iso();
			return noContent();
		},
	};
}

function completeOperation(ctx: Ctx, op: Operation): void {
	op.status = 'COMPLETE';
	op.cpu_time = 1500;
	op.in_bytes = 2048;
	const started = Date.parse(op.created_at);
	ctx.state.executions.push({
		execution_id: ctx.state.newId('exe'),
		operation_id: op.id,
		started_at: op.created_at,
		completed_at: ctx.state.clock.iso(),
		account_id: op.account_id,
		integration_id: op.integration_id,
		operation: op.operation,
		trigger_type: 'API',
		trigger_source: 'engine',
		status: 'COMPLETE',
		records_processed: op.input.limit ?? 10,
		cpu_time: op.cpu_time,
		in_bytes: op.in_bytes,
		duration: Math.max(1, Date.now() - started),
	});
	const integration = ctx.state.integrations.find(op.integration_id);
	emitOrganizationEvent(ctx.state, 'operation_complete', { integration, account: integration ? ctx.state.accounts.find(integration.account_id) : undefined, operation: op });
}

function integrationWebhookHandlers(): Record<string, Handler> {
	return {
		create_webhook: (ctx) => {
			const d = data(ctx);
			const hook = {
				id: d.nextId('iwh'),
				creator: 'synqly-sandbox',
				enabled: true,
				events: ['TicketCreated', 'TicketUpdated', 'TicketDeleted', 'TicketCommentCreated', 'TicketCommentDeleted'],
				name: `synqly-${String(body(ctx).project)}`,
				value: `${ctx.baseUrl}/v1/hooks`,
				project: body(ctx).project,
				created_at: d.now(),
			};
			d.integrationWebhooks.push(hook);
			return ok(hook);
		},
		list_webhooks: (ctx) => ok(data(ctx).integrationWebhooks, { url: `${ctx.baseUrl}/v1/hooks` }),
		delete_webhook: (ctx) => {
			data(ctx).integrationWebhooks.length = 0;
			return noContent();
		},
	};
}

/** Inbound provider events: authenticated by `?token=<integration access token>`, not by a header. */
function hooksProxy(ctx: Ctx): Reply {
	const token = first(ctx.query, 'token');
	const grant = token ? ctx.state.secrets.get(token) : undefined;
	if (!grant || grant.scope !== 'integration' || grant.kind !== 'access' || grant.expiresMs <= Date.now()) {
		throw unauthorized(token ? AUTH_DETAILS.invalid : AUTH_DETAILS.missing);
	}
	ctx.state.connector(grant.integrationId ?? '').post('hooks_proxy', [ctx.body ?? ctx.rawBody.toString('utf8')]);
	return noContent();
}

/** The rest: categories that are only queries (and a few gets/actions). */
function queryOnlyHandlers(): Record<string, Record<string, Handler>> {
	const device = (ctx: Ctx) => findIn(data(ctx).sets.devices, String(ctx.params.id ?? body(ctx).device_id), 'device');
	const deviceAction = (name: string): Handler => (ctx) => {
		const dev = device(ctx);
		data(ctx).actions.push({ operation: name, target: idOf(dev), body: ctx.body });
		return ok(data(ctx).nextId('action'));
	};
	return {
		appsec: {
			query_applications: q('applications'),
			query_application_findings: (ctx) => {
				findIn(data(ctx).sets.applications, ctx.params.application_id, 'application');
				return query(ctx, data(ctx).sets.findings.filter((f) => getPath(f, 'application.uid') === ctx.params.application_id));
			},
			query_findings: q('findings'),
			create_findings: (ctx) => {
				const findings = requireArray(ctx.body, '');
				data(ctx).post('appsec_create_findings', findings);
				append(data(ctx).sets.findings, findings);
				return ok(findings);
			},
			get_application_finding_details: (ctx) => {
				findIn(data(ctx).sets.applications, ctx.params.application_id, 'application');
				return ok(findIn(data(ctx).sets.findings, ctx.params.finding_id, 'finding'), { cursor: '' });
			},
			query_application_scans: (ctx) => {
				findIn(data(ctx).sets.applications, ctx.params.application_id, 'application');
				return query(ctx, data(ctx).sets.scans.filter((s) => getPath(s, 'application.uid') === ctx.params.application_id));
			},
		},
		chat: {
			query_users: q('users'),
			query_conversations: q('conversations'),
			query_user_conversations: (ctx) => {
				findIn(data(ctx).sets.users, ctx.params.user_id, 'user');
				return query(ctx, data(ctx).sets.conversations);
			},
			query_user_conversation_members: (ctx) => {
				findIn(data(ctx).sets.users, ctx.params.user_id, 'user');
				findIn(data(ctx).sets.conversations, ctx.params.conversation_id, 'conversation');
				return query(ctx, data(ctx).sets.users);
			},
			query_user_conversation_messages: (ctx) => {
				findIn(data(ctx).sets.users, ctx.params.user_id, 'user');
				findIn(data(ctx).sets.conversations, ctx.params.conversation_id, 'conversation');
				return query(ctx, data(ctx).sets.messages);
			},
			query_conversation_members: (ctx) => {
				findIn(data(ctx).sets.conversations, ctx.params.conversation_id, 'conversation');
				return query(ctx, data(ctx).sets.users);
			},
			query_conversation_messages: (ctx) => {
				findIn(data(ctx).sets.conversations, ctx.params.conversation_id, 'conversation');
				return query(ctx, data(ctx).sets.messages);
			},
		},
		cloudsecurity: {
			query_events: q('events'),
			query_ioms: q('ioms'),
			query_cloud_resource_inventory: q('inventory'),
			query_compliance_findings: q('compliance'),
			query_threats: q('threats'),
		},
		emailsecurity: {
			query_threats: q('threats'),
			get_threat_details: getOne('threats', 'threat_id', 'threat'),
			query_email_events: q('email_events'),
		},
		endpointmanagement: {
			query_devices: q('devices'),
			get_device: (ctx) => ok(device(ctx)),
			query_compliance_findings: q('compliance'),
			remediate_device: (ctx) => {
				const b = body(ctx);
				if (typeof b.device_id === 'string') device(ctx);
				data(ctx).actions.push({ operation: 'endpointmanagement_remediate_device', target: b.device_id as string | undefined, body: b });
				return ok(data(ctx).nextId('action'));
			},
			update_device: deviceAction('endpointmanagement_update_device'),
			lock_device: deviceAction('endpointmanagement_lock_device'),
			restart_device: deviceAction('endpointmanagement_restart_device'),
			wipe_device: deviceAction('endpointmanagement_wipe_device'),
			query_device_applications: (ctx) => {
				device(ctx);
				return query(ctx, data(ctx).sets.applications);
			},
		},
		incidentresponse: {
			query_escalation_policies: q('escalation_policies'),
			query_escalation_policy_users_on_call: (ctx) => {
				findIn(data(ctx).sets.escalation_policies, ctx.params.escalation_policy_id, 'escalation_policy');
				return ok(data(ctx).sets.on_call);
			},
		},
		networksecurity: {
			query_traffic_log_configurations: q('log_configurations'),
			query_traffic_events: q('traffic_events'),
		},
		sink: {
			post_events: (ctx) => {
				const events = requireEvents(ctx.body);
				data(ctx).post('sink_post_events', events);
				return ok([]);
			},
		},
	};
}

export function connectorHandlers(): Record<string, Handler> {
	const groups: Record<string, Record<string, Handler>> = {
		...queryOnlyHandlers(),
		ticketing: ticketingHandlers(),
		siem: siemHandlers(),
		vulnerabilities: vulnerabilityHandlers(),
		assets: assetHandlers(),
		edr: edrHandlers(),
		identity: identityHandlers(),
		storage: storageHandlers(),
		custom: customHandlers(),
		notifications: notificationHandlers(),
		operations: operationHandlers(),
		integration_webhooks: integrationWebhookHandlers(),
		hooks: { proxy: hooksProxy },
	};
	const table: Record<string, Handler> = {};
	for (const [group, handlers] of Object.entries(groups)) {
		for (const [name, handler] of Object.entries(handlers)) table[`${group}.${name}`] = handler;
	}
	return table;
}
