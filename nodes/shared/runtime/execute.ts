import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiTable, OperationRow } from '../catalog/types';
import { OPERATION, REQUEST_OPTIONS, RESOURCE } from '../form/controls';
import type { RequestAuth } from '../http/identity';
import { SynqlyClient } from '../http/client';
import { formOf, kindOf } from '../kinds';
import { agentRefusal, forAgent, runsAsAgentTool } from './agent';
import { readInput } from './input';
import { errorItem } from './output';
import { readingParametersOnce } from './parameterCache';
import { inPool, itemsAtOnce } from './pool';

/**
 * The one dispatcher both nodes run: it finds the row of the chosen operation and hands it to its
 * kind. A kind that takes all items at once (batch writes) gets them; every other kind runs once
 * per item and gives that item's output items or, with Continue On Fail, one error item; every
 * output names its item. The execution's one client is built here, from the node's Request Options.
 * Run as an AI agent's tool, the agent's rules apply first (`./agent`).
 */
export async function executeTable(
	this: IExecuteFunctions,
	table: ApiTable,
	authFor?: (client: SynqlyClient, context: IExecuteFunctions) => RequestAuth,
): Promise<INodeExecutionData[][]> {
	const context = readingParametersOnce(this);
	const items = context.getInputData();
	if (items.length === 0) return [[]];
	// Resource, Operation and the Request Options take no item data: read once per execution.
	const row = findRow.call(context, table);
	// Run as an AI agent's tool: a row unsafe for an agent is refused for every item (nothing is
	// sent) unless the node allows it, and no output gives a token secret back to the agent.
	const asTool = runsAsAgentTool(context);
	const refusal = agentRefusal(context, table, row, asTool);
	if (refusal) return [items.map((_, itemIndex) => errorItem.call(context, refusal(itemIndex), itemIndex))];
	const shown = (output: INodeExecutionData[]) => (asTool ? output.map(forAgent) : output);
	const options = context.getNodeParameter(REQUEST_OPTIONS, 0, {}) as IDataObject;
	const client = SynqlyClient.withRequestOptions(context, table.api, options, authFor && ((self) => authFor(self, context)));
	const concurrency = itemsAtOnce(row, options, client.session.policy.ceiling);
	const kind = kindOf(row);
	const form = formOf(row);
	if (kind.allItems) return [shown(await kind.allItems({ context, client, form, concurrency }, row))];
	const { perItem } = kind;
	const outputs = await inPool(items.length, concurrency, async (itemIndex) => {
		try {
			const input = readInput.call(context, form, itemIndex);
			const request = client.request(row, input, itemIndex);
			const results = await perItem({ context, client, itemIndex, input, request }, row, form);
			return results.map((result) => ({ ...result, pairedItem: { item: itemIndex } }));
		} catch (error) {
			return [errorItem.call(context, client.scrub(error, itemIndex), itemIndex)];
		}
	});
	return [shown(outputs.flat())];
}

function findRow(this: IExecuteFunctions, table: ApiTable): OperationRow {
	const resource = this.getNodeParameter(RESOURCE, 0) as string;
	const operation = this.getNodeParameter(OPERATION, 0) as string;
	const row = table.operations.find((r) => r.resource === resource && r.operation === operation);
	if (!row) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for resource "${resource}"`);
	}
	return row;
}
