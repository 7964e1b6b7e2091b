import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError, sleep } from 'n8n-workflow';

import type { SynqlyContext, SynqlyRequest } from './transport';
import { synqlyRequest } from './transport';
import type { Api } from './types';
import { readPath } from './wire';

/**
 * Lists that take more than one request: management keyset pages, connector cursor pages, and
 * connector answers that are still PENDING.
 */

const KEYSET_PAGE = 100;
const FIRST_WAIT_MS = 1000;
const MAX_WAIT_MS = 5000;

export interface ListRequest extends SynqlyRequest {
	/** Stop after this many objects; undefined means all of them. */
	limit?: number;
}

/**
 * Management lists: pages of `limit` objects, the next page starting after the `startAfter`
 * field of the last object (`a,b` for a composite key such as status's). A page shorter than
 * asked for is the last one; Limit never fetches a page it will not use.
 */
export async function keysetList(
	this: SynqlyContext,
	api: Api,
	request: ListRequest,
	startAfterField: string,
): Promise<IDataObject[]> {
	const { limit, ...base } = request;
	const out: IDataObject[] = [];
	let startAfter: string | undefined;
	for (;;) {
		const wanted = limit === undefined ? KEYSET_PAGE : Math.min(KEYSET_PAGE, limit - out.length);
		const body = await synqlyRequest.call(this, api, {
			...base,
			method: 'GET',
			qs: { ...base.qs, limit: wanted, start_after: startAfter },
		});
		const page = Array.isArray(body.result) ? (body.result as IDataObject[]) : [];
		out.push(...page);
		if (page.length < wanted || (limit !== undefined && out.length >= limit)) break;
		const next = keyOf(page[page.length - 1], startAfterField);
		if (next === undefined || next === startAfter) break;
		startAfter = next;
	}
	return limit === undefined ? out : out.slice(0, limit);
}

function keyOf(object: IDataObject | undefined, field: string): string | undefined {
	const values = field.split(',').map((key) => readPath(object, key.trim()));
	if (values.some((v) => v === undefined || v === null)) return undefined;
	return values.map(String).join(',');
}

/**
 * Sends a request and, while Synqly answers `status: PENDING`, asks again with the answer's
 * cursor (in the query, or in the body for actions), waiting 1 s, 2 s, 4 s, 5 s… between tries.
 * After `timeoutSeconds` it stops with an error that says how to give the query more time.
 */
export async function askUntilComplete(
	this: SynqlyContext,
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

/**
 * Connector queries: pages of `limit` objects, each next page asked with the `cursor` of the last
 * answer, until the cursor comes back empty (or unchanged, or a page is empty). With a Limit the
 * page size is never more than what is still missing, so no page is fetched in vain. PENDING
 * answers are asked again (see `askUntilComplete`).
 */
export async function cursorList(
	this: SynqlyContext,
	api: Api,
	request: ListRequest,
	pageSize: number,
	timeoutSeconds: number,
): Promise<IDataObject[]> {
	const { limit, ...base } = request;
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
