import type { IDataObject, IExecuteFunctions, IN8nHttpFullResponse, INode } from 'n8n-workflow';

import type { Api, HttpMethod, Param } from './params';

/**
 * What a request to Synqly is, and what sends it: the contract between the rows, the kinds that
 * run them and the HTTP client (`http/client.ts` implements `Client`). Types only, so catalogs and
 * kinds can name a request without reaching the code that sends it.
 */

export type QueryValue = string | number | boolean | string[] | undefined;

export interface SynqlyRequest {
	method: HttpMethod;
	/** Built by `Client.request`, so every id in it is checked and encoded. */
	path: string;
	qs?: Record<string, QueryValue>;
	body?: unknown;
	itemIndex: number;
	/** Words naming the object the path points at, for 404 messages, e.g. "account 'acme'". */
	subject?: string;
	/**
	 * Headers on top of the request's own (a multipart Content-Type). Not for Authorization: the
	 * credential's `authenticate` sets that.
	 */
	headers?: Record<string, string>;
	/**
	 * Whether sending it again does nothing more than the first request did, so that it may be
	 * sent again when its answer was lost or was a 5xx (`http/retry.ts`). From its template
	 * (`RequestTemplate.repeatable`); a request whose method is changed gets it anew (`withMethod`).
	 */
	repeatable: boolean;
}

/** What a request is built from: a row, or a row-like template of a request the runtime makes itself. */
export interface RequestTemplate {
	method: HttpMethod;
	/** Reference path with `{paramName}` placeholders. */
	path: string;
	/** The params that name the placeholders in messages (their display names). */
	params?: Param[];
	/**
	 * Whether sending this request twice does nothing more than sending it once (per the
	 * reference), so that a request whose answer was lost, or was a 5xx after Synqly may have
	 * acted, can be sent again. Absent: from the method (GET, PUT and DELETE yes; POST and PATCH
	 * no). Set `false` on a PUT or DELETE that acts anew each time it is sent, e.g. Token Refresh,
	 * Rotate and Reset: each one issues a new pair and retires an older one, so a second one
	 * loses the pair the first one made. `test/contract.test.ts` lists every PUT and DELETE row
	 * with its value, so a new one must be decided on.
	 */
	repeatable?: boolean;
}

/** The values of one item for one row, sorted by where they go on the wire. */
export interface RowInput {
	path: Record<string, unknown>;
	query: Record<string, QueryValue>;
	body: IDataObject;
	/** The value of a `wholeBody` param: the request body as it is. */
	wholeBody?: unknown;
}

/** A JSON answer of Synqly: its envelope, `result` and, for lists, `cursor`. */
export type SynqlyAnswer = IDataObject & { result?: unknown };

/**
 * The one way to reach Synqly, built once by each entry point (node run, poll, webhook, its
 * activation hooks, list search): it holds the context, the API, who requests act as and the
 * session every request of that entry point shares.
 */
export interface Client {
	readonly api: Api;
	/** The node the requests are made for, which errors name. */
	readonly node: INode;
	/** The request of a template for one item: path filled and checked, query from the input, the object named. */
	request(template: RequestTemplate, input: Pick<Partial<RowInput>, 'path' | 'query'>, itemIndex: number): SynqlyRequest;
	/** Sends it as the item's identity, with retries and renewal; the JSON answer. */
	send(request: SynqlyRequest): Promise<SynqlyAnswer>;
	/** Sends it and gives the whole response with its body as bytes (downloads). */
	sendForBytes(request: SynqlyRequest): Promise<IN8nHttpFullResponse>;
	/** Waits, ended at once when the execution is cancelled. */
	wait(ms: number): Promise<void>;
	/** Who the item's requests act as: items share a batch only when this is the same. */
	target(itemIndex: number): string;
	/** The error as it may leave the node: no secret of this entry point in it. */
	scrub(error: unknown, itemIndex: number): unknown;
	/** Creates under way in this entry point, by Idempotency Key: items with one key share one object (runtime/once.ts). */
	readonly creating: Map<string, Promise<IDataObject | undefined>>;
}

/** What running a row for one item is given (kinds, and a custom row's own `run`). */
export interface ItemRun {
	context: IExecuteFunctions;
	client: Client;
	itemIndex: number;
	/** The item's values for the row, checked. */
	input: RowInput;
	/** The row's request for the item, built from `input` (no body yet). */
	request: SynqlyRequest;
}
