import type { IDataObject } from 'n8n-workflow';

import type { Api, HttpMethod, Param } from './params';
import type { ItemRun } from './request';

export type * from './params';

/**
 * What makes an operation unsafe for an AI agent, whom text it reads (a ticket, an alert) can
 * steer: it `destroys` (deletes or removes something), `executes` (acts on endpoints, devices or
 * user accounts: runs commands or scripts, isolates, locks, restarts, wipes, disables), or
 * `mintsSecrets` (creates, rotates or resets tokens or passwords, or answers with a new secret).
 * Run as an agent's tool, such a row is refused unless the node's option allows it.
 */
export type AgentRisk = 'destroys' | 'executes' | 'mintsSecrets';

/** What every row has: where it sits in the form and which request it starts from. */
interface RowBase {
	resource: string;
	operation: string;
	/** Title Case label in the Operation dropdown. */
	name: string;
	/** Sentence case label in the actions panel, e.g. "Create an account". */
	action: string;
	description: string;
	method: HttpMethod;
	/** Reference path with `{paramName}` placeholders naming this row's path params. */
	path: string;
	params?: Param[];
	/** Fields removed from every output object (secrets the API would echo back). */
	redact?: string[];
	/** Whether sending the request twice does nothing more than sending it once: see `RequestTemplate.repeatable`. */
	repeatable?: boolean;
	/** Why an AI agent may not run this row unless the node allows it; absent: safe for an agent. */
	agentRisk?: AgentRisk;
}

/** How the answer of a one-request row becomes output objects. */
export interface Answer {
	/** Key inside `result` that holds the object (create responses like `{result: {account}}`). */
	resultKey?: string;
	/** Output when the API answers with no body. */
	emptyOutput?: 'deleted' | 'success';
}

/** Synqly's `filter` and `order` query parameters of a list. */
export interface ListFilters {
	/** The field the Filters and Sort forms start with. */
	field: string;
	/** Whether `order` applies too (the Sort form). */
	sortable: boolean;
}

/**
 * A create that can be made idempotent: with the Idempotency Key option set, the key is stored in
 * a field of the created object that the provider keeps and the collection's query filters on,
 * and an item whose key an object already carries gets that object instead of a second one.
 */
export interface CreateOnce {
	/**
	 * Body field holding a list of strings (`tags`) that carries the key; the list at the row's
	 * path is asked with `<marker>[in]<key>`, as the reference's examples ask for tickets by tag.
	 */
	marker: string;
	/** What one object is called in the option's labels and messages, e.g. "ticket". */
	noun: string;
}

/** One request per item; the body is the body params (or the one `wholeBody` param). */
export interface RequestRow extends RowBase, Answer {
	kind: 'request';
	/** A create that takes an Idempotency Key (`kinds/request.ts`); only on a POST whose path also lists the objects. */
	once?: CreateOnce;
}

/** One request per item whose body is JSON Patch operations (the runtime adds the field). */
export interface PatchRow extends RowBase, Answer {
	kind: 'patch';
	method: 'PATCH';
	/** The example in the Patch Operations field. */
	patchExample?: unknown;
}

/** Update by the object-replacing PUT: GET the object, lay the given fields over it, PUT it. */
export interface MergeRow extends RowBase, Answer {
	kind: 'merge';
	method: 'PUT';
}

/**
 * Create or Update: find the object by `match` in the collection at `path`, create it when
 * missing, else PUT it with the given fields laid over it (only when something differs).
 */
export interface UpsertRow extends RowBase {
	kind: 'upsert';
	method: 'POST';
	/** The body param that identifies the object (its `name`). */
	match: Param;
	/** Key inside create's `result` that holds the object. */
	resultKey?: string;
}

/** A management list: `limit` + `start_after`, optionally `filter`/`order`. */
export interface KeysetListRow extends RowBase {
	kind: 'keysetList';
	method: 'GET';
	/** The field whose value of the last object is the next page's `start_after` (default `name`). */
	startAfter?: string;
	/** The largest `limit` the reference allows (absent: it names none; see runtime/paging.ts). */
	maxPageSize?: number;
	filters?: ListFilters;
}

/**
 * How a query's records can be polled for new ones (the Connector Trigger's sources): by a time
 * field the reference documents on the record, filtered with Synqly's `field[gte]<RFC 3339>`.
 */
export interface PollBy {
	/** Dotted field of the record holding its time: OCSF epoch milliseconds, or an RFC 3339 string. */
	field: string;
	/** What the Source list calls the records, e.g. "New Alerts" or "Updated Tickets". */
	label: string;
	/** Dotted paths to the record's id; `a|b` takes the first that is set. */
	id: string;
}

/** A connector query: `limit` + `cursor`, answers that may be PENDING. */
export interface CursorListRow extends RowBase {
	kind: 'cursorList';
	method: 'GET';
	/** The reference's default page size (`limit`). */
	pageSize: number;
	/** The largest `limit` the reference allows (absent: it names none; see runtime/paging.ts). */
	maxPageSize?: number;
	filters?: ListFilters;
	/**
	 * Large results (OCSF objects): the dotted fields kept when the node's Simplify option is on
	 * (its default). Rows with this get a Simplify toggle.
	 */
	simplify?: string[];
	/** The ways a trigger can poll this query for new records (needs `filters`). */
	poll?: PollBy[];
}

/** A list the API returns whole (Limit still applies). */
export interface UnpagedListRow extends RowBase, Answer {
	kind: 'unpagedList';
	method: 'GET';
}

/**
 * Bulk writes: each input item gives one object (or several), and the objects go out in
 * requests of at most Batch Size objects instead of one request per item.
 */
export interface BatchWriteRow extends RowBase {
	kind: 'batchWrite';
	method: 'POST';
	/** Body key that holds the array (`{findings: [...]}`); absent: the body is the bare JSON array. */
	key?: string;
	/** What one object is called in labels and messages, e.g. "event", "finding". */
	noun: string;
	/** JSON example of one object: the default of the "JSON" input mode. */
	example: unknown;
}

/**
 * A file from the item's binary property goes up: as a multipart/form-data body (`field`), or as
 * JSON `{file_name, content}` with the bytes in base64.
 */
export interface UploadRow extends RowBase, Answer {
	kind: 'upload';
	method: 'POST' | 'PUT';
	upload: { as: 'multipart'; field: string } | { as: 'base64' };
}

/**
 * A file comes down into the item's binary property: the answer body is the file (`bytes`), or
 * the JSON result holds `{file_name, file_type, content}` with base64 content.
 */
export interface DownloadRow extends RowBase {
	kind: 'download';
	download: 'bytes' | 'base64';
	/** Param whose value is a file path; its last segment names a file without a Content-Disposition. */
	fileNameParam?: string;
}

/**
 * An action that can answer `status: PENDING` (EDR execute command): the request is sent again
 * with the answer's `cursor` in the body until it is COMPLETE or the Pending Timeout passes.
 */
export interface PolledActionRow extends RowBase, Answer {
	kind: 'polledAction';
	method: 'POST';
}

/**
 * A one-off operation that fits no kind: the row carries its own `run`, given the item's checked
 * input, the request built for the row, and the client to send it (or others) with.
 */
export interface CustomRow extends RowBase {
	kind: 'custom';
	run(item: ItemRun): Promise<IDataObject[]>;
}

/**
 * One operation of the node. `kind` says what the runtime does with it; each kind carries only
 * the fields that kind uses, so a row the runtime cannot run does not compile.
 */
export type OperationRow =
	| RequestRow
	| PatchRow
	| MergeRow
	| UpsertRow
	| KeysetListRow
	| CursorListRow
	| UnpagedListRow
	| BatchWriteRow
	| UploadRow
	| DownloadRow
	| PolledActionRow
	| CustomRow;

export type RowKind = OperationRow['kind'];

export interface ResourceRow {
	value: string;
	name: string;
	description: string;
	/** How actions name the category when another category has the same action ("EDR", "cloud"). */
	label?: string;
}

export interface ApiTable {
	api: Api;
	resources: ResourceRow[];
	operations: OperationRow[];
}

/** A row without its resource: what a catalog writes when one helper sets the resource. */
export type RowSpec = OperationRow extends infer R ? (R extends OperationRow ? Omit<R, 'resource'> : never) : never;
