import type { OperationRow, Param } from '../../shared/catalog/types';
import { accountId } from './accounts';
import { crudRows } from './crud';
import { descriptionParam, fullnameParam, nameParam, objectParam } from './objectFields';
import { locators } from './locators';

export const bridgeId = objectParam('bridgeId', 'Bridge Group', locators.bridge);

const fields: Param[] = [
	nameParam('bridge group'),
	fullnameParam('bridge group'),
	descriptionParam(
		'bridge group',
		'Which resources the bridge group reaches and when to use it, e.g. "On-prem Splunk in the Frankfurt DC"',
	),
	{
		name: 'labels',
		displayName: 'Labels',
		in: 'body',
		kind: 'stringList',
		placeholder: 'e.g. on-prem,eu',
		description:
			'Labels of the bridge group; an integration with a bridge selector of type labels uses a group that has them',
	},
];

const CREDENTIAL = 'a JWT the bridge agent needs (save it as <bridge ID>.creds next to the agent)';

export const bridgeRows: OperationRow[] = [
	...crudRows({
		resource: 'bridge',
		noun: 'bridge group',
		basePath: '/v1/bridges/{accountId}',
		parents: [accountId],
		id: bridgeId,
		fields,
		// A new group's output holds its credential (a JWT).
		agentRisk: { create: 'mintsSecrets', upsert: 'mintsSecrets' },
	}).map((row) =>
		row.operation === 'create'
			? { ...row, description: `${row.description}; the output holds its credential, ${CREDENTIAL}` }
			: row.operation === 'upsert'
				? { ...row, description: `${row.description}; a new group comes with its credential, ${CREDENTIAL}` }
				: row,
	),
	{
		resource: 'bridge',
		operation: 'getStatus',
		name: 'Get Status',
		action: 'Get the status of a bridge group',
		description: 'Status, version, allowed addresses and traffic counters of each running bridge agent in the group',
		kind: 'request',
		method: 'GET',
		path: '/v1/bridges/{accountId}/{bridgeId}/status',
		params: [accountId, bridgeId],
	},
];
