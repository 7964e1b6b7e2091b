import type { OperationRow } from '../../shared/catalog/types';
import { crudRows } from './crud';
import { fullnameParam, nameParam, objectParam, yamlDefinitionParam } from './objectFields';
import { locators } from './locators';

export const customId = objectParam('customId', 'Custom Provider', locators.custom);

export const customProviderRows: OperationRow[] = crudRows({
	resource: 'customProvider',
	noun: 'custom provider',
	basePath: '/v1/customs',
	id: customId,
	fields: [
		nameParam('custom provider'),
		yamlDefinitionParam(
			"The custom provider's YAML definition, following Synqly's custom provider definition schema (how requests to the provider are made and mapped)",
		),
		fullnameParam('custom provider'),
	],
	createResultKey: 'custom',
});
