import type { OperationRow } from '../../shared/types';
import { accountId } from './accounts';
import { integrationId } from './integrations';
import { expandParam } from './params';

const status = (row: Omit<OperationRow, 'resource'>): OperationRow => ({ resource: 'integrationStatus', ...row });
const one = [accountId, integrationId];

export const integrationStatusRows: OperationRow[] = [
	status({
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many integration statuses',
		description:
			'List the health and usage counters (requests, failed, cpu_time, api_ops, in_bytes, out_bytes) of every integration',
		method: 'GET',
		path: '/v1/status',
		params: [
			expandParam(['account', 'integration', 'all'], 'Include the full account and/or integration in each status'),
		],
		style: 'keyset',
		filterable: true,
		// Statuses are ordered by the pair and start_after takes "<account_id>,<integration_id>".
		sortKey: 'account_id,integration_id',
		filterField: 'account_id',
	}),
	status({
		operation: 'get',
		name: 'Get',
		action: 'Get an integration status',
		description: "An integration's health and its request, failure, CPU and traffic counters",
		method: 'GET',
		path: '/v1/status/{accountId}/{integrationId}',
		params: one,
	}),
	status({
		operation: 'reset',
		name: 'Reset',
		action: 'Reset an integration status',
		description: "Set an integration's status counters back to zero",
		method: 'PUT',
		path: '/v1/status/{accountId}/{integrationId}',
		params: one,
		emptyOutput: 'success',
	}),
	status({
		operation: 'getEvents',
		name: 'Get Events',
		action: 'Get status events of an integration',
		description:
			"List an integration's status events (each request's status and error); filter on created_at, status or error",
		method: 'GET',
		path: '/v1/status/{accountId}/{integrationId}/events',
		params: one,
		style: 'keyset',
		filterable: true,
		sortKey: 'created_at',
		filterField: 'created_at',
	}),
	status({
		operation: 'getOrganizationTimeseries',
		name: 'Get Organization Timeseries',
		action: 'Get the organization usage timeseries',
		description:
			"The organization's usage over the last hour: succeeded and failed requests, CPU time and bytes per interval",
		method: 'GET',
		path: '/v1/status/timeseries',
	}),
	status({
		operation: 'getIntegrationTimeseries',
		name: 'Get Integration Timeseries',
		action: 'Get the usage timeseries of an integration',
		description:
			"An integration's usage over the last 24 hours, hour by hour: succeeded and failed requests, CPU time and bytes",
		method: 'GET',
		path: '/v1/status/{accountId}/{integrationId}/timeseries',
		params: [
			...one,
			{
				name: 'interval',
				displayName: 'Interval',
				in: 'query',
				kind: 'options',
				options: [{ name: 'Hour (Last 24 Hours)', value: 'hour' }],
				default: 'hour',
				description: 'Bucket size of the series; Synqly only offers hourly buckets over the last 24 hours',
			},
		],
	}),
];
