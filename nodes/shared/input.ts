import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	BATCH_SIZE,
	DEFAULT_BATCH_SIZE,
	DEFAULT_LIMIT,
	DEFAULT_PENDING_TIMEOUT,
	FILTER,
	FILTERS,
	filterStrings,
	LIMIT,
	optionalCollection,
	paramsOf,
	PATCH_OPERATIONS,
	PENDING_TIMEOUT,
	RETURN_ALL,
	SORT,
	SORT_RULE,
} from './controls';
import type { QueryValue } from './transport';
import type { KeysetListRow, CursorListRow, OperationRow, Param } from './types';
import { setPath, wireName } from './wire';

/**
 * Reading what the user gave for one item: a row's params sorted by where they go on the wire,
 * and the controls of its kind. Bad input fails here, naming the field and the item, before any
 * request is sent.
 */

/** The values of one item for one row, sorted by where they go on the wire. */
export interface RowInput {
	path: Record<string, unknown>;
	query: Record<string, QueryValue>;
	body: IDataObject;
	/** The value of a `wholeBody` param: the request body as it is. */
	wholeBody?: unknown;
}

const isTop = (param: Param) => param.required || param.in === 'path';

/** Reads and checks every param of a row for one item. */
export function readInput(this: IExecuteFunctions, row: OperationRow, itemIndex: number): RowInput {
	const input: RowInput = { path: {}, query: {}, body: {} };
	const optional = this.getNodeParameter(optionalCollection(row).name, itemIndex, {}) as IDataObject;
	const nested: Array<[string, unknown]> = [];
	for (const param of paramsOf(row)) {
		let raw: unknown;
		if (isTop(param)) {
			if (param.showWhen && !showWhenHolds.call(this, param, itemIndex)) continue;
			raw = this.getNodeParameter(param.name, itemIndex, undefined, { extractValue: true });
		} else {
			if (!(param.name in optional)) continue;
			raw = optional[param.name];
			if (isResourceLocatorValue(raw)) raw = raw.value;
		}
		const value = convert.call(this, param, raw, itemIndex);
		if (value === undefined) continue;
		if (param.in === 'path') input.path[param.name] = value;
		else if (param.in === 'query') input.query[wireName(param)] = value as QueryValue;
		else if (param.in === 'body') nested.push([wireName(param), value]);
		else if (param.in === 'wholeBody') input.wholeBody = value;
	}
	// Whole objects first, so that a dotted field (provider_config.type) lands inside them.
	nested.sort(([a], [b]) => a.split('.').length - b.split('.').length);
	for (const [wire, value] of nested) setPath(input.body, wire, value);
	return input;
}

/**
 * The value of a control (an `in: 'ui'` param) of a row for one item: top-level ones by name,
 * optional ones from the row's collection; the param's default fills in.
 */
export function controlValue(this: IExecuteFunctions, row: OperationRow, name: string, itemIndex: number): unknown {
	const param = paramsOf(row).find((p) => p.name === name);
	if (!param) throw new Error(`The row ${row.resource}:${row.operation} has no control "${name}"`);
	const key = isTop(param) ? name : `${optionalCollection(row).name}.${name}`;
	return this.getNodeParameter(key, itemIndex, param.default, { extractValue: true });
}

function showWhenHolds(this: IExecuteFunctions, param: Param, itemIndex: number): boolean {
	return Object.entries(param.showWhen ?? {}).every(([name, values]) =>
		values.includes(this.getNodeParameter(name, itemIndex) as string),
	);
}

function isResourceLocatorValue(value: unknown): value is { value: unknown } {
	return typeof value === 'object' && value !== null && '__rl' in value;
}

function convert(this: IExecuteFunctions, param: Param, raw: unknown, itemIndex: number): unknown {
	switch (param.kind) {
		case 'json':
			return parseJsonField.call(this, param.displayName, raw, itemIndex);
		case 'stringList':
			if (Array.isArray(raw)) return raw.map(String);
			if (typeof raw !== 'string' || raw.trim() === '') return undefined;
			return raw
				.split(',')
				.map((s) => s.trim())
				.filter((s) => s !== '');
		case 'number':
			if (raw === '' || raw === undefined || raw === null) return undefined;
			if (typeof raw !== 'number' || Number.isNaN(raw)) {
				throw new NodeOperationError(this.getNode(), `"${param.displayName}" must be a number`, {
					itemIndex,
					description: `Item ${itemIndex} has "${String(raw)}"`,
				});
			}
			return raw;
		case 'string':
		case 'secret':
		case 'dateTime':
		case 'options':
			if (raw === undefined || raw === null) return undefined;
			if (raw === '' && !param.required && param.in !== 'path') return undefined;
			return raw;
		default:
			return raw;
	}
}

/** Parses a JSON field (a string, or an object an expression returned). */
export function parseJsonField(
	this: IExecuteFunctions,
	displayName: string,
	raw: unknown,
	itemIndex: number,
): unknown {
	if (typeof raw !== 'string') return raw;
	if (raw.trim() === '') return undefined;
	try {
		return JSON.parse(raw) as unknown;
	} catch (error) {
		throw new NodeOperationError(this.getNode(), `"${displayName}" is not valid JSON`, {
			itemIndex,
			description: `Item ${itemIndex}: ${(error as Error).message}`,
		});
	}
}

const PATCH_OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'];

/** The JSON Patch operations of a patch row, checked. */
export function readPatch(this: IExecuteFunctions, row: OperationRow, itemIndex: number): IDataObject[] {
	const param = paramsOf(row).find((p) => p.name === PATCH_OPERATIONS) as Param;
	const patch = parseJsonField.call(this, param.displayName, controlValue.call(this, row, PATCH_OPERATIONS, itemIndex), itemIndex);
	const valid =
		Array.isArray(patch) &&
		patch.length > 0 &&
		patch.every(
			(op: IDataObject) =>
				typeof op === 'object' &&
				op !== null &&
				PATCH_OPS.includes(op.op as string) &&
				typeof op.path === 'string' &&
				(op.path === '' || op.path.startsWith('/')),
		);
	if (!valid) {
		throw new NodeOperationError(this.getNode(), `"${param.displayName}" must be a non-empty array of JSON Patch operations`, {
			itemIndex,
			description: `Item ${itemIndex}: each entry needs "op" (${PATCH_OPS.join(', ')}) and a "path" starting with "/"`,
		});
	}
	return patch as IDataObject[];
}

/** Synqly's `filter` and `order` query of a list, from the Filters and Sort forms. */
export function listQuery(
	this: IExecuteFunctions,
	row: KeysetListRow | CursorListRow,
	itemIndex: number,
): { query: Record<string, QueryValue>; sortFields: string[] } {
	if (!row.filters) return { query: {}, sortFields: [] };
	const filters = this.getNodeParameter(`${FILTERS}.${FILTER}`, itemIndex, []) as IDataObject[];
	const rules = row.filters.sortable ? (this.getNodeParameter(`${SORT}.${SORT_RULE}`, itemIndex, []) as IDataObject[]) : [];
	return {
		query: {
			filter: filterStrings(filters),
			order: rules.map((r) => `${String(r.field).trim()}[${String(r.direction)}]`),
		},
		sortFields: rules.map((r) => String(r.field).trim()),
	};
}

/** What the user asked for: every object, or at most Limit of them. */
export function wantedCount(this: IExecuteFunctions, itemIndex: number): number | undefined {
	return this.getNodeParameter(RETURN_ALL, itemIndex, false)
		? undefined
		: (this.getNodeParameter(LIMIT, itemIndex, DEFAULT_LIMIT) as number);
}

/** The Pending Timeout of a row for one item, in seconds. */
export function pendingTimeout(this: IExecuteFunctions, row: OperationRow, itemIndex: number): number {
	const value = controlValue.call(this, row, PENDING_TIMEOUT, itemIndex);
	return typeof value === 'number' && value >= 0 ? value : DEFAULT_PENDING_TIMEOUT;
}

/** The Batch Size of a batch row (read from the first item). */
export function batchSize(this: IExecuteFunctions, row: OperationRow): number {
	const value = controlValue.call(this, row, BATCH_SIZE, 0);
	if (value === undefined || value === null || value === '') return DEFAULT_BATCH_SIZE;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new NodeOperationError(this.getNode(), '"Batch Size" must be a whole number of at least 1', {
			itemIndex: 0,
			description: `It is ${String(value)}`,
		});
	}
	return value;
}
