import type { OperationRow, Param, PollBy } from '../../shared/catalog/types';
import { IOA_RULE, NOTE_ACTIVITY, STIX_INDICATOR } from './examples';
import { choiceParam, jsonParam, locatorParam, textParam } from '../../shared/catalog/fields';
import { byTime, category, SIMPLE } from './category';
import { locators } from './locators';

const edr = category('edr');

const endpointUid = locatorParam('endpointId', 'Endpoint', locators.endpoint);
const threatId = locatorParam('threatId', 'Threat', locators.edrThreat);
const resumeCursor = textParam(
	'cursor',
	'Resume Cursor',
	'Cursor of an earlier PENDING answer, to collect the result of a command started before',
);
const idsQuery = (noun: string): Param => ({
	name: 'ids',
	displayName: 'IDs',
	in: 'query',
	kind: 'string',
	required: true,
	placeholder: 'e.g. id-1,id-2',
	description: `Comma-separated IDs of the ${noun} to delete`,
});

const edrQuery = (
	operation: string,
	name: string,
	noun: string,
	path: string,
	simplify?: string[],
	extra: { passthrough?: boolean; filterField?: string; poll?: PollBy[] } = {},
) =>
	edr.query({
		operation,
		name,
		action: `Get many ${noun}`,
		description: `Search the EDR's ${noun} with Synqly filters`,
		path,
		pageSize: 50,
		filter: true,
		order: true,
		raw: true,
		simplify,
		...extra,
	});

export const edrRows: OperationRow[] = [
	edrQuery('queryEndpoints', 'Get Many Endpoints', 'endpoints', '/v1/edr/endpoints', SIMPLE.device, {
		filterField: 'device.hostname',
	}),
	edr.get({
		operation: 'getEndpoint',
		name: 'Get Endpoint',
		action: 'Get an endpoint',
		description: 'Retrieve one endpoint (device) with its agent details',
		path: '/v1/edr/endpoints/{endpointId}',
		params: [endpointUid],
	}),
	edr.polled({
		operation: 'executeCommand',
		agentRisk: 'executes',
		name: 'Execute Command',
		action: 'Execute a command on an endpoint',
		description: 'Run a command on an endpoint and wait for its output (asked again while PENDING)',
		path: '/v1/edr/endpoints/{endpointId}/actions/execute-command',
		params: [
			endpointUid,
			textParam('command', 'Command', 'The command line to run on the endpoint', {
				required: true,
				placeholder: 'e.g. ipconfig /all',
			}),
			resumeCursor,
		],
	}),
	edr.polled({
		operation: 'executeRemoteScript',
		agentRisk: 'executes',
		name: 'Execute Remote Script',
		action: 'Execute a script on an endpoint',
		description: "Run a script through the provider's script runner and wait for its output (asked again while PENDING)",
		path: '/v1/edr/endpoints/{endpointId}/actions/execute-remote-script',
		params: [
			endpointUid,
			textParam('script', 'Script', 'The script content to run', {
				required: true,
				placeholder: 'e.g. Get-Process | Select-Object -First 5',
			}),
			textParam('args', 'Arguments', 'Command-line arguments for the script', { placeholder: 'e.g. -Verbose' }),
			resumeCursor,
		],
	}),
	edr.download({
		method: 'POST',
		operation: 'retrieveFile',
		agentRisk: 'executes',
		name: 'Retrieve File',
		action: 'Retrieve a file from an endpoint',
		description: 'Download a file from an endpoint into an n8n binary field',
		path: '/v1/edr/endpoints/{endpointId}/actions/retrieve-file',
		params: [
			endpointUid,
			textParam('filePath', 'File Path', 'Path of the file on the endpoint', {
				required: true,
				wire: 'path',
				placeholder: 'e.g. C:\\Windows\\Temp\\dropper.exe',
			}),
		],
		meta: false,
		download: 'bytes',
		fileNameParam: 'filePath',
	}),
	edrQuery('queryApplications', 'Get Many Applications', 'applications', '/v1/edr/applications', undefined, {
		filterField: 'name',
	}),
	edr.post({
		operation: 'networkQuarantine',
		agentRisk: 'executes',
		name: 'Network Quarantine',
		action: 'Quarantine or release endpoints',
		description: 'Isolate endpoints from the network (Disconnect) or release them (Connect)',
		path: '/v1/edr/endpoints/actions/quarantine',
		params: [
			choiceParam(
				'state',
				'State',
				[
					{ name: 'Disconnect (Isolate)', value: 'Disconnect' },
					{ name: 'Connect (Release)', value: 'Connect' },
				],
				'Connection state to enforce on the endpoints',
				{ required: true, default: 'Disconnect' },
			),
			{
				name: 'endpointIds',
				displayName: 'Endpoint IDs',
				in: 'body',
				kind: 'stringList',
				required: true,
				placeholder: 'e.g. dev-0001,dev-0002',
				description: 'IDs of the endpoints (device.uid)',
			},
			textParam('comment', 'Comment', 'Why the endpoints are (un)quarantined', { placeholder: 'e.g. Ransomware response' }),
			choiceParam(
				'isolationType',
				'Isolation Type',
				[
					{ name: 'Full', value: 'Full' },
					{ name: 'Selective', value: 'Selective' },
				],
				'Full isolation, or selective (only some providers, e.g. Microsoft Defender)',
				{ default: 'Full' },
			),
		],
	}),
	edrQuery('queryThreatevents', 'Get Many Threats', 'threats', '/v1/edr/threats', SIMPLE.finding, {
		poll: byTime('New Threats'),
	}),
	edrQuery('queryAlerts', 'Get Many Alerts', 'alerts', '/v1/edr/alerts', SIMPLE.finding, { poll: byTime('New Alerts') }),
	edrQuery('queryIocs', 'Get Many IoCs', 'indicators of compromise', '/v1/edr/iocs', undefined, {
		filterField: 'name',
	}),
	edr.batch({
		operation: 'createIocs',
		name: 'Create IoCs',
		action: 'Create indicators of compromise',
		description:
			'Add STIX 2.1 indicators to the EDR in batches (one request per Batch Size indicators); outputs one item per batch with the count sent',
		path: '/v1/edr/iocs',
		key: 'indicators',
		noun: 'indicator',
		example: STIX_INDICATOR,
	}),
	edr.delete({
		operation: 'deleteIocs',
		name: 'Delete IoCs',
		action: 'Delete indicators of compromise',
		description: 'Delete indicators of compromise by ID',
		path: '/v1/edr/iocs',
		params: [idsQuery('indicators')],
	}),
	edrQuery('queryIoa', 'Get Many IoA Rules', 'indicator of attack rules', '/v1/edr/ioas', undefined, {
		filterField: 'name',
	}),
	edr.post({
		operation: 'createIoa',
		name: 'Create IoA Rule',
		action: 'Create an indicator of attack rule',
		description: 'Create one behavioural detection rule (the API takes one rule per request)',
		path: '/v1/edr/ioas',
		params: [
			jsonParam(
				'ioa',
				'IoA Rule (JSON)',
				'The rule: name, platform (windows, mac, linux), rule_type (process_creation, file_creation, network_connection, domain_name), severity_id 1-5, action (monitor, detect, block) and conditions',
				IOA_RULE,
				{ required: true },
			),
		],
		meta: false,
	}),
	edr.delete({
		operation: 'deleteIoa',
		name: 'Delete IoA Rules',
		action: 'Delete indicator of attack rules',
		description: 'Delete indicator of attack rules by ID',
		path: '/v1/edr/ioas',
		params: [
			idsQuery('rules'),
			{
				name: 'groupId',
				displayName: 'Group ID',
				in: 'query',
				kind: 'string',
				placeholder: 'e.g. ioa-group-1',
				description: 'Rule group of the rules, for providers that need it (CrowdStrike)',
			},
		],
	}),
	edrQuery('queryPostureScore', 'Get Many Posture Scores', 'posture scores', '/v1/edr/posture_score', undefined, {
		filterField: 'device.hostname',
	}),
	edrQuery('queryEdrEvents', 'Get Many EDR Events', 'endpoint events', '/v1/edr/edr_events', SIMPLE.event, {
		passthrough: true,
		poll: byTime('New EDR Events'),
	}),
	edr.query({
		operation: 'getThreatNotes',
		name: 'Get Threat Notes',
		action: 'Get the notes of a threat',
		description: 'List the notes of a threat',
		path: '/v1/edr/threats/{threatId}/notes',
		params: [threatId],
		pageSize: 100,
	}),
	edr.post({
		operation: 'createThreatNote',
		name: 'Create Threat Note',
		action: 'Add a note to a threat',
		description: 'Add a note (an OCSF Note Activity) to a threat',
		path: '/v1/edr/threats/{threatId}/notes',
		params: [
			threatId,
			jsonParam(
				'note',
				'Note (JSON)',
				"The note as an OCSF 1.8 Note Activity: note.content is the text; set class_uid and type_uid (class_uid × 100 + activity_id) as the provider's OCSF schema defines Note Activity",
				NOTE_ACTIVITY,
				{ required: true },
			),
		],
	}),
];
