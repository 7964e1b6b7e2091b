import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApiTable, OperationRow } from '../catalog/types';
import { AGENT_RISK_WORDS, ALLOW_FOR_AGENTS, ALLOW_FOR_AGENTS_LABEL } from '../form/controls';
import { agentSecretKeys, withoutSecretKeys } from '../wire/redaction';

/**
 * What the node does differently when an AI agent runs it as a tool: operations whose row marks
 * them unsafe for an agent (`agentRisk`) are refused unless the node allows them, and no output
 * gives a token secret back to the agent.
 */

/**
 * Whether the node runs as an AI agent's tool. n8n gives an agent a `usableAsTool` node only as
 * the copy of its type it registers under the type's name plus "Tool" (`convertNodeToAiTool`,
 * n8n 1.123 and 2.41), and runs that node, whether through the LangChain tool wrapper
 * (`createNodeAsTool`, in a context whose `isToolExecution()` is true) or as a node the agent
 * asked the engine to run (n8n 2.x, in a plain execute context): the type's name is the one
 * sign both ways give, and what n8n's own `@tool` display rule reads. `isToolExecution`, where
 * n8n has it, is asked too.
 */
export function runsAsAgentTool(context: IExecuteFunctions): boolean {
	if (context.getNode().type.endsWith('Tool')) return true;
	return typeof context.isToolExecution === 'function' && context.isToolExecution();
}

/**
 * The refusal, for each item, of a row an AI agent may not run; undefined when the node does not
 * run as a tool, the row is safe for an agent, or the node's option allows the row.
 */
export function agentRefusal(
	context: IExecuteFunctions,
	table: ApiTable,
	row: OperationRow,
	asTool: boolean,
): ((itemIndex: number) => NodeOperationError) | undefined {
	const risk = row.agentRisk;
	if (!asTool || !risk || context.getNodeParameter(ALLOW_FOR_AGENTS, 0, false) === true) return undefined;
	const resource = table.resources.find((r) => r.value === row.resource)?.name ?? row.resource;
	return (itemIndex) => new NodeOperationError(
		context.getNode(),
		`${resource} → ${row.name} is refused to an AI agent (item ${itemIndex}): ${AGENT_RISK_WORDS[risk]}. The node's option "${ALLOW_FOR_AGENTS_LABEL}" allows it.`,
		{
			itemIndex,
			description:
				"The node runs as an AI agent's tool, and text the agent reads (a ticket, an alert) can steer it. Only the workflow's author can turn the option on; the agent cannot.",
		},
	);
}

/** An output item as the agent may see it: without token secrets, at any depth. */
export const forAgent = (item: INodeExecutionData): INodeExecutionData => ({ ...item, json: withoutSecretKeys(item.json, agentSecretKeys) });
