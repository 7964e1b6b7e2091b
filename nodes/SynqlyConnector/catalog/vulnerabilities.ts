import type { OperationRow } from '../../shared/catalog/types';
import { DEVICE_INVENTORY, SECURITY_FINDING } from './examples';
import { choiceParam, jsonParam, locatorParam, pathIdParam, textParam } from '../../shared/catalog/fields';
import { enumOptions } from '../../shared/catalog/words';
import { byTime, category, SEVERITY_IDS, SIMPLE } from './category';
import { locators } from './locators';

const vulnerabilities = category('vulnerabilities');

const scanId = locatorParam('scanId', 'Scan', locators.scan);
const sourceName = (required: boolean) =>
	textParam('sourceName', 'Source Name', 'Name of the source (tool or process) the data comes from', {
		required,
		placeholder: 'e.g. n8n',
	});
const asset = jsonParam(
	'asset',
	'Asset (JSON)',
	'The asset as an OCSF Device Inventory Info object',
	DEVICE_INVENTORY,
	{ required: true },
);

export const vulnerabilityRows: OperationRow[] = [
	vulnerabilities.query({
		operation: 'queryFindings',
		name: 'Get Many Findings',
		action: 'Get many vulnerability findings',
		description: 'Search vulnerability findings with Synqly filters',
		path: '/v1/vulnerabilities/findings',
		pageSize: 50,
		filter: true,
		raw: true,
		filterField: 'severity',
		simplify: SIMPLE.vulnerability,
		poll: byTime('New Findings'),
	}),
	vulnerabilities.batch({
		operation: 'createFindings',
		name: 'Create Findings',
		action: 'Create vulnerability findings',
		description:
			'Import OCSF Security Findings in bulk (one request per Batch Size findings); outputs one item per batch with the count sent',
		path: '/v1/vulnerabilities/findings/bulk',
		key: 'findings',
		noun: 'finding',
		example: SECURITY_FINDING,
	}),
	vulnerabilities.put({
		operation: 'updateFinding',
		name: 'Update Finding',
		action: 'Update a vulnerability finding',
		description: 'Change the severity or state of a finding',
		path: '/v1/vulnerabilities/findings/{findingId}',
		params: [
			locatorParam('findingId', 'Finding', locators.vulnerabilityFinding),
			choiceParam('severityId', 'Severity', SEVERITY_IDS, 'OCSF severity of the finding', {
				required: true,
				default: 3,
			}),
			choiceParam(
				'severity',
				'Severity Label',
				enumOptions(['critical', 'high', 'medium', 'low', 'info']),
				'Severity as the vulnerability API names it',
				{ default: 'medium' },
			),
			choiceParam(
				'state',
				'State',
				[
					{ name: 'Unknown', value: 'Unknown' },
					{ name: 'New', value: 'New' },
					{ name: 'In Progress', value: 'InProgress' },
					{ name: 'Resolved', value: 'Resolved' },
					{ name: 'Other', value: 'Other' },
				],
				'State of the finding',
				{ default: 'InProgress' },
			),
			jsonParam('unmapped', 'Provider State (JSON)', 'Provider-specific state fields (e.g. Nucleus)', {}),
		],
	}),
	vulnerabilities.query({
		operation: 'queryAssets',
		name: 'Get Many Assets',
		action: 'Get many vulnerability assets',
		description: 'List the assets the scanner knows',
		path: '/v1/vulnerabilities/assets',
		pageSize: 50,
		filter: true,
		raw: true,
		filterField: 'device.hostname',
		simplify: SIMPLE.device,
	}),
	vulnerabilities.post({
		operation: 'createAsset',
		name: 'Create Asset',
		action: 'Create a vulnerability asset',
		description: 'Create an asset in the vulnerability scanner',
		path: '/v1/vulnerabilities/assets',
		params: [asset, sourceName(true)],
	}),
	vulnerabilities.put({
		operation: 'updateAsset',
		name: 'Update Asset',
		action: 'Update a vulnerability asset',
		description: 'Replace an asset in the vulnerability scanner',
		path: '/v1/vulnerabilities/assets/{assetId}',
		params: [locatorParam('assetId', 'Asset', locators.vulnerabilityAsset), asset, sourceName(true)],
	}),
	vulnerabilities.query({
		operation: 'queryScans',
		name: 'Get Many Scans',
		action: 'Get many scans',
		description: 'List the configured scans',
		path: '/v1/vulnerabilities/scans',
		pageSize: 50,
		filter: true,
		filterField: 'name',
	}),
	vulnerabilities.get({
		operation: 'getScanActivity',
		name: 'Get Scan Activity (Deprecated)',
		action: 'Get the activity of a scan',
		description: 'Retrieve the latest run of a scan; deprecated by Synqly, use Get Scan Activities',
		path: '/v1/vulnerabilities/scans/{scanId}/activity',
		params: [scanId],
		raw: true,
	}),
	vulnerabilities.list({
		operation: 'getScanActivities',
		name: 'Get Scan Activities',
		action: 'Get the activities of a scan',
		description: 'List every run of a scan as OCSF Scan Activities',
		path: '/v1/vulnerabilities/scans/{scanId}/activities',
		params: [scanId],
		raw: true,
	}),
	vulnerabilities.post({
		operation: 'uploadScan',
		name: 'Upload Scan',
		action: 'Upload a scan',
		description: 'Upload assets and their findings as a scan; check it with Get Scan Status',
		path: '/v1/vulnerabilities/scans',
		params: [
			jsonParam(
				'assets',
				'Assets (JSON)',
				'Array of assets (OCSF Device Inventory Info), each with optional findings',
				[DEVICE_INVENTORY],
				{ required: true },
			),
			{ ...sourceName(false), description: 'Name of the source of this scan; defaults to "Integration import"' },
		],
	}),
	vulnerabilities.get({
		operation: 'getScanStatus',
		name: 'Get Scan Status',
		action: 'Get the status of an uploaded scan',
		description: 'Check an uploaded scan: Pending, Complete or Error',
		path: '/v1/vulnerabilities/scans/{scanId}/status',
		params: [
			pathIdParam('scanId', 'Scan ID', 'e.g. scan-123', 'ID of the uploaded scan, as Upload Scan returned it'),
		],
	}),
	vulnerabilities.list({
		operation: 'getLabels',
		name: 'Get Labels',
		action: 'Get vulnerability labels',
		description: 'List the labels (tags) assets can carry',
		path: '/v1/vulnerabilities/labels',
	}),
	vulnerabilities.query({
		operation: 'queryScanFindings',
		name: 'Get Many Scan Findings',
		action: 'Get many findings of a scan',
		description: 'List the findings of one scan as OCSF Vulnerability Findings',
		path: '/v1/vulnerabilities/scans/{scanId}/findings',
		params: [scanId],
		pageSize: 50,
		maxPageSize: 5000,
		filter: true,
		raw: true,
		filterField: 'severity',
		simplify: SIMPLE.vulnerability,
	}),
];
