import type { IDataObject, INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { accountLocator, integrationLocator } from '../shared/catalog/locators';
import { credentialTest } from '../shared/editor/credentialTest';
import { listSearchMethods } from '../shared/editor/listSearch';
import { connectorAuthProperties, credentialShownFor } from '../shared/form/connectorAuth';
import { REQUEST_OPTIONS } from '../shared/form/controls';
import { ConnectorAuth } from '../shared/http/auth';
import { SynqlyClient } from '../shared/http/client';
import { connectorTable } from './catalog';
import { pollProperties, pollSources, pollTable, SOURCE } from './poll';

// Beside the Connector (not in a folder of its own) because its Source list is the Connector's
// operation table, and no node imports another node's folder.
const sources = pollSources(connectorTable);

export class SynqlyConnectorTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Synqly Connector Trigger',
		name: 'synqlyConnectorTrigger',
		icon: { light: 'file:synqly.svg', dark: 'file:synqly.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: `={{ ${JSON.stringify(Object.fromEntries(sources.map((s) => [s.value, s.name])))}[$parameter["${SOURCE}"]] }}`,
		// n8n's node panel shows this node inside Synqly Connector's entry (name without "Trigger"),
		// with this description for both its actions and its triggers: it says what each does.
		description:
			'Call any Synqly integration (SIEM, ticketing, EDR, identity, vulnerabilities and more), or start a workflow on each new alert, finding, ticket or event',
		defaults: { name: 'Synqly Connector Trigger' },
		polling: true,
		inputs: [],
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
		properties: [...connectorAuthProperties(), ...pollProperties(sources)],
	};

	methods = {
		credentialTest,
		// The organization-token mode's pickers list with the Management API.
		listSearch: listSearchMethods('management', [accountLocator, integrationLocator]),
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const read = (name: string) => this.getNodeParameter(name, undefined, { extractValue: true });
		const options = this.getNodeParameter(REQUEST_OPTIONS, {}) as IDataObject;
		const client = SynqlyClient.withRequestOptions(this, connectorTable.api, options, (self) => new ConnectorAuth(self, read));
		return await pollTable.call(this, connectorTable, client);
	}
}
