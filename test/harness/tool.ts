/**
 * Runs a node of this package as an AI agent's tool, in-process, with n8n-core's own tool
 * wrapper: a workflow "Input -> Agent", with our node connected to the agent's `ai_tool` input.
 * The agent (a stand-in for n8n's Tools Agent) asks n8n-core for its tools
 * (`getInputConnectionData('ai_tool')`), which makes one of our node with `createNodeAsTool`
 * (n8n-core 2.8.1 `get-input-connection-data.js`: a node without `supplyData` whose outputs
 * include `ai_tool` becomes a LangChain `DynamicStructuredTool`), then calls it as a model would:
 * n8n-core's `makeHandleToolInvocation` runs the node's `execute` in a `SupplyDataContext`
 * (`isToolExecution()` true) and hands the model `JSON.stringify` of the output's json.
 *
 * The node's tool type is made as n8n's server makes it, which n8n-core does not ship
 * (n8n 2.41.1 `dist/node-types.js` `getByNameAndVersion` + `dist/tool-generation/ai-tools.js`
 * `convertNodeToAiTool`; n8n 1.123.81 the same in `load-nodes-and-credentials.js`): the node type
 * registered as `<type>Tool`, its description copied with `name + 'Tool'`, no inputs, the one
 * output `ai_tool`, " Tool" after the display name, and the Tool Description fields; `execute` is
 * the node's own.
 *
 * `runToolNodeDirectly` runs that same tool type the other way n8n 2.x runs a tool (the engine
 * request of the Tools Agent V3, n8n-core `requests-response.js`): as a plain node of the
 * workflow, in an ExecuteContext whose `isToolExecution()` is false, so only the type says it is
 * a tool.
 */
import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	IExecuteFunctions,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeProperties,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { createRunExecutionData, NodeConnectionTypes } from 'n8n-workflow';

import {
	additionalDataFor,
	loadPackage,
	nodeTypeName,
	TestCredentialsHelper,
	TestNodeTypes,
	testWorkflow,
	type Credentials,
	type RunNodeResult,
} from '../harness';

/** n8n's tool variant of a node type (see the file comment), under `<type>Tool`. */
export function toolVariant(nodeType: INodeType): INodeType {
	const base = nodeType.description;
	const descriptionType: INodeProperties = {
		displayName: 'Tool Description',
		name: 'descriptionType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Set Automatically', value: 'auto', description: 'Automatically set based on resource and operation' },
			{ name: 'Set Manually', value: 'manual', description: 'Manually set the description' },
		],
		default: 'auto',
	};
	const toolDescription: INodeProperties = {
		displayName: 'Description',
		name: 'toolDescription',
		type: 'string',
		default: base.description,
		required: true,
		typeOptions: { rows: 2 },
		description: 'Explain to the LLM what this tool does',
		displayOptions: { show: { descriptionType: ['manual'] } },
	};
	const description: INodeTypeDescription = {
		...base,
		name: `${base.name}Tool`,
		displayName: `${base.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
		properties: [descriptionType, toolDescription, ...base.properties],
	};
	delete description.usableAsTool;
	return Object.create(nodeType, { description: { value: description } }) as INodeType;
}

/** What the agent uses of the LangChain tool n8n-core makes (`DynamicStructuredTool`). */
interface LangChainTool {
	invoke(args: Record<string, unknown>): Promise<unknown>;
}

const AGENT_TYPE = 'harness.testAgent';
const INPUT_TYPE = 'harness.toolInput';
export const TOOL_NODE_NAME = 'Synqly';

/** What the model got back from one tool call, or the error the call threw. */
export interface ToolCall {
	/** The string n8n hands the model (JSON of the output items' json). */
	response?: string;
	/** The message of the error the tool call threw (the run's `Details:` appended, as n8n-core does). */
	error?: string;
}

/** An agent that calls its one tool once with `toolArgs` and outputs what came back. */
function agentType(toolArgs: Record<string, unknown>): INodeType {
	return {
		description: {
			displayName: 'Test Agent',
			name: 'testAgent',
			group: ['transform'],
			version: 1,
			description: 'Calls its tool once, as a model would',
			defaults: { name: 'Agent' },
			inputs: [NodeConnectionTypes.Main, { type: NodeConnectionTypes.AiTool, displayName: 'Tools' }],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const tools = (await this.getInputConnectionData(NodeConnectionTypes.AiTool, 0)) as LangChainTool[];
			const call: ToolCall = {};
			try {
				call.response = String(await tools[0].invoke(toolArgs));
			} catch (error) {
				call.error = (error as Error).message;
			}
			return [[{ json: { ...call }, pairedItem: { item: 0 } }]];
		},
	};
}

const inputType: INodeType = {
	description: {
		displayName: 'Test Input',
		name: 'toolInput',
		group: ['input'],
		version: 1,
		description: 'Starts the run',
		defaults: { name: 'Input' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [],
	},
	async execute(): Promise<INodeExecutionData[][]> {
		return [[{ json: {} }]];
	},
};

export interface ToolRunOptions {
	/** Short name of the node (`synqlyManagement`); it runs as `<package>.<name>Tool`. */
	node: string;
	parameters: INodeParameters;
	credentials: Credentials;
	onError?: INode['onError'];
	/** What the model passes to the tool (the `$fromAI` values); none by default. */
	toolArgs?: Record<string, unknown>;
}

async function toolSetup(options: ToolRunOptions) {
	const pkg = await loadPackage();
	const nodeType = pkg.nodes[options.node] as INodeType;
	if (!nodeType) throw new Error(`package.json registers no node "${options.node}"`);
	const type = `${nodeTypeName(options.node)}Tool`;
	const tool = toolVariant(nodeType);
	const node: INode = {
		id: 'tool',
		name: TOOL_NODE_NAME,
		type,
		typeVersion: 1,
		position: [200, 200],
		parameters: structuredClone(options.parameters),
		credentials: Object.fromEntries(
			(nodeType.description.credentials ?? [])
				.filter((c) => options.credentials[c.name])
				.map((c) => [c.name, { id: `cred-${c.name}`, name: `Test ${c.name}` }]),
		),
		...(options.onError ? { onError: options.onError } : {}),
	};
	const credentialsHelper = new TestCredentialsHelper(pkg.credentials, options.credentials);
	return { type, tool, node, credentialsHelper };
}

async function execute(nodes: INode[], connections: Parameters<typeof testWorkflow>[0]['connections'], types: TestNodeTypes, credentialsHelper: TestCredentialsHelper) {
	const { workflowData, workflow } = testWorkflow({ id: 'tool-workflow', nodes, connections, nodeTypes: types });
	const hooks = new ExecutionLifecycleHooks('manual', 'tool-execution', workflowData);
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node: workflow.getNode('Input')!, data: { main: [[{ json: {} }]] }, source: null }] },
	});
	return await new WorkflowExecute(additionalDataFor(credentialsHelper, hooks), 'manual', runExecutionData).processRunExecutionData(workflow);
}

const inputNode: INode = { id: 'input', name: 'Input', type: INPUT_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };

/** Calls the node once as an agent's tool through n8n-core's tool wrapper; what the model got. */
export async function callAsTool(options: ToolRunOptions): Promise<ToolCall> {
	const { type, tool, node, credentialsHelper } = await toolSetup(options);
	const types = new TestNodeTypes({ [type]: tool, [AGENT_TYPE]: agentType(options.toolArgs ?? {}), [INPUT_TYPE]: inputType });
	const agent: INode = { id: 'agent', name: 'Agent', type: AGENT_TYPE, typeVersion: 1, position: [200, 0], parameters: {} };
	const connections = {
		Input: { main: [[{ node: 'Agent', type: NodeConnectionTypes.Main, index: 0 }]] },
		[TOOL_NODE_NAME]: { ai_tool: [[{ node: 'Agent', type: NodeConnectionTypes.AiTool, index: 0 }]] },
	};
	const run = await execute([inputNode, agent, node], connections, types, credentialsHelper);
	if (run.data.resultData.error) throw new Error(`The agent failed: ${run.data.resultData.error.message}`);
	return run.data.resultData.runData.Agent[0].data!.main[0]![0].json as ToolCall;
}

/** Runs the tool type as a plain node of the workflow (n8n 2.x engine requests), like `runNode`. */
export async function runToolNodeDirectly(options: ToolRunOptions): Promise<RunNodeResult> {
	const { type, tool, node, credentialsHelper } = await toolSetup(options);
	const types = new TestNodeTypes({ [type]: tool, [INPUT_TYPE]: inputType });
	const connections = { Input: { main: [[{ node: TOOL_NODE_NAME, type: NodeConnectionTypes.Main, index: 0 }]] } };
	const run = await execute([inputNode, node], connections, types, credentialsHelper);
	const task = run.data.resultData.runData[TOOL_NODE_NAME]?.[0];
	return { items: task?.data?.main?.[0] ?? [], error: run.data.resultData.error, run, credentialLookups: credentialsHelper.lookups };
}
