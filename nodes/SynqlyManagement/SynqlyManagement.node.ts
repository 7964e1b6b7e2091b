import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { executeRows, findRow, runRow } from '../shared/execute';
import { capabilityOptions, listSearchMethods } from '../shared/methods';
import { buildProperties, subtitleOf } from '../shared/properties';
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
		credentials: [{ name: 'synqlyOrganizationApi', required: true }],
		properties: buildProperties(managementTable),
	};

	methods = {
		listSearch: listSearchMethods(managementTable),
		loadOptions: capabilityOptions,
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeRows.call(this, async (itemIndex) => {
			const row = findRow.call(this, managementTable, itemIndex);
			const objects = await runRow.call(this, managementTable, row, itemIndex);
			return objects.map((json) => ({ json, pairedItem: { item: itemIndex } }));
		});
	}
}
