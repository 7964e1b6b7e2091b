/**
 * The Synqly Connector node, run by n8n's workflow engine against the sandbox: every Connector
 * operation of the table (method, path, query, body, Bearer header, output, pairedItem; the
 * first test fails when a row has no case), then cursor paging, PENDING polling, batching,
 * files, 501s, list searches and the organization-token mode.
 */
import type { IDataObject, INodeExecutionData, INodeParameters } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { connectorTable } from '../nodes/SynqlyConnector/catalog';
import { ConnectorAuth } from '../nodes/shared/http/auth';
import type { SynqlyClient } from '../nodes/shared/http/client';
import connectorReference from './fixtures/derived-engine-endpoints.json';
import { binaryItem, listSearch, rl, runNode, type TestItem } from './harness';
import { api, expectSent, json, sandbox as sb, sentRequests, succeeded, useSandbox, type Sent } from './harness/management';
import { expectFitsSchema } from './harness/schemas';
import { PROVIDERS } from './harness/providers';
import { SANDBOX_DEMO_SIEM_TOKEN, SANDBOX_DEMO_TICKETS_TOKEN } from './sandbox/server';

// ---------------------------------------------------------------------------------------------
// Setup: one sandbox (`sb`, the harness's), one mock integration per connector category, kept for
// every test: before each, only the recorded requests and the faults are cleared.

useSandbox('demo', { beforeEach: 'requests' });
/** Access token of the mock integration of each resource. */
const tokens: Record<string, string> = {};

beforeAll(() => {
	const account = sb.state.accounts.get('acme');
	for (const [resource, config] of Object.entries(PROVIDERS)) {
		const created = sb.state.createIntegration(account, { name: `n8n-${resource.toLowerCase()}`, provider_config: config });
		tokens[resource] = created.token.access.secret;
	}
	tokens.siem = SANDBOX_DEMO_SIEM_TOKEN;
	tokens.operations = SANDBOX_DEMO_SIEM_TOKEN;
	tokens.ticketing = SANDBOX_DEMO_TICKETS_TOKEN;
	tokens.integrationWebhooks = SANDBOX_DEMO_TICKETS_TOKEN;
});
beforeEach(() => {
	sb.state.settings.siemEventsPendingPolls = 0;
	sb.state.settings.latencyPattern = [];
	sb.state.settings.pageCap = 0;
});

interface RunOptions {
	items?: TestItem[];
	onError?: 'continueRegularOutput';
	/** Another integration token (default: the resource's). */
	token?: string;
}

/** Runs the Connector with an integration credential for the resource's mock integration. */
async function connector(resource: string, parameters: INodeParameters, options: RunOptions = {}) {
	return await runNode({
		node: 'synqlyConnector',
		parameters: { resource, ...parameters },
		credentials: { synqlyIntegrationApi: { accessToken: options.token ?? tokens[resource], baseUrl: sb.url } },
		items: options.items,
		onError: options.onError,
	});
}

/** Calls the sandbox's Connector API with the resource's token (setup); these calls are dropped from `sb.requests`. */
const connectorCall = <T = IDataObject>(resource: string, method: string, path: string, body?: unknown) =>
	api<T>(method, path, body, tokens[resource]);

const limit = (n = 50) => ({ limit: [String(n)] });

// ---------------------------------------------------------------------------------------------
// One case per row

type Context = IDataObject;

interface Case {
	resource: string;
	operation: string;
	parameters?: INodeParameters | ((context: Context) => INodeParameters);
	items?: TestItem[];
	setup?: () => Promise<Context>;
	sent: Sent[] | ((context: Context) => Sent[]);
	/**
	 * What every output object must hold (`toMatchObject`): the fields a user maps in the next
	 * node, as the sandbox returns them for this operation (after the row's resultKey and simplify).
	 */
	shape?: IDataObject;
	/** Checks of the output; every case also checks there is output and its pairedItem. */
	output?: (objects: IDataObject[], items: INodeExecutionData[], context: Context) => void;
}

const str = expect.any(String);
const num = expect.any(Number);
const id = (prefix: string) => expect.stringMatching(new RegExp(`^${prefix.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));

/** An OCSF finding as the sandbox serves it (simplified): what identifies and describes it. */
const finding = (className: string, uidPrefix: string, extra: IDataObject = {}): IDataObject => ({
	class_name: className,
	time: num,
	severity_id: num,
	metadata: { uid: str },
	finding_info: { uid: id(uidPrefix), title: str },
	...extra,
});
/** An inventory object with its device (Device Inventory Info, simplified). */
const DEVICE = { device: { uid: id('dev-'), hostname: str, ip: str } };
/** An identity / chat user (Entity Management, simplified). */
const USER = { entity: { uid: id('usr-'), name: str, type: 'User' }, user: { uid: id('usr-'), email_addr: str } };
const CONVERSATION = { conversation: { uid: id('conv-'), name: str } };
/** A Chat Message Activity as the reference has it: the text in `chat_message`, the event's `message`. */
const MESSAGE = { message: str, chat_message: { message: str }, actor: { user: { name: str } } };

/** A cursor query with the defaults (Limit 50): one GET with `limit`, output = the page, each object of `shape`. */
const query = (resource: string, operation: string, path: string, shape: IDataObject, parameters: INodeParameters = {}): Case => ({
	resource,
	operation,
	parameters,
	sent: [{ method: 'GET', path, query: limit() }],
	shape,
});

const get = (resource: string, operation: string, path: string, parameters: INodeParameters, check: IDataObject): Case => ({
	resource,
	operation,
	parameters,
	sent: [{ method: 'GET', path }],
	output: (objects) => {
		expect(objects).toHaveLength(1);
		expect(objects[0]).toMatchObject(check);
	},
});

/** An unpaged list: one GET, output = the whole list, each object of `shape`. */
const list = (resource: string, operation: string, path: string, shape: IDataObject, parameters: INodeParameters = {}): Case => ({
	resource,
	operation,
	parameters,
	sent: [{ method: 'GET', path }],
	shape,
});

const action = (resource: string, operation: string, method: string, path: string, parameters: INodeParameters, body?: unknown, result: IDataObject = { success: true }): Case => ({
	resource,
	operation,
	parameters,
	sent: [{ method, path, body }],
	output: (objects) => expect(objects).toEqual([result]),
});

const EVENT = { class_name: 'Authentication', class_uid: 3002, category_uid: 3, activity_id: 1, type_uid: 300201, time: 1736942400000, severity_id: 1, metadata: { version: '1.3.0', product: { name: 'n8n' } }, user: { uid: 'u1' } };
const patch = (value: unknown) => JSON.stringify(value);
const ticketNote = (ticket: string) => connectorCall<IDataObject>('ticketing', 'POST', `/v1/ticketing/tickets/${ticket}/notes`, { title: 'setup', content: 'setup' });
const ticketAttachment = (ticket: string, content = 'attached bytes') =>
	connectorCall<IDataObject>('ticketing', 'POST', `/v1/ticketing/attachments/${ticket}`, { file_name: 'notes.txt', content: Buffer.from(content).toString('base64') });

/** An item with the binary property `data`, as a Read File node would pass it on. */
const file = (text: string | Buffer, fileName: string, mimeType: string) => binaryItem({}, { data: { data: Buffer.from(text), fileName, mimeType } });

const cases: Case[] = [
	// SIEM
	{
		resource: 'siem',
		operation: 'postEvents',
		items: [EVENT, { ...EVENT, user: { uid: 'u2' } }],
		sent: [{ method: 'POST', path: '/v1/siem/events', body: [EVENT, { ...EVENT, user: { uid: 'u2' } }] }],
		output: (objects, items) => {
			expect(objects).toEqual([{ batch: 1, sent: 2, warnings: [] }]);
			expect(items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		},
	},
	{
		resource: 'siem',
		operation: 'queryEvents',
		parameters: {
			limit: 5,
			filters: { filter: [{ field: 'class_name', operator: 'eq', value: 'Authentication' }] },
			sort: { rule: [{ field: 'time', direction: 'desc' }] },
			options: { includeRawData: true, meta: 'stats(count)', passthroughParam: 'q=1' },
			simplify: false,
		},
		sent: [
			{
				method: 'GET',
				path: '/v1/siem/events',
				query: { limit: ['5'], filter: ['class_name[eq]Authentication'], order: ['time[desc]'], include_raw_data: ['true'], meta: ['stats(count)'], 'passthrough-param': ['q=1'] },
			},
		],
		output: (objects) => {
			expect(objects).toHaveLength(5);
			for (const o of objects) expect(o).toMatchObject({ class_name: 'Authentication', class_uid: 3002 });
			expect((objects[0].time as number) > (objects[1].time as number)).toBe(true);
		},
	},
	query('siem', 'queryAlerts', '/v1/siem/alerts', finding('Detection Finding', 'detection-', { is_alert: true, device: { uid: id('dev-'), hostname: str } })),
	get('siem', 'getAlert', '/v1/siem/alerts/detection-0001', { alertId: rl('detection-0001') }, { finding_info: { uid: 'detection-0001' } }),
	query('siem', 'queryInvestigations', '/v1/siem/investigations', { id: id('inv-'), custom_fields: { title: str, status: str } }),
	get('siem', 'getInvestigation', '/v1/siem/investigations/inv-001', { investigationId: rl('inv-001') }, { id: 'inv-001' }),
	{
		resource: 'siem',
		operation: 'patchInvestigation',
		parameters: { investigationId: rl('inv-002'), patchOperations: patch([{ op: 'replace', path: '/custom_fields/status', value: 'Closed' }]) },
		sent: [{ method: 'PATCH', path: '/v1/siem/investigations/inv-002', body: [{ op: 'replace', path: '/custom_fields/status', value: 'Closed' }] }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ id: 'inv-002', custom_fields: expect.objectContaining({ status: 'Closed' }) })]),
	},
	get('siem', 'getEvidence', '/v1/siem/investigations/inv-001/evidence', { investigationId: rl('inv-001') }, { investigation_id: 'inv-001' }),
	query('siem', 'queryLogProviders', '/v1/siem/log-providers', { name: str, source: id('source-') }),
	// Sink
	{
		resource: 'sink',
		operation: 'postEvents',
		parameters: { inputMode: 'field', inputField: 'events', options: { location: 'n8n/2025' } },
		items: [{ events: [EVENT, EVENT] }, { events: EVENT }],
		sent: [{ method: 'POST', path: '/v1/sink/events', query: { location: ['n8n/2025'] }, body: [EVENT, EVENT, EVENT] }],
		output: (objects, items) => {
			expect(objects).toEqual([{ batch: 1, sent: 3, warnings: [] }]);
			expect(items[0].pairedItem).toEqual([{ item: 0 }, { item: 1 }]);
		},
	},
	// Ticketing
	query('ticketing', 'listProjects', '/v1/ticketing/projects', { id: expect.stringMatching(/^[A-Z]+$/), name: str }),
	list('ticketing', 'listRemoteFields', '/v1/ticketing/remote-fields', { field_id: str, field_scope: str, provider_field_name: str }),
	{
		resource: 'ticketing',
		operation: 'queryTickets',
		parameters: { filters: { filter: [{ field: 'project', operator: 'eq', value: 'OPS' }] } },
		sent: [{ method: 'GET', path: '/v1/ticketing/tickets', query: { ...limit(), filter: ['project[eq]OPS'] } }],
		shape: { id: id('OPS-'), name: str, summary: str, status: str, priority: str, project: 'OPS' },
	},
	get('ticketing', 'getTicket', '/v1/ticketing/tickets/SEC-1', { ticketId: rl('SEC-1', 'list') }, { id: 'SEC-1' }),
	{
		resource: 'ticketing',
		operation: 'createTicket',
		parameters: {
			name: 'Patch web servers',
			additionalFields: { summary: 'Patch now', priority: 'HIGH', project: rl('OPS', 'list'), tags: 'security, n8n', customFields: '{"team": "soc"}' },
		},
		sent: [{ method: 'POST', path: '/v1/ticketing/tickets', body: { name: 'Patch web servers', summary: 'Patch now', priority: 'HIGH', project: 'OPS', tags: ['security', 'n8n'], custom_fields: { team: 'soc' } } }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ name: 'Patch web servers', project: 'OPS', priority: 'HIGH' })]),
	},
	{
		resource: 'ticketing',
		operation: 'patchTicket',
		parameters: { ticketId: rl('OPS-2'), patchOperations: patch([{ op: 'replace', path: '/status', value: 'Done' }]) },
		sent: [{ method: 'PATCH', path: '/v1/ticketing/tickets/OPS-2', body: [{ op: 'replace', path: '/status', value: 'Done' }] }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ id: 'OPS-2', status: 'Done' })]),
	},
	{
		resource: 'ticketing',
		operation: 'createAttachment',
		parameters: { ticketId: rl('SEC-4') },
		items: [file('hello attachment', 'hello.txt', 'text/plain')],
		sent: [{ method: 'POST', path: '/v1/ticketing/attachments/SEC-4', body: { file_name: 'hello.txt', content: Buffer.from('hello attachment').toString('base64') } }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ ticket_id: 'SEC-4', file_name: 'hello.txt', file_size: 16 })]),
	},
	{
		resource: 'ticketing',
		operation: 'listAttachmentsMetadata',
		setup: async () => ticketAttachment('SEC-7'),
		parameters: { ticketId: rl('SEC-7') },
		sent: [{ method: 'GET', path: '/v1/ticketing/attachments/SEC-7' }],
		output: (objects, _, created) => expect(objects).toEqual([created]),
	},
	{
		resource: 'ticketing',
		operation: 'downloadAttachment',
		setup: async () => ticketAttachment('OPS-5', 'attachment bytes'),
		parameters: (c) => ({ ticketId: rl('OPS-5'), attachmentId: rl(String(c.id)) }),
		sent: (c) => [{ method: 'GET', path: `/v1/ticketing/attachments/OPS-5/${String(c.id)}/download` }],
		output: (objects, items) => {
			expect(objects).toEqual([expect.objectContaining({ file_name: 'notes.txt', fileName: 'notes.txt', mimeType: 'text/plain', fileSize: 16 })]);
			expect(Buffer.from(items[0].binary!.data.data, 'base64').toString()).toBe('attachment bytes');
		},
	},
	{
		resource: 'ticketing',
		operation: 'deleteAttachment',
		setup: async () => ticketAttachment('IT-6'),
		parameters: (c) => ({ ticketId: rl('IT-6'), attachmentId: rl(String(c.id)) }),
		sent: (c) => [{ method: 'DELETE', path: `/v1/ticketing/attachments/IT-6/${String(c.id)}` }],
		output: (objects) => expect(objects).toEqual([{ deleted: true }]),
	},
	list('ticketing', 'listComments', '/v1/ticketing/tickets/OPS-2/comments', { id: id('cmt-OPS-2-'), ticket_id: 'OPS-2', content: str, creator: str }, { ticketId: rl('OPS-2') }),
	{
		resource: 'ticketing',
		operation: 'createComment',
		parameters: { ticketId: rl('SEC-1'), content: 'Isolated the host', additionalFields: { creator: 'ana@example.com' } },
		sent: [{ method: 'POST', path: '/v1/ticketing/tickets/SEC-1/comments', body: { content: 'Isolated the host', creator: 'ana@example.com' } }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ ticket_id: 'SEC-1', content: 'Isolated the host' })]),
	},
	{
		resource: 'ticketing',
		operation: 'deleteComment',
		parameters: { ticketId: rl('IT-3'), commentId: rl('cmt-IT-3-1') },
		sent: [{ method: 'DELETE', path: '/v1/ticketing/tickets/IT-3/comments/cmt-IT-3-1' }],
		output: (objects) => expect(objects).toEqual([{ deleted: true }]),
	},
	{
		resource: 'ticketing',
		operation: 'createNote',
		parameters: { ticketId: rl('SEC-1'), title: 'Triage', content: 'False positive' },
		sent: [{ method: 'POST', path: '/v1/ticketing/tickets/SEC-1/notes', body: { title: 'Triage', content: 'False positive' } }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ title: 'Triage', content: 'False positive' })]),
	},
	{
		resource: 'ticketing',
		operation: 'deleteNote',
		setup: async () => ticketNote('OPS-8'),
		parameters: (c) => ({ ticketId: rl('OPS-8'), noteId: rl(String(c.id)) }),
		sent: (c) => [{ method: 'DELETE', path: `/v1/ticketing/tickets/OPS-8/notes/${String(c.id)}` }],
		output: (objects) => expect(objects).toEqual([{ deleted: true }]),
	},
	{
		resource: 'ticketing',
		operation: 'listNotes',
		setup: async () => ticketNote('IT-9'),
		parameters: { ticketId: rl('IT-9') },
		sent: [{ method: 'GET', path: '/v1/ticketing/tickets/IT-9/notes' }],
		output: (objects, _, created) => expect(objects).toEqual([created]),
	},
	{
		resource: 'ticketing',
		operation: 'patchNote',
		setup: async () => ticketNote('SEC-10'),
		parameters: (c) => ({ ticketId: rl('SEC-10'), noteId: rl(String(c.id)), patchOperations: patch([{ op: 'replace', path: '/content', value: 'Updated' }]) }),
		sent: (c) => [{ method: 'PATCH', path: `/v1/ticketing/tickets/SEC-10/notes/${String(c.id)}`, body: [{ op: 'replace', path: '/content', value: 'Updated' }] }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ content: 'Updated' })]),
	},
	query('ticketing', 'queryEscalationPolicies', '/v1/ticketing/escalation-policies', { id: id('ep-'), name: str, rules: expect.any(Array) }),
	list('ticketing', 'listOnCall', '/v1/ticketing/escalation-policies/ep-1/on-call', { uid: id('usr-'), full_name: str, email_addr: str }, { escalationPolicyId: rl('ep-1') }),
	// Notifications
	{
		resource: 'notifications',
		operation: 'createMessage',
		parameters: { summary: 'Critical alert', additionalFields: { priority: 'CRITICAL', tags: 'soc' } },
		sent: [{ method: 'POST', path: '/v1/notifications/create', body: { summary: 'Critical alert', priority: 'CRITICAL', tags: ['soc'] } }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ summary: 'Critical alert', priority: 'CRITICAL' })]),
	},
	{
		resource: 'notifications',
		operation: 'getMessage',
		setup: async () => connectorCall('notifications', 'POST', '/v1/notifications/create', { summary: 'setup' }),
		parameters: (c) => ({ notificationId: String(c.id) }),
		sent: (c) => [{ method: 'GET', path: `/v1/notifications/get/${String(c.id)}` }],
		output: (objects, _, c) => expect(objects).toEqual([expect.objectContaining({ id: c.id, summary: 'setup' })]),
	},
	{
		resource: 'notifications',
		operation: 'clearMessage',
		setup: async () => connectorCall('notifications', 'POST', '/v1/notifications/create', { summary: 'setup' }),
		parameters: (c) => ({ notificationId: String(c.id) }),
		sent: (c) => [{ method: 'POST', path: `/v1/notifications/clear/${String(c.id)}` }],
		output: (objects) => expect(objects).toEqual([{ success: true }]),
	},
	// Vulnerabilities
	query('vulnerabilities', 'queryFindings', '/v1/vulnerabilities/findings', finding('Vulnerability Finding', 'vulnerability-', { vulnerabilities: [{ cve: { uid: id('CVE-') } }], device: { uid: id('dev-') } })),
	{
		resource: 'vulnerabilities',
		operation: 'createFindings',
		parameters: { inputMode: 'json', inputJson: '={{ JSON.stringify({ class_uid: 2001, finding: { uid: "f-" + $json.n, title: "t" } }) }}' },
		items: [{ n: 1 }, { n: 2 }],
		sent: [{ method: 'POST', path: '/v1/vulnerabilities/findings/bulk', body: { findings: [{ class_uid: 2001, finding: { uid: 'f-1', title: 't' } }, { class_uid: 2001, finding: { uid: 'f-2', title: 't' } }] } }],
		output: (objects) => expect(objects).toEqual([{ batch: 1, sent: 2, warnings: [], status: 'COMPLETE' }]),
	},
	action('vulnerabilities', 'updateFinding', 'PUT', '/v1/vulnerabilities/findings/vulnerability-0002', { findingId: rl('vulnerability-0002'), severityId: 4, additionalFields: { state: 'Resolved', severity: 'high' } }, { severity_id: 4, state: 'Resolved', severity: 'high' }),
	query('vulnerabilities', 'queryAssets', '/v1/vulnerabilities/assets', DEVICE),
	{
		resource: 'vulnerabilities',
		operation: 'createAsset',
		parameters: { asset: patch({ class_uid: 5001, device: { uid: 'dev-9001', type_id: 1 } }), sourceName: 'n8n' },
		sent: [{ method: 'POST', path: '/v1/vulnerabilities/assets', body: { asset: { class_uid: 5001, device: { uid: 'dev-9001', type_id: 1 } }, source_name: 'n8n' } }],
		output: (objects) => expect(objects).toEqual([{ device: { uid: 'dev-9001', status: 'Complete' } }]),
	},
	{
		resource: 'vulnerabilities',
		operation: 'updateAsset',
		parameters: { assetId: rl('dev-0003'), asset: patch({ device: { uid: 'dev-0003', type_id: 1, hostname: 'renamed' } }), sourceName: 'n8n' },
		sent: [{ method: 'PUT', path: '/v1/vulnerabilities/assets/dev-0003', body: { asset: { device: { uid: 'dev-0003', type_id: 1, hostname: 'renamed' } }, source_name: 'n8n' } }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ device: expect.objectContaining({ hostname: 'renamed' }) })]),
	},
	query('vulnerabilities', 'queryScans', '/v1/vulnerabilities/scans', { uid: id('scan-'), name: str }),
	get('vulnerabilities', 'getScanActivity', '/v1/vulnerabilities/scans/scan-1/activity', { scanId: rl('scan-1') }, { class_name: 'Scan Activity' }),
	list('vulnerabilities', 'getScanActivities', '/v1/vulnerabilities/scans/scan-1/activities', { class_name: 'Scan Activity', scan: { uid: 'scan-1', name: str } }, { scanId: rl('scan-1') }),
	{
		resource: 'vulnerabilities',
		operation: 'uploadScan',
		parameters: { assets: patch([{ device: { uid: 'dev-1', type_id: 1 } }]), additionalFields: { sourceName: 'n8n' } },
		sent: [{ method: 'POST', path: '/v1/vulnerabilities/scans', body: { assets: [{ device: { uid: 'dev-1', type_id: 1 } }], source_name: 'n8n' } }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ status: 'Pending' })]),
	},
	{
		resource: 'vulnerabilities',
		operation: 'getScanStatus',
		setup: async () => connectorCall('vulnerabilities', 'POST', '/v1/vulnerabilities/scans', { assets: [{ device: { uid: 'd' } }] }),
		parameters: (c) => ({ scanId: String(c.scan_id) }),
		sent: (c) => [{ method: 'GET', path: `/v1/vulnerabilities/scans/${String(c.scan_id)}/status` }],
		output: (objects, _, c) => expect(objects).toEqual([{ scan_id: c.scan_id, status: 'Pending' }]),
	},
	list('vulnerabilities', 'getLabels', '/v1/vulnerabilities/labels', { key: str, value: str }),
	query('vulnerabilities', 'queryScanFindings', '/v1/vulnerabilities/scans/scan-1/findings', finding('Vulnerability Finding', 'vulnerability-', { device: { uid: id('dev-') } }), { scanId: rl('scan-1') }),
	// Assets
	query('assets', 'queryDevices', '/v1/assets/devices', DEVICE),
	{
		resource: 'assets',
		operation: 'createAsset',
		parameters: { device: patch({ class_uid: 5001, device: { uid: 'dev-9100', type_id: 1 } }) },
		sent: [{ method: 'POST', path: '/v1/assets/devices', body: { device: { class_uid: 5001, device: { uid: 'dev-9100', type_id: 1 } } } }],
		output: (objects) => expect(objects).toEqual([{ device: { class_uid: 5001, device: { uid: 'dev-9100', type_id: 1 } } }]),
	},
	{
		resource: 'assets',
		operation: 'createDevices',
		parameters: { sourceName: 'n8n', options: { customProperties: '{"owner": "soc"}' } },
		items: [{ device: { uid: 'a', type_id: 1 } }, { device: { uid: 'b', type_id: 1 } }],
		sent: [{ method: 'POST', path: '/v1/assets/devices/bulk', body: { source_name: 'n8n', custom_properties: { owner: 'soc' }, devices: [{ device: { uid: 'a', type_id: 1 } }, { device: { uid: 'b', type_id: 1 } }] } }],
		output: (objects) => expect(objects).toEqual([{ batch: 1, sent: 2, warnings: [], status: 'COMPLETE' }]),
	},
	list('assets', 'getLabels', '/v1/assets/labels', { key: 'env', value: str }),
	query('assets', 'querySoftware', '/v1/assets/software', { device: { uid: id('dev-') }, package: { name: str, version: str } }),
	{
		resource: 'assets',
		operation: 'createSoftware',
		parameters: { softwareInventory: patch({ device: { uid: 'dev-0001' }, package: { name: 'git', version: '2' } }), additionalFields: { sourceName: 'n8n' } },
		sent: [{ method: 'POST', path: '/v1/assets/software', body: { software_inventory: { device: { uid: 'dev-0001' }, package: { name: 'git', version: '2' } }, source_name: 'n8n' } }],
		output: (objects) => expect(objects).toEqual([{ software_inventory: { device: { uid: 'dev-0001' }, package: { name: 'git', version: '2' } } }]),
	},
	{
		resource: 'assets',
		operation: 'updateSoftware',
		parameters: { deviceUid: rl('dev-0002'), softwareInventory: patch({ device: { uid: 'dev-0002' }, package: { name: 'vim', version: '9' } }) },
		sent: [{ method: 'PUT', path: '/v1/assets/software/dev-0002', body: { software_inventory: { device: { uid: 'dev-0002' }, package: { name: 'vim', version: '9' } } } }],
		output: (objects) => expect(objects).toEqual([{ software_inventory: { device: { uid: 'dev-0002' }, package: { name: 'vim', version: '9' } } }]),
	},
	// EDR
	query('edr', 'queryEndpoints', '/v1/edr/endpoints', DEVICE),
	get('edr', 'getEndpoint', '/v1/edr/endpoints/dev-0001', { endpointId: rl('dev-0001') }, { device: { uid: 'dev-0001' } }),
	{
		resource: 'edr',
		operation: 'executeCommand',
		parameters: { endpointId: rl('dev-0001'), command: 'whoami' },
		sent: [{ method: 'POST', path: '/v1/edr/endpoints/dev-0001/actions/execute-command', body: { command: 'whoami' } }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ device_uid: 'dev-0001', command: 'whoami' })]),
	},
	{
		resource: 'edr',
		operation: 'executeRemoteScript',
		parameters: { endpointId: rl('dev-0002'), script: 'Get-Process', additionalFields: { args: '-Verbose' } },
		sent: [{ method: 'POST', path: '/v1/edr/endpoints/dev-0002/actions/execute-remote-script', body: { script: 'Get-Process', args: '-Verbose' } }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ device_uid: 'dev-0002' })]),
	},
	{
		resource: 'edr',
		operation: 'retrieveFile',
		parameters: { endpointId: rl('dev-0001'), filePath: 'C:\\Temp\\dropper.exe' },
		sent: [{ method: 'POST', path: '/v1/edr/endpoints/dev-0001/actions/retrieve-file', body: { path: 'C:\\Temp\\dropper.exe' } }],
		output: (objects, items) => {
			expect(objects).toEqual([{ fileName: 'dropper.exe', mimeType: 'application/octet-stream', fileSize: expect.any(Number) }]);
			expect(Buffer.from(items[0].binary!.data.data, 'base64').toString()).toContain('Contents of C:\\Temp\\dropper.exe');
		},
	},
	query('edr', 'queryApplications', '/v1/edr/applications', { uid: id('app-'), name: str, version: str }),
	{
		resource: 'edr',
		operation: 'networkQuarantine',
		parameters: { state: 'Disconnect', endpointIds: 'dev-0001, dev-0002', additionalFields: { comment: 'ransomware', isolationType: 'Full' } },
		sent: [{ method: 'POST', path: '/v1/edr/endpoints/actions/quarantine', body: { state: 'Disconnect', endpoint_ids: ['dev-0001', 'dev-0002'], comment: 'ransomware', isolation_type: 'Full' } }],
		output: (objects) => expect(objects).toEqual([{ value: 'dev-0001' }, { value: 'dev-0002' }]),
	},
	query('edr', 'queryThreatevents', '/v1/edr/threats', finding('Detection Finding', 'detection-', { device: { uid: id('dev-') } })),
	query('edr', 'queryAlerts', '/v1/edr/alerts', finding('Detection Finding', 'detection-', { is_alert: true, device: { uid: id('dev-') } })),
	query('edr', 'queryIocs', '/v1/edr/iocs', { type: 'indicator', id: id('indicator--'), pattern: str, pattern_type: 'stix' }),
	{
		resource: 'edr',
		operation: 'createIocs',
		items: [{ type: 'indicator', pattern: "[ipv4-addr:value = '198.51.100.7']", pattern_type: 'stix', valid_from: '2025-01-15T12:00:00Z' }],
		sent: [{ method: 'POST', path: '/v1/edr/iocs', body: { indicators: [{ type: 'indicator', pattern: "[ipv4-addr:value = '198.51.100.7']", pattern_type: 'stix', valid_from: '2025-01-15T12:00:00Z' }] } }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ batch: 1, sent: 1, warnings: [], result: [expect.objectContaining({ pattern: "[ipv4-addr:value = '198.51.100.7']" })] })]),
	},
	{
		resource: 'edr',
		operation: 'deleteIocs',
		parameters: { ids: 'indicator--00000000-0000-4000-8000-000000000001' },
		sent: [{ method: 'DELETE', path: '/v1/edr/iocs', query: { ids: ['indicator--00000000-0000-4000-8000-000000000001'] } }],
		output: (objects) => expect(objects).toEqual([{ value: 'indicator--00000000-0000-4000-8000-000000000001' }]),
	},
	query('edr', 'queryIoa', '/v1/edr/ioas', { id: id('ioa-'), name: str, enabled: expect.any(Boolean) }),
	{
		resource: 'edr',
		operation: 'createIoa',
		parameters: { ioa: patch({ name: 'Encoded PowerShell', platform: 'windows', rule_type: 'process_creation' }) },
		sent: [{ method: 'POST', path: '/v1/edr/ioas', body: { ioa: { name: 'Encoded PowerShell', platform: 'windows', rule_type: 'process_creation' } } }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ name: 'Encoded PowerShell', id: expect.any(String) })]),
	},
	{
		resource: 'edr',
		operation: 'deleteIoa',
		parameters: { ids: 'ioa-2', additionalFields: { groupId: 'none' } },
		sent: [{ method: 'DELETE', path: '/v1/edr/ioas', query: { ids: ['ioa-2'], group_id: ['none'] } }],
		output: (objects) => expect(objects).toEqual([{ value: 'ioa-2' }]),
	},
	query('edr', 'queryPostureScore', '/v1/edr/posture_score', { class_name: 'Device Config State', device: { uid: id('dev-') }, cis_benchmark_result: { score: num } }),
	query('edr', 'queryEdrEvents', '/v1/edr/edr_events', { class_name: 'Process Activity', time: num, metadata: { uid: str }, process: { name: str }, device: { hostname: str } }),
	{
		...query('edr', 'getThreatNotes', '/v1/edr/threats/detection-0001/notes', { class_name: 'Note Activity', note: { uid: id('note-detection-0001-'), content: str } }, { threatId: rl('detection-0001') }),
		sent: [{ method: 'GET', path: '/v1/edr/threats/detection-0001/notes', query: limit() }],
	},
	{
		resource: 'edr',
		operation: 'createThreatNote',
		parameters: { threatId: rl('detection-0002'), note: patch({ class_name: 'Note Activity', note: { content: 'Contained' } }) },
		sent: [{ method: 'POST', path: '/v1/edr/threats/detection-0002/notes', body: { note: { class_name: 'Note Activity', note: { content: 'Contained' } } } }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ note: { content: 'Contained' } })]),
	},
	// Identity
	query('identity', 'queryAuditLog', '/v1/identity/audit', { class_name: 'Authentication', time: num, status: str, user: { name: str } }),
	query('identity', 'queryRiskEvents', '/v1/identity/risk-events', finding('Detection Finding', 'detection-', { actor: { user: { name: str } } })),
	query('identity', 'queryRiskyUsers', '/v1/identity/risky-users', { ...USER, risk_level: 'High' }),
	{
		...query('identity', 'queryUsers', '/v1/identity/users', USER),
		output: (objects) => expect(objects[0]).toEqual({ entity: { uid: 'usr-0001', name: 'ana', type: 'User' }, user: { uid: 'usr-0001', name: 'ana', email_addr: 'ana@acme.example' } }),
	},
	get('identity', 'getUser', '/v1/identity/users/usr-0002', { userId: rl('usr-0002') }, { entity: { uid: 'usr-0002' } }),
	query('identity', 'queryGroups', '/v1/identity/groups', { entity: { uid: id('grp-'), name: str, type: 'Group' }, group: { uid: id('grp-'), name: str } }),
	get('identity', 'getGroup', '/v1/identity/groups/grp-1', { groupId: rl('grp-1') }, { entity: { uid: 'grp-1' } }),
	query('identity', 'getGroupMembers', '/v1/identity/groups/grp-1/members', USER, { groupId: rl('grp-1') }),
	action('identity', 'enableUser', 'POST', '/v1/identity/users/usr-0005/actions/enable', { userId: rl('usr-0005') }),
	action('identity', 'disableUser', 'POST', '/v1/identity/users/usr-0003/actions/disable', { userId: rl('usr-0003') }),
	action('identity', 'forceUserPasswordReset', 'POST', '/v1/identity/users/usr-0003/actions/force_reset_password', { userId: rl('usr-0003') }),
	action('identity', 'expireAllUserSessions', 'POST', '/v1/identity/users/usr-0003/actions/expire_all_sessions', { userId: rl('usr-0003') }),
	{
		resource: 'identity',
		operation: 'getUserPicture',
		parameters: { userId: rl('usr-0001'), binaryPropertyName: 'picture' },
		sent: [{ method: 'GET', path: '/v1/identity/users/usr-0001/picture' }],
		output: (objects, items) => {
			expect(objects).toEqual([{ fileName: 'usr-0001.png', mimeType: 'image/png', fileSize: expect.any(Number) }]);
			expect(items[0].binary?.picture.mimeType).toBe('image/png');
			expect(Buffer.from(items[0].binary!.picture.data, 'base64').subarray(1, 4).toString()).toBe('PNG');
		},
	},
	// Cloud security
	query('cloudSecurity', 'queryEvents', '/v1/cloudsecurity/events', { class_name: 'API Activity', time: num, api: { operation: str }, actor: { user: { name: str } } }),
	query('cloudSecurity', 'queryIoms', '/v1/cloudsecurity/ioms', finding('Compliance Finding', 'compliance-', { compliance: { status: str } })),
	query('cloudSecurity', 'queryCloudResourceInventory', '/v1/cloudsecurity/cloudresourcesinventory', { class_name: 'Cloud Resources Inventory Info', resources: [{ uid: id('arn:aws:s3:::'), type: str, name: str }], cloud: { provider: 'AWS', region: str } }),
	query('cloudSecurity', 'queryComplianceFindings', '/v1/cloudsecurity/compliancefindings', finding('Compliance Finding', 'compliance-', { compliance: { status: str, standards: expect.any(Array) } })),
	query('cloudSecurity', 'queryThreats', '/v1/cloudsecurity/threats', finding('Detection Finding', 'detection-')),
	// App security
	query('appSecurity', 'queryApplications', '/v1/app-sec/applications', { application: { uid: id('app-'), name: str, version: str } }),
	query('appSecurity', 'queryApplicationFindings', '/v1/app-sec/applications/app-1/findings', finding('Application Security Posture Finding', 'application-'), { applicationId: rl('app-1') }),
	query('appSecurity', 'queryFindings', '/v1/app-sec/findings', finding('Application Security Posture Finding', 'application-')),
	{
		resource: 'appSecurity',
		operation: 'createFindings',
		items: [{ class_uid: 2007, finding_info: { uid: 'x' } }],
		sent: [{ method: 'POST', path: '/v1/app-sec/findings/bulk', body: [{ class_uid: 2007, finding_info: { uid: 'x' } }] }],
		output: (objects) => expect(objects).toEqual([{ batch: 1, sent: 1, warnings: [], result: [{ class_uid: 2007, finding_info: { uid: 'x' } }] }]),
	},
	get('appSecurity', 'getApplicationFindingDetails', '/v1/app-sec/applications/app-1/findings/application-0001', { applicationId: rl('app-1'), findingId: rl('application-0001') }, { finding_info: { uid: 'application-0001' } }),
	query('appSecurity', 'queryApplicationScans', '/v1/app-sec/applications/app-1/scans', { class_name: 'Scan Activity', scan: { uid: id('appscan-'), name: str, type: str }, application: { uid: 'app-1' } }, { applicationId: rl('app-1') }),
	// Email security
	query('emailSecurity', 'queryThreats', '/v1/email-security/threats', finding('Detection Finding', 'detection-')),
	get('emailSecurity', 'getThreatDetails', '/v1/email-security/threats/detection-0001', { threatId: rl('detection-0001') }, { finding_info: { uid: 'detection-0001' } }),
	query('emailSecurity', 'queryEmailEvents', '/v1/email-security/email-events', { class_name: 'Email Activity', email: { uid: id('msg-'), from: str, subject: str } }),
	// Endpoint management
	query('endpointManagement', 'queryDevices', '/v1/endpoint-management/devices', DEVICE),
	get('endpointManagement', 'getDevice', '/v1/endpoint-management/devices/dev-0001', { deviceId: rl('dev-0001') }, { device: { uid: 'dev-0001' } }),
	query('endpointManagement', 'queryComplianceFindings', '/v1/endpoint-management/compliance', finding('Compliance Finding', 'compliance-', { device: { hostname: str } })),
	{
		resource: 'endpointManagement',
		operation: 'remediateDevice',
		parameters: { additionalFields: { deviceId: rl('dev-0001'), action: 'sync', params: '{"force": true}' } },
		sent: [{ method: 'POST', path: '/v1/endpoint-management/devices/actions/remediate', body: { device_id: 'dev-0001', action: 'sync', params: { force: true } } }],
		output: (objects) => expect(objects).toEqual([{ value: expect.stringMatching(/^action-/) }]),
	},
	...(['update', 'lock', 'restart', 'wipe'] as const).map(
		(verb): Case => ({
			resource: 'endpointManagement',
			operation: `${verb}Device`,
			parameters: { deviceId: rl('dev-0002'), additionalFields: { comment: 'n8n' } },
			sent: [{ method: 'POST', path: `/v1/endpoint-management/devices/actions/${verb}`, body: { device_id: 'dev-0002', comment: 'n8n' } }],
			output: (objects) => expect(objects).toEqual([{ value: expect.stringMatching(/^action-/) }]),
		}),
	),
	query('endpointManagement', 'queryDeviceApplications', '/v1/endpoint-management/devices/dev-0001/applications', { device: { uid: id('dev-') }, package: { name: str, version: str } }, { deviceId: rl('dev-0001') }),
	// Incident response
	query('incidentResponse', 'queryEscalationPolicies', '/v1/incident-response/escalation-policies', { uid: id('irp-'), name: str }),
	list('incidentResponse', 'queryEscalationPolicyUsersOnCall', '/v1/incident-response/escalation-policies/irp-1/users-on-call', { uid: id('usr-'), name: str, email_addr: str }, { escalationPolicyId: rl('irp-1') }),
	// Network security
	query('networkSecurity', 'queryTrafficLogConfigurations', '/v1/network-security/traffic/log-configurations', { class_name: 'Cloud Resources Inventory Info', resources: [{ uid: id('flowlog-'), type: 'FlowLog' }] }),
	query('networkSecurity', 'queryTrafficEvents', '/v1/network-security/traffic/log-events', { class_name: 'Network Activity', time: num, src_endpoint: { ip: str }, dst_endpoint: { ip: str, port: num } }),
	// Chat
	query('chat', 'queryUsers', '/v1/chat/users', USER),
	query('chat', 'queryUserConversations', '/v1/chat/users/usr-0001/conversations', CONVERSATION, { userId: rl('usr-0001') }),
	query('chat', 'queryUserConversationMembers', '/v1/chat/users/usr-0001/conversations/conv-1/members', USER, { userId: rl('usr-0001'), conversationId: rl('conv-1') }),
	query('chat', 'queryUserConversationMessages', '/v1/chat/users/usr-0001/conversations/conv-1/messages', MESSAGE, { userId: rl('usr-0001'), conversationId: rl('conv-1') }),
	query('chat', 'queryConversations', '/v1/chat/conversations', CONVERSATION),
	query('chat', 'queryConversationMembers', '/v1/chat/conversations/conv-2/members', USER, { conversationId: rl('conv-2') }),
	query('chat', 'queryConversationMessages', '/v1/chat/conversations/conv-2/messages', MESSAGE, { conversationId: rl('conv-2') }),
	// Storage
	{
		resource: 'storage',
		operation: 'listFiles',
		parameters: { path: 'reports', returnAll: true },
		sent: [{ method: 'GET', path: '/v1/storage/folders/reports', query: limit(1000) }],
		output: (objects) => expect(objects).toEqual([{ path: 'reports/q1.csv' }, { path: 'reports/q2.csv' }]),
	},
	{
		resource: 'storage',
		operation: 'uploadFile',
		parameters: { path: 'uploads/case.txt' },
		items: [file('uploaded by n8n', 'case.txt', 'text/plain')],
		sent: [{ method: 'POST', path: '/v1/storage/files/uploads%2Fcase.txt', body: expect.any(Buffer) }],
		output: (objects) => expect(objects).toEqual([{ success: true }]),
	},
	{
		resource: 'storage',
		operation: 'downloadFile',
		parameters: { path: 'reports/q1.csv' },
		sent: [{ method: 'GET', path: '/v1/storage/files/reports%2Fq1.csv' }],
		output: (objects, items) => {
			expect(objects).toEqual([{ fileName: 'q1.csv', mimeType: 'text/csv', fileSize: 31 }]);
			expect(Buffer.from(items[0].binary!.data.data, 'base64').toString()).toBe('host,findings\nweb-01,3\ndb-01,1\n');
		},
	},
	action('storage', 'deleteFile', 'DELETE', '/v1/storage/files/readme.txt', { path: 'readme.txt' }, undefined, { deleted: true }),
	// Custom
	query('custom', 'query', '/v1/custom/operations/query/widgets', { id: id('widgets-'), name: str, value: num }, { customOperation: 'widgets' }),
	get('custom', 'get', '/v1/custom/operations/get/widgets/widgets-1', { customOperation: 'widgets', objectId: 'widgets-1' }, { id: 'widgets-1' }),
	{
		resource: 'custom',
		operation: 'patch',
		parameters: { customOperation: 'widgets', objectId: 'widgets-2', patchOperations: patch([{ op: 'replace', path: '/name', value: 'Renamed' }]) },
		sent: [{ method: 'PATCH', path: '/v1/custom/operations/patch/widgets/widgets-2', body: [{ op: 'replace', path: '/name', value: 'Renamed' }] }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ id: 'widgets-2', name: 'Renamed' })]),
	},
	action('custom', 'delete', 'DELETE', '/v1/custom/operations/delete/widgets/widgets-3', { customOperation: 'widgets', objectId: 'widgets-3' }, undefined, { deleted: true }),
	{
		resource: 'custom',
		operation: 'post',
		parameters: { customOperation: 'widgets', body: patch({ label: 'New widget' }) },
		sent: [{ method: 'POST', path: '/v1/custom/operations/post/widgets', body: { label: 'New widget' } }],
		output: (objects) => expect(objects).toEqual([{ label: 'New widget', id: expect.any(String) }]),
	},
	{
		resource: 'custom',
		operation: 'postBatch',
		parameters: { customOperation: 'widgets' },
		items: [{ label: 'a' }, { label: 'b' }],
		sent: [{ method: 'POST', path: '/v1/custom/operations/post-batch/widgets', body: [{ label: 'a' }, { label: 'b' }] }],
		output: (objects) => expect(objects).toEqual([{ batch: 1, sent: 2, warnings: [], result: [expect.objectContaining({ label: 'a' }), expect.objectContaining({ label: 'b' })] }]),
	},
	// Operations
	{
		resource: 'operations',
		operation: 'create',
		parameters: { operationName: 'siem_query_events', input: patch({ filters: ['severity_id[gte]3'], limit: 10 }) },
		sent: [{ method: 'POST', path: '/v1/operations', body: { operation: 'siem_query_events', input: { filters: ['severity_id[gte]3'], limit: 10 } } }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ operation: 'siem_query_events', status: 'SCHEDULED', id: expect.any(String) })]),
	},
	{
		resource: 'operations',
		operation: 'get',
		setup: async () => ((await connectorCall<IDataObject>('operations', 'POST', '/v1/operations', { operation: 'siem_query_events', input: {} })).operation as IDataObject),
		parameters: (c) => ({ operationId: String(c.id) }),
		sent: (c) => [{ method: 'GET', path: `/v1/operations/${String(c.id)}` }],
		output: (objects, _, c) => expect(objects).toEqual([expect.objectContaining({ id: c.id, status: 'PROCESSING' })]),
	},
	{
		resource: 'operations',
		operation: 'cancel',
		setup: async () => ((await connectorCall<IDataObject>('operations', 'POST', '/v1/operations', { operation: 'siem_query_events', input: {} })).operation as IDataObject),
		parameters: (c) => ({ operationId: String(c.id) }),
		sent: (c) => [{ method: 'POST', path: `/v1/operations/${String(c.id)}` }],
		output: (objects) => expect(objects).toEqual([{ success: true }]),
	},
	// Integration webhooks
	{
		resource: 'integrationWebhooks',
		operation: 'create',
		parameters: { project: rl('SEC', 'list') },
		sent: [{ method: 'POST', path: '/v1/integration-webhooks', body: { project: 'SEC' } }],
		output: (objects) => expect(objects).toEqual([expect.objectContaining({ name: 'synqly-SEC', enabled: true })]),
	},
	{
		resource: 'integrationWebhooks',
		operation: 'list',
		setup: async () => connectorCall('integrationWebhooks', 'POST', '/v1/integration-webhooks', { project: 'OPS' }),
		sent: [{ method: 'GET', path: '/v1/integration-webhooks' }],
		shape: { id: id('iwh-'), name: str, project: str, enabled: expect.any(Boolean), events: expect.any(Array) },
		output: (objects) => expect(objects).toEqual(expect.arrayContaining([expect.objectContaining({ project: 'OPS' })])),
	},
	action('integrationWebhooks', 'delete', 'DELETE', '/v1/integration-webhooks', {}, undefined, { deleted: true }),
];

test('every row of the Connector table has a case, and every connector operation but the hooks proxy is a row', () => {
	const rows = connectorTable.operations.map((r) => `${r.resource}.${r.operation}`);
	const covered = cases.map((c) => `${c.resource}.${c.operation}`);
	expect(rows.filter((r) => !covered.includes(r))).toEqual([]);
	expect(covered.filter((c) => !rows.includes(c))).toEqual([]);
	expect(new Set(rows).size).toBe(134);
	const shape = (path: string) => path.replace(/\{\w+\}/g, '{}');
	const known = new Set(connectorTable.operations.map((r) => `${r.method} ${shape(r.path)}`));
	const reference = (connectorReference as Array<{ http_method: string; path: string }>).map(
		(op) => `${op.http_method} ${shape(op.path)}`,
	);
	expect(reference).toHaveLength(135);
	expect(reference.filter((op) => !known.has(op))).toEqual(['POST /v1/hooks']);
	// Every case checks what the node outputs, not only that there is output.
	expect(cases.filter((c) => !c.shape && !c.output).map((c) => `${c.resource}.${c.operation}`)).toEqual([]);
});

describe.each(cases)('$resource: $operation', (c) => {
	test('sends the request the reference describes and outputs its result', async () => {
		const context = (await c.setup?.()) ?? {};
		const parameters = typeof c.parameters === 'function' ? c.parameters(context) : (c.parameters ?? {});
		const result = await connector(c.resource, { operation: c.operation, ...parameters }, { items: c.items });
		const items = succeeded(result);
		expectSent(typeof c.sent === 'function' ? c.sent(context) : c.sent, tokens[c.resource]);
		expect(items.length).toBeGreaterThan(0);
		const row = connectorTable.operations.find((r) => r.resource === c.resource && r.operation === c.operation)!;
		for (const item of items) {
			if (row.kind === 'batchWrite') expect(item.pairedItem).toEqual((c.items ?? [{}]).map((_, i) => ({ item: i })));
			else expect(item.pairedItem).toEqual({ item: 0 });
		}
		if (c.shape) for (const object of json(items)) expect(object).toMatchObject(c.shape);
		c.output?.(json(items), items, context);
		expectFitsSchema('nodes/SynqlyConnector', row, json(items));
	});
});

// ---------------------------------------------------------------------------------------------
// Behaviour beyond one request

/** A fresh mock integration of the demo account and its access token. */
function newIntegration(name: string, providerConfig: IDataObject = { type: 'siem_mock_siem' }): string {
	const created = sb.state.createIntegration(sb.state.accounts.get('acme'), { name, provider_config: providerConfig });
	return created.token.access.secret;
}

const event = (n: number) => ({ ...EVENT, metadata: { ...EVENT.metadata, uid: `n8n-${n}` } });

/** JSON of anything, cycles cut: to look for secrets in whole runs and errors. */
function everything(value: unknown): string {
	const seen = new WeakSet<object>();
	return JSON.stringify(value, (_key, v: unknown) => {
		if (typeof v === 'object' && v !== null) {
			if (seen.has(v)) return undefined;
			seen.add(v);
		}
		if (typeof v === 'function') return undefined;
		return v;
	});
}

describe('cursor paging', () => {
	let token = '';
	beforeAll(async () => {
		token = newIntegration('paging-siem');
		const before = sb.requests.length;
		await fetch(`${sb.url}/v1/siem/events`, {
			method: 'POST',
			headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
			body: JSON.stringify(Array.from({ length: 270 }, (_, i) => event(i))),
		});
		sb.requests.splice(before);
	});

	test('Return All follows the cursor until it comes back empty, however short the pages of a provider that caps them', async () => {
		sb.state.settings.pageCap = 100;
		const items = succeeded(await connector('siem', { operation: 'queryEvents', returnAll: true }, { token }));
		expect(items).toHaveLength(300);
		const sent = sentRequests();
		expect(sent).toHaveLength(3);
		// The reference names no largest page for SIEM events: 1,000 asked (UNNAMED_MAX_PAGE), 100 given.
		expect(sent.map((r) => r.query.limit)).toEqual([['1000'], ['1000'], ['1000']]);
		expect(sent[0].query.cursor).toBeUndefined();
		expect(sent[1].query.cursor).toEqual([expect.any(String)]);
		expect(sent[2].query.cursor).not.toEqual(sent[1].query.cursor);
	});

	test('Limit asks for no more than it still needs and stops without fetching an unused page', async () => {
		const items = succeeded(await connector('siem', { operation: 'queryEvents', limit: 150 }, { token }));
		expect(items).toHaveLength(150);
		expect(sentRequests().map((r) => r.query.limit)).toEqual([['150']]);

		sb.requests.length = 0;
		sb.state.settings.pageCap = 100;
		expect(succeeded(await connector('siem', { operation: 'queryEvents', limit: 150 }, { token }))).toHaveLength(150);
		expect(sentRequests().map((r) => r.query.limit)).toEqual([['150'], ['50']]);
	});
});

describe('PENDING queries', () => {
	test('are asked again with their cursor until the data comes', async () => {
		const started = Date.now();
		const items = succeeded(
			await connector('siem', {
				operation: 'queryEvents',
				limit: 3,
				filters: { filter: [{ field: 'pending_polls', operator: 'eq', value: '2' }] },
			}),
		);
		expect(items).toHaveLength(3);
		const sent = sentRequests();
		expect(sent).toHaveLength(3);
		expect(sent[0].query.cursor).toBeUndefined();
		expect(sent[1].query.cursor).toEqual([expect.any(String)]);
		expect(sent[2].query.cursor).toEqual(sent[1].query.cursor);
		// Waited between the tries (1 s, then 2 s).
		expect(Date.now() - started).toBeGreaterThanOrEqual(2900);
	});

	test('fail with a clear error after the Pending Timeout', async () => {
		const result = await connector('siem', {
			operation: 'queryEvents',
			filters: { filter: [{ field: 'pending_polls', operator: 'eq', value: '50' }] },
			options: { pendingTimeout: 1 },
		});
		expect(result.error?.message).toBe("Synqly's provider was still working on the request after 1 s");
		expect(result.error?.description).toContain('Pending Timeout (Seconds)');
		expect(sentRequests()).toHaveLength(2);
	});
});

describe('batches', () => {
	test('10,050 items with the default batch size are 101 requests, every item accounted for', async () => {
		const token = newIntegration('bulk-siem');
		const count = 10_050;
		const items = succeeded(
			await connector('siem', { operation: 'postEvents' }, { token, items: Array.from({ length: count }, (_, i) => event(i)) }),
		);
		const sent = sentRequests();
		expect(sent).toHaveLength(101);
		expect(sent.map((r) => (r.body as unknown[]).length)).toEqual([...Array(100).fill(100), 50]);
		expect(items).toHaveLength(101);
		expect(items.reduce((sum, i) => sum + (i.json.sent as number), 0)).toBe(count);
		const paired = items.flatMap((i) => (i.pairedItem as Array<{ item: number }>).map((p) => p.item));
		expect(paired).toEqual(Array.from({ length: count }, (_, i) => i));
		expect(sb.state.connector('bulk-siem').posted.siem_post_events).toHaveLength(count);
		expect(items[100].json).toEqual({ batch: 101, sent: 50, warnings: [] });
	});

	test("each batch reports Synqly's warnings, leaves out an empty result and says why nothing was sent", async () => {
		const token = newIntegration('warning-siem');
		const problem = { type: 'warning', status: 200, message: 'field dropped', occurred_at: '2025-06-01T00:00:00Z', instance: 'i-1' };
		// A provider that keeps the events and warns about one field (the reference's messages.problems).
		sb.fail({ method: 'POST', path: '/v1/siem/events', status: 200, body: { result: [], messages: { problems: [problem] } }, times: 1 });
		const items = succeeded(
			await connector(
				'siem',
				{ operation: 'postEvents', inputMode: 'field', inputField: 'events' },
				{ token, items: [{ events: [event(1), event(2)] }, { events: [] }] },
			),
		);
		expect(json(items)).toEqual([{ batch: 1, sent: 2, warnings: [problem] }]);

		sb.requests.length = 0;
		const none = succeeded(
			await connector('siem', { operation: 'postEvents', inputMode: 'field', inputField: 'events' }, { token, items: [{ events: [] }] }),
		);
		expect(sentRequests()).toEqual([]);
		expect(json(none)).toEqual([{ batch: 1, sent: 0, warnings: [], reason: 'The items held no events, so no request was sent' }]);
		const row = connectorTable.operations.find((r) => r.resource === 'siem' && r.operation === 'postEvents')!;
		expectFitsSchema('nodes/SynqlyConnector', row, [...json(items), ...json(none)]);
	});

	test('with Concurrency, several batches are in flight and outputs keep batch order', async () => {
		const token = newIntegration('parallel-siem');
		sb.fail({ method: 'POST', path: '/v1/siem/events', status: 200, passthrough: true, delayMs: 200, times: Infinity });
		// The first batch to arrive (one of batches 1-4, which start together) is answered 800 ms
		// later than the others, after all later batches: outputs in answer order would not be batch order.
		sb.state.settings.latencyPattern = [800, 0, 0, 0, 0, 0, 0, 0];
		const items = succeeded(
			await connector(
				'siem',
				{ operation: 'postEvents', options: { batchSize: 10 }, requestOptions: { concurrency: 4 } },
				{ token, items: Array.from({ length: 80 }, (_, i) => event(i)) },
			),
		);
		expect(items.map((i) => i.json.batch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
		expect(items.flatMap((i) => (i.pairedItem as Array<{ item: number }>).map((p) => p.item))).toEqual(Array.from({ length: 80 }, (_, i) => i));
		const starts = sb.requests.map((r) => r.at - sb.requests[0].at);
		expect(starts.filter((t) => t < 150)).toHaveLength(4);
		const [first, ...later] = sb.requests;
		expect(later).toHaveLength(7);
		expect(later.filter((r) => r.answeredAt! > first.answeredAt!).map((r) => r.at - first.at)).toEqual([]);
		expect(sb.state.connector('parallel-siem').posted.siem_post_events).toHaveLength(80);
	});

	test('a failed batch turns exactly its items into error items and the others still go', async () => {
		const token = newIntegration('failing-siem');
		sb.fail({ method: 'POST', path: '/v1/siem/events', status: 500, times: 1 });
		const items = succeeded(
			await connector(
				'siem',
				{ operation: 'postEvents', options: { batchSize: 100 } },
				{ token, items: Array.from({ length: 250 }, (_, i) => event(i)), onError: 'continueRegularOutput' },
			),
		);
		expect(sentRequests()).toHaveLength(3);
		const errors = items.filter((i) => i.json.error);
		expect(errors).toHaveLength(100);
		expect(errors.map((i) => i.pairedItem)).toEqual(Array.from({ length: 100 }, (_, i) => ({ item: i })));
		// n8n keeps the error on the item and sets its json to {error: message}.
		expect(errors[0].json).toEqual({ error: 'Synqly failed with status 500' });
		expect(errors[0].error).toEqual(expect.objectContaining({ httpCode: '500' }));
		expect(items.filter((i) => !i.json.error).map((i) => i.json)).toEqual([
			{ batch: 2, sent: 100, warnings: [] },
			{ batch: 3, sent: 50, warnings: [] },
		]);
		expect(sb.state.connector('failing-siem').posted.siem_post_events).toHaveLength(150);
	});

	test('without Continue On Fail the node stops at the failed batch, naming its first item', async () => {
		const token = newIntegration('invalid-siem');
		const events: IDataObject[] = Array.from({ length: 250 }, (_, i) => event(i));
		delete events[150].class_name;
		const result = await connector('siem', { operation: 'postEvents' }, { token, items: events });
		expect(result.error?.message).toBe('Synqly rejected the parameter "/50/class_name" (body)');
		expect((result.error as unknown as { context: IDataObject }).context.itemIndex).toBe(100);
		expect(sentRequests()).toHaveLength(2);
	});

	test('items whose objects cannot be read fail on their own', async () => {
		const token = newIntegration('field-siem');
		const items = succeeded(
			await connector(
				'siem',
				{ operation: 'postEvents', inputMode: 'field', inputField: 'events' },
				{ token, items: [{ events: [event(1)] }, { other: 1 }, { events: 'text' }, { events: [event(2), event(3)] }], onError: 'continueRegularOutput' },
			),
		);
		expect(items.map((i) => [i.json.error ?? i.json.sent, i.pairedItem])).toEqual([
			['Item 1 has no field "events"', { item: 1 }],
			['Each event must be a JSON object, but field "events" of item 2 holds a string', { item: 2 }],
			[3, [{ item: 0 }, { item: 3 }]],
		]);
	});
});

describe('files', () => {
	test('upload then download gives the same bytes and MIME type', async () => {
		const bytes = Buffer.from([0x25, 0x50, 0x44, 0x46, 0x00, 0xff, 0xfe, 0x80, 0x0a, 0x0d, 0x0a]);
		const uploaded = await connector(
			'storage',
			{ operation: 'uploadFile', path: 'roundtrip/report.pdf' },
			{ items: [file(bytes, 'local.pdf', 'application/pdf')] },
		);
		expect(json(succeeded(uploaded))).toEqual([{ success: true }]);
		const multipart = sb.requests[0];
		expect(multipart.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
		expect((multipart.body as Buffer).toString('latin1')).toContain('name="file"; filename="local.pdf"');

		const downloaded = succeeded(await connector('storage', { operation: 'downloadFile', path: 'roundtrip/report.pdf', binaryPropertyName: 'report' }));
		expect(downloaded[0].json).toEqual({ fileName: 'report.pdf', mimeType: 'application/pdf', fileSize: bytes.length });
		expect(downloaded[0].binary?.report.mimeType).toBe('application/pdf');
		expect(Buffer.from(downloaded[0].binary!.report.data, 'base64')).toEqual(bytes);
	});

	test('an upload without the binary property fails naming it', async () => {
		const result = await connector('storage', { operation: 'uploadFile', path: 'x.txt', binaryPropertyName: 'missing' });
		expect(result.error?.message).toContain('missing');
		expect(sb.requests).toHaveLength(0);
	});
});

describe('errors', () => {
	test('501 names the provider that lacks the operation', async () => {
		const result = await connector('ticketing', { operation: 'getTicket', ticketId: rl('SEC-1') }, { token: tokens.siem });
		expect(result.error?.message).toBe("This integration's provider (siem_mock_siem) does not support this operation");
		expect((result.error as unknown as { httpCode: string }).httpCode).toBe('501');
	});

	test('a wrong integration token points at the integration credential', async () => {
		const result = await connector('siem', { operation: 'queryAlerts' }, { token: 'not-a-token' });
		expect(result.error?.message).toBe('The Synqly token is invalid or expired');
		expect(result.error?.description).toContain('Synqly Integration Token API');
	});
});

describe('organization token mode', () => {
	const orgParameters = (parameters: INodeParameters): INodeParameters => ({
		authentication: 'organizationToken',
		accountId: rl('acme', 'list'),
		integrationId: rl('={{ $json.integration }}'),
		...parameters,
	});
	const org = async (resource: string, parameters: INodeParameters, items: IDataObject[], onError?: 'continueRegularOutput') =>
		await runNode({
			node: 'synqlyConnector',
			parameters: { resource, ...orgParameters(parameters) },
			credentials: { synqlyOrganizationApi: { accessToken: sb.orgToken, baseUrl: sb.url } },
			items,
			onError,
		});
	const minted = () =>
		[...new Set(sb.requests.filter((r) => !r.path.startsWith('/v1/tokens/')).map((r) => r.headers.authorization.replace('Bearer ', '')))];

	beforeAll(() => {
		newIntegration('acme-siem-2');
	});

	test('mints one token per account and integration per execution and sends it as the Bearer', async () => {
		const items = [{ integration: 'acme-siem' }, { integration: 'acme-siem-2' }, { integration: 'acme-siem' }, { integration: 'acme-siem-2' }];
		// One at a time, so that the calls come in item order.
		const result = await org('siem', { operation: 'queryAlerts', limit: 2, requestOptions: { concurrency: 1 } }, items);
		const output = succeeded(result);
		expect(output.map((i) => i.pairedItem)).toEqual([0, 0, 1, 1, 2, 2, 3, 3].map((item) => ({ item })));
		const mints = sb.requests.filter((r) => r.path.startsWith('/v1/tokens/'));
		expect(mints.map((r) => [r.method, r.path, r.body, r.headers.authorization])).toEqual([
			['POST', '/v1/tokens/acme/acme-siem', { token_ttl: '10m' }, `Bearer ${sb.orgToken}`],
			['POST', '/v1/tokens/acme/acme-siem-2', { token_ttl: '10m' }, `Bearer ${sb.orgToken}`],
		]);
		const connectorCalls = sb.requests.filter((r) => r.path === '/v1/siem/alerts');
		expect(connectorCalls).toHaveLength(4);
		const secrets = minted();
		expect(secrets).toHaveLength(2);
		expect(secrets).not.toContain(sb.orgToken);
		expect(connectorCalls[0].headers.authorization).toBe(connectorCalls[2].headers.authorization);
		expect(connectorCalls[1].headers.authorization).toBe(connectorCalls[3].headers.authorization);
		for (const secret of secrets) expect(everything(result.run)).not.toContain(secret);
	});

	test('items running at once (Concurrency) share one minted token per integration', async () => {
		const items = Array.from({ length: 9 }, (_, i) => ({ integration: i % 3 === 0 ? 'acme-siem-2' : 'acme-siem' }));
		const output = succeeded(await org('siem', { operation: 'queryAlerts', limit: 1, requestOptions: { concurrency: 4 } }, items));
		expect(output.map((i) => i.pairedItem)).toEqual(items.map((_, item) => ({ item })));
		const mints = sb.requests.filter((r) => r.path.startsWith('/v1/tokens/')).map((r) => r.path).sort();
		expect(mints).toEqual(['/v1/tokens/acme/acme-siem', '/v1/tokens/acme/acme-siem-2']);
	});

	test('bulk writes group items by integration and mint once for each', async () => {
		const result = await org('siem', { operation: 'postEvents' }, [
			{ integration: 'acme-siem', ...event(1) },
			{ integration: 'acme-siem-2', ...event(2) },
			{ integration: 'acme-siem', ...event(3) },
		]);
		expect(json(succeeded(result))).toEqual([
			{ batch: 1, sent: 2, warnings: [] },
			{ batch: 2, sent: 1, warnings: [] },
		]);
		expect(sb.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'POST /v1/tokens/acme/acme-siem',
			'POST /v1/siem/events',
			'POST /v1/tokens/acme/acme-siem-2',
			'POST /v1/siem/events',
		]);
	});

	test('the minted token appears in no error, for API errors and network failures alike', async () => {
		const notFound = await org('siem', { operation: 'getAlert', alertId: rl('no-such-alert') }, [{ integration: 'acme-siem' }], 'continueRegularOutput');
		expect(succeeded(notFound)[0].json).toEqual({ error: "Synqly could not find alert 'no-such-alert'" });
		const secret = minted()[0];
		expect(secret).toMatch(/\S{10}/);
		expect(everything(notFound.run)).not.toContain(secret);

		sb.requests.length = 0;
		sb.fail({ method: 'GET', path: '/v1/siem/alerts', status: 0, times: 1 });
		const network = await org('siem', { operation: 'queryAlerts', requestOptions: { retries: 0 } }, [{ integration: 'acme-siem' }]);
		expect(network.error).toBeDefined();
		const networkSecret = minted()[0];
		expect(everything(network.error)).not.toContain(networkSecret);
		expect(everything(network.run)).not.toContain(networkSecret);
	});

	test('an unknown integration fails naming it, before any connector call', async () => {
		const result = await org('siem', { operation: 'queryAlerts' }, [{ integration: 'nope' }]);
		expect(result.error?.message).toBe("Synqly could not find integration 'nope' of account 'acme'");
		expect(sb.requests.map((r) => r.path)).toEqual(['/v1/tokens/acme/nope']);
	});
});

describe('list searches', () => {
	test('connector lists with the integration token, narrowed by the search text', async () => {
		const found = await listSearch({
			node: 'synqlyConnector',
			method: 'searchTicket',
			parameters: { authentication: 'integrationToken', resource: 'ticketing', operation: 'getTicket' },
			credentials: { synqlyIntegrationApi: { accessToken: tokens.ticketing, baseUrl: sb.url } },
			filter: 'firewall',
		});
		expect(found.results.length).toBeGreaterThan(0);
		for (const r of found.results) expect(r.name).toMatch(/firewall/i);
		expect(found.results[0]).toEqual({ name: expect.stringMatching(/\(\w+-\d+\)$/), value: expect.stringMatching(/^\w+-\d+$/) });
	});

	test('connector lists with a token minted for the chosen account and integration', async () => {
		const credentials = { synqlyOrganizationApi: { accessToken: sb.orgToken, baseUrl: sb.url } };
		const parameters = { authentication: 'organizationToken', accountId: rl('acme'), integrationId: rl('acme-tickets'), resource: 'ticketing', operation: 'getTicket' };
		const accounts = await listSearch({ node: 'synqlyConnector', method: 'searchAccount', parameters, credentials });
		expect(accounts.results).toEqual(expect.arrayContaining([expect.objectContaining({ value: 'acc_acme' })]));
		const integrations = await listSearch({ node: 'synqlyConnector', method: 'searchIntegration', parameters, credentials });
		expect(integrations.results.map((r) => r.value)).toEqual(expect.arrayContaining(['int_acme_tickets']));
		sb.requests.length = 0;
		const projects = await listSearch({ node: 'synqlyConnector', method: 'searchProject', parameters, credentials });
		expect(projects.results).toEqual([
			{ name: 'Security (SEC)', value: 'SEC' },
			{ name: 'Operations (OPS)', value: 'OPS' },
			{ name: 'IT Help Desk (IT)', value: 'IT' },
		]);
		expect(sb.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /v1/tokens/acme/acme-tickets', 'GET /v1/ticketing/projects']);
		// A search is one request: its minted token lives a minute, not the ten minutes an execution's does.
		expect(sb.requests[0].body).toEqual({ token_ttl: '1m' });
	});

	test('dependent lists wait for the field they depend on', async () => {
		const credentials = { synqlyIntegrationApi: { accessToken: tokens.ticketing, baseUrl: sb.url } };
		const none = await listSearch({ node: 'synqlyConnector', method: 'searchComment', parameters: { authentication: 'integrationToken', resource: 'ticketing', operation: 'deleteComment' }, credentials });
		expect(none.results).toEqual([]);
		const some = await listSearch({ node: 'synqlyConnector', method: 'searchComment', parameters: { authentication: 'integrationToken', resource: 'ticketing', operation: 'deleteComment', ticketId: rl('OPS-2') }, credentials });
		expect(some.results.length).toBeGreaterThan(0);
	});
});

describe('secrets in errors', () => {
	test('an error that carries a minted token leaves the node without it', () => {
		const node = { id: 'n', name: 'Synqly', type: 'n8n-nodes-synqly.synqlyConnector', typeVersion: 1, position: [0, 0] as [number, number], parameters: {} };
		const auth = new ConnectorAuth({ node } as unknown as SynqlyClient, () => undefined);
		auth.secrets.add('minted-secret-123');
		const error = new NodeApiError(node, { message: 'Request failed' }, { description: 'sent Bearer minted-secret-123', httpCode: '502' });
		Object.defineProperty(error, 'cause', { value: { config: { headers: { Authorization: 'Bearer minted-secret-123' } } } });
		const scrubbed = auth.scrub(error, 4) as NodeApiError;
		expect(scrubbed).not.toBe(error);
		expect(scrubbed.description).toBe('sent Bearer ***');
		expect(scrubbed.httpCode).toBe('502');
		expect(scrubbed.context.itemIndex).toBe(4);
		expect(everything({ ...scrubbed, cause: scrubbed.cause, message: scrubbed.message })).not.toContain('minted-secret-123');
		const clean = new NodeApiError(node, { message: 'Not found' }, { httpCode: '404' });
		expect(auth.scrub(clean, 0)).toBe(clean);
	});
});
