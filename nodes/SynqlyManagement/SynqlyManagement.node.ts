import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { boundCredential } from '../shared/http/auth';
import { executeTable } from '../shared/runtime/execute';
import { buildProperties, subtitleOf } from '../shared/form/properties';
import { capabilityOptions, listSearchMethods } from '../shared/editor/listSearch';
import { CREDENTIAL_OF } from '../shared/http/transport';
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
		credentials: [{ name: CREDENTIAL_OF.management.type, required: true }],
		properties: buildProperties(managementTable),
	};

	methods = {
		listSearch: listSearchMethods('management', managementTable.locators),
		loadOptions: capabilityOptions,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeTable.call(this, managementTable, () => boundCredential);
	}
}
