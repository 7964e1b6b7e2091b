import type { OperationRow } from '../../shared/types';
import { crudRows } from './crud';
import { descriptionParam, fullnameParam, jsonParam, nameParam, PERMISSION_SETS, pick } from './params';

export const roleId = pick('roleId', 'Role', 'role');

export const roleRows: OperationRow[] = crudRows({
	resource: 'role',
	noun: 'role',
	basePath: '/v1/roles',
	id: roleId,
	fields: [
		nameParam('role'),
		{
			name: 'permissionSet',
			displayName: 'Permission Set',
			in: 'body',
			kind: 'options',
			required: true,
			options: PERMISSION_SETS,
			default: 'viewer',
			description: 'What members bound to this role may do on the selected resources',
		},
		fullnameParam('role'),
		descriptionParam('role', 'Which resources the role covers, what it allows and who it is for'),
		jsonParam(
			'resources',
			'Resources (JSON)',
			'Resources the permission set applies to: organizations {ids, labels?}, accounts {ids, labels?, environments? (test, prod)}, integrations {categories} (connector category IDs); "*" in ids or categories means all.',
			{ accounts: { ids: ['*'], environments: ['prod'] }, integrations: { categories: ['siem', 'ticketing'] } },
		),
	],
});
