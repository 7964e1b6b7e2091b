import type { INodePropertyOptions } from 'n8n-workflow';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** Which of Synqly's two APIs a row calls; it decides the credential scope and the list style. */
export type Api = 'management' | 'engine';

export type ParamKind =
	| 'string'
	| 'secret'
	| 'number'
	| 'boolean'
	| 'dateTime'
	| 'json'
	| 'options'
	| 'multiOptions'
	| 'stringList'
	| 'locator';

/**
 * One input of an operation. `in` says where its value goes on the wire; `required` puts it at the
 * top of the form, otherwise it lives in the operation's "Additional Fields" (or "Update Fields").
 */
export interface Param {
	name: string;
	displayName: string;
	/** `ui` values only steer the form (e.g. a category that narrows a provider list). */
	in: 'path' | 'query' | 'body' | 'ui';
	kind: ParamKind;
	/** Name on the wire when it is not the snake_case of `name`; dotted names set nested fields. */
	wire?: string;
	required?: boolean;
	description?: string;
	placeholder?: string;
	default?: string | number | boolean | string[];
	options?: INodePropertyOptions[];
	/** For `locator` params: the key of the locator in the API's locator table. */
	locator?: string;
	/** For `options` params whose choices come from the API. */
	loadOptions?: { method: string; dependsOn?: string[] };
	/** Only shown when another field of the same operation has one of these values. */
	showWhen?: Record<string, Array<string | number | boolean>>;
}

/**
 * How an operation turns into requests and items:
 * - `single`: one request per input item;
 * - `keyset`: a management list (`limit` + `start_after` on `sortKey`, `filter`, `order`);
 * - `cursor`: an engine query (`limit` + `cursor`, PENDING polling);
 * - `unpaged`: a list the API returns whole (Limit still applies);
 * - `batch`: the input items become the objects of bulk requests, `batch.size` per request
 *   (one output item per request; see `BatchSpec`).
 */
export type OperationStyle = 'single' | 'keyset' | 'cursor' | 'unpaged' | 'batch';

/**
 * Bulk writes (`style: 'batch'`): each input item gives one object (or several), and the objects
 * go out in requests of at most Batch Size objects instead of one request per item.
 */
export interface BatchSpec {
	/** Body key that holds the array (`{findings: [...]}`); absent: the body is the bare JSON array. */
	key?: string;
	/** What one object is called in labels and messages, e.g. "event", "finding". */
	noun: string;
	/** JSON example of one object: the default of the "JSON" input mode. */
	example: unknown;
}

/**
 * Files (n8n binary data) in or out of a row:
 * - `input: 'multipart'`: the binary property is sent as a multipart/form-data body (field `field`);
 * - `input: 'base64'`: the body is JSON `{file_name, content}` with the bytes as base64;
 * - `output: 'bytes'`: the response body is the file (name and type from its headers);
 * - `output: 'base64'`: the JSON result holds `{file_name, file_type, content}` with base64 content.
 */
export interface BinarySpec {
	input?: 'multipart' | 'base64';
	output?: 'bytes' | 'base64';
	/** Multipart field name (default `file`). */
	field?: string;
	/** Param whose value is a file path; its last segment names a downloaded file without a Content-Disposition. */
	fileNameParam?: string;
}

export interface OperationRow {
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
	style?: OperationStyle;
	/** Keyset lists: the field `start_after` compares against when no sort is chosen. */
	sortKey?: string;
	/** Lists: whether Synqly's `filter`/`order` query applies (it does for most keyset lists). */
	filterable?: boolean;
	/**
	 * `fields` (default): JSON object from the body params; `patch`: a JSON Patch array;
	 * `merge`: Update as the object-replacing PUT: GET the object, lay the given fields over it, PUT it.
	 * `raw`: one JSON param (`body`) is the whole body.
	 */
	body?: 'fields' | 'patch' | 'merge' | 'raw';
	/** Key inside `result` that holds the object (create responses like `{result: {account}}`). */
	resultKey?: string;
	/** Output when the API answers with no body. */
	emptyOutput?: 'deleted' | 'success';
	/** Fields removed from every output item (secrets the API would echo back). */
	redact?: string[];
	/**
	 * Create or Update: find the object by `name` in the collection at `path`, create it when
	 * missing, else PUT it with the given fields laid over it (only when something differs).
	 */
	upsert?: { resultKey?: string };
	/** Cursor lists: the page size asked for when Limit does not need fewer (the reference's default). */
	pageSize?: number;
	/** Lists: whether `order` applies; absent means the same as `filterable` (management lists). */
	orderable?: boolean;
	/** Lists: the field the Filters and Sort forms start with (default `name`). */
	filterField?: string;
	/**
	 * Large results (OCSF objects): the dotted fields kept when the node's Simplify option is on
	 * (its default). Rows with this get a Simplify toggle.
	 */
	simplify?: string[];
	/** Example of the JSON Patch field of `body: 'patch'` rows (default: a `/fullname` replace). */
	patchExample?: unknown;
	/**
	 * Actions that can answer `status: PENDING` (EDR execute command): the request is sent again
	 * with the answer's `cursor` in the body until it is COMPLETE or the Pending Timeout passes.
	 * (Cursor lists always poll PENDING answers, with the cursor in the query.)
	 */
	pendingCursor?: 'body';
	/** Bulk writes, with `style: 'batch'`. */
	batch?: BatchSpec;
	/** Rows that send or return files. */
	binary?: BinarySpec;
}

export interface ResourceRow {
	value: string;
	name: string;
	description: string;
}

/** A searchable list behind a resource locator: where it lists, and how one entry is shown. */
export interface LocatorRow {
	key: string;
	displayName: string;
	/** List path; `{param}` placeholders are filled from other params of the node. */
	listPath: string;
	/** Field matched by the search box (Synqly `like` filter). */
	searchField?: string;
	labelField?: string;
	valueField?: string;
	placeholder?: string;
	/** The list takes no paging or filter parameters: it comes whole and is searched here. */
	unpaged?: boolean;
}

export interface ApiTable {
	api: Api;
	resources: ResourceRow[];
	operations: OperationRow[];
	locators: LocatorRow[];
}
