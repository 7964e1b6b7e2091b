import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Client, SynqlyRequest } from '../catalog/request';
import { readPath } from '../wire/dotted';
import { withMethod } from '../wire/paths';
import type { SortRule } from './input';

/**
 * Lists that take more than one request: management keyset pages, connector cursor pages, and
 * connector answers that are still PENDING.
 */

/** The default page of Management lists (the reference: "Defaults to 100"). */
export const KEYSET_PAGE = 100;
/** The page asked for in Return All where the reference names no largest `limit`. */
export const UNNAMED_MAX_PAGE = 1000;
const FIRST_WAIT_MS = 1000;
const MAX_WAIT_MS = 5000;

export interface ListRequest extends SynqlyRequest {
	/** Stop after this many objects; undefined means all of them. */
	limit?: number;
}

/**
 * How big a list's pages are: the reference's default `limit` (`normal`) and its largest
 * (`largest`, absent where it names none). Return All asks for the largest page, or
 * `UNNAMED_MAX_PAGE` where the reference names none: fewer round trips. A list that answers 400 to
 * a page larger than its default is asked again with the default, for the rest of the list.
 */
export interface PageSizes {
	normal: number;
	largest?: number;
}

const isBadRequest = (error: unknown) => (error as { httpCode?: unknown } | undefined)?.httpCode === '400';

/** Sends one page with `ask(size)`; a 400 to a page above the default page size is asked again at the default. */
async function pageOf<T>(sizes: { normal: number; asking: number }, wanted: (size: number) => number, ask: (size: number) => Promise<T>): Promise<T> {
	const larger = wanted(sizes.asking) > sizes.normal;
	const first = await ask(wanted(sizes.asking)).then(
		(value) => ({ value }),
		(error: unknown) => ({ error }),
	);
	if ('value' in first) return first.value;
	// Any other failure is the list's, as Synqly's client gave it.
	if (!larger || !isBadRequest(first.error)) return await Promise.reject(first.error);
	sizes.asking = sizes.normal;
	return await ask(wanted(sizes.asking));
}

/**
 * Management lists: pages of `limit` objects, each next page asked with `start_after` = the
 * list's documented key (`key`: `name`, or `created_at`, `a,b`… per list) of the last object.
 * Limit never fetches a page it will not use. A page shorter than asked for ends the list only
 * where that is safe: when it is shorter than the default page (an API gives at least its default
 * page when it has that many), or shorter than a page the reference allows. A page larger than the
 * default where the reference names no largest may be capped by the API without a word, so there
 * only an empty page (or one with nothing new) ends the list: one more request, never a list cut
 * short.
 *
 * The reference does not say how `start_after` combines with a custom Sort. So a custom Sort is
 * only sent where no second page is needed (Limit within one page); otherwise the list is paged
 * in its documented order and sorted here. Objects are de-duplicated by `id`, and a page that
 * brings nothing new ends the list: nothing is skipped or repeated under either reading.
 */
export async function keysetList(
	client: Client,
	request: ListRequest,
	key: string,
	sort: SortRule[] = [],
	pages: PageSizes = { normal: KEYSET_PAGE },
): Promise<IDataObject[]> {
	const { limit, ...base } = request;
	const onePage = limit !== undefined && limit <= pages.normal;
	const sortHere = sort.length > 0 && !onePage;
	const qs = sortHere ? { ...base.qs, order: undefined } : base.qs;
	const seen = new Set<string>();
	const out: IDataObject[] = [];
	const sizes = { normal: pages.normal, asking: pages.largest ?? UNNAMED_MAX_PAGE };
	let startAfter: string | undefined;
	for (;;) {
		const size = (largest: number) => (limit === undefined || sortHere ? largest : Math.min(largest, limit - out.length));
		let wanted = 0;
		const body = await pageOf(sizes, size, async (ask) => {
			wanted = ask;
			return await client.send({ ...withMethod(base, 'GET'), qs: { ...qs, limit: ask, start_after: startAfter } });
		});
		const page = Array.isArray(body.result) ? (body.result as IDataObject[]) : [];
		const fresh = page.filter((object) => {
			const id = JSON.stringify(object.id ?? keyOf(object, key) ?? object);
			if (seen.has(id)) return false;
			seen.add(id);
			return true;
		});
		out.push(...fresh);
		const honoured = pages.largest === undefined ? Math.min(wanted, pages.normal) : wanted;
		if (page.length < honoured || fresh.length === 0) break;
		if (!sortHere && limit !== undefined && out.length >= limit) break;
		const next = keyOf(page[page.length - 1], key);
		if (next === undefined || next === startAfter) break;
		startAfter = next;
	}
	const ordered = sortHere ? sortObjects(out, sort) : out;
	return limit === undefined ? ordered : ordered.slice(0, limit);
}

/** The objects in the Sort form's order (numbers as numbers, the rest as text; missing last). */
function sortObjects(objects: IDataObject[], sort: SortRule[]): IDataObject[] {
	const compare = (a: unknown, b: unknown) => {
		if (a === b) return 0;
		if (a === undefined || a === null) return 1;
		if (b === undefined || b === null) return -1;
		if (typeof a === 'number' && typeof b === 'number') return a - b;
		return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
	};
	return [...objects].sort((x, y) => {
		for (const rule of sort) {
			const c = compare(readPath(x, rule.field), readPath(y, rule.field));
			if (c !== 0) return rule.desc ? -c : c;
		}
		return 0;
	});
}

function keyOf(object: IDataObject | undefined, field: string): string | undefined {
	const values = field.split(',').map((key) => readPath(object, key.trim()));
	if (values.some((v) => v === undefined || v === null)) return undefined;
	return values.map(String).join(',');
}

/**
 * Sends a request and, while Synqly answers `status: PENDING`, asks again with the answer's
 * cursor, waiting 1 s, 2 s, 4 s, 5 s… between tries. After `timeoutSeconds` it stops with an
 * error that says how to give the query more time.
 *
 * Queries (`cursorIn: 'query'`, GETs) are asked again as they are, with the cursor when there is
 * one. Actions (`cursorIn: 'body'`, EDR Execute Command) are sent once: every later request is a
 * poll, the action's request with the answer's `cursor` in its body ("used to continue polling
 * the in-flight provider command", as the reference puts it; the reference also requires the
 * command in that body). A PENDING action without a cursor cannot be polled, and sending it again
 * would run it again, so that is an error saying the action may be running.
 */
export async function askUntilComplete(
	client: Client,
	request: SynqlyRequest,
	options: { timeoutSeconds: number; cursorIn: 'query' | 'body' },
): Promise<IDataObject> {
	const deadline = Date.now() + Math.max(0, options.timeoutSeconds) * 1000;
	const action = options.cursorIn === 'body';
	let wait = FIRST_WAIT_MS;
	let current = request;
	let polls = 0;
	for (;;) {
		const body = await client.send(current);
		if (body.status !== 'PENDING') return body;
		const cursor = typeof body.cursor === 'string' && body.cursor !== '' ? body.cursor : undefined;
		if (action && cursor === undefined) throw pendingWithoutCursor(client, request, polls);
		const remaining = deadline - Date.now();
		if (remaining <= 0) {
			throw new NodeOperationError(
				client.node,
				`Synqly's provider was still working on the request after ${options.timeoutSeconds} s`,
				{
					itemIndex: request.itemIndex,
					description: action
						? `Item ${request.itemIndex}: the answer was still PENDING after ${polls + 1} tries, and the action may still be running (it was sent once; later requests only asked for its result). Raise "Pending Timeout (Seconds)" in the operation's options.`
						: `The answer was still PENDING after ${polls + 1} tries. Raise "Pending Timeout (Seconds)" in the operation's options, or narrow the request (filters, Limit).`,
				},
			);
		}
		await client.wait(Math.min(wait, remaining));
		wait = Math.min(wait * 2, MAX_WAIT_MS);
		polls += 1;
		current = action
			? { ...request, body: { ...(request.body as IDataObject), cursor } }
			: { ...current, qs: { ...current.qs, cursor: cursor ?? current.qs?.cursor } };
	}
}

/** A PENDING action without a cursor: it cannot be polled, and must not be sent again. */
function pendingWithoutCursor(client: Client, request: SynqlyRequest, polls: number): NodeOperationError {
	const answered = polls === 0 ? 'answered PENDING' : `answered PENDING to poll ${polls}`;
	return new NodeOperationError(client.node, 'Synqly answered PENDING without a cursor: the action may be running', {
		itemIndex: request.itemIndex,
		description: `Item ${request.itemIndex}: ${request.method} ${request.path} was sent once; Synqly ${answered} without a cursor to ask for its result with. It was not sent again, to avoid running it twice: check in the provider whether it ran before running this item again.`,
	});
}

/**
 * Connector queries: pages of `limit` objects (the largest page, `PageSizes`), each next page
 * asked with the `cursor` of the last answer, until the cursor comes back empty (or unchanged, or
 * a page is empty): a short page never ends the list, so a provider that caps its pages below
 * what was asked loses nothing. With a Limit the page size is never more than what is still
 * missing, so no page is fetched in vain. PENDING answers are asked again (see `askUntilComplete`).
 */
export async function cursorList(
	client: Client,
	request: ListRequest,
	pages: PageSizes,
	timeoutSeconds: number,
): Promise<IDataObject[]> {
	const out: IDataObject[] = [];
	for await (const page of cursorPages(client, request, pages, timeoutSeconds)) out.push(...page);
	return request.limit === undefined ? out : out.slice(0, request.limit);
}

/**
 * The pages of a connector query one at a time (see `cursorList`), so that a reader that has
 * what it needs stops asking for more and keeps no page longer than it wants.
 */
export async function* cursorPages(
	client: Client,
	request: ListRequest,
	pages: PageSizes,
	timeoutSeconds: number,
): AsyncGenerator<IDataObject[]> {
	const { limit, ...base } = request;
	const sizes = { normal: pages.normal, asking: pages.largest ?? UNNAMED_MAX_PAGE };
	let count = 0;
	let cursor: string | undefined;
	for (;;) {
		const size = (largest: number) => (limit === undefined ? largest : Math.min(largest, limit - count));
		const body = await pageOf(sizes, size, async (ask) => await askUntilComplete(client, { ...base, qs: { ...base.qs, limit: ask, cursor } }, { timeoutSeconds, cursorIn: 'query' }));
		const page = Array.isArray(body.result) ? (body.result as IDataObject[]) : [];
		count += page.length;
		yield page;
		const next = typeof body.cursor === 'string' ? body.cursor : '';
		if (next === '' || next === cursor || page.length === 0) return;
		if (limit !== undefined && count >= limit) return;
		cursor = next;
	}
}
