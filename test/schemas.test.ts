/**
 * The output schemas (nodes/<Node>/__schema__/v1.0.0/<resource>/<operation>.json, and each
 * trigger's __schema__/v1.0.0.json, written by `npm run docs`): one per row and one per trigger,
 * nothing else, valid JSON Schema, up to date with the reference and the runtime. That each row's
 * fits what the node really outputs is checked by every per-row case of management.test.ts and
 * connector.test.ts (`expectFitsSchema`); the triggers' are checked here against what they emit
 * from the sandbox: every organization and ticket event of the Synqly Management Trigger, the records of
 * every Source of the Connector Trigger.
 */
import Ajv from 'ajv';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { pollSources } from '../nodes/SynqlyConnector/poll';
import { connectorTable } from '../nodes/SynqlyConnector/catalog';
import { TICKET_EVENTS } from '../nodes/SynqlyManagement/catalog/webhookEvents';
import {
	SCHEMA_TARGETS,
	schemasOf,
	schemaText,
	TRIGGER_SCHEMA_TARGETS,
	triggerSchemaFile,
	triggerSchemas,
	VERSION_FOLDER,
	type TriggerNode,
} from '../scripts/schemas';
import { schemaFile } from './harness/schemas';
import { PROVIDERS } from './harness/providers';
import { TriggerWorkflow } from './harness/trigger';
import { Poller, registeredNode, rl } from './harness';
import { SANDBOX_DEMO_SIEM_TOKEN, SANDBOX_DEMO_TICKETS_TOKEN, SANDBOX_IDS, startSandbox, type Sandbox } from './sandbox/server';

const root = join(__dirname, '..');

/** The paths of a schema's leaves (neither fields nor items) that have no `type`: n8n shows them with no type icon. */
function untypedLeaves(schema: IDataObject, path = ''): string[] {
	const properties = schema.properties as Record<string, IDataObject> | undefined;
	const items = schema.items as IDataObject | undefined;
	if (properties) return Object.entries(properties).flatMap(([key, value]) => untypedLeaves(value, `${path}.${key}`));
	if (items) return untypedLeaves(items, `${path}[]`);
	return schema.type === undefined ? [path || '(root)'] : [];
}

function filesUnder(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
	);
}

describe.each(SCHEMA_TARGETS.map((target) => ({ ...target, name: target.folder.split('/')[1] })))('$name', ({ table, folder, reference, name }) => {
	const schemas = schemasOf(table, reference);

	test('n8n finds them: the node version is the schema folder version', async () => {
		const node = await registeredNode(name.charAt(0).toLowerCase() + name.slice(1));
		expect(`v${node.description.version}.0.0`).toBe(VERSION_FOLDER);
	});

	test('every row has its schema file and there are no others (but a trigger\'s beside the node)', () => {
		const triggerFiles = TRIGGER_SCHEMA_TARGETS.filter((t) => t.folder === folder).map((t) => relative(root, triggerSchemaFile(t.folder)));
		const expected = [...table.operations.map((row) => relative(root, schemaFile(folder, row))), ...triggerFiles].sort();
		const present = filesUnder(join(root, folder, '__schema__')).map((f) => relative(root, f)).sort();
		expect(present).toEqual(expected);
	});

	test('every file is what `npm run docs` writes now (reference and runtime unchanged since)', () => {
		const stale = table.operations.filter(
			(row) => readFileSync(schemaFile(folder, row), 'utf8') !== schemaText(schemas.get(`${row.resource}/${row.operation}`)!),
		);
		expect(stale.map((row) => `${row.resource}/${row.operation}`)).toEqual([]);
	});

	test('every schema is valid JSON Schema describing an object, with its fields where the reference types them', () => {
		const ajv = new Ajv();
		const open: string[] = [];
		for (const row of table.operations) {
			const schema = JSON.parse(readFileSync(schemaFile(folder, row), 'utf8')) as { type: string; properties?: object };
			expect({ row: row.operation, valid: ajv.validateSchema(schema), errors: ajv.errors ?? null }).toEqual({ row: row.operation, valid: true, errors: null });
			expect(() => ajv.compile(schema)).not.toThrow();
			expect(schema.type).toBe('object');
			if (Object.keys(schema.properties ?? {}).length === 0) open.push(`${row.resource}.${row.operation}`);
		}
		// Only custom operations answer `Dict[str, Any]` in the reference: their objects have no known fields.
		expect(open).toEqual(reference === 'engine' ? ['custom.query', 'custom.get', 'custom.patch', 'custom.post'] : []);
	});

	test('every leaf of every schema has a type (the schema view shows its icon)', () => {
		const untyped = table.operations.flatMap((row) =>
			untypedLeaves(JSON.parse(readFileSync(schemaFile(folder, row), 'utf8')) as IDataObject).map((path) => `${row.resource}/${row.operation}: ${path}`),
		);
		expect(untyped).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------------
// The triggers

const readTriggerSchema = (folder: string) => JSON.parse(readFileSync(triggerSchemaFile(folder), 'utf8')) as IDataObject;
const folderOf = (node: TriggerNode) => TRIGGER_SCHEMA_TARGETS.find((t) => t.node === node)!.folder;

/** Fails naming each emitted item and field that does not fit the trigger's shipped schema. */
function expectFitsTriggerSchema(node: TriggerNode, what: string, items: IDataObject[]) {
	const validate = new Ajv({ allErrors: true }).compile(readTriggerSchema(folderOf(node)));
	const misfits = items.flatMap((item, i) => (validate(item) ? [] : (validate.errors ?? []).map((e) => `item ${i}${e.dataPath}: ${e.message}`)));
	expect({ what, misfits }).toEqual({ what, misfits: [] });
}

describe.each(TRIGGER_SCHEMA_TARGETS.map((t) => ({ ...t })))('$node', ({ node, folder }) => {
	test('n8n finds it: no Resource or Operation, so the editor asks for /schemas/<type>/1.0.0.json, answered from __schema__/v1.0.0.json beside the node', async () => {
		const nodeType = await registeredNode(node);
		const names = nodeType.description.properties.map((p) => p.name);
		expect(names).not.toContain('resource');
		expect(names).not.toContain('operation');
		expect(`v${nodeType.description.version}.0.0`).toBe(VERSION_FOLDER);
		// n8n looks beside the node's file: the compiled path package.json registers, and its source.
		const className = node.charAt(0).toUpperCase() + node.slice(1);
		const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { n8n: { nodes: string[] } };
		expect(pkg.n8n.nodes).toContain(`dist/${folder}/${className}.node.js`);
		expect(existsSync(join(root, folder, `${className}.node.ts`))).toBe(true);
		expect(relative(root, triggerSchemaFile(folder))).toBe(`${folder}/__schema__/${VERSION_FOLDER}.json`);
	});

	test('is what `npm run docs` writes now', () => {
		expect(readFileSync(triggerSchemaFile(folder), 'utf8')).toBe(schemaText(triggerSchemas()[node]));
	});

	test('is valid JSON Schema describing an object, with fields', () => {
		const ajv = new Ajv();
		const schema = readTriggerSchema(folder);
		expect({ valid: ajv.validateSchema(schema), errors: ajv.errors ?? null }).toEqual({ valid: true, errors: null });
		expect(() => ajv.compile(schema)).not.toThrow();
		expect(schema.type).toBe('object');
		expect(Object.keys((schema.properties as IDataObject | undefined) ?? {}).length).toBeGreaterThan(0);
	});

	test('every leaf has a type (the schema view shows its icon)', () => {
		expect(untypedLeaves(readTriggerSchema(folder))).toEqual([]);
	});
});

describe('the triggers\' schemas fit what they really emit', () => {
	let sb: Sandbox;
	beforeAll(async () => {
		sb = await startSandbox({ seed: 'demo' });
	});
	afterAll(async () => {
		await sb.close();
	});
	beforeEach(() => sb.reset());

	test('Synqly Management Trigger: the same schema names the fields of both kinds of event', () => {
		const fields = Object.keys((readTriggerSchema(folderOf('synqlyManagementTrigger')).properties as IDataObject) ?? {});
		expect(fields).toEqual(expect.arrayContaining(['event', 'nonce', 'account', 'integration', 'ticket_id', 'raw_payload']));
	});

	describe('Synqly Management Trigger', () => {
		let trigger: TriggerWorkflow | undefined;
		afterEach(async () => {
			await trigger?.close();
			trigger = undefined;
		});

		/** Activates the trigger, fires each event at it from the sandbox, and returns what it emitted. */
		async function emitted(parameters: INodeParameters, deliveries: Array<{ event: string; integration?: string }>) {
			trigger = await TriggerWorkflow.start({
				node: 'synqlyManagementTrigger',
				parameters,
				credentials: { synqlyOrganizationApi: { accessToken: sb.orgToken, baseUrl: sb.url } },
			});
			await trigger.activate();
			for (const delivery of deliveries) {
				const res = await fetch(`${sb.url}/__sandbox/deliver`, { method: 'POST', body: JSON.stringify(delivery) });
				expect(res.status).toBe(200);
			}
			// A ticketing delivery is answered before its execution starts (the integration is read after the answer).
			await trigger.settled();
			expect(trigger.executions).toHaveLength(deliveries.length);
			return deliveries.map((_, i) => trigger!.itemsOf(i)[0]);
		}

		test('every organization event', async () => {
			const events = ['account_create', 'account_update', 'account_delete', 'integration_create', 'integration_update', 'integration_delete', 'operation_complete'];
			const items = await emitted({ source: 'organization', events: ['all'], environment: '' }, events.map((event) => ({ event })));
			expect(items.map((i) => i.event)).toEqual(events);
			// Events without an integration (or account) carry null there: the schema allows it.
			expect(items.some((i) => i.integration === null)).toBe(true);
			expectFitsTriggerSchema('synqlyManagementTrigger', 'organization events', items);
		});

		test('every ticket event', async () => {
			const items = await emitted(
				{ source: 'ticketing', accountId: rl('acme', 'list'), integrationId: rl(SANDBOX_IDS.ticketingIntegration, 'list'), ticketEvents: [...TICKET_EVENTS] },
				TICKET_EVENTS.map((event) => ({ event, integration: SANDBOX_IDS.ticketingIntegration })),
			);
			expect(items.map((i) => i.event)).toEqual([...TICKET_EVENTS]);
			expect(items.every((i) => typeof i.raw_payload === 'object')).toBe(true);
			expectFitsTriggerSchema('synqlyManagementTrigger', 'ticket events', items);
		});
	});

	describe('Synqly Connector Trigger', () => {
		const tokenOf = (resource: string) => {
			if (resource === 'siem') return SANDBOX_DEMO_SIEM_TOKEN;
			if (resource === 'ticketing') return SANDBOX_DEMO_TICKETS_TOKEN;
			const config = PROVIDERS[resource];
			if (!config) throw new Error(`No mock provider for the Source category ${resource}`);
			return sb.state.createIntegration(sb.state.accounts.get('acme'), { name: `schema-${resource.toLowerCase()}`, provider_config: config }).token.access.secret;
		};

		test.each(pollSources(connectorTable).map((s) => [s.value, s] as const))('%s: every record it emits', async (_value, source) => {
			const poller = new Poller({
				node: 'synqlyConnectorTrigger',
				parameters: { source: source.value, options: { emitExisting: true } },
				credentials: { synqlyIntegrationApi: { accessToken: tokenOf(source.row.resource), baseUrl: sb.url } },
			});
			const items = (await poller.poll()) ?? [];
			expect(items.length).toBeGreaterThan(0);
			expectFitsTriggerSchema('synqlyConnectorTrigger', source.value, items.map((i) => i.json));
		});
	});
});
