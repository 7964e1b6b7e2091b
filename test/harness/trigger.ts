/**
 * Runs a webhook trigger node the way n8n's server does, in-process:
 *
 * - activation and deactivation call the node's `webhookMethods.default` through n8n-core's
 *   HookContext, in n8n's order: `checkExists`, then `create` when it answers false; `delete`;
 * - the workflow's static data is stored between requests as n8n stores it with the workflow:
 *   each request gets a new Workflow over a copy of what is stored, and what changed is stored
 *   again only where n8n stores it: after activation; when n8n receives the request's answer, if
 *   the change flag is still set: a node's own answer (`noWebhookResponse`) and the answer to a
 *   request that starts no execution come before any execution, n8n's answer to one that does
 *   comes after the execution is set up, which builds a Workflow over the same object and so
 *   clears the flag (n8n 2.41.1 `WorkflowRunner.establishContextForPersistence`); and when an
 *   execution ends with static data changed during it (`workflowExecuteAfter`). An execution
 *   runs over a copy of what is stored when it starts (n8n reads it from the database);
 * - deliveries arrive over real HTTP at a loopback server standing in for n8n's webhook endpoint
 *   (`<base>/webhook/<webhookId>/webhook`, and `/webhook-test/…` for "Listen for test event"). Like
 *   n8n's body parser it keeps the raw body and parses `application/json` (422 when that fails,
 *   before the node is called) and `text/plain`; then it calls the node's `webhook()` through
 *   n8n-core's WebhookContext, answers what the node answered (its own status through the
 *   response object, `webhookResponse` with 200), and when the node returns `workflowData`
 *   runs the workflow from it with WorkflowExecute, in `webhook` mode, as n8n does (also when the
 *   node answered itself, as n8n's own Webhook node does when it streams).
 *
 * Not reproduced: n8n's database, its webhook registry and the queue.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { ExecutionLifecycleHooks, HookContext, WebhookContext, WorkflowExecute } from 'n8n-core';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	INodeType,
	IRun,
	IWebhookData,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { createRunExecutionData, type Workflow } from 'n8n-workflow';

import {
	additionalDataFor,
	loadPackage,
	NODE_NAME,
	nodeTypeName,
	PACKAGE_NAME,
	TestCredentialsHelper,
	TestNodeTypes,
	testWorkflow,
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
	/**
	 * Run executions as a queue-mode worker of n8n 2.41.1 does: over the static data of the
	 * execution's workflow snapshot, which has none (`toWorkflowSnapshot` drops it and the job does
	 * not reload it), still storing what changed in it when the execution ends.
	 */
	queueWorker?: boolean;
}

/** A minimal Express response over Node's: what trigger nodes call to answer themselves. */
function expressResponse(res: ServerResponse) {
	const response = {
		status(code: number) {
			res.statusCode = code;
			return response;
		},
		setHeader(name: string, value: string) {
			res.setHeader(name, value);
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

	/** The workflow's static data as stored (n8n: the workflow's `staticData` column). */
	private stored: IDataObject = {};

	/** Requests being handled, with the execution they start (a node may answer before it returns). */
	private readonly inflight = new Set<Promise<void>>();

	private constructor(
		private readonly node: INode,
		private readonly nodeTypes: TestNodeTypes,
		private readonly nodeType: INodeType,
		private readonly credentialsHelper: TestCredentialsHelper,
		private readonly server: Server,
		readonly baseUrl: string,
		private readonly queueWorker: boolean,
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
		const credentialsHelper = new TestCredentialsHelper(pkg.credentials, options.credentials);
		const server = createServer();
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
		const harness = new TriggerWorkflow(node, nodeTypes, nodeType, credentialsHelper, server, baseUrl, options.queueWorker === true);
		server.on('request', (req: IncomingMessage, res: ServerResponse) => {
			const handled: Promise<void> = harness
				.receive(req, res)
				.catch((error: unknown) => {
					if (!res.headersSent) res.writeHead(500);
					res.end(String(error));
				})
				.finally(() => harness.inflight.delete(handled));
			harness.inflight.add(handled);
		});
		return harness;
	}

	/** The workflow as n8n builds it for one request or execution, over `staticData` (a copy of what is stored). */
	private load(staticData: IDataObject): { workflow: Workflow; workflowData: IWorkflowBase } {
		return testWorkflow({ id: 'trigger-workflow', nodes: [this.node], connections: {}, nodeTypes: this.nodeTypes, active: true, staticData });
	}

	/** Stores the static data when n8n would: its change flag is set. */
	private save(workflow: Workflow): void {
		if (workflow.staticData.__dataChanged !== true) return;
		this.stored = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
	}

	/** The node's static data as stored with the workflow (changing it changes what is stored). */
	get staticData(): IDataObject {
		return (this.stored[`node:${NODE_NAME}`] as IDataObject | undefined) ?? {};
	}

	/** The URL n8n registers: production (active workflow) or test ("Listen for test event"). */
	webhookUrl(mode: 'production' | 'test' = 'production'): string {
		return `${this.baseUrl}/${mode === 'test' ? 'webhook-test' : 'webhook'}/${WEBHOOK_ID}/webhook`;
	}

	/** Changes a parameter, as saving an edited workflow does. */
	setParameter(name: string, value: INodeParameters[string]): void {
		this.node.parameters[name] = value;
	}

	private additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}): IWorkflowExecuteAdditionalData {
		return {
			...additionalDataFor(this.credentialsHelper),
			webhookBaseUrl: `${this.baseUrl}/webhook`,
			webhookTestBaseUrl: `${this.baseUrl}/webhook-test`,
			...extra,
		};
	}

	private webhookData(workflow: Workflow, isTest: boolean, additionalData: IWorkflowExecuteAdditionalData): IWebhookData {
		return {
			httpMethod: 'POST',
			node: NODE_NAME,
			path: `${WEBHOOK_ID}/webhook`,
			webhookDescription: this.nodeType.description.webhooks![0],
			workflowId: workflow.id,
			workflowExecuteAdditionalData: additionalData,
			webhookId: WEBHOOK_ID,
			isTest,
		};
	}

	/** Calls one webhook method through HookContext: `trigger` mode for activation, `manual` for listening for a test event. */
	async call(method: 'checkExists' | 'create' | 'delete', mode: 'trigger' | 'manual' = 'trigger'): Promise<boolean> {
		const additionalData = this.additionalData();
		const isTest = mode === 'manual';
		const { workflow } = this.load(structuredClone(this.stored));
		const context = new HookContext(
			workflow,
			this.node,
			additionalData,
			mode,
			mode === 'manual' ? 'manual' : 'activate',
			this.webhookData(workflow, isTest, additionalData),
		);
		const methods = this.nodeType.webhookMethods!.default!;
		const answer = (await methods[method]!.call(context)) as boolean;
		this.save(workflow);
		return answer;
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
		const staticData = structuredClone(this.stored);
		const { workflow, workflowData } = this.load(staticData);
		const context = new WebhookContext(workflow, this.node, additionalData, mode, this.webhookData(workflow, isTest, additionalData), [], null);
		const result = await this.nodeType.webhook!.call(context);
		const answeredByNode = result.noWebhookResponse === true;
		if (answeredByNode) {
			this.save(workflow);
			response.end();
		}
		if (!result.workflowData) {
			if (answeredByNode) return;
			this.save(workflow);
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify(result.webhookResponse ?? { message: 'Webhook call received' }));
			return;
		}
		// Setting up the execution builds a Workflow over the request's static data: the flag clears.
		this.load(staticData);
		if (!answeredByNode) {
			this.save(workflow);
			res.writeHead(200, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ message: 'Workflow was started' }));
		}
		const execution = this.load(this.queueWorker ? {} : structuredClone(this.stored)).workflow;
		this.executions.push(await this.execute(execution, workflowData, mode, result.workflowData));
	}

	/** Runs the workflow from the trigger's items, as n8n runs a webhook execution; stores static data changed during it. */
	private async execute(
		workflow: Workflow,
		workflowData: IWorkflowBase,
		mode: WorkflowExecuteMode,
		main: INodeExecutionData[][],
	): Promise<IRun> {
		const hooks = new ExecutionLifecycleHooks(mode, 'test-execution', workflowData);
		hooks.addHandler('workflowExecuteAfter', (_run, newStaticData) => {
			if (mode !== 'manual' && newStaticData) this.stored = JSON.parse(JSON.stringify(newStaticData)) as IDataObject;
		});
		const runExecutionData = createRunExecutionData({
			executionData: { nodeExecutionStack: [{ node: this.node, data: { main }, source: null }] },
		});
		return await new WorkflowExecute(this.additionalData({ hooks }), mode, runExecutionData).processRunExecutionData(workflow);
	}

	/** Resolves when every request received so far is handled and the executions it started have ended. */
	async settled(): Promise<void> {
		while (this.inflight.size) await Promise.all([...this.inflight]);
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
