import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { AgentRisk, BatchWriteRow, CreateOnce, ListFilters, NumberParam, Param } from '../catalog/types';
import { titleCase } from '../catalog/words';

/**
 * The form controls the runtime reads besides a row's own params, each named once here beside
 * the factory that creates it. Which of them a row gets is its kind's choice (`kinds/`).
 */

/** The Resource and Operation dropdowns: together they pick the row. */
export const RESOURCE = 'resource';
export const OPERATION = 'operation';
export const RETURN_ALL = 'returnAll';
export const LIMIT = 'limit';
export const DEFAULT_LIMIT = 50;
/** The Filters fixedCollection and its entries (`filters.filter`). */
export const FILTERS = 'filters';
export const FILTER = 'filter';
/** The Sort fixedCollection and its entries (`sort.rule`). */
export const SORT = 'sort';
export const SORT_RULE = 'rule';
export const SIMPLIFY = 'simplify';
export const PATCH_OPERATIONS = 'patchOperations';
export const PENDING_TIMEOUT = 'pendingTimeout';
/** Seconds a PENDING answer may take when the user sets nothing. */
export const DEFAULT_PENDING_TIMEOUT = 60;
export const BINARY_PROPERTY = 'binaryPropertyName';
export const INPUT_MODE = 'inputMode';
export const INPUT_FIELD = 'inputField';
export const INPUT_JSON = 'inputJson';
export const BATCH_SIZE = 'batchSize';
export const IDEMPOTENCY_KEY = 'idempotencyKey';
export const DEFAULT_BATCH_SIZE = 100;
/** The node-wide Request Options and their entries. */
export const REQUEST_OPTIONS = 'requestOptions';
export const CONCURRENCY = 'concurrency';
export const RETRIES = 'retries';
export const TIMEOUT = 'timeout';
/** The Concurrency option's default: the limiter's ceiling when the user sets none. */
export const DEFAULT_CONCURRENCY = 32;
export const MAX_CONCURRENCY = 64;
export const DEFAULT_RETRIES = 3;
export const DEFAULT_TIMEOUT_SECONDS = 60;

/** The option that lets an AI agent run an operation its row marks unsafe (`agentRisk`). */
export const ALLOW_FOR_AGENTS = 'allowForAgents';
export const ALLOW_FOR_AGENTS_LABEL = 'Allow This Operation for AI Agents';

/** Why each risk makes an operation unsafe for an agent: the words of the option's hint and of the refusal. */
export const AGENT_RISK_WORDS: Record<AgentRisk, string> = {
	destroys: 'it deletes or removes data',
	executes: 'it acts on endpoints, devices or user accounts',
	mintsSecrets: 'it creates, rotates or resets tokens or passwords',
};

/**
 * The switch of an operation unsafe for an AI agent, shown only where it matters: on the node's
 * tool variant (n8n's `@tool` display rule: the node type's name ends in "Tool"), for that row.
 * No expression: the agent's own input (`$fromAI`) can never turn it on.
 */
export function allowForAgentsControl(risk: AgentRisk): INodeProperties {
	return {
		displayName: ALLOW_FOR_AGENTS_LABEL,
		name: ALLOW_FOR_AGENTS,
		type: 'boolean',
		noDataExpression: true,
		default: false,
		description: 'Whether the AI agent that uses this node as a tool may run this operation',
		hint: `Off by default, so the agent is refused this operation: ${AGENT_RISK_WORDS[risk]}, and text the agent reads (a ticket, an alert) can steer it into running it. Turn on only when you trust everything the agent reads. Token secrets are never returned to the agent either way.`,
		displayOptions: { show: { '@tool': [true] } },
	};
}

export const FILTER_OPERATORS: INodePropertyOptions[] = [
	{ name: 'Equals', value: 'eq' },
	{ name: 'Greater Than', value: 'gt' },
	{ name: 'Greater Than or Equal', value: 'gte' },
	{ name: 'In (Comma-Separated List)', value: 'in' },
	{ name: 'Less Than', value: 'lt' },
	{ name: 'Less Than or Equal', value: 'lte' },
	{ name: 'Like (* Wildcard)', value: 'like' },
	{ name: 'Not Equals', value: 'ne' },
];

/** Return All and Limit, then Filters and Sort where the list takes them. */
export function listControls(filters?: ListFilters): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Return All',
			name: RETURN_ALL,
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: LIMIT,
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_LIMIT,
			description: 'Max number of results to return',
			displayOptions: { show: { [RETURN_ALL]: [false] } },
		},
	];
	if (!filters) return properties;
	const field = filters.field;
	properties.push(filtersControl(field));
	if (!filters.sortable) return properties;
	properties.push({
		displayName: 'Sort',
		name: SORT,
		type: 'fixedCollection',
		placeholder: 'Add Sort Rule',
		typeOptions: { multipleValues: true },
		default: {},
		options: [
			{
				displayName: 'Rule',
				name: SORT_RULE,
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'string',
						default: field,
						placeholder: 'e.g. created_at',
					},
					{
						displayName: 'Direction',
						name: 'direction',
						type: 'options',
						options: [
							{ name: 'Ascending', value: 'asc' },
							{ name: 'Descending', value: 'desc' },
						],
						default: 'asc',
					},
				],
			},
		],
	});
	return properties;
}

/**
 * How the node sends its requests, for every operation: how many items run at once (not for a
 * trigger, which makes one request at a time), how often a request that failed without effect
 * is tried again, and how long one attempt may take.
 */
export function requestOptionsControl({ concurrency = true } = {}): INodeProperties {
	const options: INodeProperties[] = [
		{
			displayName: 'Retries',
			name: RETRIES,
			type: 'number',
			typeOptions: { minValue: 0, maxValue: 10 },
			default: DEFAULT_RETRIES,
			description:
				'How often a failed request is sent again where that cannot do anything twice: after 429 and 503 (honouring Retry-After), and after other 5xx, timeouts and resets for reads, replacements and deletes only',
		},
		{
			displayName: 'Timeout (Seconds)',
			name: TIMEOUT,
			type: 'number',
			typeOptions: { minValue: 1 },
			default: DEFAULT_TIMEOUT_SECONDS,
			description: 'How long one attempt of a request may take, until its whole answer has arrived (raise it for large downloads)',
		},
	];
	if (concurrency) {
		options.unshift({
			displayName: 'Concurrency',
			name: CONCURRENCY,
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY },
			default: DEFAULT_CONCURRENCY,
			description:
				'The most requests in flight at once. Reads start with a few and grow while Synqly answers fast, and slow down on 429 or 503. Writes go one at a time in input order unless this is set (batch writes: batches). Outputs keep the input order.',
		});
	}
	return { displayName: 'Request Options', name: REQUEST_OPTIONS, type: 'collection', placeholder: 'Add option', default: {}, options };
}

/** A number of an options collection as a whole number within bounds, or the fallback when it is not a number. */
export function wholeNumberOption(value: unknown, { min, max = Number.MAX_SAFE_INTEGER, fallback }: { min: number; max?: number; fallback: number }): number {
	return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : fallback;
}

/**
 * Synqly's `filter` query of a list: entries of field, operator and value, all of which must match.
 * A new entry starts with `field`; `example` is the field the placeholder shows.
 */
export function filtersControl(field: string, example = field): INodeProperties {
	return {
		displayName: 'Filters',
		name: FILTERS,
		type: 'fixedCollection',
		placeholder: 'Add Filter',
		typeOptions: { multipleValues: true },
		default: {},
		description: 'Synqly filters (field[operator]value); several filters must all match',
		options: [
			{
				displayName: 'Filter',
				name: FILTER,
				values: [
					{
						displayName: 'Field',
						name: 'field',
						type: 'string',
						default: field,
						placeholder: `e.g. ${example}`,
						description: 'Field to compare; nested fields are dotted, e.g. labels',
					},
					{ displayName: 'Operator', name: 'operator', type: 'options', options: FILTER_OPERATORS, default: 'eq' },
					{ displayName: 'Value', name: 'value', type: 'string', default: '', placeholder: 'e.g. acme*' },
				],
			},
		],
	};
}

export const simplifyControl: INodeProperties = {
	displayName: 'Simplify',
	name: SIMPLIFY,
	type: 'boolean',
	default: true,
	description: 'Whether to return only the most useful fields of each result instead of the full object',
};

export const patchOperationsParam = (example: unknown): Param => ({
	name: PATCH_OPERATIONS,
	displayName: 'Patch Operations (JSON)',
	in: 'ui',
	kind: 'json',
	required: true,
	default:
		example === undefined
			? '[\n  { "op": "replace", "path": "/fullname", "value": "New display name" }\n]'
			: JSON.stringify(example, null, 2),
	description:
		'JSON Patch (RFC 6902) operations applied in order: op is add, remove, replace, move, copy or test; path is a JSON Pointer such as /labels/0',
});

export const pendingTimeoutParam: NumberParam = {
	name: PENDING_TIMEOUT,
	displayName: 'Pending Timeout (Seconds)',
	in: 'ui',
	kind: 'number',
	default: DEFAULT_PENDING_TIMEOUT,
	description:
		'How long to keep asking while the provider answers PENDING (asynchronous queries); 0 fails at the first PENDING answer',
};

/** The key that makes a create idempotent (`RequestRow.once`): an object carrying it is not created again. */
export const idempotencyKeyParam = (once: CreateOnce): Param => ({
	name: IDEMPOTENCY_KEY,
	displayName: 'Idempotency Key',
	in: 'ui',
	kind: 'string',
	placeholder: 'e.g. alert-{{ $json.metadata.uid }}',
	description: `Create the ${once.noun} only if no ${once.noun} carries this key yet, e.g. the alert's ID: it is added to the ${once.noun}'s ${once.marker}, and an existing ${once.noun} with it is returned instead (action "found"), so a retried execution does not create a second one. No spaces or commas.`,
});

/** The n8n binary property a file is read from (uploads) or written to (downloads). */
export const binaryPropertyParam = (direction: 'input' | 'output'): Param => ({
	name: BINARY_PROPERTY,
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

/** Where each item's objects come from, and how many one request carries. */
export function batchSourceParams(row: BatchWriteRow): Param[] {
	const plural = `${row.noun}s`;
	return [
		{
			name: INPUT_MODE,
			displayName: `${titleCase(row.noun)}s From`,
			in: 'ui',
			kind: 'options',
			required: true,
			default: 'item',
			options: [
				{ name: 'Each Input Item', value: 'item', description: `Each input item's JSON is one ${row.noun}` },
				{
					name: 'A Field of Each Item',
					value: 'field',
					description: `A field of each item holds one ${row.noun} or an array of ${plural}`,
				},
				{
					name: 'JSON',
					value: 'json',
					description: `Define the ${row.noun} (or an array of ${plural}) as JSON, usually with expressions`,
				},
			],
			description: `Where the ${plural} to send come from; they are sent in batches, not one request per item`,
		},
		{
			name: INPUT_FIELD,
			displayName: 'Field Name',
			in: 'ui',
			kind: 'string',
			required: true,
			default: plural,
			placeholder: `e.g. ${plural}`,
			description: `Field of each input item that holds a ${row.noun} or an array of ${plural}; nested fields are dotted`,
			showWhen: { [INPUT_MODE]: ['field'] },
		},
		{
			name: INPUT_JSON,
			displayName: `${titleCase(row.noun)} (JSON)`,
			in: 'ui',
			kind: 'json',
			required: true,
			default: JSON.stringify(row.example, null, 2),
			description: `One ${row.noun}, or an array of them, evaluated for each input item`,
			showWhen: { [INPUT_MODE]: ['json'] },
		},
		{
			name: BATCH_SIZE,
			displayName: 'Batch Size',
			in: 'ui',
			kind: 'number',
			default: DEFAULT_BATCH_SIZE,
			description: `How many ${plural} one request carries (read from the first item)`,
		},
	];
}

/** Where a row's optional params sit in the form; the runtime reads them back by `name`. */
export interface OptionalCollection {
	name: string;
	displayName: string;
}

export const ADDITIONAL_FIELDS: OptionalCollection = { name: 'additionalFields', displayName: 'Additional Fields' };
export const UPDATE_FIELDS: OptionalCollection = { name: 'updateFields', displayName: 'Update Fields' };
export const OPTIONS: OptionalCollection = { name: 'options', displayName: 'Options' };
