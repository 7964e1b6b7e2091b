import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { ConnectorAuth, connectorAuthProperties, credentialShownFor, executeReader } from '../shared/http/auth';
import { credentialTest } from '../shared/editor/credentialTest';
import { executeTable } from '../shared/runtime/execute';
import { accountLocator, integrationLocator } from '../shared/catalog/locators';
import { buildProperties, subtitleOf } from '../shared/form/properties';
import { listSearchMethods } from '../shared/editor/listSearch';
import { connectorTable } from './catalog';

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
		credentials: [
			{
				name: 'synqlyIntegrationApi',
				required: true,
				displayOptions: credentialShownFor.integrationToken,
				testedBy: 'synqlyIntegrationApiTest',
			},
			{ name: 'synqlyOrganizationApi', required: true, displayOptions: credentialShownFor.organizationToken },
		],
		properties: [...connectorAuthProperties(), ...buildProperties(connectorTable)],
	};

	methods = {
		credentialTest,
		listSearch: {
			// The organization-token mode's pickers list with the Management API.
			...listSearchMethods('management', [accountLocator, integrationLocator]),
			...listSearchMethods('connector', connectorTable.locators),
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeTable.call(this, connectorTable, (context, session) => new ConnectorAuth(context, executeReader(context), session));
	}
}
