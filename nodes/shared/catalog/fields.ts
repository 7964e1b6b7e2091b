import type { INodePropertyOptions } from 'n8n-workflow';

import type { FixedChoiceParam, LoadedChoiceParam, LocatorParam, LocatorRow, Param, ParamBase, TextParam } from './types';
import { wireName } from './wireNames';

/** The param factories both catalogs build their rows from. */

/** A required path id picked with a resource locator (searchable list, or typed ID). */
export const locatorParam = (
	name: string,
	displayName: string,
	locator: LocatorRow,
	description = `The ${displayName.toLowerCase()}: pick it from the list or give its ID`,
): LocatorParam => ({ name, displayName, in: 'path', kind: 'locator', locator, required: true, description });

/** A required path id typed as text, for objects the API offers no list of. */
export const pathIdParam = (name: string, displayName: string, placeholder: string, description: string): TextParam => ({
	name,
	displayName,
	in: 'path',
	kind: 'string',
	required: true,
	placeholder,
	description,
});

/** A plain text field of the request body. */
export const textParam = (
	name: string,
	displayName: string,
	description: string,
	extra: Partial<ParamBase> & Pick<Partial<TextParam>, 'default'> = {},
): TextParam => ({ name, displayName, in: 'body', kind: 'string', description, ...extra });

/** A JSON field of the request body, its example as the default. */
export const jsonParam = (
	name: string,
	displayName: string,
	description: string,
	example: unknown,
	extra: Partial<ParamBase> = {},
): TextParam => ({
	name,
	displayName,
	in: 'body',
	kind: 'json',
	description,
	default: JSON.stringify(example, null, 2),
	...extra,
});

/** A dropdown field of the request body. */
export const choiceParam = (
	name: string,
	displayName: string,
	options: INodePropertyOptions[],
	description: string,
	extra: Partial<ParamBase> & Pick<Partial<FixedChoiceParam>, 'default' | 'kind'> = {},
): FixedChoiceParam => ({ name, displayName, in: 'body', kind: 'options', options, description, ...extra });

/** The same params with their body fields moved inside the object `key` (`{integration: {...}}`). */
export const nestedIn = (key: string, params: Param[]): Param[] =>
	params.map((p) => (p.in === 'body' ? { ...p, wire: `${key}.${wireName(p)}` } : p));

/**
 * Dropdowns filled from Synqly's capabilities (search.ts implements the methods): connector
 * categories, and provider types narrowed by the form's `category` field when it has one.
 */
export const CAPABILITY_METHODS = { categories: 'getCategories', providerTypes: 'getProviderTypes' } as const;
export const CATEGORY = 'category';

const fromListOrExpression =
	'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.';

/** A dropdown of connector categories; `in: 'ui'` when it only narrows the provider list. */
type LoadedChoiceSpec = Partial<ParamBase> & Pick<ParamBase, 'name' | 'displayName' | 'in' | 'description'>;

export const categoryParam = (extra: LoadedChoiceSpec): LoadedChoiceParam => ({
	kind: 'options',
	required: true,
	...extra,
	loadOptions: { method: CAPABILITY_METHODS.categories },
	description: `${extra.description} ${fromListOrExpression}`,
});

/** A dropdown of provider types; `narrowed` when the form has a category field that narrows it. */
export const providerTypeParam = (
	extra: LoadedChoiceSpec,
	narrowed: boolean,
): LoadedChoiceParam => ({
	kind: 'options',
	required: true,
	...extra,
	loadOptions: { method: CAPABILITY_METHODS.providerTypes, dependsOn: narrowed ? [CATEGORY] : undefined },
	description: `${extra.description} ${fromListOrExpression}`,
});
