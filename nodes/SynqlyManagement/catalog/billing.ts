import { pathIdParam } from '../../shared/catalog/fields';
import type { OperationRow } from '../../shared/catalog/types';

const MONTHS = [
	'january',
	'february',
	'march',
	'april',
	'may',
	'june',
	'july',
	'august',
	'september',
	'october',
	'november',
	'december',
];

export const billingRows: OperationRow[] = [
	{
		resource: 'billing',
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many billing reports',
		description:
			'List monthly usage reports (CSV in csv_data); a root organization token also sees its sub-organizations. Filter on organization_id or month.',
		kind: 'keysetList',
		method: 'GET',
		path: '/v1/billing',
		startAfter: 'organization_id',
		filters: { field: 'month', sortable: true },
	},
	{
		resource: 'billing',
		operation: 'get',
		name: 'Get',
		action: 'Get a billing report',
		description:
			"An organization's usage report for one month, as CSV in csv_data (accounts, integrations, requests, bytes)",
		kind: 'request',
		method: 'GET',
		path: '/v1/billing/{organizationId}/{month}',
		params: [
			pathIdParam(
				'organizationId',
				'Organization ID',
				'e.g. org_123',
				'ID of your organization, or of a sub-organization when the credential is a root organization token',
			),
			{
				name: 'month',
				displayName: 'Month',
				in: 'path',
				kind: 'options',
				required: true,
				// The calendar order reads better than the alphabetical one in a month picker.
				options: [
					{ name: 'Current Month So Far', value: 'partial' },
					...MONTHS.map((value) => ({ name: value.charAt(0).toUpperCase() + value.slice(1), value })),
				],
				default: 'partial',
				description: 'Full reports exist for the previous 12 months; Current Month So Far is the partial month to date',
			},
		],
	},
];
