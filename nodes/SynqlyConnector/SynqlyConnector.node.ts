import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { accountLocator, integrationLocator, locatorsOf } from '../shared/catalog/locators';
import { credentialTest } from '../shared/editor/credentialTest';
import { listSearchMethods } from '../shared/editor/listSearch';
import { connectorAuthProperties, credentialShownFor } from '../shared/form/connectorAuth';
import { buildProperties, subtitleOf } from '../shared/form/properties';
import { ConnectorAuth, executeReader } from '../shared/http/auth';
import { executeTable } from '../shared/runtime/execute';
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
			{
				name: 'synqlyOrganizationApi',
				required: true,
				displayOptions: credentialShownFor.organizationToken,
				testedBy: 'synqlyOrganizationApiTest',
			},
		],
		properties: [...connectorAuthProperties(), ...buildProperties(connectorTable)],
	};

	methods = {
		credentialTest,
		listSearch: {
			// The organization-token mode's pickers list with the Management API.
			...listSearchMethods('management', [accountLocator, integrationLocator]),
			...listSearchMethods('connector', locatorsOf(connectorTable)),
		},
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return await executeTable.call(this, connectorTable, (client, context) => new ConnectorAuth(client, executeReader(context)));
	}
}
