import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { QueryValue, RowInput } from '../catalog/request';
import type { CursorListRow, KeysetListRow, Param } from '../catalog/types';
import type { OptionalCollection } from '../form/controls';
import {
	BATCH_SIZE,
	DEFAULT_BATCH_SIZE,
	DEFAULT_LIMIT,
	DEFAULT_PENDING_TIMEOUT,
	FILTER,
	FILTER_OPERATORS,
	FILTERS,
	LIMIT,
	PATCH_OPERATIONS,
	PENDING_TIMEOUT,
	RETURN_ALL,
	SORT,
	SORT_RULE,
} from '../form/controls';
import { wireName } from '../catalog/wireNames';
import { setPath } from '../wire/dotted';
import { controlCharacter, describeValue } from '../wire/text';

/**
 * Reading what the user gave for one item: a row's params sorted by where they go on the wire,
 * and the controls of its kind. Bad input fails here, naming the field and the item, before any
 * request is sent.
 */

/** Every param of a row's form (its own, then its kind's controls) and the collection of the optional ones. */
export interface RowForm {
	params: Param[];
	collection: OptionalCollection;
}

const isTop = (param: Param) => param.required || param.in === 'path';

/** Reads and checks every param of a row for one item. */
export function readInput(this: IExecuteFunctions, form: RowForm, itemIndex: number): RowInput {
	const input: RowInput = { path: {}, query: {}, body: {} };
	const optional = this.getNodeParameter(form.collection.name, itemIndex, {}) as IDataObject;
	const nested: Array<[string, unknown]> = [];
	for (const param of form.params) {
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
export function controlValue(this: IExecuteFunctions, form: RowForm, name: string, itemIndex: number): unknown {
	const param = form.params.find((p) => p.name === name);
	if (!param) throw new Error(`The form has no control "${name}"`);
	const key = isTop(param) ? name : `${form.collection.name}.${name}`;
	return this.getNodeParameter(key, itemIndex, 'default' in param ? param.default : undefined, { extractValue: true });
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
			if (raw === undefined || raw === null) return undefined;
			if (typeof raw === 'number') return [String(raw)];
			if (typeof raw !== 'string') return textList.call(this, param, raw, itemIndex);
			if (raw.trim() === '') return undefined;
			return raw
				.split(',')
				.map((s) => s.trim())
				.filter((s) => s !== '');
		case 'multiOptions':
			return raw === undefined || raw === null ? undefined : textList.call(this, param, raw, itemIndex);
		case 'boolean':
			if (raw === undefined || raw === null || raw === '') return undefined;
			if (typeof raw === 'boolean') return raw;
			if (raw === 'true' || raw === 'false') return raw === 'true';
			throw new NodeOperationError(this.getNode(), `"${param.displayName}" must be true or false, but it is ${JSON.stringify(raw) ?? describeValue(raw)}`, {
				itemIndex,
				description: `Item ${itemIndex}: make "${param.displayName}" or its expression give true or false`,
			});
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
		case 'locator':
			if (raw === undefined || raw === null) return undefined;
			if (typeof raw === 'object') {
				throw new NodeOperationError(this.getNode(), `"${param.displayName}" must be text, but it is ${describeValue(raw)}`, {
					itemIndex,
					description: `Item ${itemIndex}: make "${param.displayName}" or its expression give text (an expression can pick a field of the object, or use JSON.stringify)`,
				});
			}
			if (raw === '' && !param.required && param.in !== 'path') return undefined;
			return raw;
		default:
			return raw;
	}
}

/** A list of texts (numbers become texts); anything else fails naming the field and the item. */
function textList(this: IExecuteFunctions, param: Param, raw: unknown, itemIndex: number): string[] {
	const list = Array.isArray(raw) ? (raw as unknown[]) : [raw];
	const wrong = list.find((entry) => typeof entry !== 'string' && typeof entry !== 'number');
	if (wrong !== undefined) {
		throw new NodeOperationError(this.getNode(), `"${param.displayName}" must be a list of texts, but it holds ${describeValue(wrong)}`, {
			itemIndex,
			description: `Item ${itemIndex}: give "${param.displayName}" texts separated by commas, or a list of texts`,
		});
	}
	return list.map(String);
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

const isPointer = (value: unknown) => typeof value === 'string' && (value === '' || value.startsWith('/'));

/** What is wrong with one JSON Patch operation (RFC 6902, as the reference has it), or undefined. */
function patchProblem(operation: unknown): string | undefined {
	if (typeof operation !== 'object' || operation === null || Array.isArray(operation)) return `is ${describeValue(operation)}, not an operation object`;
	const { op, path } = operation as IDataObject;
	if (typeof op !== 'string' || !PATCH_OPS.includes(op)) return `has the op ${JSON.stringify(op) ?? 'undefined'}; use ${PATCH_OPS.join(', ')}`;
	if (!isPointer(path)) return 'needs a "path" that starts with "/" (a JSON Pointer)';
	if (['add', 'replace', 'test'].includes(op) && !('value' in operation)) return `("${op}") needs a "value"`;
	if (['move', 'copy'].includes(op) && !isPointer((operation as IDataObject).from)) return `("${op}") needs a "from" that starts with "/"`;
	return undefined;
}

/** The JSON Patch operations of a patch row, checked one by one. */
export function readPatch(this: IExecuteFunctions, form: RowForm, itemIndex: number): IDataObject[] {
	const displayName = form.params.find((p) => p.name === PATCH_OPERATIONS)?.displayName ?? PATCH_OPERATIONS;
	const patch = parseJsonField.call(this, displayName, controlValue.call(this, form, PATCH_OPERATIONS, itemIndex), itemIndex);
	const fail = (message: string) =>
		new NodeOperationError(this.getNode(), message, {
			itemIndex,
			description: `Item ${itemIndex}: each entry needs "op" (${PATCH_OPS.join(', ')}) and a "path" starting with "/"; add, replace and test need a "value", move and copy a "from"`,
		});
	if (!Array.isArray(patch) || patch.length === 0) {
		throw fail(`"${displayName}" must be a non-empty array of JSON Patch operations`);
	}
	patch.forEach((operation: unknown, position) => {
		const problem = patchProblem(operation);
		if (problem) throw fail(`"${displayName}" entry ${position} ${problem}`);
	});
	return patch as IDataObject[];
}

/** One rule of the Sort form. */
export interface SortRule {
	field: string;
	desc: boolean;
}

/**
 * Synqly's field names in filters and sorts: letters, digits and `_`, dotted into nested objects
 * (the reference's examples: `name`, `entity.user.email_addr`).
 */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*$/;
const OPERATORS = FILTER_OPERATORS.map((o) => String(o.value));
const DIRECTIONS = ['asc', 'desc'];
/** The longest filter value: a URL has room for a few of them (the reference sets no limit). */
export const MAX_FILTER_VALUE = 4096;

/**
 * Synqly's `filter` and `order` query of a list, from the Filters and Sort forms, each rule
 * checked. The reference documents `field[operator]value` without saying how a value holding `[`
 * or `]` is read (nor whether quoting protects it), so such a value is refused, as are control
 * characters; `like` with `*` in their place finds the same objects.
 */
export function listQuery(
	this: IExecuteFunctions,
	row: KeysetListRow | CursorListRow,
	itemIndex: number,
): { query: Record<string, QueryValue>; sort: SortRule[] } {
	if (!row.filters) return { query: {}, sort: [] };
	const node = this.getNode();
	const filters = this.getNodeParameter(`${FILTERS}.${FILTER}`, itemIndex, []) as IDataObject[];
	const rules = row.filters.sortable ? (this.getNodeParameter(`${SORT}.${SORT_RULE}`, itemIndex, []) as IDataObject[]) : [];
	const sortFields = rules.map((r, i) => {
		const field = ruleField(node, 'Sort', i + 1, r.field, itemIndex);
		if (!DIRECTIONS.includes(String(r.direction))) {
			throw ruleError(node, 'Sort', i + 1, `has the direction ${JSON.stringify(r.direction)}: use asc or desc`, itemIndex);
		}
		return field;
	});
	return {
		query: { filter: filterStrings(node, filters, itemIndex), order: rules.map((r, i) => `${sortFields[i]}[${String(r.direction)}]`) },
		sort: rules.map((r, i) => ({ field: sortFields[i], desc: r.direction === 'desc' })),
	};
}

/** Synqly's `filter` strings (`field[operator]value`) from the Filters form's entries, each checked. */
export function filterStrings(node: INode, filters: IDataObject[], itemIndex: number): string[] {
	return filters.map((f, i) => {
		const field = ruleField(node, 'Filters', i + 1, f.field, itemIndex);
		const fail = (problem: string) => ruleError(node, 'Filters', i + 1, problem, itemIndex);
		if (!OPERATORS.includes(String(f.operator))) {
			throw fail(`has the operator ${JSON.stringify(f.operator)}: use one of ${OPERATORS.join(', ')}`);
		}
		if (typeof f.value === 'object' && f.value !== null) throw fail(`has a value that must be text, but it is ${describeValue(f.value)}`);
		const value = String(f.value ?? '');
		const problem = filterValueProblem(value);
		if (problem) throw fail(`has a value ${problem}`);
		return `${field}[${String(f.operator)}]${value}`;
	});
}

/**
 * Why a value cannot go into Synqly's `field[operator]value`, or undefined when it can (the one
 * check for the Filters form and Create or Update's match). The reference does not say how a
 * value holding `[` or `]` is read, so such a value is refused, as are control characters.
 */
export function filterValueProblem(value: string): string | undefined {
	const control = controlCharacter(value);
	if (control) return `with a control character (${control})`;
	if (/[[\]]/.test(value)) return 'with "[" or "]", which Synqly\'s field[operator]value cannot carry (use "like" with * in their place)';
	if (value.length > MAX_FILTER_VALUE) return `of ${value.length} characters; the limit is ${MAX_FILTER_VALUE}`;
	return undefined;
}

/** A rule of the Filters or Sort form that cannot go out, named by form, rule and item. */
function ruleError(node: INode, form: string, rule: number, problem: string, itemIndex: number) {
	return new NodeOperationError(node, `"${form}" rule ${rule} ${problem}`, {
		itemIndex,
		description: `Item ${itemIndex}: correct rule ${rule} of "${form}"`,
	});
}

/** The field of a Filters or Sort rule, checked. */
function ruleField(node: INode, form: string, rule: number, raw: unknown, itemIndex: number): string {
	// An expression may give a number, a list or an object: that is a wrong field, not a missing one.
	if (raw !== undefined && raw !== null && typeof raw !== 'string') {
		throw ruleError(node, form, rule, `has a field that must be text, but it is ${describeValue(raw)}`, itemIndex);
	}
	const field = typeof raw === 'string' ? raw.trim() : '';
	if (field === '') throw ruleError(node, form, rule, 'has no field', itemIndex);
	if (!FIELD_NAME.test(field)) {
		throw ruleError(node, form, rule, `has the field ${JSON.stringify(field)}: use a field name such as name or entity.user.email_addr`, itemIndex);
	}
	return field;
}

/** What the user asked for: every object, or at most Limit of them. */
export function wantedCount(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter(RETURN_ALL, itemIndex, false)) return undefined;
	const limit = this.getNodeParameter(LIMIT, itemIndex, DEFAULT_LIMIT);
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw new NodeOperationError(this.getNode(), '"Limit" must be a whole number of at least 1', {
			itemIndex,
			description: `Item ${itemIndex} has ${JSON.stringify(limit)}`,
		});
	}
	return limit;
}

/** The Pending Timeout of a row for one item, in seconds. */
export function pendingTimeout(this: IExecuteFunctions, form: RowForm, itemIndex: number): number {
	const value = controlValue.call(this, form, PENDING_TIMEOUT, itemIndex);
	return typeof value === 'number' && value >= 0 ? value : DEFAULT_PENDING_TIMEOUT;
}

/** The Batch Size of a batch row (read from the first item). */
export function batchSize(this: IExecuteFunctions, form: RowForm): number {
	const value = controlValue.call(this, form, BATCH_SIZE, 0);
	if (value === undefined || value === null || value === '') return DEFAULT_BATCH_SIZE;
	if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
		throw new NodeOperationError(this.getNode(), '"Batch Size" must be a whole number of at least 1', {
			itemIndex: 0,
			description: `Item 0 has ${JSON.stringify(value)} (the first item's Batch Size applies to all)`,
		});
	}
	return value;
}
