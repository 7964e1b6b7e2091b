import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeTable } from '../shared/runtime/execute';
import { buildProperties, subtitleOf } from '../shared/form/properties';
import { credentialTest } from '../shared/editor/credentialTest';
import { capabilityOptions, listSearchMethods } from '../shared/editor/listSearch';
import { locatorsOf } from '../shared/catalog/locators';
import { managementTable } from './catalog';

export class SynqlyManagement implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Synqly Management',
		name: 'synqlyManagement',
		icon: { light: 'file:synqly.svg', dark: 'file:synqly.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleOf(managementTable),
		description: 'Provision and manage Synqly accounts, integrations, tokens and more with an organization token',
		defaults: { name: 'Synqly Management' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'synqlyOrganizationApi', required: true, testedBy: 'synqlyOrganizationApiTest' }],
		properties: buildProperties(managementTable),
	};

	methods = {
		credentialTest,
		listSearch: listSearchMethods('management', locatorsOf(managementTable)),
		loadOptions: capabilityOptions,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeTable.call(this, managementTable);
	}
}
