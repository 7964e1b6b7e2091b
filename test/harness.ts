/**
 * Runs this package's nodes the way n8n does, in-process:
 *
 * - node and credential types are loaded from the SOURCE classes that package.json's `n8n`
 *   section registers (dist/nodes/X/X.node.js -> nodes/X/X.node.ts, class X), like n8n's loader;
 * - `runNode` executes a workflow "Input -> our node" with n8n-core's real
 *   `WorkflowExecute.processRunExecutionData` (parameters get their defaults from the Workflow,
 *   pairedItem, continueOnFail through `onError`, errors as n8n records them); "Input" is the
 *   harness's own start node standing in for upstream nodes: it emits the test's items, binary
 *   properties included (stored with n8n-core's `prepareBinaryData`, as a Read File node does);
 * - the credentials helper applies a credential's generic `authenticate` the way n8n's server
 *   does (each `={{$credentials.x}}` resolved by the workflow expression engine), so the sandbox
 *   sees the real Authorization header;
 * - `Poller` runs a polling trigger's `poll()` as n8n's active workflows do (n8n-core's PollContext
 *   and TriggersAndPollers), keeping the workflow's static data between polls like n8n's database;
 * - `loadOptions` / `listSearch` call a node's methods through n8n-core's LoadOptionsContext;
 * - `testCredential` does what n8n's CredentialsTester does: it picks the credential's own `test`
 *   or a node's `testedBy` function; a `test` request runs on a temporary declarative node by
 *   n8n-core's RoutingNode, then the `rules`; a function runs with n8n-core's CredentialTestContext.
 *
 * Facts (n8n-core 2.8.1 / n8n-workflow 2.8.0): see ../shared/n8n/HARNESS-NOTES.md.
 */
import { createRequire } from 'node:module';

import { Container } from '@n8n/di';
import {
	CredentialTestContext,
	ExecuteContext,
	ExecutionLifecycleHooks,
	ExternalSecretsProxy,
	LoadOptionsContext,
	PollContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';
import { TriggersAndPollers } from 'n8n-core/dist/execution-engine/triggers-and-pollers';
import type {
	ExecutionError,
	IAuthenticateGeneric,
	IConnections,
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialsDecrypted,
	ICredentialTestFunction,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IExecuteData,
	IExecuteFunctions,
	IHttpRequestHelper,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	INodeCredentialsDetails,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IRequestOptionsSimplified,
	IRun,
	IVersionedNodeType,
	IWorkflowBase,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import {
	createRunExecutionData,
	ICredentialsHelper,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
} from 'n8n-workflow';

import packageJson from '../package.json';

export const PACKAGE_NAME = packageJson.name;

// ---------------------------------------------------------------------------------------------
// Loading the package from source

export interface LoadedPackage {
	/** By short name (`synqlyManagement`). */
	nodes: Record<string, INodeType | IVersionedNodeType>;
	/** By credential name (`synqlyOrganizationApi`). */
	credentials: Record<string, ICredentialType>;
}

let loaded: Promise<LoadedPackage> | undefined;

/** `dist/nodes/X/X.node.js` -> `../nodes/X/X.node` and its class name `X`, as n8n's loader reads it. */
function sourceOf(distPath: string): { module: string; className: string } {
	const match = /^dist\/(.+)\.js$/.exec(distPath);
	if (!match) throw new Error(`package.json n8n entry "${distPath}" is not under dist/`);
	const file = match[1].split('/').pop() ?? '';
	return { module: `../${match[1]}.ts`, className: file.split('.')[0] };
}

async function instantiate<T>(distPath: string): Promise<T> {
	const { module, className } = sourceOf(distPath);
	const exports = (await import(module)) as Record<string, new () => T>;
	const Class = exports[className];
	if (typeof Class !== 'function') throw new Error(`${module} does not export the class ${className}`);
	return new Class();
}

/** Every node and credential package.json registers, instantiated from the TypeScript sources. */
export async function loadPackage(): Promise<LoadedPackage> {
	loaded ??= (async () => {
		const nodes: LoadedPackage['nodes'] = {};
		const credentials: LoadedPackage['credentials'] = {};
		for (const path of packageJson.n8n.nodes) {
			const node = await instantiate<INodeType | IVersionedNodeType>(path);
			nodes[node.description.name] = node;
		}
		for (const path of packageJson.n8n.credentials) {
			const credential = await instantiate<ICredentialType>(path);
			credentials[credential.name] = credential;
		}
		return { nodes, credentials };
	})();
	return await loaded;
}

/**
 * The node type package.json registers under `name` (short or full), at `version` (latest by
 * default), loaded as n8n loads it; fails when package.json does not register it.
 */
export async function registeredNode(name: string, version?: number): Promise<INodeType> {
	const pkg = await loadPackage();
	const short = name.startsWith(`${PACKAGE_NAME}.`) ? name.slice(PACKAGE_NAME.length + 1) : name;
	const node = pkg.nodes[short];
	if (!node) throw new Error(`package.json registers no node "${short}"`);
	return NodeHelpers.getVersionedNodeType(node, version);
}

/** The credential type package.json registers under `name`; fails when it does not register it. */
export async function registeredCredential(name: string): Promise<ICredentialType> {
	const credential = (await loadPackage()).credentials[name];
	if (!credential) throw new Error(`package.json registers no credential "${name}"`);
	return credential;
}

/** The full type name n8n gives a community node: `<package>.<name>`. */
export const nodeTypeName = (name: string) => (name.includes('.') ? name : `${PACKAGE_NAME}.${name}`);

export class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const type = this.types[nodeType];
		if (!type) throw new Error(`Unrecognized node type: ${nodeType}`);
		return type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

// ---------------------------------------------------------------------------------------------
// Credentials

/** The credential's data with the property defaults filled in, as n8n's server hands it to nodes. */
function withDefaults(type: ICredentialType, data: ICredentialDataDecryptedObject): ICredentialDataDecryptedObject {
	const full = NodeHelpers.getNodeParameters(type.properties, data as INodeParameters, true, false, null, null);
	return { ...(full as ICredentialDataDecryptedObject), ...structuredClone(data) };
}

/**
 * What n8n's server-side CredentialsHelper does for these credential types: defaults, generic
 * `authenticate` with expressions resolved against `$credentials`, parent types. No database:
 * the data of each credential type comes from the test.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly types: Record<string, ICredentialType>,
		private readonly data: Record<string, ICredentialDataDecryptedObject>,
	) {
		super();
	}

	private type(name: string): ICredentialType {
		const type = this.types[name];
		if (!type) throw new Error(`Unknown credential type "${name}"`);
		return type;
	}

	getParentTypes(name: string): string[] {
		const parents = this.types[name]?.extends ?? [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.type(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			const resolve = (value: string): string => {
				if (typeof value !== 'string' || !value.startsWith('=')) return value;
				const resolved = workflow.expression.getSimpleParameterValue(
					node,
					value,
					'internal',
					{ $credentials: credentials },
					undefined,
					'',
				);
				return resolved ? String(resolved) : '';
			};
			const target = requestOptions as unknown as Record<string, Record<string, string>>;
			requestOptions.headers ??= {};
			for (const [outerKey, values] of Object.entries((authenticate as IAuthenticateGeneric).properties)) {
				target[outerKey] ??= {};
				for (const [key, value] of Object.entries(values as Record<string, string>)) {
					target[outerKey][resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	/** n8n only calls a credential's preAuthentication when it has a hidden `expirable` field. */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		_node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find((p) => p.type === 'hidden' && p.typeOptions?.expirable === true);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		// As n8n does: the output is stored in the credential (here: the test's data object).
		this.renewals += 1;
		Object.assign(this.data[typeName], output);
		return Object.assign(credentials, output);
	}

	/** How often a credential was renewed through preAuthentication (and stored). */
	renewals = 0;

	async getCredentials(_nodeCredentials: INodeCredentialsDetails, type: string): Promise<ICredentials> {
		throw new Error(`The test credentials helper has no encrypted credentials (asked for ${type})`);
	}

	/** How often a node asked for a credential: in n8n each is a database read and a decryption. */
	lookups = 0;

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		this.lookups += 1;
		const data = this.data[type];
		if (!data) throw new Error(`No test data for credential "${nodeCredentials.name}" of type ${type}`);
		return withDefaults(this.type(type), data);
	}

	async updateCredentials(): Promise<void> {}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}

// ---------------------------------------------------------------------------------------------
// Execution plumbing

export function additionalDataFor(
	credentialsHelper: ICredentialsHelper,
	hooks?: ExecutionLifecycleHooks,
	currentNodeParameters?: INodeParameters,
): IWorkflowExecuteAdditionalData {
	const unsupported = (what: string) => async () => {
		throw new Error(`${what} is not supported by the test harness`);
	};
	return {
		credentialsHelper,
		hooks,
		executionId: 'test-execution',
		currentNodeExecutionIndex: 0,
		currentNodeParameters,
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: unsupported('executeWorkflow'),
		getRunExecutionData: async () => undefined,
		logAiEvent: () => undefined,
		startRunnerTask: unsupported('startRunnerTask'),
		variables: {},
		restApiUrl: 'http://localhost:5678/rest',
		instanceBaseUrl: 'http://localhost:5678/',
		formWaitingBaseUrl: 'http://localhost:5678/form-waiting',
		webhookBaseUrl: 'http://localhost:5678/webhook',
		webhookWaitingBaseUrl: 'http://localhost:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://localhost:5678/webhook-test',
	} as IWorkflowExecuteAdditionalData;
}

/** A file an input item carries, as an upstream node (Read File, HTTP Request…) would give it. */
export interface InputFile {
	data: Buffer;
	fileName: string;
	mimeType: string;
}

/** An input item with binary properties; plain `IDataObject` items are JSON only. */
export class InputItem {
	constructor(
		readonly json: IDataObject,
		readonly binary: Record<string, InputFile>,
	) {}
}

/** An input item holding `json` and the binary properties `binary` (e.g. `{ data: file }`). */
export const binaryItem = (json: IDataObject, binary: Record<string, InputFile>) => new InputItem(json, binary);

export type TestItem = IDataObject | InputItem;

/**
 * A trigger-less start node that emits the test's input items (what a Manual Trigger + Set, or a
 * Read File node for items with binary properties, would). Binary data is stored with n8n-core's
 * own `prepareBinaryData`, so the node under test reads it through its real helpers.
 */
function inputNodeType(items: TestItem[]): INodeType {
	return {
		description: {
			displayName: 'Test Input',
			name: 'testInput',
			group: ['input'],
			version: 1,
			description: 'Emits the input items of a test',
			defaults: { name: 'Input' },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
			const output: INodeExecutionData[] = [];
			for (const item of items) {
				if (!(item instanceof InputItem)) {
					output.push({ json: structuredClone(item), pairedItem: { item: 0 } });
					continue;
				}
				const binary: INodeExecutionData['binary'] = {};
				for (const [key, file] of Object.entries(item.binary)) {
					binary[key] = await this.helpers.prepareBinaryData(file.data, file.fileName, file.mimeType);
				}
				output.push({ json: structuredClone(item.json), binary, pairedItem: { item: 0 } });
			}
			return [output];
		},
	};
}

const INPUT_TYPE = 'harness.testInput';

/** A resource locator value as the n8n UI stores it. */
export const rl = (value: string, mode: 'id' | 'list' = 'id') => ({ __rl: true, mode, value });

export type Credentials = Record<string, ICredentialDataDecryptedObject>;

export interface RunNodeOptions {
	/** Short (`synqlyManagement`) or full node type name. */
	node: string;
	parameters: INodeParameters;
	/** Data of each credential type the node uses, e.g. `{ synqlyOrganizationApi: { accessToken, baseUrl } }`. */
	credentials?: Credentials;
	/**
	 * The items the node receives; one empty item by default (what a Manual Trigger emits).
	 * `binaryItem(json, { data: file })` gives an item with binary properties.
	 */
	items?: TestItem[];
	/** `continueRegularOutput` is "Continue (using regular output)", i.e. Continue On Fail. */
	onError?: INode['onError'];
}

export interface RunNodeResult {
	/** The node's first output. */
	items: INodeExecutionData[];
	/** The error that stopped the run: a plain copy of the node's error (no `instanceof`). */
	error?: ExecutionError;
	run: IRun;
	/** How often the node resolved a credential (see `TestCredentialsHelper.lookups`). */
	credentialLookups: number;
}

/** A workflow of `nodes` as n8n stores it and as its engine holds it (with the workflow's static data). */
export function testWorkflow(options: {
	id: string;
	nodes: INode[];
	connections: IConnections;
	nodeTypes: INodeTypes;
	active?: boolean;
	/** The stored static data; the Workflow observes this very object, as n8n's does. */
	staticData?: IDataObject;
}): { workflowData: IWorkflowBase; workflow: Workflow } {
	const { id, nodes, connections, nodeTypes, active = false, staticData = {} } = options;
	const settings = { executionOrder: 'v1' as const };
	const workflowData: IWorkflowBase = {
		id,
		name: `Test workflow ${id}`,
		active,
		isArchived: false,
		nodes,
		connections,
		settings,
		createdAt: new Date(),
		updatedAt: new Date(),
		activeVersionId: null,
	};
	const workflow = new Workflow({ id, name: workflowData.name, nodes, connections, active, nodeTypes, staticData, settings });
	return { workflowData, workflow };
}

export const NODE_NAME = 'Synqly';

/** A node type package.json registers (short or full name), with its full name and the package. */
async function packageNode(name: string) {
	const pkg = await loadPackage();
	const type = nodeTypeName(name);
	const short = type.slice(PACKAGE_NAME.length + 1);
	if (!pkg.nodes[short]) throw new Error(`package.json registers no node "${short}"`);
	return { pkg, type, nodeType: pkg.nodes[short] };
}

/** The node's credential references: each type it declares that the test gives data for. */
function credentialRefs(nodeType: INodeType, credentials: Credentials = {}): INode['credentials'] {
	return Object.fromEntries(
		(nodeType.description.credentials ?? [])
			.map((c) => c.name)
			.filter((name) => credentials[name])
			.map((name) => [name, { id: `cred-${name}`, name: `Test ${name}` }]),
	);
}

/** Runs "Input -> node" through n8n-core's WorkflowExecute and returns the node's output. */
export async function runNode(options: RunNodeOptions): Promise<RunNodeResult> {
	const { pkg, type, nodeType } = await packageNode(options.node);
	const nodeTypes = new TestNodeTypes({ [type]: nodeType, [INPUT_TYPE]: inputNodeType(options.items ?? [{}]) });

	const inputNode: INode = {
		id: 'input',
		name: 'Input',
		type: INPUT_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	const node: INode = {
		id: 'node',
		name: NODE_NAME,
		type,
		typeVersion: 1,
		position: [200, 0],
		parameters: structuredClone(options.parameters),
		credentials: credentialRefs(nodeTypes.getByNameAndVersion(type), options.credentials),
		...(options.onError ? { onError: options.onError } : {}),
	};
	const connections = { Input: { main: [[{ node: NODE_NAME, type: NodeConnectionTypes.Main, index: 0 }]] } };
	const { workflowData, workflow } = testWorkflow({ id: 'test-workflow', nodes: [inputNode, node], connections, nodeTypes });

	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', workflowData);
	const credentialsHelper = new TestCredentialsHelper(pkg.credentials, options.credentials ?? {});
	const additionalData = additionalDataFor(credentialsHelper, hooks);
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [{ node: workflow.getNode('Input')!, data: { main: [[{ json: {} }]] }, source: null }],
		},
	});
	const run = await new WorkflowExecute(additionalData, 'manual', runExecutionData).processRunExecutionData(workflow);
	const task = run.data.resultData.runData[NODE_NAME]?.[0];
	return {
		items: task?.data?.main?.[0] ?? [],
		error: run.data.resultData.error,
		run,
		credentialLookups: credentialsHelper.lookups,
	};
}

// ---------------------------------------------------------------------------------------------
// Polling triggers

export interface PollerOptions {
	node: string;
	parameters: INodeParameters;
	credentials?: Credentials;
	/** Static data an earlier poller left (n8n keeps it in its database across restarts). */
	staticData?: IDataObject;
}

/**
 * An active workflow whose only node is a polling trigger: each `poll()` runs the node's poll
 * through n8n-core's TriggersAndPollers in a fresh PollContext (as each cron tick does), on a
 * workflow built with the static data kept so far, and keeps what the poll left in it, whatever
 * the poll's outcome (n8n may save it later anyway: a node must not change it on failure).
 */
export class Poller {
	/** The workflow's static data between polls, as n8n's database holds it. */
	staticData: IDataObject;

	/** How often the last poll resolved a credential (see `TestCredentialsHelper.lookups`). */
	credentialLookups = 0;

	constructor(private readonly options: PollerOptions) {
		this.staticData = structuredClone(options.staticData ?? {});
	}

	/** One poll: the items it emits (null when it emits nothing); throws what the poll throws. */
	async poll(mode: 'trigger' | 'manual' = 'trigger'): Promise<INodeExecutionData[] | null> {
		const { pkg, type, nodeType } = await packageNode(this.options.node);
		const nodeTypes = new TestNodeTypes({ [type]: nodeType });
		const node: INode = {
			id: 'trigger',
			name: NODE_NAME,
			type,
			typeVersion: 1,
			position: [0, 0],
			parameters: structuredClone(this.options.parameters),
			credentials: credentialRefs(nodeTypes.getByNameAndVersion(type), this.options.credentials),
		};
		const workflow = new Workflow({
			id: 'test-workflow',
			nodes: [node],
			connections: {},
			active: mode !== 'manual',
			nodeTypes,
			staticData: structuredClone(this.staticData),
		});
		const credentialsHelper = new TestCredentialsHelper(pkg.credentials, this.options.credentials ?? {});
		const context = new PollContext(workflow, node, additionalDataFor(credentialsHelper), mode, mode === 'manual' ? 'manual' : 'activate');
		try {
			const result = await Container.get(TriggersAndPollers).runPoll(workflow, node, context);
			return result === null ? null : (result[0] ?? []);
		} finally {
			this.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
			this.credentialLookups = credentialsHelper.lookups;
		}
	}
}

// ---------------------------------------------------------------------------------------------
// Load options and list search (what the editor calls while the user fills the form)

export interface LoadOptionsRequest {
	node: string;
	/** The node's current parameters (what the form holds so far). */
	parameters?: INodeParameters;
	credentials?: Credentials;
}

async function loadOptionsContext(request: LoadOptionsRequest, path: string) {
	const { pkg, type, nodeType: registered } = await packageNode(request.node);
	const nodeTypes = new TestNodeTypes({ [type]: registered });
	const nodeType = nodeTypes.getByNameAndVersion(type);
	const parameters = request.parameters ?? {};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: credentialRefs(nodeType, request.credentials),
	};
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const credentialsHelper = new TestCredentialsHelper(pkg.credentials, request.credentials ?? {});
	const context = new LoadOptionsContext(
		workflow,
		workflow.getNode(node.name)!,
		additionalDataFor(credentialsHelper, undefined, parameters),
		path,
	);
	return { nodeType, context };
}

type LoadOptionsMethod = (this: ILoadOptionsFunctions) => Promise<INodePropertyOptions[]>;
type ListSearchMethod = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/** Calls `methods.loadOptions[method]` as the editor does for a dropdown. */
export async function loadOptions(request: LoadOptionsRequest & { method: string }): Promise<INodePropertyOptions[]> {
	const { nodeType, context } = await loadOptionsContext(request, `parameters.${request.method}`);
	const method = nodeType.methods?.loadOptions?.[request.method] as LoadOptionsMethod | undefined;
	if (!method) throw new Error(`${request.node} has no loadOptions method ${request.method}`);
	return await method.call(context);
}

/** Calls `methods.listSearch[method]` as the editor does for a resource locator's list. */
export async function listSearch(
	request: LoadOptionsRequest & { method: string; filter?: string; paginationToken?: string },
): Promise<INodeListSearchResult> {
	const { nodeType, context } = await loadOptionsContext(request, `parameters.${request.method}`);
	const method = nodeType.methods?.listSearch?.[request.method] as ListSearchMethod | undefined;
	if (!method) throw new Error(`${request.node} has no listSearch method ${request.method}`);
	return await method.call(context, request.filter, request.paginationToken);
}

// ---------------------------------------------------------------------------------------------
// Credential tests (n8n's CredentialsTester)

/** n8n runs a credential's test request on a copy of the No-Op node with one routed property. */
const NO_OP_TYPE = 'n8n-nodes-base.noOp';

const noOpDescription: INodeTypeDescription = {
	displayName: 'No Operation, do nothing',
	name: NO_OP_TYPE,
	group: ['organization'],
	version: 1,
	description: 'No Operation',
	defaults: { name: 'No Operation, do nothing' },
	inputs: [NodeConnectionTypes.Main],
	outputs: [NodeConnectionTypes.Main],
	properties: [],
};

/** n8n's tester reads `responseSuccessBody` keys with lodash's `get` (lodash comes with n8n-core). */
const lodashGet = createRequire(__filename)('lodash/get') as (object: unknown, path: string) => unknown;

interface ErrorWithCause {
	message: string;
	cause?: { response?: { status: number; statusText?: string }; code?: string };
}

/**
 * The test n8n's `CredentialsTester.getCredentialTestFunction` picks for a credential type (the
 * same code in n8n 2.41.1 and 1.123.81): the credential's own `test` when it has one; otherwise,
 * among the nodes that use the credential (in the order the package registers them, as n8n's
 * loader lists them), the first whose `credentials` entry names a `testedBy`: a string names a
 * function in that node's `methods.credentialTest`.
 */
export async function credentialTestOf(
	typeName: string,
): Promise<{ request: ICredentialTestRequest } | { fn: ICredentialTestFunction } | undefined> {
	const pkg = await loadPackage();
	const credentialType = pkg.credentials[typeName];
	if (!credentialType) throw new Error(`package.json registers no credential "${typeName}"`);
	if (credentialType.test) return { request: credentialType.test };
	for (const name of Object.keys(pkg.nodes)) {
		const node = await registeredNode(name);
		const testedBy = node.description.credentials?.find((c) => c.name === typeName)?.testedBy;
		if (testedBy === undefined) continue;
		if (typeof testedBy !== 'string') throw new Error(`${name} tests ${typeName} with a request: the harness runs only testedBy functions`);
		const fn = node.methods?.credentialTest?.[testedBy];
		if (!fn) throw new Error(`${name} names testedBy "${testedBy}", which is not in its methods.credentialTest`);
		return { fn };
	}
	return undefined;
}

/**
 * Tests credential data like the "Test" button of n8n's credential dialog (n8n 2.41.1 and
 * 1.123.81 `CredentialsTester.testCredentials`): the credential's data with its defaults, then
 * the test `credentialTestOf` picks. A function gets n8n-core's CredentialTestContext (its
 * `helpers.request`) and the decrypted credential, and its result is the test's.
 */
export async function testCredential(
	typeName: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const test = await credentialTestOf(typeName);
	if (!test) return { status: 'Error', message: 'No testing function found for this credential.' };
	const credentialsDecrypted: ICredentialsDecrypted = {
		id: 'credential-under-test',
		name: 'Credential under test',
		type: typeName,
		data: withDefaults((await loadPackage()).credentials[typeName], data),
	};
	if ('fn' in test) return await test.fn.call(new CredentialTestContext(), credentialsDecrypted);
	return await runRequestTest(test.request, credentialsDecrypted, data);
}

/**
 * A credential's `test` request as `CredentialsTester.runRequestTest` of n8n 2.41.1 and 1.123.81
 * runs it (the same code in both): the test request runs on a temporary No-Op node through
 * n8n-core's RoutingNode (which resolves the `baseURL` expression with `$credentials` and
 * authenticates the request); then
 * - a thrown error with `cause.response`: the first `responseCode` rule equal to the status fails
 *   the test with its message, else a non-2xx status fails it with the response's statusText or
 *   "Received HTTP status code: N"; with `cause.code` (a network error) it fails with that code;
 *   otherwise with the error's message;
 * - an answer: the first `responseSuccessBody` rule with `lodash.get(json, key) === value` fails
 *   the test with its message; when none matches it passes.
 * Which errors carry `cause` depends on n8n-workflow: 2.41's errors keep the request error as
 * `cause`; 1.x's and the 2.8.0 of these tests drop it (a class field resets it), so there only
 * the error's message is left.
 */
async function runRequestTest(
	test: ICredentialTestRequest,
	credentialsDecrypted: ICredentialsDecrypted,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const pkg = await loadPackage();
	const typeName = credentialsDecrypted.type;
	const nodeType: INodeType = {
		description: {
			...noOpDescription,
			credentials: [{ name: typeName, required: true }],
			properties: [
				{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' },
			],
		},
	};
	const node: INode = {
		id: 'temp',
		name: 'Temp-Node',
		type: NO_OP_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { [typeName]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ [NO_OP_TYPE]: nodeType }),
	});
	const credentialsHelper = new TestCredentialsHelper(pkg.credentials, { [typeName]: data });
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalDataFor(credentialsHelper),
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);

	let response: INodeExecutionData[][];
	try {
		response = (await new RoutingNode(context, nodeType, credentialsDecrypted).runNode()) as INodeExecutionData[][];
	} catch (caught) {
		const error = caught as ErrorWithCause;
		if (error.cause?.response) {
			const { status: statusCode, statusText: statusMessage } = error.cause.response;
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (statusCode < 199 || statusCode > 299) {
				return { status: 'Error', message: statusMessage || `Received HTTP status code: ${statusCode}` };
			}
		} else if (error.cause?.code) {
			return { status: 'Error', message: error.cause.code };
		}
		return { status: 'Error', message: error.message.toString() };
	}

	for (const rule of test.rules ?? []) {
		if (rule.type !== 'responseSuccessBody') continue;
		if (lodashGet(response[0][0].json, rule.properties.key) === rule.properties.value) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/**
 * Evaluates an n8n expression (`={{ … }}`) with extra keys (e.g. `$credentials`) the way the
 * workflow expression engine does for a node parameter. n8n swallows plain errors thrown inside
 * an expression: the value is then undefined.
 */
export function resolveExpression(expression: string, additionalKeys: IDataObject): unknown {
	const node: INode = { id: 'expr', name: 'Expr', type: NO_OP_TYPE, typeVersion: 1, position: [0, 0], parameters: {} };
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ [NO_OP_TYPE]: { description: { ...noOpDescription, properties: [] } } }),
	});
	return workflow.expression.getParameterValue(
		expression,
		createRunExecutionData(),
		0,
		0,
		node.name,
		[],
		'internal',
		additionalKeys,
	);
}

// ---------------------------------------------------------------------------------------------

/** Stops n8n-core's SSH clients cleanup interval (started by the first node run), trap 1. */
export function shutdownN8nCore(): void {
	Container.get(SSHClientsManager).onShutdown();
}
