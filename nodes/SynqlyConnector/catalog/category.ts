import type { INodePropertyOptions } from 'n8n-workflow';

import type {
	BatchWriteRow,
	CursorListRow,
	DownloadRow,
	OperationRow,
	Param,
	PatchRow,
	PolledActionRow,
	PollBy,
	RequestRow,
	ResourceRow,
	UnpagedListRow,
	UploadRow,
} from '../../shared/catalog/types';
import { article, enumOptions } from '../../shared/catalog/words';

// ---------------------------------------------------------------------------------------------
// Params every connector operation shares

/** `meta`: Synqly meta functions, repeatable. */
export const metaParam: Param = {
	name: 'meta',
	displayName: 'Meta Functions',
	in: 'query',
	kind: 'stringList',
	placeholder: 'e.g. stats(count)',
	description:
		'Synqly meta functions to run on the results (https://docs.synqly.com/api-reference/meta-functions); for one that contains a comma, use an expression that returns an array',
};

export const includeRawDataParam: Param = {
	name: 'includeRawData',
	displayName: 'Include Raw Data',
	in: 'query',
	kind: 'boolean',
	description: "Whether to add the provider's raw payload to each result",
};

export const passthroughParam: Param = {
	name: 'passthroughParam',
	displayName: 'Passthrough Parameters',
	in: 'query',
	kind: 'stringList',
	wire: 'passthrough-param',
	placeholder: 'e.g. query=event_simpleName:ProcessRollup2',
	description:
		"Provider-native query parameters passed through unchanged, for filtering Synqly's filters cannot express",
};

// ---------------------------------------------------------------------------------------------
// Enums of the reference (the Connector API's types)

/** OCSF severity_id. */
export const SEVERITY_IDS: INodePropertyOptions[] = [
	{ name: 'Unknown (0)', value: 0 },
	{ name: 'Informational (1)', value: 1 },
	{ name: 'Low (2)', value: 2 },
	{ name: 'Medium (3)', value: 3 },
	{ name: 'High (4)', value: 4 },
	{ name: 'Critical (5)', value: 5 },
	{ name: 'Fatal (6)', value: 6 },
	{ name: 'Other (99)', value: 99 },
];

/** Ticketing and notifications `Priority`. */
const PRIORITIES = enumOptions(['URGENT', 'CRITICAL', 'HIGH', 'MEDIUM', 'MODERATE', 'LOW', 'PLANNING']);

/** The `priority` body field of tickets and notifications. */
export const priorityParam = (description: string): Param => ({
	name: 'priority',
	displayName: 'Priority',
	in: 'body',
	kind: 'options',
	options: PRIORITIES,
	default: 'MEDIUM',
	description,
});

// ---------------------------------------------------------------------------------------------
// Simplify: the fields kept per kind of result

const EVENT = [
	'class_name',
	'activity_name',
	'time',
	'time_dt',
	'severity',
	'severity_id',
	'status',
	'message',
	'metadata.uid',
	'metadata.product.name',
];
const FINDING = [...EVENT, 'finding_info.uid', 'finding_info.title', 'finding_info.desc', 'is_alert'];

export const SIMPLE = {
	event: [
		...EVENT,
		'user.name',
		'actor.user.name',
		'src_endpoint.ip',
		'dst_endpoint.ip',
		'dst_endpoint.port',
		'device.hostname',
		'process.name',
		'api.operation',
	],
	finding: [...FINDING, 'device.uid', 'device.hostname', 'resources', 'actor.user.name'],
	vulnerability: [
		...FINDING,
		'finding.uid',
		'finding.title',
		'state',
		'vulnerabilities',
		'resource',
		'device.uid',
		'device.hostname',
	],
	compliance: [...FINDING, 'compliance.status', 'compliance.standards', 'resources', 'device.hostname'],
	device: [
		'device.uid',
		'device.hostname',
		'device.name',
		'device.ip',
		'device.type',
		'device.os.name',
		'time_dt',
	],
	software: ['device.uid', 'device.hostname', 'package.name', 'package.version', 'time_dt'],
	entity: [
		'entity.uid',
		'entity.name',
		'entity.type',
		'user.uid',
		'user.name',
		'user.email_addr',
		'group.uid',
		'group.name',
		'risk_level',
	],
	application: ['application.uid', 'application.name', 'application.version', 'risk_level', 'time_dt'],
	cloudResource: ['class_name', 'resources', 'cloud.provider', 'cloud.region', 'time_dt'],
	scan: ['class_name', 'scan.uid', 'scan.name', 'scan.type', 'application.uid', 'status', 'time_dt'],
	conversation: ['conversation.uid', 'conversation.name', 'time_dt'],
	message: ['message', 'chat_message', 'actor.user.name', 'time_dt'],
	email: [...EVENT, 'email.uid', 'email.from', 'email.to', 'email.subject'],
};

// ---------------------------------------------------------------------------------------------
// Polling: how the Connector Trigger finds new records of a query

/** Where OCSF findings and events keep their id. */
const OCSF_ID = 'finding_info.uid|metadata.uid';

/**
 * OCSF records polled by their `time` (epoch milliseconds; the reference filters such fields with
 * RFC 3339 values, e.g. `finding.last_seen_time[gte]2024-01-05T00:00:00Z`).
 */
export const byTime = (label: string): PollBy[] => [{ field: 'time', label, id: OCSF_ID }];

// ---------------------------------------------------------------------------------------------
// Row factories

/** What a connector row's spec adds to the row: the params most operations share. */
interface Common {
	/** Adds `include_raw_data`. */
	raw?: boolean;
	/** `false`: the reference has no `meta` query param for this operation. */
	meta?: boolean;
}

/** A row's spec: the row without what the factory sets (resource, kind, and usually the method). */
type Spec<R extends OperationRow, Fixed extends keyof R = never> = Omit<R, 'resource' | 'kind' | Fixed> & Common;

interface QuerySpec extends Spec<CursorListRow, 'method' | 'filters'> {
	/** Synqly's `filter` applies (the reference has it for this query). */
	filter?: boolean;
	/** Synqly's `order` applies too. */
	order?: boolean;
	/** The field the Filters and Sort forms start with (default `time`). */
	filterField?: string;
	/** Adds `passthrough-param`. */
	passthrough?: boolean;
}

function commonParams(spec: Common & { params?: Param[] }, extra: Param[] = []): Param[] {
	return [
		...(spec.params ?? []),
		...(spec.raw ? [includeRawDataParam] : []),
		...extra,
		...(spec.meta === false ? [] : [metaParam]),
	];
}

/** The spec without the factory's own flags: what remains are row fields. */
function rowFields<T extends Common>(spec: T): Omit<T, keyof Common> {
	const { raw, meta, ...rest } = spec;
	void raw;
	void meta;
	return rest;
}

/** The row builders of one resource (connector category). */
export function category(resource: string) {
	const request =
		(method: RequestRow['method']) =>
		(spec: Spec<RequestRow, 'method'>): RequestRow => ({
			// A DELETE removes something: an agent may run it only where the node allows it.
			...(method === 'DELETE' ? { agentRisk: 'destroys' as const } : {}),
			...rowFields(spec),
			resource,
			kind: 'request',
			method,
			params: commonParams(spec),
		});
	return {
		get: request('GET'),
		post: request('POST'),
		put: request('PUT'),
		delete: request('DELETE'),
		/** A cursor-paged query: Return All / Limit, filters and sort where the reference has them. */
		query(spec: QuerySpec): CursorListRow {
			const { filter, order, filterField, passthrough, ...rest } = spec;
			return {
				...rowFields(rest),
				resource,
				kind: 'cursorList',
				method: 'GET',
				filters: filter ? { field: filterField ?? 'time', sortable: order ?? false } : undefined,
				params: commonParams(spec, passthrough ? [passthroughParam] : []),
			};
		},
		/** A list the API returns whole. */
		list(spec: Spec<UnpagedListRow, 'method'>): UnpagedListRow {
			return { ...rowFields(spec), resource, kind: 'unpagedList', method: 'GET', params: commonParams(spec) };
		},
		/** A change by JSON Patch operations. */
		patch(spec: Spec<PatchRow, 'method'>): PatchRow {
			return { ...rowFields(spec), resource, kind: 'patch', method: 'PATCH', params: commonParams(spec) };
		},
		/** Bulk writes: input items are sent in batches. */
		batch(spec: Spec<BatchWriteRow, 'method'>): BatchWriteRow {
			return { ...rowFields(spec), resource, kind: 'batchWrite', method: 'POST', params: commonParams(spec) };
		},
		/** An action that may answer PENDING and is asked again with its cursor. */
		polled(spec: Spec<PolledActionRow, 'method'>): PolledActionRow {
			return { ...rowFields(spec), resource, kind: 'polledAction', method: 'POST', params: commonParams(spec) };
		},
		/** A file from the item's binary property goes up. */
		upload(spec: Spec<UploadRow, 'method'>): UploadRow {
			return { ...rowFields(spec), resource, kind: 'upload', method: 'POST', params: commonParams(spec) };
		},
		/** A file comes down into the item's binary property. */
		download(spec: Spec<DownloadRow>): DownloadRow {
			return { ...rowFields(spec), resource, kind: 'download', params: commonParams(spec) };
		},
	};
}

// ---------------------------------------------------------------------------------------------
// One naming rule for actions across categories

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * An action without its category's label, in lower case: its verb and noun ("get many alerts"
 * for "Get many SIEM alerts", "post events" for "Post events to the sink").
 */
export function verbAndNoun(action: string, label: string): string {
	return action
		.replace(new RegExp(`\\b${escape(label)}\\b`, 'i'), '')
		.replace(/\s+(to|of|in) the\s*$/i, '')
		.replace(/\s+/g, ' ')
		.trim()
		.toLowerCase();
}

/** The action with the category's label before its noun: "Get many alerts" → "Get many EDR alerts". */
function labelled(key: string, label: string): string {
	const [, verb, determiner = '', noun] = /^(\S+)(?: (many|an?|the|all))? (.+)$/.exec(key) ?? [];
	if (!noun) return `${key} (${label})`;
	const det = determiner === 'a' || determiner === 'an' ? article(label) : determiner;
	const sentence = [verb, det, label, noun].filter(Boolean).join(' ');
	return sentence.charAt(0).toUpperCase() + sentence.slice(1);
}

/**
 * The actions panel lists every action of the node together, so where two categories share a verb
 * and noun ("Get many alerts" in SIEM and EDR), each of those actions names its category ("Get
 * many SIEM alerts", "Get many EDR alerts"); a user cannot pick EDR's for a SIEM integration.
 * Actions no other category shares stay as written.
 */
export function withCategoryActions(resources: ResourceRow[], rows: OperationRow[]): OperationRow[] {
	const labelOf = new Map(resources.map((r) => [r.value, r.label ?? r.name]));
	const keyOf = (row: OperationRow) => verbAndNoun(row.action, labelOf.get(row.resource)!);
	const categories = new Map<string, Set<string>>();
	for (const row of rows) {
		const key = keyOf(row);
		categories.set(key, (categories.get(key) ?? new Set()).add(row.resource));
	}
	return rows.map((row) => {
		const key = keyOf(row);
		return categories.get(key)!.size > 1 ? { ...row, action: labelled(key, labelOf.get(row.resource)!) } : row;
	});
}
