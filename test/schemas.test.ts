/**
 * The output schemas (nodes/<Node>/__schema__/v1.0.0/<resource>/<operation>.json, written by
 * `npm run docs`): one per row, nothing else, valid JSON Schema, up to date with the reference and
 * the runtime. That each fits what the node really outputs is checked by every per-row case of
 * management.test.ts and connector.test.ts (`expectFitsSchema`).
 */
import Ajv from 'ajv';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { SCHEMA_TARGETS, schemasOf, schemaText, VERSION_FOLDER } from '../scripts/schemas';
import { schemaFile } from './harness/schemas';
import { registeredNode } from './harness';

const root = join(__dirname, '..');

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

	test('every row has its schema file and there are no others', () => {
		const expected = table.operations.map((row) => relative(root, schemaFile(folder, row))).sort();
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
});
