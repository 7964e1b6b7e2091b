import type { INodeProperties } from 'n8n-workflow';

import type { LocatorRow } from '../catalog/types';
import { article } from '../catalog/words';

/** How a locator becomes a form field, and the name of the list-search method behind it. */

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
