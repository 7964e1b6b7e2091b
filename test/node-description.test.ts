import type { INode, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { registeredNode } from './harness';

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
});
