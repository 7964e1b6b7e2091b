import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { engineListSearch, executeEngine } from '../shared/engine';
import { listSearchMethods } from '../shared/methods';
import { engineAuthProperties, engineCredentials } from '../shared/mint';
import { buildProperties, subtitleOf } from '../shared/properties';
import type { LocatorRow } from '../shared/types';
import { managementTable } from '../SynqlyManagement/catalog';
import { connectorTable } from './catalog';

/** The Management node's Account and Integration lists, for the organization-token mode. */
const [account, integration] = ['account', 'integration'].map(
	(key) => managementTable.locators.find((l) => l.key === key) as LocatorRow,
);

export class SynqlyConnector implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Synqly Connector',
		name: 'synqlyConnector',
		icon: { light: 'file:synqly.svg', dark: 'file:synqly.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: subtitleOf(connectorTable),
		description:
			'Call any Synqly integration: SIEM, ticketing, EDR, identity, vulnerabilities, storage and more, through one API',
		defaults: { name: 'Synqly Connector' },
		usableAsTool: true,
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		credentials: engineCredentials,
		properties: [...engineAuthProperties(account, integration), ...buildProperties(connectorTable)],
	};

	methods = {
		listSearch: {
			...listSearchMethods({ ...managementTable, locators: [account, integration] }),
			...engineListSearch(connectorTable),
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeEngine.call(this, connectorTable);
	}
}
