import type { OperationRow } from '../../shared/catalog/types';
import { DEVICE_INVENTORY, SOFTWARE_INVENTORY } from './examples';
import { jsonParam, locatorParam, textParam } from '../../shared/catalog/fields';
import { category, SIMPLE } from './category';
import { locators } from './locators';

const assets = category('assets');

const sourceName = (required: boolean) =>
	textParam(
		'sourceName',
		'Source Name',
		'Connector hint passed to the provider (e.g. ServiceNow discovery_source for Identify & Reconcile); some integrations require it',
		{ required, placeholder: 'e.g. n8n' },
	);
const softwareInventory = jsonParam(
	'softwareInventory',
	'Software Inventory (JSON)',
	'The software of a device as an OCSF Software Inventory Info object',
	SOFTWARE_INVENTORY,
	{ required: true },
);

export const assetRows: OperationRow[] = [
	assets.query({
		operation: 'queryDevices',
		name: 'Get Many Devices',
		action: 'Get many devices',
		description: 'Search the device inventory with Synqly filters',
		path: '/v1/assets/devices',
		pageSize: 50,
		filter: true,
		order: true,
		raw: true,
		filterField: 'device.hostname',
		simplify: SIMPLE.device,
	}),
	assets.post({
		operation: 'createAsset',
		name: 'Create Device',
		action: 'Create a device',
		description: 'Create one device in the asset inventory',
		path: '/v1/assets/devices',
		params: [
			jsonParam('device', 'Device (JSON)', 'The device as an OCSF Device Inventory Info object', DEVICE_INVENTORY, {
				required: true,
			}),
			sourceName(false),
		],
	}),
	assets.batch({
		operation: 'createDevices',
		name: 'Create Devices',
		action: 'Create many devices',
		description:
			'Create OCSF devices in bulk (one request per Batch Size devices); outputs one item per batch with the count sent',
		path: '/v1/assets/devices/bulk',
		key: 'devices',
		noun: 'device',
		example: DEVICE_INVENTORY,
		params: [
			sourceName(true),
			{
				...jsonParam('customProperties', 'Custom Properties (JSON)', 'String properties set on every device of the batch', {
					owner: 'secops',
				}),
			},
		],
	}),
	assets.list({
		operation: 'getLabels',
		name: 'Get Labels',
		action: 'Get asset labels',
		description: 'List the labels (tags) devices can carry',
		path: '/v1/assets/labels',
	}),
	assets.query({
		operation: 'querySoftware',
		name: 'Get Many Software',
		action: 'Get many software inventory records',
		description: 'Search the software installed on devices',
		path: '/v1/assets/software',
		pageSize: 50,
		filter: true,
		order: true,
		raw: true,
		filterField: 'package.name',
		simplify: SIMPLE.software,
	}),
	assets.post({
		operation: 'createSoftware',
		name: 'Create Software',
		action: 'Create a software inventory record',
		description: 'Record the software of a device in the asset inventory',
		path: '/v1/assets/software',
		params: [softwareInventory, sourceName(false)],
	}),
	assets.put({
		operation: 'updateSoftware',
		name: 'Update Software',
		action: 'Update a software inventory record',
		description: 'Replace the software inventory of a device',
		path: '/v1/assets/software/{deviceUid}',
		params: [locatorParam('deviceUid', 'Device', locators.assetDevice), softwareInventory, sourceName(false)],
	}),
];
