/**
 * Output schemas: for every row of both nodes, a JSON Schema of one output item's `json`, written
 * where n8n looks for it, `nodes/<Node>/__schema__/v<version>/<resource>/<operation>.json` beside
 * the node's compiled file (n8n-core's `resolveOutputSchemaPath`; the server answers
 * `/schemas/<nodeType>/<version>/<resource>/<operation>.json` from it). The editor shows these
 * fields for mapping before the node has run.
 *
 * The triggers have no Resource or Operation: the editor asks for `/schemas/<nodeType>/<version>.json`
 * (it leaves the missing parts out), which n8n answers from `__schema__/v<version>.json` beside
 * the node's file; n8n's own lookup for nodes without them (its AI builder's) tries that name
 * first too. One schema per trigger, then: the Connector Trigger's covers every Source.
 *
 * The schemas come from the reference's response models (test/fixtures/derived-*-types.json,
 * the Python SDK's pydantic models) reshaped the way the runtime reshapes answers: `result`
 * unwrapped, `resultKey`, lists spread into items, Simplify's fields, `{deleted: true}`,
 * `{success: true}`, batch reports, Create or Update's `action`, a download's file facts.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { connectorTable } from '../nodes/SynqlyConnector/catalog';
import { managementTable } from '../nodes/SynqlyManagement/catalog';
import { pollSources } from '../nodes/SynqlyConnector/poll';
import type { ApiTable, OperationRow } from '../nodes/shared/catalog/types';
import { isSecretKey } from '../nodes/shared/wire/redaction';

export interface JsonSchema {
	/** A list where a value may also be null (`["object", "null"]`), as n8n's own schemas write it. */
	type?: string | string[];
	properties?: Record<string, JsonSchema>;
	items?: JsonSchema;
	required?: string[];
	enum?: string[];
}

interface TypeDef {
	kind: 'class' | 'alias';
	file?: string;
	bases?: string[];
	enum?: string[];
	fields?: Array<{ name: string; type: string; required: boolean }>;
	value?: string;
}

interface Endpoint {
	http_method: string;
	path: string;
	response_type: string;
}

/** Objects nested deeper than this in an output object are only `{type: object}`: OCSF models nest without end. */
const MAX_DEPTH = 3;
/**
 * The Connector Trigger's schema merges the records of every Source (17 OCSF classes and the
 * Ticket): three levels of that are 158 kB (11 kB of the tarball, whose budget is 250 kB); two
 * levels (`finding_info.title`, deeper objects `{type: object}`) are 55 kB (5 kB).
 */
const TRIGGER_MAX_DEPTH = 2;
const ROOT = join(__dirname, '..');
const FIXTURES = join(ROOT, 'test', 'fixtures');
/** The node folder and the version folder of each table (`version: 1` is n8n's `1.0.0`). */
export const SCHEMA_TARGETS = [
	{ table: managementTable, folder: 'nodes/SynqlyManagement', reference: 'management' },
	{ table: connectorTable, folder: 'nodes/SynqlyConnector', reference: 'engine' },
] as const;
export const VERSION_FOLDER = 'v1.0.0';
/**
 * The triggers' schema files (`__schema__/v1.0.0.json`). The Connector Trigger's file sits in the
 * Connector's folder because the node's file does (n8n looks beside it); the Connector never asks
 * for it, having a Resource and an Operation.
 */
export const TRIGGER_SCHEMA_TARGETS = [
	{ node: 'synqlyManagementTrigger', folder: 'nodes/SynqlyManagementTrigger' },
	{ node: 'synqlyConnectorTrigger', folder: 'nodes/SynqlyConnector' },
] as const;
export type TriggerNode = (typeof TRIGGER_SCHEMA_TARGETS)[number]['node'];

// ---------------------------------------------------------------------------------------------
// Python type expressions (`typing.Optional[typing.List[Account]]`) as a small tree

interface TypeExpr {
	name: string;
	args: TypeExpr[];
}

function parseType(text: string): TypeExpr {
	const tokens = text.match(/'[^']*'|"[^"]*"|[\w.]+|[[\](),=]/g) ?? [];
	let at = 0;
	const expr = (): TypeExpr => {
		const name = tokens[at++] ?? '';
		const args: TypeExpr[] = [];
		if (tokens[at] === '[') {
			at++;
			while (tokens[at] !== ']' && at < tokens.length) {
				args.push(expr());
				if (tokens[at] === ',') at++;
			}
			at++;
		} else if (tokens[at] === '(') {
			// A call (`UnionMetadata(discriminant='type')`, `TypeVar('T')`): opaque.
			let depth = 0;
			do {
				if (tokens[at] === '(') depth++;
				if (tokens[at] === ')') depth--;
				at++;
			} while (depth > 0 && at < tokens.length);
			return { name: `${name}()`, args };
		}
		return { name, args };
	};
	return expr();
}

const SCALARS: Record<string, JsonSchema> = {
	str: { type: 'string' },
	bytes: { type: 'string' },
	int: { type: 'integer' },
	float: { type: 'number' },
	bool: { type: 'boolean' },
	'dt.datetime': { type: 'string' },
	'dt.date': { type: 'string' },
	'uuid.UUID': { type: 'string' },
};
/**
 * A value the reference does not type (`typing.Any`, a model it lacks): any JSON value, said with
 * every JSON type, so the editor shows a type (the first) rather than none.
 */
const ANY: JsonSchema = { type: ['string', 'number', 'boolean', 'object', 'array', 'null'] };
const isAny = (schema: JsonSchema) => !schema.properties && JSON.stringify(schema.type) === JSON.stringify(ANY.type);
/** The JSON types a schema allows, in its order. */
const typesOf = (schema: JsonSchema): string[] => (Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : []);
/**
 * Values of several types (a union's variants, a field two records type differently): the types
 * of all, in order; the objects among them keep their merged fields, the lists their items.
 */
function eitherOf(all: JsonSchema[]): JsonSchema {
	// A variant the reference does not type says nothing the others do not.
	const typed = all.filter((v) => !isAny(v));
	const variants = typed.length > 0 ? typed : all;
	const types = [...new Set(variants.flatMap(typesOf))];
	if (types.length === 0) return ANY;
	const objects = variants.filter((v) => typesOf(v).includes('object') && v.properties);
	const merged = objects.length > 0 ? mergeObjects(objects.map((o) => ({ ...o, type: 'object' }))) : {};
	return {
		type: types.length === 1 ? types[0] : types,
		...(merged.properties ? { properties: merged.properties } : {}),
	};
}
/** OCSF classes whose event-union variant has another name (OCSF 5001 is "Device Inventory Info"). */
const LOST_OCSF_CLASSES: Record<string, string> = { InventoryInfo: 'Event_DeviceInventoryInfo' };

/** The SDK package of a model's file (`ticketing` for `src/synqly/engine/ticketing/types/ticket.py`). */
const packageOf = (file: string | undefined) => (file ? /^src\/synqly\/\w+\/([^/]+)\//.exec(file)?.[1] : undefined);

/** Turns the reference's models into JSON Schemas, one API at a time. */
export class SchemaBuilder {
	/**
	 * Models the reference keeps twice under one name: the second as `Name@file`. A class of a
	 * connector package means its own package's model (ticketing's `Ticket` and `Agent`, not OCSF's).
	 */
	private readonly variants = new Map<string, string[]>();

	constructor(
		private readonly types: Record<string, TypeDef>,
		private readonly maxDepth = MAX_DEPTH,
	) {
		for (const key of Object.keys(types)) {
			const [name, file] = key.split('@');
			if (file) this.variants.set(name, [...(this.variants.get(name) ?? []), key]);
		}
	}

	/** The key of the model `name` means in the class that refers to it (the last one `seen`). */
	private ownModel(name: string, seen: string[]): string {
		const from = [...seen].reverse().find((k) => !k.startsWith('alias:'));
		const pkg = packageOf(from ? this.types[from]?.file : undefined);
		if (!pkg || pkg === 'ocsf') return name;
		return this.variants.get(name)?.find((key) => packageOf(key.split('@')[1]) === pkg) ?? name;
	}

	/** Every OCSF record's fields, merged (the engine's `Event` union); an empty object where the reference has none. */
	ocsfRecord(): JsonSchema {
		return 'Event' in this.types ? this.of('Event') : { type: 'object' };
	}

	/** The schema of a named model (or a type expression). */
	of(type: string, depth = 0, seen: string[] = []): JsonSchema {
		return this.expr(parseType(type), depth, seen);
	}

	private expr(t: TypeExpr, depth: number, seen: string[]): JsonSchema {
		switch (t.name) {
			case 'typing.Optional':
			case 'typing_extensions.Annotated':
			case 'typing.Annotated':
				return this.expr(t.args[0], depth, seen);
			case 'typing.List':
			case 'typing.Sequence':
			case 'typing.Set':
				return { type: 'array', ...(t.args[0] ? { items: this.expr(t.args[0], depth, seen) } : {}) };
			case 'typing.Dict':
				return { type: 'object' };
			case 'typing.Literal':
				return literalType(t.args[0]?.name);
			case 'typing.Union':
				return this.union(t.args.map((a) => this.expr(a, depth, seen)));
			default:
				if (SCALARS[t.name]) return SCALARS[t.name];
				return this.named(t.name, depth, seen);
		}
	}

	private named(quoted: string, depth: number, seen: string[]): JsonSchema {
		// A forward reference names its model in quotes (`'User'`).
		const name = quoted.replace(/^(['"])(.*)\1$/, '$2');
		// Models imported under a module-qualified name (`ocsf_v_1_3_0_objects_types_actor_Actor`)
		// are stored under their own name.
		const key = name in this.types ? this.ownModel(name, seen) : this.qualified(name);
		const def = this.types[key];
		if (!def) return ANY;
		if (def.kind === 'alias') {
			// Some aliases name themselves: the reference keeps one model per name, and the OCSF class
			// an alias re-exports lost its entry to the alias. The event union's variant has its fields.
			if (seen.includes(`alias:${key}`)) {
				const variant = LOST_OCSF_CLASSES[key] ?? `Event_${key}`;
				return variant in this.types ? this.named(variant, depth, seen) : ANY;
			}
			if (!def.value) return ANY;
			return this.expr(parseType(def.value), depth, [...seen, `alias:${key}`]);
		}
		if (def.bases?.some((b) => b.startsWith('enum.'))) return { type: 'string' };
		if (depth >= this.maxDepth || seen.includes(key)) return { type: 'object' };
		const properties: Record<string, JsonSchema> = {};
		const required: string[] = [];
		for (const field of this.fieldsOf(key)) {
			properties[field.name] = this.expr(parseType(field.type), depth + 1, [...seen, key]);
			if (field.required && !/^typing\.Optional\[/.test(field.type)) required.push(field.name);
		}
		return { type: 'object', properties, ...(required.length > 0 ? { required } : {}) };
	}

	/**
	 * The key of a module-qualified name (`ocsf_v_1_3_0_objects_types_device_Device`): the model of
	 * that name from that module's file (`Device@src/synqly/engine/ocsf/v_1_3_0/objects/types/device.py`)
	 * when the reference keeps it apart, else the model stored under the plain name.
	 */
	private qualified(name: string): string {
		const [, module, model] = /^(\w+?)_([A-Z]\w*)$/.exec(name) ?? [];
		if (!model) return '';
		const fromModule = this.variants.get(model)?.find((key) => {
			const file = key.split('@')[1] ?? '';
			return file.replace(/^src\/synqly\/\w+\//, '').replace(/\.py$/, '').replace(/\//g, '_') === module;
		});
		return fromModule ?? model;
	}

	/** A class's fields, its bases' first (pydantic's order), the class's own overriding them. */
	private fieldsOf(name: string): NonNullable<TypeDef['fields']> {
		const def = this.types[name];
		if (!def || def.kind !== 'class') return [];
		const fields = new Map<string, NonNullable<TypeDef['fields']>[number]>();
		for (const base of def.bases ?? []) for (const f of this.fieldsOf(base)) fields.set(f.name, f);
		for (const f of def.fields ?? []) fields.set(f.name, f);
		return [...fields.values()];
	}

	/** A union: objects merge their fields (required only where every variant requires it); other mixes allow each variant's type. */
	private union(variants: JsonSchema[]): JsonSchema {
		if (variants.length === 0) return ANY;
		if (variants.every((v) => v.type === 'object')) return mergeObjects(variants);
		const [first] = variants;
		return variants.every((v) => v.type === first.type && v.type !== undefined && v.type !== 'array') ? first : eitherOf(variants);
	}
}

/** The type of a `typing.Literal[...]`'s first value: a quoted text, a number, True/False, None. */
function literalType(value: string | undefined): JsonSchema {
	if (value === undefined) return ANY;
	if (/^['"]/.test(value)) return { type: 'string' };
	if (/^-?\d+$/.test(value)) return { type: 'integer' };
	if (/^-?\d*\.\d+$/.test(value)) return { type: 'number' };
	if (value === 'True' || value === 'False') return { type: 'boolean' };
	if (value === 'None') return { type: 'null' };
	return ANY;
}

/** One field of two variants: objects merged, lists by their items, other types kept only where both agree. */
function mergeField(known: JsonSchema, value: JsonSchema): JsonSchema {
	if (known.type === 'object' && value.type === 'object') return mergeObjects([known, value]);
	// Lists of different things (a ticket's tags are texts, an OCSF record's objects): list of any.
	if (known.type === 'array' && value.type === 'array') {
		return known.items && value.items ? { type: 'array', items: mergeField(known.items, value.items) } : { type: 'array' };
	}
	// Variants that type a field differently (a chat message's object, an event's text): either type.
	return JSON.stringify(known.type) === JSON.stringify(value.type) ? known : eitherOf([known, value]);
}

function mergeObjects(variants: JsonSchema[]): JsonSchema {
	const properties: Record<string, JsonSchema> = {};
	for (const v of variants) {
		for (const [key, value] of Object.entries(v.properties ?? {})) {
			properties[key] = Object.prototype.hasOwnProperty.call(properties, key) ? mergeField(properties[key], value) : value;
		}
	}
	const required = (variants[0].required ?? []).filter((key) => variants.every((v) => v.required?.includes(key)));
	return {
		type: 'object',
		...(Object.keys(properties).length > 0 ? { properties } : {}),
		...(required.length > 0 ? { required } : {}),
	};
}

// ---------------------------------------------------------------------------------------------
// What the node outputs for a row

const object = (properties: Record<string, JsonSchema>, required = Object.keys(properties)): JsonSchema => ({
	type: 'object',
	properties,
	required,
});
const DELETED = object({ deleted: { type: 'boolean' } });
const SUCCESS = object({ success: { type: 'boolean' } });

/** The schema of the property at a dotted path of an object schema, if it has one. */
function propertyAt(schema: JsonSchema, path: string): JsonSchema | undefined {
	let current: JsonSchema | undefined = schema;
	for (const key of path.split('.')) current = current?.properties?.[key];
	return current;
}

/**
 * Simplify keeps only these dotted fields (nested ones keep their nesting): so does the schema.
 * A field the answer's model does not type (SIEM answers `Dict[str, Any]`) takes its type from
 * `fallback`, the OCSF records the fields are named after.
 */
function pick(schema: JsonSchema, paths: string[], fallback: JsonSchema): JsonSchema {
	const out: JsonSchema = { type: 'object', properties: {} };
	for (const path of paths) {
		const keys = path.split('.');
		let target = out;
		keys.forEach((key, i) => {
			target.properties ??= {};
			if (i === keys.length - 1) target.properties[key] = propertyAt(schema, path) ?? propertyAt(fallback, path) ?? ANY;
			else target = target.properties[key] ??= { type: 'object', properties: {} };
		});
	}
	return out;
}

function withoutKeys(schema: JsonSchema, keys: string[] | undefined): JsonSchema {
	if (!keys || !schema.properties) return schema;
	const properties = Object.fromEntries(Object.entries(schema.properties).filter(([k]) => !keys.includes(k)));
	const required = schema.required?.filter((k) => !keys.includes(k));
	return { ...schema, properties, ...(required ? { required } : {}) };
}

/** One output object of `toObjects`: `result` unwrapped, `resultKey` taken, lists spread, scalars as `value`. */
function answerObject(row: OperationRow & { resultKey?: string; emptyOutput?: string }, body: JsonSchema | null): JsonSchema {
	if (body === null) return row.emptyOutput === 'deleted' ? DELETED : SUCCESS;
	let result = body.properties?.result;
	if (!result) return row.emptyOutput === 'deleted' ? DELETED : mergeObjects([body, { type: 'object', properties: SUCCESS.properties }]);
	if (row.resultKey && result.properties?.[row.resultKey]) result = result.properties[row.resultKey];
	if (result.type === 'array') result = result.items ?? ANY;
	// Objects are output as they are; the reference leaves some results untyped (`{}`): objects too.
	if (result.type === 'object' || result.type === undefined) return { type: 'object', ...result };
	return object({ value: result });
}

/** Batch writes report each request: how many were sent, and Synqly's answer (see batch.ts). */
function batchReport(body: JsonSchema | null, builder: SchemaBuilder): JsonSchema {
	// `messages.problems` become `warnings`; an empty `result` is left out.
	const answer = withoutKeys(body ?? { type: 'object', properties: {} }, ['messages']);
	const report = object({
		batch: { type: 'integer' },
		sent: { type: 'integer' },
		warnings: { type: 'array', items: builder.of('Problem') },
		reason: { type: 'string' },
	});
	return {
		type: 'object',
		properties: { ...report.properties, ...answer.properties },
		required: ['batch', 'sent', 'warnings'],
	};
}

/** The output `json` of one row, from its reference operation's response model. */
export function outputSchema(row: OperationRow, endpoint: Endpoint, builder: SchemaBuilder): JsonSchema {
	// `HttpResponse[Model]`, `HttpResponse[None]`, or `HttpResponse[typing.Optional[Model]]` (a body or none).
	const [, optional, model] = /^HttpResponse\[(typing\.Optional\[)?(\w+)\]?\]$/.exec(endpoint.response_type) ?? [];
	// The response model sits one level above the output objects, which count from depth 0.
	const body = model && model !== 'None' ? builder.of(model, -1) : null;
	if (optional && body) {
		const answer = outputSchema(row, { ...endpoint, response_type: `HttpResponse[${model}]` }, builder);
		return mergeObjects([answer, outputSchema(row, { ...endpoint, response_type: 'HttpResponse[None]' }, builder)]);
	}
	switch (row.kind) {
		case 'batchWrite':
			return batchReport(body, builder);
		case 'download': {
			const file = object({ fileName: { type: 'string' }, mimeType: { type: 'string' }, fileSize: { type: 'integer' } }, [
				'fileName',
				'fileSize',
			]);
			if (row.download === 'bytes') return file;
			// The JSON result's fields but its content, which becomes the binary property.
			const meta = withoutKeys(body?.properties?.result ?? {}, ['content']);
			return withoutKeys({ ...mergeObjects([meta, file]), required: file.required }, row.redact);
		}
		case 'upsert': {
			const created = body?.properties?.result ?? { type: 'object' };
			const { [row.resultKey ?? '']: inner, ...siblings } = created.properties ?? {};
			const merged = inner ? mergeObjects([inner, { type: 'object', properties: siblings }]) : created;
			const action: JsonSchema = { type: 'string', enum: ['created', 'updated', 'unchanged'] };
			return withoutKeys(
				{ type: 'object', properties: { action, ...merged.properties }, required: ['action', ...(inner?.required ?? [])] },
				row.redact,
			);
		}
		case 'cursorList': {
			const item = withoutKeys(answerObject(row, body), row.redact);
			return row.simplify ? pick(item, row.simplify, builder.ocsfRecord()) : item;
		}
		default:
			return withoutKeys(answerObject(row, body), row.redact);
	}
}

/**
 * Only the output object's own fields stay required: the SDK's models do not enforce nested
 * required fields on answers (they parse with `UncheckedBaseModel`), and providers leave many out.
 */
function topLevelRequired(schema: JsonSchema): JsonSchema {
	const loose = (s: JsonSchema): JsonSchema => {
		const { required, ...rest } = s;
		void required;
		return {
			...rest,
			...(s.properties ? { properties: Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, loose(v)])) } : {}),
			...(s.items ? { items: loose(s.items) } : {}),
		};
	};
	return { ...loose(schema), ...(schema.required?.length ? { required: schema.required } : {}) };
}

// ---------------------------------------------------------------------------------------------
// Files

const normalise = (path: string) => path.replace(/\{\w+\}/g, '{}');

function load<T>(file: string): T {
	return JSON.parse(readFileSync(join(FIXTURES, file), 'utf8')) as T;
}

/** One API of the reference: its models, and the reference operation of a row. */
function referenceOf(reference: 'management' | 'engine', maxDepth = MAX_DEPTH) {
	const builder = new SchemaBuilder(load(`derived-${reference}-types.json`), maxDepth);
	const endpoints = new Map(
		load<Endpoint[]>(`derived-${reference}-endpoints.json`).map((e) => [`${e.http_method} ${normalise(e.path)}`, e]),
	);
	const endpointOf = (row: OperationRow) => {
		const endpoint = endpoints.get(`${row.method} ${normalise(row.path)}`);
		if (!endpoint) throw new Error(`No reference operation for ${row.resource}.${row.operation}`);
		return endpoint;
	};
	return { builder, endpointOf };
}

/** Every row's schema of one table, keyed `resource/operation`. */
export function schemasOf(table: ApiTable, reference: 'management' | 'engine'): Map<string, JsonSchema> {
	const { builder, endpointOf } = referenceOf(reference);
	const schemas = new Map<string, JsonSchema>();
	for (const row of table.operations) {
		schemas.set(`${row.resource}/${row.operation}`, topLevelRequired(outputSchema(row, endpointOf(row), builder)));
	}
	return schemas;
}

// ---------------------------------------------------------------------------------------------
// The triggers

/**
 * The Connector Trigger emits each new record of its Source's query as it came (no Simplify),
 * its row's secrets removed: the records of every Source, merged (a field typed differently by two
 * Sources is any; only fields every Source requires stay required, none today), two levels deep.
 */
export function connectorTriggerSchema(): JsonSchema {
	const { builder, endpointOf } = referenceOf('engine', TRIGGER_MAX_DEPTH);
	const rows = [...new Set(pollSources(connectorTable).map((s) => s.row))];
	const records = rows.map((row) => outputSchema({ ...row, simplify: undefined }, endpointOf(row), builder));
	return topLevelRequired(mergeObjects(records));
}

/** A schema that also allows null (n8n's editor reads the first type). */
const orNull = (schema: JsonSchema): JsonSchema => ({ ...schema, type: [schema.type as string, 'null'] });

/** Without the keys that never leave the Synqly Management Trigger (`withoutProviderSecrets`), at any depth. */
function withoutSecrets(schema: JsonSchema): JsonSchema {
	return {
		...schema,
		...(schema.properties
			? {
					properties: Object.fromEntries(
						Object.entries(schema.properties)
							.filter(([key]) => !isSecretKey(key))
							.map(([key, value]) => [key, withoutSecrets(value)]),
					),
				}
			: {}),
		...(schema.items ? { items: withoutSecrets(schema.items) } : {}),
		...(schema.required ? { required: schema.required.filter((key) => !isSecretKey(key)) } : {}),
	};
}

/**
 * The Synqly Management Trigger emits one item per delivery (SynqlyManagementTrigger.node.ts): `event`, `nonce` (null
 * when the delivery has none), `account` and `integration` (Synqly's objects without secrets; null
 * when an organization event has none), then the rest of the delivery. For organization events
 * that is the reference's `OrganizationWebhookPayload`; for ticketing events the engine's
 * `TicketingWebhookResponse` (`event_type` as `event`, `raw_payload` parsed when it is JSON), the
 * account and integration read from Synqly (or only their ids when that read fails).
 */
export function synqlyManagementTriggerSchema(): JsonSchema {
	const organization = referenceOf('management').builder.of('OrganizationWebhookPayload');
	const ticketing = referenceOf('engine').builder.of('TicketingWebhookResponse');
	const { event, account, integration } = organization.properties ?? {};
	const { event_type: ticketEvent, raw_payload: rawPayload, ...ticketFields } = ticketing.properties ?? {};
	if (!event || !account || !integration || !ticketEvent || !rawPayload) {
		throw new Error('The reference lost a field of OrganizationWebhookPayload or TicketingWebhookResponse');
	}
	const schema: JsonSchema = {
		type: 'object',
		properties: {
			// WebhookFilter or WebhookEvent: both enums, text.
			event: event.type === ticketEvent.type ? event : ANY,
			nonce: orNull({ type: 'string' }),
			account: orNull(account),
			// A ticketing event's integration is read with its account, which becomes `account`.
			integration: orNull(integration),
			...ticketFields,
			raw_payload: { type: ['object', 'string'] },
		},
		// A ticketing delivery may lack `event_type`; every item has the other three.
		required: ['nonce', 'account', 'integration'],
	};
	return topLevelRequired(withoutSecrets(schema));
}

/** Each trigger's schema. */
export function triggerSchemas(): Record<TriggerNode, JsonSchema> {
	return { synqlyManagementTrigger: synqlyManagementTriggerSchema(), synqlyConnectorTrigger: connectorTriggerSchema() };
}

/** The file text: compact (the package ships 246 of them), one trailing newline. */
export const schemaText = (schema: JsonSchema) => `${JSON.stringify(schema)}\n`;

/** The trigger's schema file, where n8n answers `/schemas/<nodeType>/1.0.0.json` from. */
export const triggerSchemaFile = (folder: string) => join(ROOT, folder, '__schema__', `${VERSION_FOLDER}.json`);

if (require.main === module) {
	const write = (file: string, schema: JsonSchema) => {
		mkdirSync(join(file, '..'), { recursive: true });
		writeFileSync(file, schemaText(schema));
	};
	for (const { folder } of [...SCHEMA_TARGETS, ...TRIGGER_SCHEMA_TARGETS]) {
		rmSync(join(ROOT, folder, '__schema__'), { recursive: true, force: true });
	}
	for (const { table, folder, reference } of SCHEMA_TARGETS) {
		for (const [key, schema] of schemasOf(table, reference)) write(join(ROOT, folder, '__schema__', VERSION_FOLDER, `${key}.json`), schema);
	}
	const triggers = triggerSchemas();
	for (const { node, folder } of TRIGGER_SCHEMA_TARGETS) write(triggerSchemaFile(folder), triggers[node]);
}
