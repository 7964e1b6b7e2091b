import type { OperationRow, Param } from '../../shared/catalog/types';
import { crudRows } from './crud';
import { categoryParam, jsonParam } from '../../shared/catalog/fields';
import { fullnameParam, nameParam, objectParam } from './objectFields';
import { locators } from './locators';

export const integrationPointId = objectParam('integrationPointId', 'Integration Point', locators.integrationPoint);

const connector = categoryParam({
	name: 'connector',
	displayName: 'Connector Name or ID',
	in: 'body',
	description: 'Connector category the integration point offers in Connect UI.',
});

const fields: Param[] = [
	nameParam('integration point'),
	fullnameParam('integration point'),
	connector,
	jsonParam(
		'environments',
		'Environments (JSON)',
		'Provider types offered per account environment: {"test": [...], "prod": [...]}',
		{ test: ['ticketing_mock_ticketing'], prod: ['ticketing_jira'] },
		{ required: true },
	),
	{
		name: 'description',
		displayName: 'Description',
		in: 'body',
		kind: 'string',
		description: 'Internal description; not shown to Connect UI users',
	},
	jsonParam('mappings', 'Mappings (JSON)', 'Mapping chain templates for integrations created from this point', []),
	jsonParam('additionalMappings', 'Additional Mappings (JSON)', 'Additional mapping templates into custom_fields', []),
	jsonParam('scheduledOperations', 'Scheduled Operations (JSON)', 'Schedules copied to integrations created without their own', []),
];

export const integrationPointRows: OperationRow[] = crudRows({
	resource: 'integrationPoint',
	noun: 'integration point',
	basePath: '/v1/integration-points',
	id: integrationPointId,
	fields,
});
