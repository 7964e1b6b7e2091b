import type { INodeProperties } from 'n8n-workflow';

import type { LocatorRow } from './types';
import { article } from './words';

/**
 * Resource locators: the lists both nodes pick accounts and integrations from, and how a locator
 * becomes a form field and a list-search method.
 */

export const accountLocator: LocatorRow = {
	key: 'account',
	displayName: 'Account',
	listPath: '/v1/accounts',
	placeholder: 'e.g. acme',
};

export const integrationLocator: LocatorRow = {
	key: 'integration',
	displayName: 'Integration',
	listPath: '/v1/integrations/{accountId}',
	placeholder: 'e.g. acme-siem',
};

/** The name of the list-search method behind a locator. */
export const locatorMethod = (key: string) => `search${key.charAt(0).toUpperCase()}${key.slice(1)}`;

/** A resource locator over a locator row: a searchable list, or an ID typed in. */
export function locatorProperty(locator: LocatorRow): Pick<INodeProperties, 'type' | 'default' | 'modes'> {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${article(locator.displayName)} ${locator.displayName}...`,
				typeOptions: { searchListMethod: locatorMethod(locator.key), searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: locator.placeholder ?? 'e.g. my-object',
			},
		],
	};
}
