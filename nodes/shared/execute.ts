import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { cursorList, simplifyObjects } from './cursor';
import { optionalCollection } from './properties';
import type { QueryValue, SynqlyRequest } from './transport';
import { buildPath, keysetList, synqlyRequest } from './transport';
import type { ApiTable, OperationRow, Param } from './types';
import { runUpsert } from './upsert';

const PATCH_OPS = ['add', 'remove', 'replace', 'move', 'copy', 'test'];

/** The values of one item for one row, sorted by where they go on the wire. */
export interface RowInput {
	path: Record<string, unknown>;
	query: Record<string, QueryValue>;
	body: IDataObject;
}

export const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const wireName = (param: Param) => param.wire ?? snakeCase(param.name);

export function findRow(this: IExecuteFunctions, table: ApiTable, itemIndex: number): OperationRow {
	const resource = this.getNodeParameter('resource', itemIndex) as string;
	const operation = this.getNodeParameter('operation', itemIndex) as string;
	const row = table.operations.find((r) => r.resource === resource && r.operation === operation);
	if (!row) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not known for resource "${resource}"`,
			{ itemIndex },
		);
	}
	return row;
}

/** Reads and checks every param of a row for one item; bad input fails naming field and item. */
export function readInput(this: IExecuteFunctions, row: OperationRow, itemIndex: number): RowInput {
	const input: RowInput = { path: {}, query: {}, body: {} };
	const collection = optionalCollection(row);
	const optional = this.getNodeParameter(collection.name, itemIndex, {}) as IDataObject;
	const nested: Array<[string, unknown]> = [];
	for (const param of row.params ?? []) {
		const top = param.required || param.in === 'path';
		let raw: unknown;
		if (top) {
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
	}
	// Whole objects first, so that a dotted field (provider_config.type) lands inside them.
	nested.sort(([a], [b]) => a.split('.').length - b.split('.').length);
	for (const [wire, value] of nested) setPath(input.body, wire, value);
	return input;
}

function setPath(target: IDataObject, dotted: string, value: unknown) {
	const keys = dotted.split('.');
	let node = target;
	for (const key of keys.slice(0, -1)) {
		if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
		node = node[key] as IDataObject;
	}
	node[keys[keys.length - 1]] = value as IDataObject[keyof IDataObject];
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

function readPatch(this: IExecuteFunctions, itemIndex: number): IDataObject[] {
	const patch = parseJsonField.call(
		this,
		'Patch Operations (JSON)',
		this.getNodeParameter('patchOperations', itemIndex),
		itemIndex,
	);
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
		throw new NodeOperationError(
			this.getNode(),
			'"Patch Operations (JSON)" must be a non-empty array of JSON Patch operations',
			{
				itemIndex,
				description: `Item ${itemIndex}: each entry needs "op" (${PATCH_OPS.join(', ')}) and a "path" starting with "/"`,
			},
		);
	}
	return patch as IDataObject[];
}

function listQuery(this: IExecuteFunctions, row: OperationRow, itemIndex: number) {
	const query: Record<string, QueryValue> = {};
	if (!row.filterable) return { query, sortKey: row.sortKey ?? 'name' };
	const filters = (this.getNodeParameter('filters.filter', itemIndex, []) as IDataObject[]).map(
		(f) => `${String(f.field).trim()}[${String(f.operator)}]${String(f.value)}`,
	);
	const rules = this.getNodeParameter('sort.rule', itemIndex, []) as IDataObject[];
	query.filter = filters;
	query.order = (row.orderable ?? row.filterable)
		? rules.map((r) => `${String(r.field).trim()}[${String(r.direction)}]`)
		: [];
	const sortKey = rules.length > 0 ? String(rules[0].field).trim() : (row.sortKey ?? 'name');
	return { query, sortKey };
}

/** What the user asked for: every object, or at most Limit of them. */
function wantedCount(this: IExecuteFunctions, itemIndex: number): number | undefined {
	return this.getNodeParameter('returnAll', itemIndex, false)
		? undefined
		: (this.getNodeParameter('limit', itemIndex, 50) as number);
}

export function subjectOf(row: OperationRow, input: RowInput): string | undefined {
	const ids = Object.values(input.path).map((v) => `'${String(v)}'`);
	if (ids.length === 0) return undefined;
	return `${row.resource.replace(/([A-Z])/g, ' $1').toLowerCase()} ${ids[ids.length - 1]}`;
}

/** Turns a response body into output objects: `result` unwrapped, lists spread, no-body answers named. */
export function toObjects(row: OperationRow, body: IDataObject): IDataObject[] {
	let result: unknown = body.result;
	if (result === undefined || result === null) {
		if (row.emptyOutput === 'deleted') return [{ deleted: true }];
		if (Object.keys(body).length === 0) return [{ success: true }];
		result = body;
	}
	if (row.resultKey && typeof result === 'object' && !Array.isArray(result)) {
		result = (result as IDataObject)[row.resultKey] ?? result;
	}
	const objects = Array.isArray(result) ? (result as unknown[]) : [result];
	return objects.map((o) =>
		redact(row, typeof o === 'object' && o !== null ? (o as IDataObject) : ({ value: o } as IDataObject)),
	);
}

function redact(row: OperationRow, object: IDataObject): IDataObject {
	if (!row.redact) return object;
	const copy = { ...object };
	for (const key of row.redact) delete copy[key];
	return copy;
}

/** Runs one management or engine row for one item and returns its output objects. */
export async function runRow(
	this: IExecuteFunctions,
	table: ApiTable,
	row: OperationRow,
	itemIndex: number,
	extra: Partial<SynqlyRequest> = {},
): Promise<IDataObject[]> {
	const input = readInput.call(this, row, itemIndex);
	const labels = Object.fromEntries((row.params ?? []).map((p) => [p.name, p.displayName]));
	const path = buildPath(this, row.path, input.path, itemIndex, labels);
	const request: SynqlyRequest = {
		method: row.method,
		path,
		qs: input.query,
		itemIndex,
		subject: subjectOf(row, input),
		...extra,
	};

	if (row.upsert) return (await runUpsert.call(this, table, row, input, request)).map((o) => redact(row, o));
	if (row.style === 'keyset') {
		const { query, sortKey } = listQuery.call(this, row, itemIndex);
		const objects = await keysetList.call(this, {
			path,
			qs: { ...input.query, ...query },
			limit: wantedCount.call(this, itemIndex),
			sortKey,
			itemIndex,
			credentialType: extra.credentialType,
		});
		return objects.map((o) => redact(row, o));
	}
	if (row.style === 'cursor') {
		const { query } = listQuery.call(this, row, itemIndex);
		const objects = await cursorList.call(this, table.api, row, {
			...request,
			qs: { ...input.query, ...query },
			limit: wantedCount.call(this, itemIndex),
		});
		return simplifyObjects.call(this, row, objects.map((o) => redact(row, o)), itemIndex);
	}
	if (row.style === 'unpaged') {
		const objects = toObjects(row, await synqlyRequest.call(this, table.api, request));
		const limit = wantedCount.call(this, itemIndex);
		return limit === undefined ? objects : objects.slice(0, limit);
	}

	if (row.body === 'patch') request.body = readPatch.call(this, itemIndex);
	else if (row.body === 'raw') request.body = input.body.body;
	else if (row.body === 'merge') {
		const current = await synqlyRequest.call(this, table.api, { ...request, method: 'GET', qs: {} });
		request.body = { ...(current.result as IDataObject), ...input.body };
	} else if (Object.keys(input.body).length > 0) request.body = input.body;
	return toObjects(row, await synqlyRequest.call(this, table.api, request));
}

/** Wraps anything thrown for one item so that the error names the item it came from. */
export function itemError(this: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

/**
 * With Continue On Fail, the error item for one input item; otherwise the error, thrown, naming
 * the item. The error rides on the item, as n8n expects: it routes the item to the error output
 * ("Continue (using error output)") and keeps the description and HTTP code in the run data, while
 * the item's json becomes `{error: message}`.
 */
export function errorItem(this: IExecuteFunctions, error: unknown, itemIndex: number): INodeExecutionData {
	const wrapped = itemError.call(this, error, itemIndex);
	if (!this.continueOnFail()) throw wrapped;
	return { json: { error: wrapped.message }, error: wrapped, pairedItem: { item: itemIndex } };
}

/**
 * The loop every Synqly node runs: each input item gives its output items or, with
 * "Continue On Fail", one error item; every output item names the input item it came from.
 * `scrub` cleans an error before anyone sees it (minted tokens).
 */
export async function executeRows(
	this: IExecuteFunctions,
	run: (itemIndex: number) => Promise<INodeExecutionData[]>,
	scrub: (error: unknown, itemIndex: number) => unknown = (error) => error,
): Promise<INodeExecutionData[][]> {
	const out: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < this.getInputData().length; itemIndex++) {
		try {
			for (const result of await run(itemIndex)) out.push({ ...result, pairedItem: { item: itemIndex } });
		} catch (error) {
			out.push(errorItem.call(this, scrub(error, itemIndex), itemIndex));
		}
	}
	return [out];
}

