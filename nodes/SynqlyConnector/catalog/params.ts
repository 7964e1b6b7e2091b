import type { INodePropertyOptions } from 'n8n-workflow';

import { DEFAULT_PENDING_TIMEOUT } from '../../shared/cursor';
import type { BatchSpec, HttpMethod, OperationRow, Param } from '../../shared/types';

export { pathId, pick, textParam } from '../../shared/params';

// ---------------------------------------------------------------------------------------------
// Params every engine operation shares

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

export const pendingTimeoutParam: Param = {
	name: 'pendingTimeout',
	displayName: 'Pending Timeout (Seconds)',
	in: 'ui',
	kind: 'number',
	default: DEFAULT_PENDING_TIMEOUT,
	description:
		'How long to keep asking while the provider answers PENDING (asynchronous queries); 0 fails at the first PENDING answer',
};

/** The n8n binary property a file is read from (uploads) or written to (downloads). */
export const binaryPropertyParam = (direction: 'input' | 'output'): Param => ({
	name: 'binaryPropertyName',
	displayName: direction === 'input' ? 'Input Binary Field' : 'Output Binary Field',
	in: 'ui',
	kind: 'string',
	required: true,
	default: 'data',
	placeholder: 'e.g. data',
	description:
		direction === 'input'
			? 'Name of the binary property of the input item that holds the file'
			: 'Name of the binary property to put the downloaded file in',
});

// ---------------------------------------------------------------------------------------------
// Param factories

export const json = (
	name: string,
	displayName: string,
	description: string,
	example: unknown,
	extra: Partial<Param> = {},
): Param => ({
	name,
	displayName,
	in: 'body',
	kind: 'json',
	description,
	default: JSON.stringify(example, null, 2),
	...extra,
});

export const choice = (
	name: string,
	displayName: string,
	options: INodePropertyOptions[],
	description: string,
	extra: Partial<Param> = {},
): Param => ({ name, displayName, in: 'body', kind: 'options', options, description, ...extra });

/** "NAME_LIKE_THIS" or "like_this" as "Name Like This". */
export const titleCase = (value: string) =>
	value
		.toLowerCase()
		.split(/[_\s-]+/)
		.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
		.join(' ');

export const enumOptions = (values: string[]): INodePropertyOptions[] =>
	values.map((value) => ({ name: titleCase(value), value }));

// ---------------------------------------------------------------------------------------------
// Enums of the reference (derived-engine-types.json)

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
export const PRIORITIES = enumOptions(['URGENT', 'CRITICAL', 'HIGH', 'MEDIUM', 'MODERATE', 'LOW', 'PLANNING']);

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
// Row factories

interface RowSpec extends Omit<OperationRow, 'resource' | 'method' | 'style'> {
	/** Adds `include_raw_data`. */
	raw?: boolean;
	/** `false`: the reference has no `meta` query param for this operation. */
	meta?: boolean;
}

interface QuerySpec extends Omit<RowSpec, 'filterable' | 'orderable'> {
	/** The reference's default page size (`limit`). */
	pageSize: number;
	filter?: boolean;
	order?: boolean;
	/** Adds `passthrough-param`. */
	passthrough?: boolean;
}

function withCommonParams(spec: RowSpec, extra: Param[] = []): Param[] {
	return [
		...(spec.params ?? []),
		...(spec.raw ? [includeRawDataParam] : []),
		...extra,
		...(spec.meta === false ? [] : [metaParam]),
	];
}

/** The spec without the factory's own flags: what remains are row fields. */
function strip<T extends RowSpec>(spec: T): Omit<T, 'raw' | 'meta'> {
	const rest: Partial<T> = { ...spec };
	delete rest.raw;
	delete rest.meta;
	return rest as Omit<T, 'raw' | 'meta'>;
}

/** The row builders of one resource (connector category). */
export function category(resource: string) {
	const single =
		(method: HttpMethod) =>
		(spec: RowSpec): OperationRow => ({
			...strip(spec),
			resource,
			method,
			params: withCommonParams(spec),
		});
	return {
		/** A cursor-paged query: Return All / Limit, filters and sort where the reference has them. */
		query(spec: QuerySpec): OperationRow {
			const { filter, order, passthrough, ...rest } = spec;
			return {
				...strip(rest),
				resource,
				method: 'GET',
				style: 'cursor',
				filterable: filter ?? false,
				orderable: order ?? false,
				filterField: spec.filterField ?? 'time',
				params: withCommonParams(spec, [
					...(passthrough ? [passthroughParam] : []),
					pendingTimeoutParam,
				]),
			};
		},
		/** A list the API returns whole. */
		list(spec: RowSpec): OperationRow {
			return { ...strip(spec), resource, method: 'GET', style: 'unpaged', params: withCommonParams(spec) };
		},
		/** Bulk writes: input items are sent in batches. */
		batch(spec: RowSpec & { batch: BatchSpec }): OperationRow {
			return {
				...strip(spec),
				resource,
				method: 'POST',
				style: 'batch',
				params: withCommonParams(spec, batchParams(spec.batch)),
			};
		},
		get: single('GET'),
		post: single('POST'),
		put: single('PUT'),
		patch: single('PATCH'),
		delete: single('DELETE'),
	};
}

/** The form of a batch row: where each item's objects come from, and the batch size. */
export function batchParams(batch: BatchSpec): Param[] {
	const plural = `${batch.noun}s`;
	return [
		{
			name: 'inputMode',
			displayName: `${titleCase(batch.noun)}s From`,
			in: 'ui',
			kind: 'options',
			required: true,
			default: 'item',
			options: [
				{
					name: 'Each Input Item',
					value: 'item',
					description: `Each input item's JSON is one ${batch.noun}`,
				},
				{
					name: 'A Field of Each Item',
					value: 'field',
					description: `A field of each item holds one ${batch.noun} or an array of ${plural}`,
				},
				{
					name: 'JSON',
					value: 'json',
					description: `Define the ${batch.noun} (or an array of ${plural}) as JSON, usually with expressions`,
				},
			],
			description: `Where the ${plural} to send come from; they are sent in batches, not one request per item`,
		},
		{
			name: 'inputField',
			displayName: 'Field Name',
			in: 'ui',
			kind: 'string',
			required: true,
			default: plural,
			placeholder: `e.g. ${plural}`,
			description: `Field of each input item that holds a ${batch.noun} or an array of ${plural}; nested fields are dotted`,
			showWhen: { inputMode: ['field'] },
		},
		{
			name: 'inputJson',
			displayName: `${titleCase(batch.noun)} (JSON)`,
			in: 'ui',
			kind: 'json',
			required: true,
			default: JSON.stringify(batch.example, null, 2),
			description: `One ${batch.noun}, or an array of them, evaluated for each input item`,
			showWhen: { inputMode: ['json'] },
		},
		{
			name: 'batchSize',
			displayName: 'Batch Size',
			in: 'ui',
			kind: 'number',
			default: 100,
			description: `How many ${plural} one request carries (read from the first item)`,
		},
	];
}
