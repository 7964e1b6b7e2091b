import { rowOf } from '../../shared/catalog/rows';
import type { OperationRow } from '../../shared/catalog/types';

const job = rowOf('asyncOperation');

export const asyncOperationRows: OperationRow[] = [
	job({
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many operations',
		description:
			'List the asynchronous operations (jobs) of integrations; filter on status (SCHEDULED, PROCESSING, CANCELLED, COMPLETE, DISABLED), operation, account_id or integration_id',
		kind: 'keysetList',
		method: 'GET',
		path: '/v1/jobs',
		startAfter: 'id',
		filters: { field: 'status', sortable: true },
	}),
	job({
		operation: 'getHistory',
		name: 'Get Execution History',
		action: 'Get the execution history of operations',
		description:
			'List past runs of operations, newest first (kept 4 weeks by default); filter on id, execution_id, operation_id, account_id, integration_id or started_at (gte, lte, gt, lt)',
		kind: 'keysetList',
		method: 'GET',
		path: '/v1/jobs/history',
		// start_after takes an opaque cursor here and the response carries none; execution_id is the
		// only unique field of a run (several runs can share a started_at), so it is the cursor. A
		// Sort rule would make the executor page on the sorted field instead, hence no Sort: the
		// history stays newest first.
		startAfter: 'execution_id',
		maxPageSize: 500,
		filters: { field: 'integration_id', sortable: false },
	}),
];
