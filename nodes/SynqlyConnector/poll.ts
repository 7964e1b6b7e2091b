import { createHash } from 'crypto';
import type { IDataObject, INodeExecutionData, INodeProperties, IPollFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Client } from '../shared/catalog/request';
import type { ApiTable, CursorListRow, PollBy } from '../shared/catalog/types';
import {
	DEFAULT_PENDING_TIMEOUT,
	FILTER,
	FILTERS,
	filtersControl,
	PENDING_TIMEOUT,
	pendingTimeoutParam,
	requestOptionsControl,
	wholeNumberOption,
} from '../shared/form/controls';
import { paramProperty } from '../shared/form/properties';
import { filterStrings } from '../shared/runtime/input';
import { redact } from '../shared/runtime/output';
import { cursorPages } from '../shared/runtime/paging';
import { firstValue, readPath } from '../shared/wire/dotted';

/**
 * Polling a connector query for new records, exactly once each: a watermark (the newest record
 * time emitted) and the ids emitted at that very time live in the workflow's static data; each
 * poll asks for records at or after the watermark, follows the cursor to the end, drops what was
 * emitted already, and moves the watermark only once the whole poll has succeeded.
 */

export const SOURCE = 'source';
export const POLL_OPTIONS = 'options';
export const EMIT_EXISTING = 'emitExisting';
export const MAX_PER_POLL = 'maxPerPoll';
export const DEFAULT_MAX_PER_POLL = 500;

/** One entry of the Source list: a query row and the field it is polled by. */
export interface PollSource {
	value: string;
	name: string;
	row: CursorListRow;
	by: PollBy;
}

/** Every query of the table that a row says can be polled, in Source-list order. */
export function pollSources(table: ApiTable): PollSource[] {
	const resourceName = new Map(table.resources.map((r) => [r.value, r.name]));
	return table.operations
		.flatMap((row) =>
			'poll' in row && row.filters
				? (row.poll ?? []).map((by) => ({
						value: `${row.resource}:${row.operation}:${by.field}`,
						name: `${resourceName.get(row.resource) ?? row.resource}: ${by.label}`,
						row,
						by,
					}))
				: [],
		)
		.sort((a, b) => a.name.localeCompare(b.name));
}

/** The trigger's form after authentication: Source, Filters, Options. */
export function pollProperties(sources: PollSource[]): INodeProperties[] {
	return [
		{
			displayName: 'Source',
			name: SOURCE,
			type: 'options',
			noDataExpression: true,
			required: true,
			options: sources.map((s) => ({
				name: s.name,
				value: s.value,
				description: `${s.row.method} ${s.row.path}, new by ${s.by.field}`,
			})),
			// SIEM alerts, the most common start; a test checks that the table offers it.
			default: 'siem:queryAlerts:time',
			description: "Which records start the workflow: each new one starts one execution",
		},
		{ ...filtersControl('', 'severity_id'), description: 'Only records that match these Synqly filters (field[operator]value) start the workflow' },
		{
			displayName: 'Options',
			name: POLL_OPTIONS,
			type: 'collection',
			placeholder: 'Add option',
			default: {},
			options: [
				{
					displayName: 'Emit Existing Records on First Poll',
					name: EMIT_EXISTING,
					type: 'boolean',
					default: false,
					description:
						'Whether the first poll after activation emits every record there is (once); by default it only notes the time, and only records newer than the activation start the workflow',
				},
				{
					displayName: 'Max Records per Poll',
					name: MAX_PER_POLL,
					type: 'number',
					typeOptions: { minValue: 1 },
					default: DEFAULT_MAX_PER_POLL,
					description: 'The oldest this many new records are emitted by one poll; the rest wait for the next poll, none is lost',
				},
				paramProperty(pendingTimeoutParam),
			],
		},
		requestOptionsControl({ concurrency: false }),
	];
}

/** What the trigger keeps between polls, in the node's static data. */
interface PollState extends IDataObject {
	/** The Source this state belongs to: another Source starts over. */
	source?: string;
	/** Time (epoch ms) of the newest record emitted, or of the activation. */
	watermark?: number;
	/** Ids of the records emitted whose time is exactly the watermark. */
	seen?: string[];
}

interface Found {
	time: number;
	id: string;
	record: IDataObject;
}

/** A record's time as epoch milliseconds: OCSF numbers, or RFC 3339 strings. */
function timeOf(record: IDataObject, field: string): number | undefined {
	const value = readPath(record, field);
	if (typeof value === 'number' && Number.isFinite(value)) return value;
	if (typeof value === 'string' && value.trim() !== '') {
		const parsed = Date.parse(value);
		return Number.isNaN(parsed) ? undefined : parsed;
	}
	return undefined;
}

/** The record's id by the source's id paths; records without one are known by a hash of their content. */
function idOf(record: IDataObject, paths: string): string {
	const id = firstValue(record, paths);
	if (typeof id === 'string' || typeof id === 'number') return String(id);
	return `sha256:${createHash('sha256').update(JSON.stringify(record)).digest('hex')}`;
}

const byTimeThenId = (a: Found, b: Found) => a.time - b.time || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The `size` oldest records offered (by time, then id), each once: what one poll emits, held
 * without keeping every page of a long read in memory.
 */
class OldestFirst {
	readonly list: Found[] = [];

	private readonly keys = new Set<string>();

	constructor(private readonly size: number) {}

	get full(): boolean {
		return this.list.length >= this.size;
	}

	add(found: Found): void {
		const key = `${found.time} ${found.id}`;
		if (this.keys.has(key)) return;
		const { list } = this;
		if (this.full && byTimeThenId(found, list[list.length - 1]) >= 0) return;
		let low = 0;
		let high = list.length;
		while (low < high) {
			const middle = (low + high) >> 1;
			if (byTimeThenId(list[middle], found) < 0) low = middle + 1;
			else high = middle;
		}
		list.splice(low, 0, found);
		this.keys.add(key);
		if (list.length > this.size) {
			const dropped = list.pop() as Found;
			this.keys.delete(`${dropped.time} ${dropped.id}`);
		}
	}
}

/**
 * One poll of the trigger. Manual mode ("Fetch test event") returns the newest record and leaves
 * the state alone. Otherwise: the first poll notes "now" (or, with Emit Existing, emits every
 * record), later polls emit the records newer than the watermark, oldest first, at most Max
 * Records per Poll; the state changes only after the poll's last page was read.
 */
export async function pollTable(this: IPollFunctions, table: ApiTable, client: Client): Promise<INodeExecutionData[][] | null> {
	const sourceValue = this.getNodeParameter(SOURCE) as string;
	const source = pollSources(table).find((s) => s.value === sourceValue);
	if (!source) throw new NodeOperationError(this.getNode(), `The Source "${sourceValue}" is not known`);
	const { row, by } = source;
	const options = this.getNodeParameter(POLL_OPTIONS, {}) as IDataObject;
	const userFilters = filterStrings(this.getNode(), this.getNodeParameter(`${FILTERS}.${FILTER}`, []) as IDataObject[], 0);
	const timeoutSeconds = wholeNumberOption(options[PENDING_TIMEOUT], { min: 0, fallback: DEFAULT_PENDING_TIMEOUT });
	const manual = this.getMode() === 'manual';
	const state = this.getWorkflowStaticData('node') as PollState;
	const fresh = state.source !== source.value || typeof state.watermark !== 'number';

	if (!manual && fresh && options[EMIT_EXISTING] !== true) {
		// Activation: only what comes after now is new.
		Object.assign(state, { source: source.value, watermark: Date.now(), seen: [] });
		return null;
	}
	const watermark = manual || fresh ? undefined : (state.watermark as number);
	// `gte`, not `gt`: a provider that keeps coarser times than ours would otherwise skip records
	// sharing the watermark's second; the ids seen at the watermark drop the repeats.
	const since = watermark === undefined ? [] : [`${by.field}[gte]${new Date(watermark).toISOString()}`];
	const sortable = row.filters?.sortable === true;
	const seen = new Set(watermark === undefined ? [] : (state.seen ?? []));
	// A provider may ignore the filter, or repeat a record on two pages: both are dropped here.
	const isNew = (f: Found) => watermark === undefined || f.time > watermark || (f.time === watermark && !seen.has(f.id));
	// Manual mode wants the newest only: one page, newest first, where the query sorts. A poll
	// asks oldest first, so that it can stop once it holds Max Records per Poll.
	const order = sortable ? [`${by.field}[${manual ? 'desc' : 'asc'}]`] : undefined;
	const kept = new OldestFirst(wholeNumberOption(options[MAX_PER_POLL], { min: 1, fallback: DEFAULT_MAX_PER_POLL }));
	let newest: Found | undefined;
	try {
		const request = client.request(row, { query: { filter: [...userFilters, ...since], order } }, 0);
		const limit = manual && sortable ? row.pageSize : undefined;
		// Stopping early is safe only while the records come oldest first, as asked: the next poll
		// asks from the newest one kept, so nothing older is left behind. A provider that ignores
		// the order (its capabilities list the orders it supports) is read to the end.
		let ascending = sortable && !manual;
		let latest = Number.NEGATIVE_INFINITY;
		for await (const page of cursorPages(client, { ...request, limit }, { normal: row.pageSize, largest: row.maxPageSize }, timeoutSeconds)) {
			for (const record of page) {
				const time = timeOf(record, by.field);
				// A record without a time cannot be placed after the watermark; the query filter
				// would not return it either, so it is left out.
				if (time === undefined) continue;
				if (time < latest) ascending = false;
				latest = Math.max(latest, time);
				const found = { time, id: idOf(record, by.id), record };
				if (manual) newest = newest && byTimeThenId(newest, found) >= 0 ? newest : found;
				else if (isNew(found)) kept.add(found);
			}
			if (ascending && kept.full) break;
		}
	} catch (error) {
		throw client.scrub(error, 0);
	}

	if (manual) return newest ? [[{ json: redact(row, newest.record) }]] : null;

	const emitted = kept.list;
	if (emitted.length === 0) return null;
	const last = emitted[emitted.length - 1].time;
	const atLast = emitted.filter((f) => f.time === last).map((f) => f.id);
	Object.assign(state, {
		source: source.value,
		watermark: last,
		seen: last === watermark ? [...seen, ...atLast] : atLast,
	});
	return [emitted.map((f) => ({ json: redact(row, f.record) }))];
}
