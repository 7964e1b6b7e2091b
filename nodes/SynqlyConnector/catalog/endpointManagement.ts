import type { OperationRow, Param } from '../../shared/catalog/types';
import { jsonParam, locatorParam, textParam } from '../../shared/catalog/fields';
import { byTime, category, SIMPLE } from './category';
import { locators } from './locators';

const endpointManagement = category('endpointManagement');

const deviceLocator = (required: boolean, inBody: boolean): Param => ({
	...locatorParam('deviceId', 'Device', locators.managedDevice),
	in: inBody ? 'body' : 'path',
	required,
});
const comment = textParam('comment', 'Comment', 'Reason for the action, recorded by the provider', {
	placeholder: 'e.g. Lost laptop',
});
const actionParams = jsonParam('params', 'Action Parameters (JSON)', 'Action-specific parameters forwarded to the provider', {});

const deviceAction = (verb: string, name: string, description: string) =>
	endpointManagement.post({
		operation: `${verb}Device`,
		agentRisk: 'executes',
		name,
		action: `${name.split(' ')[0]} a device`,
		description,
		path: `/v1/endpoint-management/devices/actions/${verb}`,
		params: [deviceLocator(true, true), comment, actionParams],
		meta: false,
	});

export const endpointManagementRows: OperationRow[] = [
	endpointManagement.query({
		operation: 'queryDevices',
		name: 'Get Many Devices',
		action: 'Get many managed devices',
		description: 'Search the managed devices with Synqly filters',
		path: '/v1/endpoint-management/devices',
		pageSize: 50,
		filter: true,
		order: true,
		filterField: 'device.hostname',
		simplify: SIMPLE.device,
	}),
	endpointManagement.get({
		operation: 'getDevice',
		name: 'Get Device',
		action: 'Get a managed device',
		description: 'Retrieve one managed device',
		path: '/v1/endpoint-management/devices/{deviceId}',
		params: [deviceLocator(true, false)],
	}),
	endpointManagement.query({
		operation: 'queryComplianceFindings',
		name: 'Get Many Compliance Findings',
		action: 'Get many device compliance findings',
		description: 'List device compliance findings (encryption, OS version, policies)',
		path: '/v1/endpoint-management/compliance',
		pageSize: 50,
		filter: true,
		simplify: SIMPLE.compliance,
		poll: byTime('New Compliance Findings'),
	}),
	endpointManagement.post({
		operation: 'remediateDevice',
		agentRisk: 'executes',
		name: 'Remediate Device',
		action: 'Remediate a device',
		description: 'Run a remediation (normalized action, or the vendor action) on a device or policy',
		path: '/v1/endpoint-management/devices/actions/remediate',
		params: [
			deviceLocator(false, true),
			textParam('action', 'Action', 'Normalized remediation action', { placeholder: 'e.g. sync' }),
			textParam('vendorAction', 'Vendor Action', "The provider's own action name, when no normalized action fits", {
				placeholder: 'e.g. rebootNow',
			}),
			textParam('policyId', 'Policy ID', 'Policy to remediate', { placeholder: 'e.g. policy-123' }),
			comment,
			actionParams,
		],
	}),
	deviceAction('update', 'Update Device', 'Ask a device to install pending OS and app updates'),
	deviceAction('lock', 'Lock Device', 'Lock a device remotely'),
	deviceAction('restart', 'Restart Device', 'Restart a device remotely'),
	deviceAction('wipe', 'Wipe Device', 'Erase a device (factory reset); this cannot be undone'),
	endpointManagement.query({
		operation: 'queryDeviceApplications',
		name: 'Get Device Applications',
		action: 'Get the applications of a device',
		description: 'List the software installed on a managed device',
		path: '/v1/endpoint-management/devices/{deviceId}/applications',
		params: [deviceLocator(true, false)],
		pageSize: 50,
		filter: true,
		order: true,
		filterField: 'package.name',
		simplify: SIMPLE.software,
	}),
];
