import type { INodeCredentialDescription, INodeProperties } from 'n8n-workflow';

import { accountLocator, integrationLocator } from '../catalog/locators';
import type { LocatorRow } from '../catalog/types';
import { locatorProperty } from './locatorProperty';

/**
 * The Connector nodes' Authentication: an integration token as is, or an organization token with
 * the Account and Integration to act for (the runtime's `ConnectorAuth` reads these back).
 */

export type ConnectorAuthMode = 'integrationToken' | 'organizationToken';

/** The Connector's authentication params, read back by `ConnectorAuth`. */
export const AUTHENTICATION = 'authentication';
export const ACCOUNT_ID = 'accountId';
export const INTEGRATION_ID = 'integrationId';

/**
 * When each credential shows on the Connector nodes: only for its choice of Authentication. The
 * nodes list the credentials themselves, as literal objects: n8n's lint reads the integration
 * credential's `name` and `testedBy` from the node's own `credentials` list to know that this
 * credential, which has no `test` of its own, is tested (by `credentialTest` in editor/credentialTest.ts).
 */
export const credentialShownFor: Record<ConnectorAuthMode, INodeCredentialDescription['displayOptions']> = {
	integrationToken: { show: { [AUTHENTICATION]: ['integrationToken'] } },
	organizationToken: { show: { [AUTHENTICATION]: ['organizationToken'] } },
};

const authLocator = (name: string, locator: LocatorRow, description: string): INodeProperties => ({
	displayName: locator.displayName,
	name,
	required: true,
	description,
	displayOptions: { show: { [AUTHENTICATION]: ['organizationToken'] } },
	...locatorProperty(locator),
});

/**
 * Authentication, then (organization token only) the Account and Integration to act for, picked
 * from the Management API's lists with the organization credential.
 */
export function connectorAuthProperties(): INodeProperties[] {
	return [
		{
			displayName: 'Authentication',
			name: AUTHENTICATION,
			type: 'options',
			noDataExpression: true,
			options: [
				{
					name: 'Integration Token',
					value: 'integrationToken',
					description: 'Call one integration with its own access token',
				},
				{
					name: 'Organization Token',
					value: 'organizationToken',
					description:
						'Pick any account and integration; the node mints a short-lived integration token for each',
				},
			],
			default: 'integrationToken',
		},
		authLocator(ACCOUNT_ID, accountLocator, 'The account (tenant) that owns the integration'),
		authLocator(INTEGRATION_ID, integrationLocator, 'The integration to call; its provider answers every operation'),
	];
}
