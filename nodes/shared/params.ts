import type { Param } from './types';

/** A required path id picked with a resource locator (searchable list, or typed ID). */
export const pick = (
	name: string,
	displayName: string,
	locator: string,
	description = `The ${displayName.toLowerCase()}: pick it from the list or give its ID`,
): Param => ({ name, displayName, in: 'path', kind: 'locator', locator, required: true, description });

/** A required path id typed as text, for objects the API offers no list of. */
export const pathId = (name: string, displayName: string, placeholder: string, description: string): Param => ({
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
	extra: Partial<Param> = {},
): Param => ({ name, displayName, in: 'body', kind: 'string', description, ...extra });
