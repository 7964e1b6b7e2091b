import type { INode, INodeType } from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { SynqlyConnector } from '../nodes/SynqlyConnector/SynqlyConnector.node';
import { SynqlyManagement } from '../nodes/SynqlyManagement/SynqlyManagement.node';

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
		[new SynqlyManagement(), { resource: 'account', operation: 'upsert' }, 'Create or Update: Account'],
		[new SynqlyManagement(), { resource: 'token', operation: 'createIntegrationToken' }, 'Create Integration Token: Token'],
		[new SynqlyConnector(), { resource: 'siem', operation: 'postEvents' }, 'Post Events: SIEM'],
	])('subtitles use the dropdown words (%#)', (nodeType, parameters, expected) => {
		expect(subtitle(nodeType, parameters)).toBe(expected);
	});

	it.each([new SynqlyManagement(), new SynqlyConnector()])('$description.displayName is usable as an AI tool', (nodeType) => {
		expect(nodeType.description.usableAsTool).toBe(true);
		expect(nodeType.description.properties.length).toBeGreaterThan(100);
	});
});
