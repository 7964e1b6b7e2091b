import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INode, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { connectorTable } from '../nodes/SynqlyConnector/catalog';
import { verbAndNoun } from '../nodes/SynqlyConnector/catalog/category';
import { managementTable } from '../nodes/SynqlyManagement/catalog';
import { FILTERS, LIMIT, OPERATION, RESOURCE, RETURN_ALL, SIMPLIFY, SORT } from '../nodes/shared/form/controls';
import type { ApiTable } from '../nodes/shared/catalog/types';
import { loadPackage, registeredNode } from './harness';
import packageJson from '../package.json';

/** Where a field may stand in a form; ids and required fields (rank 0) come first. */
const RANK: Record<string, number> = {
	[RETURN_ALL]: 1,
	[LIMIT]: 2,
	[FILTERS]: 3,
	[SORT]: 4,
	[SIMPLIFY]: 5,
	options: 6,
	additionalFields: 6,
	updateFields: 6,
};

/** What the editor shows under a node on the canvas, for the given parameters. */
function subtitle(nodeType: INodeType, parameters: Record<string, string>): unknown {
	const node: INode = { id: 'n', name: 'N', type: 'x', typeVersion: 1, position: [0, 0], parameters };
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: { getByName: () => nodeType, getByNameAndVersion: () => nodeType, getKnownTypes: () => ({}) },
	});
	return workflow.expression.getSimpleParameterValue(node, nodeType.description.subtitle!, 'internal', {});
}

describe('node descriptions', () => {
	it.each([
		['synqlyManagement', { resource: 'account', operation: 'upsert' }, 'Create or Update: Account'],
		['synqlyManagement', { resource: 'token', operation: 'createIntegrationToken' }, 'Create Integration Token: Token'],
		['synqlyConnector', { resource: 'siem', operation: 'postEvents' }, 'Post Events: SIEM'],
	])('subtitles of %s use the dropdown words (%#)', async (name, parameters, expected) => {
		expect(subtitle(await registeredNode(name), parameters)).toBe(expected);
	});

	it.each(['synqlyManagement', 'synqlyConnector'])('%s is usable as an AI tool', async (name) => {
		const nodeType = await registeredNode(name);
		expect(nodeType.description.usableAsTool).toBe(true);
		expect(nodeType.description.properties.length).toBeGreaterThan(100);
	});

	it.each([
		['synqlyManagement', managementTable],
		['synqlyConnector', connectorTable],
	] as Array<[string, ApiTable]>)(
		'%s shows every form in one order: ids and required fields, Return All, Limit, Filters, Sort, Simplify, Options',
		async (name, table) => {
			const { properties } = (await registeredNode(name)).description;
			const misordered: string[] = [];
			for (const row of table.operations) {
				// The row's fields in the order n8n shows them (array order), by their displayOptions.
				const names = properties
					.filter((p) => {
						const show = p.displayOptions?.show;
						return (show?.[RESOURCE] as string[] | undefined)?.includes(row.resource) && (show?.[OPERATION] as string[] | undefined)?.includes(row.operation);
					})
					.map((p) => p.name);
				const ranks = names.map((n) => RANK[n] ?? 0);
				if (ranks.some((rank, i) => i > 0 && rank < ranks[i - 1])) misordered.push(`${row.resource}.${row.operation}: ${names.join(', ')}`);
			}
			expect(misordered).toEqual([]);
		},
	);

	it.each([
		['synqlyManagement', managementTable],
		['synqlyConnector', connectorTable],
	] as Array<[string, ApiTable]>)('%s has no two equal actions in its actions panel', async (name, table) => {
		const { properties } = (await registeredNode(name)).description;
		const actions = properties.flatMap((p) => (p.name === OPERATION ? (p.options ?? []) : [])).map((o) => ('action' in o ? String(o.action).toLowerCase() : ''));
		expect(actions).toHaveLength(table.operations.length);
		expect(actions.filter((a, i) => actions.indexOf(a) !== i)).toEqual([]);
	});

	it('names the category in every Connector action whose verb and noun another category shares', () => {
		const labelOf = new Map(connectorTable.resources.map((r) => [r.value, r.label ?? r.name]));
		const rows = connectorTable.operations.map((row) => ({ row, key: verbAndNoun(row.action, labelOf.get(row.resource)!) }));
		const shared = rows.filter((a) => rows.some((b) => b.key === a.key && b.row.resource !== a.row.resource));
		expect(shared.length).toBeGreaterThan(10);
		const unnamed = shared.filter(({ row }) => !new RegExp(`\\b${labelOf.get(row.resource)}\\b`).test(row.action));
		expect(unnamed.map(({ row }) => `${row.resource}: ${row.action}`)).toEqual([]);
		const action = (resource: string, operation: string) =>
			connectorTable.operations.find((r) => r.resource === resource && r.operation === operation)?.action;
		expect([action('edr', 'queryAlerts'), action('siem', 'queryAlerts')]).toEqual(['Get many EDR alerts', 'Get many SIEM alerts']);
	});
});

/**
 * n8n's node panel (n8n-editor-ui 2.41.1, `generateMergedNodesAndActions`): a trigger whose name
 * without "Trigger" is another node's name is folded into that node's entry, which then shows the
 * trigger's description in both the trigger list and the actions list ("What happens next?"), and
 * the action node's codex (its aliases are what a search matches). A trigger that folds into no
 * node is listed alone, its display name cut to "Synqly".
 */
describe("n8n's node panel", () => {
	const codexOf = (distPath: string) =>
		JSON.parse(readFileSync(join(__dirname, '..', distPath.replace(/^dist\//, '').replace(/\.js$/, '.json')), 'utf8')) as { node: string; alias?: string[] };
	const described = async () => Object.values((await loadPackage()).nodes).map((n) => n.description as INodeTypeDescription);

	it('folds every trigger into the entry of the action node that uses its credential, named "<that node> Trigger"', async () => {
		const nodes = await described();
		const actions = nodes.filter((d) => !d.group.includes('trigger'));
		const folded = nodes
			.filter((d) => d.group.includes('trigger'))
			.map((d) => {
				const into = actions.find((a) => a.name === d.name.replace('Trigger', ''));
				const shared = into?.credentials?.some((c) => d.credentials?.some((t) => t.name === c.name));
				return [d.displayName, into ? `${into.displayName} Trigger` : 'listed alone', shared];
			})
			.sort();
		expect(folded).toEqual([
			['Synqly Connector Trigger', 'Synqly Connector Trigger', true],
			['Synqly Management Trigger', 'Synqly Management Trigger', true],
		]);
	});

	it("describes each folded entry's actions and triggers in the trigger's description", async () => {
		const triggers = (await described()).filter((d) => d.group.includes('trigger'));
		for (const d of triggers) expect(d.description).toMatch(/^(Call|Provision) [^,]+.*, or start a workflow on /);
	});

	it.each(['SIEM', 'ticket', 'ticketing', 'EDR', 'Jira', 'ServiceNow', 'Splunk', 'CrowdStrike', 'vulnerability', 'identity'])(
		'a search for "%s" finds Synqly Connector (its codex aliases, in both of its codex files)',
		(word) => {
			const connector = packageJson.n8n.nodes.filter((path) => path.includes('SynqlyConnector')).map(codexOf);
			expect(connector).toHaveLength(2);
			for (const codex of connector) expect((codex.alias ?? []).map((a) => a.toLowerCase())).toContain(word.toLowerCase());
		},
	);
});
