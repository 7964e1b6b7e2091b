import type { OperationRow } from '../../shared/catalog/types';
import { jsonParam, pathIdParam, textParam } from '../../shared/catalog/fields';
import { category } from './category';

const operations = category('operations');

const operationId = pathIdParam(
	'operationId',
	'Operation ID',
	'e.g. op_123',
	'ID of the asynchronous operation, as Create returned it',
);

export const operationRows: OperationRow[] = [
	operations.post({
		operation: 'create',
		name: 'Create',
		action: 'Create an asynchronous operation',
		description: 'Start a long-running operation (e.g. a full export) that Synqly runs in the background',
		path: '/v1/operations',
		resultKey: 'operation',
		params: [
			textParam(
				'operationName',
				'Operation Name',
				'ID of the connector operation to run, as in the capabilities list, e.g. siem_query_events or vulnerabilities_query_findings',
				{ required: true, wire: 'operation', placeholder: 'e.g. vulnerabilities_query_findings' },
			),
			jsonParam(
				'input',
				'Input (JSON)',
				'Input of the operation: filters (Synqly filter strings) and limit',
				{ filters: ['severity[in]critical,high'], limit: 1000 },
				{ required: true },
			),
		],
		meta: false,
	}),
	operations.get({
		operation: 'get',
		name: 'Get',
		action: 'Get an asynchronous operation',
		description: 'Retrieve the status (SCHEDULED, PROCESSING, COMPLETE…) and errors of an operation',
		path: '/v1/operations/{operationId}',
		params: [operationId],
		meta: false,
	}),
	operations.post({
		operation: 'cancel',
		name: 'Cancel',
		action: 'Cancel an asynchronous operation',
		description: 'Stop an operation that is still scheduled or running',
		path: '/v1/operations/{operationId}',
		params: [operationId],
		meta: false,
		emptyOutput: 'success',
	}),
];
