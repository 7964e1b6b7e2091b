import type { OperationRow } from '../../shared/catalog/types';

export const auditLogRows: OperationRow[] = [
	{
		resource: 'auditLog',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many audit events',
		description:
			'List the API requests and alarms Synqly recorded for the organization; filter on created_at, audit_type (ALARM, ERROR, API, UNKNOWN), method, path, code, member_id, account_id or integration_id',
		kind: 'keysetList',
		method: 'GET',
		path: '/v1/audit/organizations',
		startAfter: 'created_at',
		filters: { field: 'created_at', sortable: true },
	},
];
