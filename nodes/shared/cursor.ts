import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import { optionalCollection } from './properties';
import type { SynqlyRequest } from './transport';
import { readPath, synqlyRequest } from './transport';
import type { Api, OperationRow } from './types';

/** Page size of an engine query when the row names none (most engine queries default to 50 or 100). */
export const DEFAULT_ENGINE_PAGE = 100;
/** Seconds a PENDING query may take when the user sets nothing. */
export const DEFAULT_PENDING_TIMEOUT = 60;

const FIRST_WAIT_MS = 1000;
const MAX_WAIT_MS = 5000;

/**
 * The value of a form-only (`in: 'ui'`) param of a row for one item: top-level params are read
 * by name, optional ones from the row's collection; the param's default fills in.
 */
export function uiValue<T>(this: IExecuteFunctions, row: OperationRow, name: string, itemIndex: number): T {
	const param = (row.params ?? []).find((p) => p.name === name);
	const fallback = param?.default;
	if (!param) return fallback as T;
	const top = param.required || param.in === 'path';
	const key = top ? name : `${optionalCollection(row).name}.${name}`;
	return this.getNodeParameter(key, itemIndex, fallback, { extractValue: true }) as T;
}

/**
 * Sends a request and, while Synqly answers `status: PENDING`, asks again with the answer's
 * cursor (in the query, or in the body for actions), waiting 1 s, 2 s, 4 s, 5 s… between tries.
 * After `timeoutSeconds` it stops with an error that says how to give the query more time.
 */
export async function askUntilComplete(
	this: IExecuteFunctions,
	api: Api,
	request: SynqlyRequest,
	options: { timeoutSeconds: number; cursorIn: 'query' | 'body' },
): Promise<IDataObject> {
	const deadline = Date.now() + Math.max(0, options.timeoutSeconds) * 1000;
	let wait = FIRST_WAIT_MS;
	let current = request;
	let polls = 0;
	for (;;) {
		const body = await synqlyRequest.call(this, api, current);
		if (body.status !== 'PENDING') return body;
		const remaining = deadline - Date.now();
		if (remaining <= 0) {
			throw new NodeOperationError(
				this.getNode(),
				`Synqly's provider was still working on the request after ${options.timeoutSeconds} s`,
				{
					itemIndex: request.itemIndex,
					description: `The answer was still PENDING after ${polls + 1} tries. Raise "Pending Timeout (Seconds)" in the operation's options, or narrow the request (filters, Limit).`,
				},
			);
		}
		await sleep(Math.min(wait, remaining));
		wait = Math.min(wait * 2, MAX_WAIT_MS);
		polls += 1;
		const cursor = typeof body.cursor === 'string' && body.cursor !== '' ? body.cursor : undefined;
		current =
			options.cursorIn === 'query'
				? { ...current, qs: { ...current.qs, cursor: cursor ?? current.qs?.cursor } }
				: { ...current, body: { ...(current.body as IDataObject), ...(cursor ? { cursor } : {}) } };
	}
}

export interface CursorListRequest extends SynqlyRequest {
	/** Stop after this many objects; undefined means all of them. */
	limit?: number;
}

/**
 * Engine queries: pages of `limit` objects, each next page asked with the `cursor` of the last
 * answer, until the cursor comes back empty (or unchanged, or a page is empty). With a Limit the
 * page size is never more than what is still missing, so no page is fetched in vain. PENDING
 * answers are asked again (see `askUntilComplete`) with the row's Pending Timeout.
 */
export async function cursorList(
	this: IExecuteFunctions,
	api: Api,
	row: OperationRow,
	request: CursorListRequest,
): Promise<IDataObject[]> {
	const { limit, ...base } = request;
	const pageSize = row.pageSize ?? DEFAULT_ENGINE_PAGE;
	const timeoutSeconds = pendingTimeout.call(this, row, request.itemIndex);
	const out: IDataObject[] = [];
	let cursor: string | undefined;
	for (;;) {
		const wanted = limit === undefined ? pageSize : Math.min(pageSize, limit - out.length);
		const body = await askUntilComplete.call(
			this,
			api,
			{ ...base, qs: { ...base.qs, limit: wanted, cursor } },
			{ timeoutSeconds, cursorIn: 'query' },
		);
		const page = Array.isArray(body.result) ? (body.result as IDataObject[]) : [];
		out.push(...page);
		const next = typeof body.cursor === 'string' ? body.cursor : '';
		if (next === '' || next === cursor || page.length === 0) break;
		if (limit !== undefined && out.length >= limit) break;
		cursor = next;
	}
	return limit === undefined ? out : out.slice(0, limit);
}

/** The Pending Timeout of a row for one item, in seconds. */
export function pendingTimeout(this: IExecuteFunctions, row: OperationRow, itemIndex: number): number {
	const value = uiValue.call(this, row, 'pendingTimeout', itemIndex) as unknown;
	return typeof value === 'number' && value >= 0 ? value : DEFAULT_PENDING_TIMEOUT;
}

/**
 * With Simplify on (the default of rows that have `simplify`), keeps only the row's chosen
 * fields of each object (dotted paths keep their nesting); objects without any of them stay whole.
 */
export function simplifyObjects(
	this: IExecuteFunctions,
	row: OperationRow,
	objects: IDataObject[],
	itemIndex: number,
): IDataObject[] {
	if (!row.simplify || !this.getNodeParameter('simplify', itemIndex, true)) return objects;
	const fields = row.simplify;
	return objects.map((object) => {
		const out: IDataObject = {};
		for (const field of fields) {
			const value = readPath(object, field);
			if (value === undefined) continue;
			let node = out;
			const keys = field.split('.');
			for (const key of keys.slice(0, -1)) {
				if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
				node = node[key] as IDataObject;
			}
			node[keys[keys.length - 1]] = value as IDataObject[keyof IDataObject];
		}
		return Object.keys(out).length > 0 ? out : object;
	});
}
