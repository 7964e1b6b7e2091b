/**
 * In-memory building blocks: a clock that never repeats a timestamp (keyset paging on
 * `created_at` needs unique keys), id/name helpers, a collection with id-or-name lookup,
 * Synqly's management list parameters (limit, start_after, order, filter, total), and
 * RFC 6902 JSON Patch.
 */
import { randomBytes } from 'node:crypto';

import { badRequest, conflict, invalidField, notFound, ProblemError } from './problems';

/**
 * Timestamps that never repeat: keyset paging on `created_at` needs unique keys. Within one
 * millisecond a counter fills the sub-millisecond digits (RFC 3339 with 9 fractional digits,
 * as Synqly's Go services write them), so the clock never runs ahead of real time.
 */
export class Clock {
	private lastMs = 0;
	private counter = 0;

	iso(): string {
		const now = Date.now();
		if (now > this.lastMs) {
			this.lastMs = now;
			this.counter = 0;
		} else {
			this.counter += 1;
		}
		const base = new Date(this.lastMs).toISOString().slice(0, -1);
		return `${base}${String(this.counter).padStart(6, '0')}Z`;
	}
}

export function newId(prefix: string): string {
	return `${prefix}_${randomBytes(10).toString('hex')}`;
}

export function randomSecret(prefix: string, bytes = 24): string {
	return `${prefix}${randomBytes(bytes).toString('base64url')}`;
}

/** Synqly names: lowercase [a-z0-9_-]; generated from `fullname` when absent. */
export function slugify(text: string): string {
	return text
		.toLowerCase()
		.replace(/[^a-z0-9_-]+/g, '-')
		.replace(/-{2,}/g, '-')
		.replace(/^-+|-+$/g, '');
}

export const NAME_PATTERN = /^[a-z0-9_-]+$/i;

export function deepClone<T>(value: T): T {
	return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

export function isObject(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A copy of `obj` without `keys`. */
export function omit<T extends object>(obj: T, keys: string[]): Record<string, unknown> {
	return Object.fromEntries(Object.entries(obj).filter(([k]) => !keys.includes(k)));
}

export interface Stored {
	id: string;
	name: string;
	created_at: string;
	updated_at: string;
}

/**
 * One kind of management object. Lookups accept the id or the name, as the API does
 * (docs pass names as ids); names are unique case-insensitively within a scope.
 */
export class Collection<T extends Stored> {
	private readonly items = new Map<string, T>();
	/** Sorted copies by order, dropped on every change: keyset pages of 100,000 objects would otherwise sort them all per page. */
	private readonly sortedCache = new Map<string, T[]>();

	constructor(
		/** Problem `ResourceType`, e.g. `account`, `integration_point`. */
		readonly type: string,
		readonly idPrefix: string,
	) {}

	get size(): number {
		return this.items.size;
	}

	all(where: (item: T) => boolean = () => true): T[] {
		return [...this.items.values()].filter(where);
	}

	/** Every object in `order` (as `sortItems` sorts); the caller must not change the array. */
	sorted(order: Order[]): T[] {
		const key = JSON.stringify(order);
		let list = this.sortedCache.get(key);
		if (!list) {
			list = sortItems([...this.items.values()], order);
			this.sortedCache.set(key, list);
		}
		return list;
	}

	find(idOrName: string, where: (item: T) => boolean = () => true): T | undefined {
		const byId = this.items.get(idOrName);
		if (byId && where(byId)) return byId;
		const lower = idOrName.toLowerCase();
		return this.all(where).find((item) => item.name.toLowerCase() === lower);
	}

	get(idOrName: string, where?: (item: T) => boolean): T {
		const item = this.find(idOrName, where);
		if (!item) throw notFound(this.type, idOrName);
		return item;
	}

	/** 409 when another object in the same scope already has this name. */
	assertNameFree(name: string, where: (item: T) => boolean = () => true, exceptId?: string): void {
		const lower = name.toLowerCase();
		const other = this.all(where).find((item) => item.id !== exceptId && item.name.toLowerCase() === lower);
		if (other) throw conflict(this.type, name, other.id);
	}

	put(item: T): T {
		this.items.set(item.id, item);
		this.sortedCache.clear();
		return item;
	}

	remove(id: string): boolean {
		this.sortedCache.clear();
		return this.items.delete(id);
	}

	clear(): void {
		this.items.clear();
		this.sortedCache.clear();
	}
}

// ---------------------------------------------------------------------------------------------
// List parameters

export type QueryMap = Record<string, string[]>;

export const FILTER_OPS = ['eq', 'ne', 'in', 'like', 'gt', 'gte', 'lt', 'lte'] as const;
export type FilterOp = (typeof FILTER_OPS)[number];

export interface Filter {
	field: string;
	op: FilterOp;
	value: string;
}

export interface Order {
	field: string;
	desc: boolean;
}

export interface ListQuery {
	limit: number;
	startAfter?: string;
	/** The field `start_after` names a value of: the list's documented key (its default order field). */
	startAfterKey: string;
	order: Order[];
	filters: Filter[];
	total: boolean;
}

export interface ListOptions {
	/** e.g. `name`, `created_at`, or `started_at[desc]`. */
	defaultOrder: string;
	defaultLimit?: number;
	maxLimit?: number;
}

const FILTER_RE = /^([A-Za-z_][A-Za-z0-9_.]*)\[([a-z]+)\](.*)$/s;
const ORDER_RE = /^([A-Za-z_][A-Za-z0-9_.,]*)(?:\[(asc|desc)\])?$/i;

export function first(query: QueryMap, name: string): string | undefined {
	return query[name]?.[0];
}

/** Query value lists as sent (`?filter=a&filter=b`), also accepting comma-free single values. */
export function many(query: QueryMap, name: string): string[] {
	return (query[name] ?? []).filter((v) => v !== '');
}

export function parseFilter(raw: string, parameter = 'filter'): Filter {
	const m = FILTER_RE.exec(raw.trim());
	if (!m || !(FILTER_OPS as readonly string[]).includes(m[2])) {
		throw badRequest(
			`Invalid filter '${raw}': expected field[op]value with op one of ${FILTER_OPS.join(', ')}.`,
			{ id: parameter, location: 'query', value: raw },
		);
	}
	return { field: m[1], op: m[2] as FilterOp, value: m[3] };
}

export function parseOrder(raw: string): Order {
	const m = ORDER_RE.exec(raw.trim());
	if (!m) {
		throw badRequest(`Invalid order '${raw}': expected field[asc] or field[desc].`, {
			id: 'order',
			location: 'query',
			value: raw,
		});
	}
	return { field: m[1], desc: (m[2] ?? 'asc').toLowerCase() === 'desc' };
}

export function parseLimit(query: QueryMap, fallback: number, max: number): number {
	const raw = first(query, 'limit');
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < 1 || n > max) {
		throw badRequest(`Invalid limit '${raw}': expected an integer from 1 to ${max}.`, {
			id: 'limit',
			location: 'query',
			value: raw,
		});
	}
	return n;
}

export function parseListQuery(query: QueryMap, options: ListOptions): ListQuery {
	const orders = many(query, 'order');
	const total = first(query, 'total');
	return {
		limit: parseLimit(query, options.defaultLimit ?? 100, options.maxLimit ?? 1000),
		startAfter: first(query, 'start_after') || undefined,
		startAfterKey: parseOrder(options.defaultOrder).field,
		order: (orders.length ? orders : [options.defaultOrder]).map(parseOrder),
		filters: many(query, 'filter').map((f) => parseFilter(f)),
		total: total === 'true' || total === '1',
	};
}

/** Dotted path lookup; arrays along the way are searched element-wise (`labels`, `tags.name`). */
export function getPath(obj: unknown, path: string): unknown {
	let values: unknown[] = [obj];
	for (const key of path.split('.')) {
		const next: unknown[] = [];
		for (const v of values) {
			if (Array.isArray(v)) {
				for (const el of v) if (isObject(el) && key in el) next.push(el[key]);
			} else if (isObject(v) && key in v) next.push(v[key]);
		}
		if (!next.length) return undefined;
		values = next;
	}
	return values.length === 1 ? values[0] : values;
}

function unquote(value: string): string {
	const v = value.trim();
	return v.length >= 2 && v.startsWith('"') && v.endsWith('"') ? v.slice(1, -1) : v;
}

const RFC3339 = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:\d{2})$/i;

/**
 * A time as [epoch ms, nanoseconds beyond the ms]: RFC 3339 strings (any number of fraction digits)
 * and, when compared with one, OCSF timestamps (epoch ms numbers). The reference filters time
 * fields with RFC 3339 values, also OCSF's numeric ones (`finding.last_seen_time[gte]2024-01-05T00:00:00Z`).
 */
function instant(v: unknown): [number, number] | undefined {
	if (typeof v === 'number') return [v, 0];
	if (typeof v !== 'string') return undefined;
	const m = RFC3339.exec(v.trim());
	if (!m) return undefined;
	const digits = (m[2] ?? '').padEnd(9, '0');
	const ms = Date.parse(`${m[1]}.${digits.slice(0, 3)}${m[3]}`);
	return Number.isNaN(ms) ? undefined : [ms, Number(digits.slice(3, 9))];
}

/** Two values of which at least one is an RFC 3339 time, compared as instants; undefined otherwise. */
function compareTimes(a: unknown, b: unknown): number | undefined {
	if (!(typeof a === 'string' && RFC3339.test(a)) && !(typeof b === 'string' && RFC3339.test(b))) return undefined;
	const ta = instant(a);
	const tb = instant(b);
	return ta && tb ? ta[0] - tb[0] || ta[1] - tb[1] : undefined;
}

/**
 * One ordering for sorting, keyset comparisons and gt/lt filters: times as instants, numbers
 * numerically, the rest as strings.
 */
export function compareValues(a: unknown, b: unknown): number {
	if (a === undefined || a === null) return b === undefined || b === null ? 0 : 1;
	if (b === undefined || b === null) return -1;
	const times = compareTimes(a, b);
	if (times !== undefined) return times;
	const na = typeof a === 'number' ? a : Number.NaN;
	const nb = typeof b === 'number' ? b : typeof b === 'string' && b.trim() !== '' ? Number(b) : Number.NaN;
	if (!Number.isNaN(na) && !Number.isNaN(nb)) return na - nb;
	const sa = typeof a === 'string' ? a : JSON.stringify(a);
	const sb = typeof b === 'string' ? b : JSON.stringify(b);
	return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function scalarText(v: unknown): string {
	return typeof v === 'string' ? v : JSON.stringify(v);
}

function wildcard(pattern: string): RegExp {
	const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
	return new RegExp(`^${escaped}$`, 'is');
}

function scalarMatches(v: unknown, op: FilterOp, value: string): boolean {
	switch (op) {
		case 'eq':
			return scalarText(v) === value;
		case 'ne':
			return scalarText(v) !== value;
		case 'in':
			return value.split(',').map(unquote).includes(scalarText(v));
		case 'like':
			return wildcard(value).test(scalarText(v));
		case 'gt':
			return compareValues(v, value) > 0;
		case 'gte':
			return compareValues(v, value) >= 0;
		case 'lt':
			return compareValues(v, value) < 0;
		case 'lte':
			return compareValues(v, value) <= 0;
	}
}

export function matchesFilter(item: unknown, filter: Filter): boolean {
	const actual = getPath(item, filter.field);
	const value = unquote(filter.value);
	if (actual === undefined || actual === null) return filter.op === 'ne';
	if (Array.isArray(actual)) {
		// Arrays (labels, tags): `ne` means "contains no such element", the rest "some element matches".
		return filter.op === 'ne'
			? actual.every((el) => scalarMatches(el, 'ne', value))
			: actual.some((el) => scalarMatches(el, filter.op, value));
	}
	return scalarMatches(actual, filter.op, value);
}

export function sortItems<T>(items: T[], order: Order[]): T[] {
	return [...items].sort((a, b) => {
		for (const o of order) {
			const c = compareValues(getPath(a, o.field), getPath(b, o.field));
			if (c !== 0) return o.desc ? -c : c;
		}
		return compareValues(getPath(a, 'id'), getPath(b, 'id'));
	});
}

/**
 * Filters (ANDed), sorts, then keyset-pages. The reference documents `start_after` as the value
 * of the list's key (`name`, or `created_at`, `organization_id`… per list) of the last object
 * already seen, whatever the order: "Return X objects starting after this name". It is silent on
 * how that combines with a custom `order`; the sandbox takes the position reading: the page
 * starts after the object with that key in the current order. A key no object has any more (it
 * was deleted) continues after where it would sort in key order.
 * `sorted`: the items already are in `q.order` (a collection's `sorted()`).
 */
export function applyList<T>(items: T[], q: ListQuery, sorted = false): { page: T[]; total: number } {
	const filtered = q.filters.length ? items.filter((item) => q.filters.every((f) => matchesFilter(item, f))) : items;
	const list = sorted ? filtered : sortItems(filtered, q.order);
	let start = 0;
	if (q.startAfter !== undefined) {
		const after = q.startAfter;
		const key = q.order[0];
		if (q.order.length === 1 && key.field === q.startAfterKey && !key.desc) {
			// Ordered by the key itself (the default): the items after it are a suffix, found by binary search.
			let end = list.length;
			while (start < end) {
				const mid = (start + end) >>> 1;
				if (compareValues(getPath(list[mid], key.field), after) > 0) end = mid;
				else start = mid + 1;
			}
		} else {
			const at = list.findIndex((item) => String(getPath(item, q.startAfterKey)) === after);
			start = at >= 0 ? at + 1 : list.length;
			if (at < 0) {
				const rest = list.filter((item) => compareValues(getPath(item, q.startAfterKey), after) > 0);
				return { page: rest.slice(0, q.limit), total: filtered.length };
			}
		}
	}
	return { page: list.slice(start, start + q.limit), total: filtered.length };
}

// ---------------------------------------------------------------------------------------------
// JSON Patch (RFC 6902)

export interface PatchOperation {
	op: string;
	path: string;
	from?: string;
	value?: unknown;
}

function pointerTokens(pointer: string, where: string): string[] {
	if (pointer === '') return [];
	if (!pointer.startsWith('/')) throw invalidField(where, `'${pointer}' is not a JSON Pointer (it must start with '/').`, pointer);
	return pointer
		.slice(1)
		.split('/')
		.map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

type Container = Record<string, unknown> | unknown[];

function resolveParent(doc: unknown, tokens: string[], where: string, pointer: string): { parent: Container; key: string } {
	let node: unknown = doc;
	for (const token of tokens.slice(0, -1)) {
		if (Array.isArray(node)) node = node[Number(token)];
		else if (isObject(node)) node = node[token];
		else node = undefined;
		if (node === undefined) throw invalidField(where, `The path '${pointer}' does not exist.`, pointer);
	}
	if (!Array.isArray(node) && !isObject(node)) throw invalidField(where, `The path '${pointer}' does not exist.`, pointer);
	return { parent: node, key: tokens[tokens.length - 1] };
}

function arrayIndex(arr: unknown[], key: string, forAdd: boolean, where: string, pointer: string): number {
	if (forAdd && key === '-') return arr.length;
	const idx = /^(0|[1-9][0-9]*)$/.test(key) ? Number(key) : Number.NaN;
	if (Number.isNaN(idx) || idx > arr.length || (!forAdd && idx === arr.length)) {
		throw invalidField(where, `The array index in '${pointer}' is out of range.`, pointer);
	}
	return idx;
}

function readAt(doc: unknown, pointer: string, where: string): unknown {
	let node: unknown = doc;
	for (const token of pointerTokens(pointer, where)) {
		if (Array.isArray(node)) node = node[Number(token)];
		else if (isObject(node)) node = Object.prototype.hasOwnProperty.call(node, token) ? node[token] : undefined;
		else node = undefined;
		if (node === undefined) throw invalidField(where, `The path '${pointer}' does not exist.`, pointer);
	}
	return node;
}

function removeAt(doc: unknown, pointer: string, where: string): unknown {
	const tokens = pointerTokens(pointer, where);
	if (!tokens.length) throw invalidField(where, 'The whole document cannot be removed.', pointer);
	const { parent, key } = resolveParent(doc, tokens, where, pointer);
	if (Array.isArray(parent)) {
		const idx = arrayIndex(parent, key, false, where, pointer);
		return parent.splice(idx, 1)[0];
	}
	if (!Object.prototype.hasOwnProperty.call(parent, key)) throw invalidField(where, `The path '${pointer}' does not exist.`, pointer);
	const old = parent[key];
	delete parent[key];
	return old;
}

function addAt(doc: unknown, pointer: string, value: unknown, where: string, replace: boolean): unknown {
	const tokens = pointerTokens(pointer, where);
	if (!tokens.length) return value;
	const { parent, key } = resolveParent(doc, tokens, where, pointer);
	if (Array.isArray(parent)) {
		const idx = arrayIndex(parent, key, !replace, where, pointer);
		if (replace) parent[idx] = value;
		else parent.splice(idx, 0, value);
	} else {
		if (replace && !Object.prototype.hasOwnProperty.call(parent, key)) {
			throw invalidField(where, `The path '${pointer}' does not exist, so it cannot be replaced.`, pointer);
		}
		parent[key] = value;
	}
	return doc;
}

function deepEqual(a: unknown, b: unknown): boolean {
	return JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));
}

function canonical(v: unknown): unknown {
	if (Array.isArray(v)) return v.map(canonical);
	if (isObject(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical(v[k])]));
	return v;
}

/**
 * Applies a JSON Patch to a copy of `doc`. Malformed operations give 400 naming the operation
 * (`/0/path`); a failing `test` gives 409, since the patch was valid but the object's state
 * does not match (RFC 5789 §2.2 "conflicting state").
 */
export function applyJsonPatch<T>(doc: T, ops: unknown): T {
	if (!Array.isArray(ops)) {
		throw badRequest('A JSON Patch body must be an array of operations.', { id: '/', location: 'body' });
	}
	let result: unknown = deepClone(doc);
	ops.forEach((raw, i) => {
		if (!isObject(raw) || typeof raw.op !== 'string' || typeof raw.path !== 'string') {
			throw invalidField(`/${i}`, `Patch operation ${i} needs string 'op' and 'path' fields.`, raw);
		}
		const op = raw as unknown as PatchOperation;
		const where = `/${i}/path`;
		const needsValue = ['add', 'replace', 'test'].includes(op.op);
		if (needsValue && !('value' in raw)) throw invalidField(`/${i}/value`, `Patch operation ${i} ('${op.op}') needs a 'value'.`);
		switch (op.op) {
			case 'add':
				result = addAt(result, op.path, deepClone(op.value), where, false);
				break;
			case 'replace':
				result = pointerTokens(op.path, where).length ? addAt(result, op.path, deepClone(op.value), where, true) : deepClone(op.value);
				break;
			case 'remove':
				removeAt(result, op.path, where);
				break;
			case 'move':
			case 'copy': {
				if (typeof op.from !== 'string') throw invalidField(`/${i}/from`, `Patch operation ${i} ('${op.op}') needs a 'from'.`);
				const value = op.op === 'move' ? removeAt(result, op.from, `/${i}/from`) : deepClone(readAt(result, op.from, `/${i}/from`));
				result = addAt(result, op.path, value, where, false);
				break;
			}
			case 'test': {
				const actual = readAt(result, op.path, where);
				if (!deepEqual(actual, op.value)) {
					throw new ProblemError(409, `Patch operation ${i} ('test') failed: the value at '${op.path}' is not the expected one.`, {
						context: { parameter: { id: where, location: 'body', value: op.path } },
					});
				}
				break;
			}
			default:
				throw invalidField(`/${i}/op`, `Unknown patch op '${op.op}' (use add, remove, replace, move, copy or test).`, op.op);
		}
	});
	return result as T;
}

/** `1h`, `30m`, `90s`, `1h30m`, `500ms` (Go duration syntax, as Synqly's token_ttl) -> milliseconds. */
export function parseDuration(text: string): number | undefined {
	const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/gy;
	let total = 0;
	let matched = '';
	for (let m = re.exec(text); m; m = re.exec(text)) {
		const n = Number(m[1]);
		total += n * (m[2] === 'h' ? 3_600_000 : m[2] === 'm' ? 60_000 : m[2] === 's' ? 1000 : 1);
		matched += m[0];
	}
	return matched === text && text !== '' ? total : undefined;
}

export function formatDuration(ms: number): string {
	const h = Math.floor(ms / 3_600_000);
	const m = Math.floor((ms % 3_600_000) / 60_000);
	const s = Math.floor((ms % 60_000) / 1000);
	return `${h ? `${h}h` : ''}${m ? `${m}m` : ''}${s || (!h && !m) ? `${s}s` : ''}`;
}
