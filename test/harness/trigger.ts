/**
 * Runs a webhook trigger node the way n8n's server does, in-process:
 *
 * - activation and deactivation call the node's `webhookMethods.default` through n8n-core's
 *   HookContext, in n8n's order: `checkExists`, then `create` when it answers false; `delete`.
 *   The workflow's static data lives on the Workflow object, as n8n keeps it between requests
 *   (and stores it with the workflow);
 * - deliveries arrive over real HTTP at a loopback server standing in for n8n's webhook endpoint
 *   (`<base>/webhook/<webhookId>/webhook`, and `/webhook-test/…` for "Listen for test event"). Like
 *   n8n's body parser it keeps the raw body and parses `application/json` (422 when that fails,
 *   before the node is called) and `text/plain`; then it calls the node's `webhook()` through
 *   n8n-core's WebhookContext, answers what the node answered (its own status through the
 *   response object, `webhookResponse` with 200), and when the node returns `workflowData`
 *   runs the workflow from it with WorkflowExecute, in `webhook` mode, as n8n does.
 *
 * Not reproduced: n8n's database, its webhook registry and the queue.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeParameters,
	INodeType,
	IRun,
	IWebhookData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, Workflow } from 'n8n-workflow';

import {
	additionalDataFor,
	loadPackage,
	NODE_NAME,
	nodeTypeName,
	PACKAGE_NAME,
	TestCredentialsHelper,
	TestNodeTypes,
	type Credentials,
} from '../harness';

export const WEBHOOK_ID = 'synqly-trigger-test';

export interface Answer {
	status: number;
	body: string;
}

export interface TriggerWorkflowOptions {
	node: string;
	parameters: INodeParameters;
	credentials: Credentials;
}

/** A minimal Express response over Node's: what trigger nodes call to answer themselves. */
function expressResponse(res: ServerResponse) {
	const response = {
		status(code: number) {
			res.statusCode = code;
			return response;
		},
		json(value: unknown) {
			res.setHeader('content-type', 'application/json');
			res.end(JSON.stringify(value));
			return response;
		},
		send(value: unknown) {
			res.end(typeof value === 'string' ? value : JSON.stringify(value));
			return response;
		},
		end() {
			if (!res.writableEnded) res.end();
			return response;
		},
	};
	return response;
}

export class TriggerWorkflow {
	/** Executions the deliveries started, in order. */
	readonly executions: IRun[] = [];

	private constructor(
		private readonly workflow: Workflow,
		private readonly workflowData: IWorkflowBase,
		private readonly nodeType: INodeType,
		private readonly credentialsHelper: TestCredentialsHelper,
		private readonly server: Server,
		readonly baseUrl: string,
	) {}

	static async start(options: TriggerWorkflowOptions): Promise<TriggerWorkflow> {
		const pkg = await loadPackage();
		const type = nodeTypeName(options.node);
		const nodeTypes = new TestNodeTypes({ [type]: pkg.nodes[type.slice(PACKAGE_NAME.length + 1)] });
		const nodeType = nodeTypes.getByNameAndVersion(type);
		const credentialNames = (nodeType.description.credentials ?? []).map((c) => c.name);
		const node: INode = {
			id: 'trigger',
			name: NODE_NAME,
			type,
			typeVersion: 1,
			position: [0, 0],
			webhookId: WEBHOOK_ID,
			parameters: structuredClone(options.parameters),
			credentials: Object.fromEntries(credentialNames.map((name) => [name, { id: `cred-${name}`, name: `Test ${name}` }])),
		};
		const workflowData: IWorkflowBase = {
			id: 'trigger-workflow',
			name: 'Trigger workflow',
			active: true,
			isArchived: false,
			nodes: [node],
			connections: {},
			settings: { executionOrder: 'v1' },
			createdAt: new Date(),
			updatedAt: new Date(),
			activeVersionId: null,
		};
		const workflow = new Workflow({
			id: workflowData.id,
			name: workflowData.name,
			nodes: workflowData.nodes,
			connections: {},
			active: true,
			nodeTypes,
			staticData: {},
			settings: workflowData.settings,
		});
		const credentialsHelper = new TestCredentialsHelper(pkg.credentials, options.credentials);
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		const harness = new TriggerWorkflow(workflow, workflowData, nodeType, credentialsHelper, server, baseUrl);
		server.on('request', (req: IncomingMessage, res: ServerResponse) => {
			harness.receive(req, res).catch((error: unknown) => {
				if (!res.headersSent) res.writeHead(500);
				res.end(String(error));
			});
		});
		return harness;
	}

	/** The node's static data, as n8n stores it with the workflow. */
	get staticData(): IDataObject {
		return this.workflow.getStaticData('node', this.node);
	}

	/** The URL n8n registers: production (active workflow) or test ("Listen for test event"). */
	webhookUrl(mode: 'production' | 'test' = 'production'): string {
		return `${this.baseUrl}/${mode === 'test' ? 'webhook-test' : 'webhook'}/${WEBHOOK_ID}/webhook`;
	}

	/** Changes a parameter, as saving an edited workflow does. */
	setParameter(name: string, value: INodeParameters[string]): void {
		this.node.parameters[name] = value;
	}

	private get node(): INode {
		return this.workflow.getNode(NODE_NAME)!;
	}

	private additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
		return {
			...additionalDataFor(this.credentialsHelper),
			webhookBaseUrl: `${this.baseUrl}/webhook`,
			webhookTestBaseUrl: `${this.baseUrl}/webhook-test`,
			...extra,
		};
	}

	private webhookData(isTest: boolean, additionalData: IWorkflowExecuteAdditionalData): IWebhookData {
		return {
			httpMethod: 'POST',
			node: NODE_NAME,
			path: `${WEBHOOK_ID}/webhook`,
			webhookDescription: this.nodeType.description.webhooks![0],
			workflowId: this.workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: WEBHOOK_ID,
			isTest,
		};
	}

	/** Calls one webhook method through HookContext: `trigger` mode for activation, `manual` for listening for a test event. */
	async call(method: 'checkExists' | 'create' | 'delete', mode: 'trigger' | 'manual' = 'trigger'): Promise<boolean> {
		const additionalData = this.additionalData();
		const isTest = mode === 'manual';
		const context = new HookContext(
			this.workflow,
			this.node,
			additionalData,
			mode,
			mode === 'manual' ? 'manual' : 'activate',
			this.webhookData(isTest, additionalData),
		);
		const methods = this.nodeType.webhookMethods!.default!;
		return (await methods[method]!.call(context)) as boolean;
	}

	/** What n8n does on activation: `checkExists`, and `create` when it answers false. Resolves with what ran. */
	async activate(mode: 'trigger' | 'manual' = 'trigger'): Promise<'existed' | 'created'> {
		if (await this.call('checkExists', mode)) return 'existed';
		await this.call('create', mode);
		return 'created';
	}

	async deactivate(mode: 'trigger' | 'manual' = 'trigger'): Promise<boolean> {
		return await this.call('delete', mode);
	}

	private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		const contentType = (req.headers['content-type'] ?? '').split(';')[0].trim();
		let body: unknown = {};
		if (rawBody.length && contentType === 'application/json') {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				res.writeHead(422, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ code: 422, message: 'Failed to parse request body' }));
				return;
			}
		} else if (rawBody.length && contentType === 'text/plain') {
			body = rawBody.toString('utf8');
		}
		const isTest = (req.url ?? '').startsWith('/webhook-test/');
		const mode: WorkflowExecuteMode = isTest ? 'manual' : 'webhook';
		const response = expressResponse(res);
		const additionalData = this.additionalData({
			httpRequest: { headers: req.headers, rawBody, body, query: {}, params: {}, method: req.method, url: req.url } as never,
			httpResponse: response as never,
		});
		const context = new WebhookContext(this.workflow, this.node, additionalData, mode, this.webhookData(isTest, additionalData), [], null);
		const result = await this.nodeType.webhook!.call(context);
		if (result.noWebhookResponse) {
			response.end();
			return;
		}
		if (result.workflowData) {
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ message: 'Workflow was started' }));
			this.executions.push(await this.execute(mode, result.workflowData));
			return;
		}
		res.writeHead(200, { 'content-type': 'application/json' });
		res.end(JSON.stringify(result.webhookResponse ?? { message: 'Webhook call received' }));
	}

	/** Runs the workflow from the trigger's items, as n8n runs a webhook execution. */
	private async execute(mode: WorkflowExecuteMode, main: NonNullable<Awaited<ReturnType<NonNullable<INodeType['webhook']>>>['workflowData']>): Promise<IRun> {
		const hooks = new ExecutionLifecycleHooks(mode, 'test-execution', this.workflowData);
		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node: this.node, data: { main }, source: null }] },
		});
		return await new WorkflowExecute(this.additionalData({ hooks }), mode, runExecutionData).processRunExecutionData(this.workflow);
	}

	/** Items of the trigger node in execution `index`. */
	itemsOf(index: number): IDataObject[] {
		const task = this.executions[index]?.data.resultData.runData[NODE_NAME]?.[0];
		return (task?.data?.main?.[0] ?? []).map((item) => item.json);
	}

	async close(): Promise<void> {
		await new Promise((resolve) => this.server.close(resolve));
	}
}
