import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { connectorTable } from '../nodes/SynqlyConnector/catalog';
import { managementTable } from '../nodes/SynqlyManagement/catalog';
import type { ApiTable } from '../nodes/shared/catalog/types';

/** The file holding the generated operations tables (linked from the README and the nodes' pages). */
export const OPERATIONS_FILE = join('docs', 'operations.md');

/**
 * Every file with generated operations tables: docs/operations.md, and the README, which folds
 * them away at its end so that the README alone tells which endpoints the package covers (what
 * coverage tools read) without making it longer to read.
 */
export const TABLE_FILES = [OPERATIONS_FILE, 'README.md'];

/** Connector operations the package deliberately does not offer, with the reason shown in the operations tables. */
export const NOT_EXPOSED = [
	{
		resource: 'Hooks',
		operation: 'Proxy',
		method: 'POST',
		path: '/v1/hooks',
		reason: 'not exposed: providers call it to deliver webhooks to Synqly, clients never do',
	},
];

function tableRows(table: ApiTable): string[] {
	const resourceName = new Map(table.resources.map((r) => [r.value, r.name]));
	return table.operations.map(
		(row) => `| ${resourceName.get(row.resource)} | ${row.name} | ${row.method} | \`${row.path}\` |`,
	);
}

/** The operations section body for one API, generated from its operation table. */
export function renderOperations(table: ApiTable, extra: string[] = []): string {
	return ['| Resource | Operation | Method | Path |', '| --- | --- | --- | --- |', ...tableRows(table), ...extra].join('\n');
}

/**
 * The generated section of each API. Both catalogs are imported normally: a catalog that fails to
 * load fails `npm run docs` and the operations tables' test instead of leaving its section as it was.
 */
export function loadTables(): Record<string, string> {
	return {
		management: renderOperations(managementTable),
		connector: renderOperations(
			connectorTable,
			NOT_EXPOSED.map((o) => `| ${o.resource} | ${o.operation} (${o.reason}) | ${o.method} | \`${o.path}\` |`),
		),
	};
}

/** Markdown text with each `<!-- operations:<api> -->` block replaced by the generated table. */
export function withTables(text: string, sections: Record<string, string>): string {
	return text.replace(
		/(<!-- operations:(\w+) -->)[\s\S]*?(<!-- \/operations:\2 -->)/g,
		(block, open: string, api: string, close: string) =>
			sections[api] ? `${open}\n${sections[api]}\n${close}` : block,
	);
}

if (require.main === module) {
	const sections = loadTables();
	for (const name of TABLE_FILES) {
		const file = join(__dirname, '..', name);
		writeFileSync(file, withTables(readFileSync(file, 'utf8'), sections));
	}
}
