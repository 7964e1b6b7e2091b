/**
 * Bad input never reaches the API: one table of bad inputs, each run through the real node (both
 * nodes, many operations) by n8n's workflow engine against the sandbox, and the Connector
 * Trigger's Filters through a poll as n8n-core runs it ("Fetch Test Event", which queries at
 * once). A row either fails with a NodeOperationError naming the field and the item before any
 * request is sent, or with a NodeApiError carrying Synqly's own explanation, from the row's own
 * endpoint only.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { binaryItem, Poller, rl, runNode, type Credentials, type RunNodeResult, type TestItem } from './harness';
import { SANDBOX_DEMO_SIEM_TOKEN, SANDBOX_DEMO_TICKETS_TOKEN, startSandbox, type Sandbox } from './sandbox/server';

let sb: Sandbox;
/** Integration tokens by Connector resource. */
const tokens: Record<string, string> = {};

beforeAll(async () => {
	sb = await startSandbox({ seed: 'demo' });
	tokens.siem = SANDBOX_DEMO_SIEM_TOKEN;
	tokens.ticketing = SANDBOX_DEMO_TICKETS_TOKEN;
	const account = sb.state.accounts.get('acme');
	const providers: Record<string, IDataObject> = {
		sink: { type: 'sink_mock_sink' },
		edr: { type: 'edr_crowdstrike_mock', dataset: 'default' },
		vulnerabilities: { type: 'vulnerabilities_qualys_cloud_mock', dataset: 'default' },
		storage: { type: 'storage_mock_storage', bucket: 'n8n' },
		custom: { type: 'custom_synqly', custom_id: 'n8n', endpoints: ['https://api.example.com'], tags: ['n8n'] },
	};
	for (const [resource, config] of Object.entries(providers)) {
		tokens[resource] = sb.state.createIntegration(account, { name: `bad-${resource}`, provider_config: config }).token.access.secret;
	}
	tokens.operations = SANDBOX_DEMO_SIEM_TOKEN;
});
afterAll(async () => {
	await sb.close();
});
beforeEach(() => {
	sb.requests.length = 0;
	sb.clearFaults();
});

type Words = Array<string | RegExp>;

interface BadInput {
	/** The bad input, in words. */
	input: string;
	node: 'management' | 'connector' | 'connectorTrigger';
	parameters: INodeParameters;
	/** Default: one empty item. */
	items?: TestItem[];
	/** The item the error must name (default 0). */
	item?: number;
	/** The error class, and words its message and description must hold together. */
	error: 'NodeOperationError' | 'NodeApiError';
	words: Words;
	/** NodeApiError rows: the row's own endpoint, the only one a request may go to. */
	endpoint?: string;
	/** The credential's Base URL (default: the sandbox's). */
	baseUrl?: string;
}

const ONE_KB = 'x'.repeat(1025);
const EVENT = { class_name: 'Authentication', class_uid: 3002, category_uid: 3, activity_id: 1, type_uid: 300201, time: 1736942400000, severity_id: 1, metadata: { version: '1.3.0', product: { name: 'n8n' } } };
const INDICATOR = { type: 'indicator', pattern: "[ipv4-addr:value = '198.51.100.7']", pattern_type: 'stix', valid_from: '2025-01-15T12:00:00Z' };
const json = (value: unknown) => JSON.stringify(value);
const file = binaryItem({}, { data: { data: Buffer.from('hello'), fileName: 'hello.txt', mimeType: 'text/plain' } });

/** An id given by an expression from the item's `id`. */
const fromItem = rl('={{ $json.id }}');
const getAccount = (id: unknown) => ({ node: 'management' as const, parameters: { resource: 'account', operation: 'get', accountId: fromItem }, items: [{ id } as IDataObject] });
const accountFilters = (filter: INodeParameters) => ({ node: 'management' as const, parameters: { resource: 'account', operation: 'getAll', filters: { filter: [filter] } } });
const patchAccount = (patchOperations: string) => ({ node: 'management' as const, parameters: { resource: 'account', operation: 'patch', accountId: rl('acme'), patchOperations } });
const ticketing = (operation: string, parameters: INodeParameters, items?: TestItem[]) => ({ node: 'connector' as const, parameters: { resource: 'ticketing', operation, ...parameters }, items });
const connector = (resource: string, operation: string, parameters: INodeParameters, items?: TestItem[]) => ({ node: 'connector' as const, parameters: { resource, operation, ...parameters }, items });

/** The Connector Trigger on SIEM alerts with these Filters rules. */
const triggerFilters = (...filter: INodeParameters[]) => ({ node: 'connectorTrigger' as const, parameters: { source: 'siem:queryAlerts:time', filters: { filter } } });
const SEVERITY = { field: 'severity_id', operator: 'gte', value: '4' };

const PATH_TRAVERSAL = [/path segment/, /"\.\."|"\."/];
const CONTROL = [/control character/];

const table: BadInput[] = [
	// Empty required ids
	{ input: 'an empty Account ID', ...getAccount(''), error: 'NodeOperationError', words: ['"Account" is required but empty'] },
	{ input: 'an Account ID of spaces', ...getAccount('   '), error: 'NodeOperationError', words: ['"Account" is required but empty'] },
	{ input: 'an Account ID the expression finds nothing for', ...getAccount(undefined), error: 'NodeOperationError', words: ['"Account" is required but empty'] },
	// (A required field left empty in the form is n8n's own check: the workflow does not run.)
	{ input: 'a Ticket ID the expression makes empty', ...ticketing('getTicket', { ticketId: fromItem }, [{ id: '' }]), error: 'NodeOperationError', words: ['"Ticket" is required but empty'] },
	{ input: 'a file path the expression makes empty', ...connector('storage', 'downloadFile', { path: '={{ $json.path }}' }, [{ path: ' ' }]), error: 'NodeOperationError', words: ['"File Path" is required but empty'] },
	// Wrong types: an expression that gives an object or a list where text is needed
	{ input: 'an Account ID that is an object', ...getAccount({ id: 'acme' }), error: 'NodeOperationError', words: ['"Account" must be text', 'an object'] },
	{ input: 'an Account ID that is a list', ...getAccount(['acme']), error: 'NodeOperationError', words: ['"Account" must be text', 'a list'] },
	{ input: 'an account Name that is an object', node: 'management', parameters: { resource: 'account', operation: 'create', name: '={{ $json.name }}' }, items: [{ name: { first: 'acme' } }], error: 'NodeOperationError', words: ['"Name" must be text', 'an object'] },
	{ input: 'a ticket Name that is a list', ...ticketing('createTicket', { name: '={{ $json.name }}' }, [{ name: ['a', 'b'] }]), error: 'NodeOperationError', words: ['"Name" must be text', 'a list'] },
	{ input: 'a ticket Summary that is an object', ...ticketing('createTicket', { name: 'ok', additionalFields: { summary: '={{ $json.s }}' } }, [{ s: { a: 1 } }]), error: 'NodeOperationError', words: ['"Summary" must be text', 'an object'] },
	{ input: 'Include Raw Data given "yes"', ...connector('siem', 'queryEvents', { options: { includeRawData: '={{ "yes" }}' } }), error: 'NodeOperationError', words: ['"Include Raw Data" must be true or false', '"yes"'] },
	{ input: 'ticket Tags that are an object', ...ticketing('createTicket', { name: 'ok', additionalFields: { tags: '={{ $json.tags }}' } }, [{ tags: { team: 'soc' } }]), error: 'NodeOperationError', words: ['"Tags" must be a list of texts', 'an object'] },
	{ input: 'an Expand list holding an object', node: 'management', parameters: { resource: 'integration', operation: 'getAllInOrganization', options: { expand: '={{ [$json] }}' } }, error: 'NodeOperationError', words: ['must be a list of texts', 'an object'] },
	{ input: 'a Limit that is text', node: 'management', parameters: { resource: 'account', operation: 'getAll', limit: '={{ "ten" }}' }, error: 'NodeOperationError', words: ['"Limit" must be a whole number of at least 1', '"ten"'] },
	{ input: 'a Limit of 0', ...ticketing('queryTickets', { limit: 0 }), error: 'NodeOperationError', words: ['"Limit" must be a whole number of at least 1'] },
	{ input: 'a Batch Size of 0', ...connector('siem', 'postEvents', { options: { batchSize: 0 } }, [EVENT]), error: 'NodeOperationError', words: ['"Batch Size" must be a whole number of at least 1'] },
	{ input: 'a ticket Priority the reference does not have', ...ticketing('createTicket', { name: 'ok', additionalFields: { priority: '={{ "SUPER" }}' } }), error: 'NodeApiError', endpoint: 'POST /v1/ticketing/tickets', words: ['Synqly rejected the parameter "/priority"', "Invalid priority 'SUPER'"] },
	// Invalid JSON
	{ input: 'invalid JSON in Environments', node: 'management', parameters: { resource: 'integrationPoint', operation: 'create', name: 'p', connector: 'siem', environments: '{"test": [' }, error: 'NodeOperationError', words: ['"Environments (JSON)" is not valid JSON'] },
	{ input: 'invalid JSON in Custom Fields', ...ticketing('createTicket', { name: 'ok', additionalFields: { customFields: '{team: soc}' } }), error: 'NodeOperationError', words: ['"Custom Fields (JSON)" is not valid JSON'] },
	{ input: 'invalid JSON in a custom operation body', ...connector('custom', 'post', { customOperation: 'widgets', body: '{"a":1,}' }), error: 'NodeOperationError', words: ['is not valid JSON'] },
	{ input: 'invalid JSON as the events of Post Events', ...connector('siem', 'postEvents', { inputMode: 'json', inputJson: '[{"class_name": "Authentication"' }), error: 'NodeOperationError', words: ['is not valid JSON'] },
	// JSON of the wrong shape: JSON Patch
	{ input: 'a JSON Patch that is an object', ...patchAccount(json({ op: 'replace', path: '/fullname', value: 'x' })), error: 'NodeOperationError', words: ['"Patch Operations (JSON)" must be a non-empty array'] },
	{ input: 'an empty JSON Patch', ...patchAccount('[]'), error: 'NodeOperationError', words: ['"Patch Operations (JSON)" must be a non-empty array'] },
	{ input: 'a JSON Patch op that does not exist', ...patchAccount(json([{ op: 'rename', path: '/fullname' }])), error: 'NodeOperationError', words: ['"Patch Operations (JSON)"', 'entry 0', '"rename"'] },
	{ input: 'a JSON Patch path without a leading /', ...patchAccount(json([{ op: 'remove', path: 'fullname' }])), error: 'NodeOperationError', words: ['"Patch Operations (JSON)"', 'entry 0', '"path"'] },
	{ input: 'a JSON Patch replace without a value', ...patchAccount(json([{ op: 'replace', path: '/fullname', value: 'ok' }, { op: 'replace', path: '/fullname' }])), error: 'NodeOperationError', words: ['"Patch Operations (JSON)"', 'entry 1', '"value"'] },
	{ input: 'a JSON Patch move without from', ...ticketing('patchTicket', { ticketId: rl('OPS-2'), patchOperations: json([{ op: 'move', path: '/summary' }]) }), error: 'NodeOperationError', words: ['"Patch Operations (JSON)"', 'entry 0', '"from"'] },
	// JSON of the wrong shape: OCSF events and STIX indicators
	{ input: 'an OCSF event that is a string (field mode)', ...connector('siem', 'postEvents', { inputMode: 'field', inputField: 'events' }, [{ events: [EVENT] }, { events: [EVENT] }, { events: 'login failed' }]), item: 2, error: 'NodeOperationError', words: ['Each event must be a JSON object', 'item 2', 'a string'] },
	{ input: 'an OCSF event list with a number in it', ...connector('sink', 'postEvents', { inputMode: 'field', inputField: 'events' }, [{ events: [EVENT] }, { events: [EVENT, 7] }]), item: 1, error: 'NodeOperationError', words: ['Each event must be a JSON object', 'item 1', 'at position 1'] },
	{ input: 'a missing events field', ...connector('siem', 'postEvents', { inputMode: 'field', inputField: 'events' }, [{ events: EVENT }, { other: 1 }]), item: 1, error: 'NodeOperationError', words: ['Item 1 has no field "events"'] },
	{ input: 'an OCSF event without class_name', ...connector('siem', 'postEvents', {}, [{ ...EVENT, class_name: undefined }]), error: 'NodeApiError', endpoint: 'POST /v1/siem/events', words: ['Synqly rejected the parameter "/0/class_name"', 'Event 0 has no class_name'] },
	{ input: 'a STIX indicator that is a string (JSON mode)', ...connector('edr', 'createIocs', { inputMode: 'json', inputJson: json(["[ipv4-addr:value = '1.2.3.4']"]) }), error: 'NodeOperationError', words: ['Each indicator must be a JSON object', 'item 0', 'a string'] },
	{ input: 'a STIX indicator whose type is not "indicator"', ...connector('edr', 'createIocs', {}, [{ ...INDICATOR, type: 'malware' }]), error: 'NodeApiError', endpoint: 'POST /v1/edr/iocs', words: ['Synqly rejected the parameter "/indicators/0/type"', "'malware'"] },
	{ input: 'a STIX indicator without valid_from', ...connector('edr', 'createIocs', {}, [{ ...INDICATOR, valid_from: undefined }]), error: 'NodeApiError', endpoint: 'POST /v1/edr/iocs', words: ['Synqly rejected the parameter "/indicators/0/valid_from"'] },
	{ input: 'a vulnerability asset that is a list', ...connector('vulnerabilities', 'createAsset', { asset: json([{ uid: 'a' }]), sourceName: 'n8n' }), error: 'NodeApiError', endpoint: 'POST /v1/vulnerabilities/assets', words: ['Synqly rejected the parameter "/asset"', "'asset' is missing"] },
	{ input: 'an operation input that is a string', ...connector('operations', 'create', { operationName: 'siem_query_events', input: '"everything"' }), error: 'NodeApiError', endpoint: 'POST /v1/operations', words: ['Synqly rejected the parameter "/input"', "'input' is missing"] },
	// Oversized strings
	{ input: 'an Account ID of 1,025 characters', ...getAccount(ONE_KB), error: 'NodeOperationError', words: ['"Account" is 1025 characters long', '1024'] },
	{ input: 'a file path of 1,025 characters', ...connector('storage', 'downloadFile', { path: `reports/${ONE_KB}` }), error: 'NodeOperationError', words: ['"File Path" is 1033 characters long'] },
	{ input: 'a filter value of 4,097 characters', ...accountFilters({ field: 'name', operator: 'eq', value: 'x'.repeat(4097) }), error: 'NodeOperationError', words: ['"Filters"', 'rule 1', '4097 characters'] },
	// Control characters in ids
	{ input: 'an Account ID with a NUL', ...getAccount('ac\u0000me'), error: 'NodeOperationError', words: ['"Account"', ...CONTROL, 'U+0000'] },
	{ input: 'an Integration ID with CR LF (header injection)', node: 'management', parameters: { resource: 'integration', operation: 'get', accountId: rl('acme'), integrationId: rl('acme-siem\r\nX-Injected: 1') }, error: 'NodeOperationError', words: ['"Integration"', ...CONTROL, 'U+000D'] },
	{ input: 'a Ticket ID with a tab', ...ticketing('getTicket', { ticketId: rl('OPS\t2') }), error: 'NodeOperationError', words: ['"Ticket"', ...CONTROL, 'U+0009'] },
	{ input: 'a file path with an escape character', ...connector('storage', 'downloadFile', { path: 'reports/\u001b[31mq1.csv' }), error: 'NodeOperationError', words: ['"File Path"', ...CONTROL, 'U+001B'] },
	// Path traversal
	{ input: 'the Account ID ".."', ...getAccount('..'), error: 'NodeOperationError', words: ['"Account" cannot be ".."'] },
	{ input: 'the Account ID "../x"', ...getAccount('../x'), error: 'NodeOperationError', words: ['"Account"', ...PATH_TRAVERSAL] },
	{ input: 'the Account ID "a/../../b"', ...getAccount('a/../../b'), error: 'NodeOperationError', words: ['"Account"', ...PATH_TRAVERSAL] },
	{ input: 'the Account ID "%2e%2e" (encoded ..)', ...getAccount('%2e%2e'), error: 'NodeOperationError', words: ['"Account"', ...PATH_TRAVERSAL] },
	{ input: 'the Account ID "%2E%2E%2Fx" (encoded ../x)', ...getAccount('%2E%2E%2Fx'), error: 'NodeOperationError', words: ['"Account"', ...PATH_TRAVERSAL] },
	{ input: 'the Ticket ID "..\\x" (backslash)', ...ticketing('getTicket', { ticketId: rl('..\\x') }), error: 'NodeOperationError', words: ['"Ticket"', ...PATH_TRAVERSAL] },
	{ input: 'the upload path "../../etc/passwd"', ...connector('storage', 'uploadFile', { path: '../../etc/passwd' }, [file]), error: 'NodeOperationError', words: ['"File Path"', ...PATH_TRAVERSAL] },
	{ input: 'a file whose MIME type carries a header (CR/LF)', ...connector('storage', 'uploadFile', { path: 'a.txt' }, [binaryItem({}, { data: { data: Buffer.from('x'), fileName: 'x.txt', mimeType: 'text/plain\r\nX-Injected: yes' } })]), error: 'NodeOperationError', words: ['MIME type', 'Item 0', 'type/subtype'] },
	{ input: 'a file whose MIME type is not type/subtype', ...connector('storage', 'uploadFile', { path: 'a.txt' }, [binaryItem({}, { data: { data: Buffer.from('x'), fileName: 'x.txt', mimeType: 'text' } })]), error: 'NodeOperationError', words: ['MIME type', '"text"', 'type/subtype'] },
	{ input: 'the download path "reports/./q1.csv"', ...connector('storage', 'downloadFile', { path: 'reports/./q1.csv' }), error: 'NodeOperationError', words: ['"File Path"', ...PATH_TRAVERSAL] },
	// Where a credential may send its token (the Base URL rule), and Create or Update's match value
	{ input: 'a Base URL with a user name before the host', ...getAccount('acme'), baseUrl: 'https://api.synqly.com@127.0.0.1:9', error: 'NodeOperationError', words: ['Base URL', 'user name', 'nothing was sent'] },
	{ input: 'a Base URL of plain http to another host', ...getAccount('acme'), baseUrl: 'http://api.example.com', error: 'NodeOperationError', words: ['Base URL', 'http', 'nothing was sent'] },
	{ input: 'a Base URL with a query', ...connector('siem', 'queryAlerts', {}), baseUrl: 'https://api.synqly.com/?to=evil.example', error: 'NodeOperationError', words: ['Base URL', 'query', 'nothing was sent'] },
	{ input: 'a Create or Update name with a newline', node: 'management', parameters: { resource: 'account', operation: 'upsert', name: 'acme\nX-Injected: 1' }, error: 'NodeOperationError', words: ['"Name"', ...CONTROL] },
	{ input: 'a Create or Update name with [ and ]', node: 'management', parameters: { resource: 'account', operation: 'upsert', name: 'acme]x[' }, error: 'NodeOperationError', words: ['"Name"', '[', ']'] },
	// Malformed filter and sort expressions
	{ input: 'a filter with an empty field', ...accountFilters({ field: '  ', operator: 'eq', value: 'acme' }), error: 'NodeOperationError', words: ['"Filters"', 'rule 1', 'field'] },
	{ input: 'a filter field with brackets', ...accountFilters({ field: 'name[eq]x', operator: 'eq', value: 'acme' }), error: 'NodeOperationError', words: ['"Filters"', 'rule 1', '"name[eq]x"'] },
	{ input: 'a filter operator from an expression that Synqly lacks', ...accountFilters({ field: 'name', operator: '={{ "regex" }}', value: 'acme' }), error: 'NodeOperationError', words: ['"Filters"', 'rule 1', '"regex"', 'use one of eq, gt, gte, in, lt, lte, like, ne'] },
	{ input: 'a filter value with [ and ]', ...ticketing('queryTickets', { filters: { filter: [{ field: 'project', operator: 'eq', value: 'OPS' }, { field: 'summary', operator: 'eq', value: 'a]b[c' }] } }), error: 'NodeOperationError', words: ['"Filters"', 'rule 2', '[', ']'] },
	{ input: 'a filter value with a newline', ...ticketing('queryTickets', { filters: { filter: [{ field: 'summary', operator: 'like', value: 'a\nb' }] } }), error: 'NodeOperationError', words: ['"Filters"', 'rule 1', ...CONTROL] },
	{ input: 'a filter value that is an object', ...accountFilters({ field: 'name', operator: 'eq', value: '={{ $json }}' }), error: 'NodeOperationError', words: ['"Filters"', 'rule 1', 'must be text'] },
	{ input: 'a sort with an empty field', node: 'management', parameters: { resource: 'account', operation: 'getAll', sort: { rule: [{ field: '', direction: 'asc' }] } }, error: 'NodeOperationError', words: ['"Sort"', 'rule 1', 'field'] },
	{ input: 'a sort direction from an expression that is neither asc nor desc', node: 'management', parameters: { resource: 'account', operation: 'getAll', sort: { rule: [{ field: 'name', direction: '={{ "up" }}' }] } }, error: 'NodeOperationError', words: ['"Sort"', 'rule 1', '"up"'] },
	// The Connector Trigger's Filters (the same checks, through its poll)
	{ input: 'a trigger filter with an empty field', ...triggerFilters({ ...SEVERITY, field: ' ' }), error: 'NodeOperationError', words: ['"Filters"', 'rule 1', 'has no field'] },
	{ input: 'a trigger filter field with brackets', ...triggerFilters({ ...SEVERITY, field: 'severity_id[gte]4' }), error: 'NodeOperationError', words: ['"Filters"', 'rule 1', '"severity_id[gte]4"'] },
	{ input: 'a trigger filter field from an expression that is an object', ...triggerFilters({ ...SEVERITY, field: '={{ { name: "severity_id" } }}' }), error: 'NodeOperationError', words: ['"Filters"', 'rule 1', 'field that must be text', 'an object'] },
	{ input: 'a trigger filter field from an expression that is a number', ...triggerFilters({ ...SEVERITY, field: '={{ 4 }}' }), error: 'NodeOperationError', words: ['"Filters"', 'rule 1', 'field that must be text', 'a number'] },
	{ input: 'a trigger filter operator from an expression that Synqly lacks', ...triggerFilters({ ...SEVERITY, operator: '={{ "between" }}' }), error: 'NodeOperationError', words: ['"Filters"', 'rule 1', '"between"', 'use one of eq, gt'] },
	{ input: 'a trigger filter operator from an expression that is a number', ...triggerFilters({ ...SEVERITY, operator: '={{ 5 }}' }), error: 'NodeOperationError', words: ['"Filters"', 'rule 1', 'has the operator 5'] },
	{ input: 'a trigger filter value from an expression that is an object', ...triggerFilters({ ...SEVERITY, value: '={{ { level: 4 } }}' }), error: 'NodeOperationError', words: ['"Filters"', 'rule 1', 'must be text', 'an object'] },
	{ input: 'a trigger filter value from an expression that is a list', ...triggerFilters({ ...SEVERITY, value: '={{ [4, 5] }}' }), error: 'NodeOperationError', words: ['"Filters"', 'rule 1', 'must be text', 'a list'] },
	{ input: 'a trigger filter value with [ and ] in the second rule', ...triggerFilters(SEVERITY, { field: 'finding_info.title', operator: 'eq', value: 'a]b' }), error: 'NodeOperationError', words: ['"Filters"', 'rule 2', '[', ']'] },
	{ input: 'a trigger filter value with a newline', ...triggerFilters({ field: 'finding_info.title', operator: 'like', value: 'a\nb' }), error: 'NodeOperationError', words: ['"Filters"', 'rule 1', ...CONTROL, 'U+000A'] },
	{ input: 'a trigger filter value of 4,097 characters', ...triggerFilters({ field: 'finding_info.title', operator: 'eq', value: 'x'.repeat(4097) }), error: 'NodeOperationError', words: ['"Filters"', 'rule 1', '4097 characters'] },
	// Binary properties that do not exist
	{ input: 'an upload whose binary property does not exist', ...connector('storage', 'uploadFile', { path: 'a.txt', binaryPropertyName: 'file' }, [file]), error: 'NodeOperationError', words: ['file'] },
	{ input: 'an attachment from an item without binary data', ...ticketing('createAttachment', { ticketId: rl('SEC-4') }, [{ text: 'no file' }]), error: 'NodeOperationError', words: ['data'] },
	// Values Synqly itself refuses: its explanation comes back, from the row's endpoint only
	{ input: 'an account Name with spaces and !', node: 'management', parameters: { resource: 'account', operation: 'create', name: 'Bad Name!' }, error: 'NodeApiError', endpoint: 'POST /v1/accounts', words: ['Synqly rejected the parameter "/name"', "Invalid name 'Bad Name!'"] },
];

/** A poll's error (or items) in the shape of a node run's. */
async function pollOnce(poller: Poller): Promise<Pick<RunNodeResult, 'items' | 'error'>> {
	try {
		return { items: (await poller.poll('manual')) ?? [] };
	} catch (error) {
		return { items: [], error: error as RunNodeResult['error'] };
	}
}

async function run(row: Pick<BadInput, 'node' | 'parameters' | 'items' | 'baseUrl'>, onError?: 'continueRegularOutput'): Promise<Pick<RunNodeResult, 'items' | 'error'>> {
	if (row.node === 'connectorTrigger') {
		return await pollOnce(
			new Poller({ node: 'synqlyConnectorTrigger', parameters: row.parameters, credentials: { synqlyIntegrationApi: { accessToken: tokens.siem, baseUrl: sb.url } } }),
		);
	}
	const resource = String(row.parameters.resource);
	const credentials: Credentials =
		row.node === 'management'
			? { synqlyOrganizationApi: { accessToken: sb.orgToken, baseUrl: row.baseUrl ?? sb.url } }
			: { synqlyIntegrationApi: { accessToken: tokens[resource], baseUrl: row.baseUrl ?? sb.url } };
	const node = row.node === 'management' ? 'synqlyManagement' : 'synqlyConnector';
	return await runNode({ node, parameters: row.parameters, credentials, items: row.items, onError });
}

const textOf = (error: { message?: string; description?: string | null }) => `${error.message ?? ''} | ${error.description ?? ''}`;

describe('bad input', () => {
	test('the table has at least 40 bad inputs, each one once', () => {
		expect(table.length).toBeGreaterThanOrEqual(40);
		expect(new Set(table.map((r) => r.input)).size).toBe(table.length);
	});

	test.each(table.map((row) => [row.input, row] as const))('%s', async (_input, row) => {
		const result = await run(row);
		const error = result.error as (typeof result.error & { httpCode?: string; context?: IDataObject }) | undefined;
		if (!error) throw new Error(`The node did not fail; it returned ${JSON.stringify(result.items.map((i) => i.json)).slice(0, 300)}`);
		const item = row.item ?? 0;
		const text = textOf(error);
		expect({ name: error.name, itemIndex: error.context?.itemIndex }).toEqual({ name: row.error, itemIndex: item });
		for (const word of row.words) expect(text).toEqual(typeof word === 'string' ? expect.stringContaining(word) : expect.stringMatching(word));
		const sent = sb.requests.map((r) => `${r.method} ${r.path}`);
		if (row.error === 'NodeOperationError') {
			// Named field and item, nothing sent.
			expect(text).toMatch(new RegExp(`item ${item}\\b`, 'i'));
			expect(sent).toEqual([]);
		} else {
			// Synqly's own explanation, from the row's endpoint and no other.
			expect(error.description).toMatch(/Synqly says: /);
			expect(sent.length).toBeGreaterThan(0);
			for (const request of sent) expect(request).toBe(row.endpoint);
		}
	});

	test('the Connector Trigger with good Filters does query: its rows above fail before a request, not for want of one', async () => {
		const { error } = await run(triggerFilters(SEVERITY, { field: 'finding_info.title', operator: 'like', value: '*' }));
		expect(error).toBeUndefined();
		expect(sb.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /v1/siem/alerts']);
		expect(sb.requests[0].query.filter).toEqual(['severity_id[gte]4', 'finding_info.title[like]*']);
	});

	// A trigger has no input items and no Continue On Fail: its rows are left out here.
	const perItem = table.filter(
		(row) => row.error === 'NodeOperationError' && row.node !== 'connectorTrigger' && row.parameters.operation !== 'postEvents' && row.parameters.operation !== 'createIocs',
	);
	test.each(perItem.map((row) => [row.input, row] as const))('with Continue On Fail, %s gives one error item per item and sends nothing', async (_input, row) => {
		const items = row.items ?? [{}];
		const result = await run({ ...row, items: [...items, ...items] }, 'continueRegularOutput');
		expect(result.error).toBeUndefined();
		expect(result.items.map((i) => [i.pairedItem, i.error?.name, (i.error?.context as IDataObject | undefined)?.itemIndex])).toEqual([
			[{ item: 0 }, 'NodeOperationError', 0],
			[{ item: 1 }, 'NodeOperationError', 1],
		]);
		expect(textOf(result.items[1].error!)).toMatch(/item 1\b/i);
		expect(sb.requests).toEqual([]);
	});
});
