import { rowOf } from '../../shared/catalog/rows';
import type { OperationRow } from '../../shared/catalog/types';
import { accountId } from './accounts';
import { integrationId, WEBHOOK_KEYS } from './integrations';
import { expandParam } from './objectFields';

const status = rowOf('integrationStatus');
const one = [accountId, integrationId];

export const integrationStatusRows: OperationRow[] = [
	status({
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many integration statuses',
		description:
			'List the health and usage counters (requests, failed, cpu_time, api_ops, in_bytes, out_bytes) of every integration',
		kind: 'keysetList',
		method: 'GET',
		path: '/v1/status',
		params: [
			expandParam(['account', 'integration', 'all'], 'Include the full account and/or integration in each status'),
		],
		// Statuses are ordered by the pair and start_after takes "<account_id>,<integration_id>".
		startAfter: 'account_id,integration_id',
		filters: { field: 'account_id', sortable: true },
		// With the integration expanded, its webhook keys.
		redact: WEBHOOK_KEYS,
	}),
	status({
		operation: 'get',
		name: 'Get',
		action: 'Get an integration status',
		description: "An integration's health and its request, failure, CPU and traffic counters",
		kind: 'request',
		method: 'GET',
		path: '/v1/status/{accountId}/{integrationId}',
		params: one,
		// The reference's Status may carry its integration.
		redact: WEBHOOK_KEYS,
	}),
	status({
		operation: 'reset',
		agentRisk: 'destroys',
		name: 'Reset',
		action: 'Reset an integration status',
		description: "Set an integration's status counters back to zero",
		kind: 'request',
		method: 'PUT',
		path: '/v1/status/{accountId}/{integrationId}',
		params: one,
		// "Resets the integration Status object": its counters go back to zero, so a second reset
		// also drops what was counted since the first one.
		repeatable: false,
		emptyOutput: 'success',
	}),
	status({
		operation: 'getEvents',
		name: 'Get Events',
		action: 'Get status events of an integration',
		description:
			"List an integration's status events (each request's status and error); filter on created_at, status or error",
		kind: 'keysetList',
		method: 'GET',
		path: '/v1/status/{accountId}/{integrationId}/events',
		params: one,
		startAfter: 'created_at',
		filters: { field: 'created_at', sortable: true },
	}),
	status({
		operation: 'getOrganizationTimeseries',
		name: 'Get Organization Timeseries',
		action: 'Get the organization usage timeseries',
		description:
			"The organization's usage over the last hour: succeeded and failed requests, CPU time and bytes per interval",
		kind: 'request',
		method: 'GET',
		path: '/v1/status/timeseries',
	}),
	status({
		operation: 'getIntegrationTimeseries',
		name: 'Get Integration Timeseries',
		action: 'Get the usage timeseries of an integration',
		description:
			"An integration's usage over the last 24 hours, hour by hour: succeeded and failed requests, CPU time and bytes",
		kind: 'request',
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
