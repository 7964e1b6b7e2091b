import { rowOf } from '../../shared/catalog/rows';
import type { OperationRow } from '../../shared/catalog/types';
import { jsonParam, textParam } from '../../shared/catalog/fields';
import { organizationContactParams } from './objectFields';

const org = rowOf('organization');

export const organizationRows: OperationRow[] = [
	org({
		operation: 'get',
		name: 'Get',
		action: 'Get the organization',
		description: 'Retrieve the organization the credential belongs to: type, state, contacts and options',
		kind: 'request',
		method: 'GET',
		path: '/v1/organization',
	}),
	org({
		operation: 'update',
		name: 'Update',
		action: 'Update the organization',
		description: 'Replace the organization with the given fields laid over its current values',
		kind: 'merge',
		method: 'PUT',
		path: '/v1/organization',
		params: [
			textParam('fullname', 'Full Name', 'Display name of the organization', { placeholder: 'e.g. Acme Corp' }),
			...organizationContactParams,
			jsonParam(
				'organizationOptions',
				'Options (JSON)',
				'Member policies; replaces all of them, so give every option you want to keep (or use Patch with /options/<name>): invite_duration (24h-168h), forgot_duration (24h-168h), password_duration (24h-8760h), minimum_password_length (8-72)',
				{ invite_duration: '168h', forgot_duration: '24h', password_duration: '4320h', minimum_password_length: 12 },
				{ wire: 'options' },
			),
		],
	}),
	org({
		operation: 'patch',
		name: 'Patch',
		action: 'Patch the organization',
		description: 'Change the organization with JSON Patch operations, e.g. replace /options/invite_duration',
		kind: 'patch',
		method: 'PATCH',
		path: '/v1/organization',
	}),
];
