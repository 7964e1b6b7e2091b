import type { ApiTable, LocatorRow } from './types';

/** The lists every node picks accounts and integrations from (the Connector's organization-token mode, the triggers, Management). */

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

/** The locators a table's rows pick objects with, each once: the list searches its node offers. */
export function locatorsOf(table: ApiTable): LocatorRow[] {
	const found = new Map<string, LocatorRow>();
	for (const row of table.operations) {
		for (const param of row.params ?? []) if (param.kind === 'locator') found.set(param.locator.key, param.locator);
	}
	return [...found.values()];
}
