import type { OperationRow } from '../../shared/catalog/types';
import { crudRows } from './crud';
import { jsonParam } from '../../shared/catalog/fields';
import { descriptionParam, fullnameParam, nameParam, objectParam, permissionSetParam } from './objectFields';
import { locators } from './locators';

export const roleId = objectParam('roleId', 'Role', locators.role);

export const roleRows: OperationRow[] = crudRows({
	resource: 'role',
	noun: 'role',
	basePath: '/v1/roles',
	id: roleId,
	fields: [
		nameParam('role'),
		permissionSetParam('What members bound to this role may do on the selected resources'),
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
