import type { OperationRow } from '../../shared/catalog/types';
import { crudRows } from './crud';
import { environmentParam, fullnameParam, labelsParam, nameParam, objectParam } from './objectFields';
import { locators } from './locators';

export const accountId = objectParam('accountId', 'Account', locators.account);

export const accountRows: OperationRow[] = crudRows({
	resource: 'account',
	noun: 'account',
	basePath: '/v1/accounts',
	id: accountId,
	fields: [nameParam('account'), fullnameParam('account'), environmentParam, labelsParam('account')],
	createResultKey: 'account',
});
