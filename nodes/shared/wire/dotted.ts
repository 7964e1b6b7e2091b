import type { IDataObject } from 'n8n-workflow';

/** Dotted paths into objects (`account.name`), and `a|b` alternatives. */

/** Reads a dotted field (`account.name`) of an object. */
export const readPath = (object: unknown, path: string): unknown => readKeys(object, path.split('.'));

/** Sets a dotted field of an object, creating the objects on the way. */
export const setPath = (target: IDataObject, dotted: string, value: unknown) => setKeys(target, dotted.split('.'), value);

/** Reads a field by its keys (a dotted path split once, for loops over many objects). */
export function readKeys(object: unknown, keys: string[]): unknown {
	let value: unknown = object;
	for (const key of keys) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

/** Sets a field by its keys, creating the objects on the way. */
export function setKeys(target: IDataObject, keys: string[], value: unknown) {
	let node = target;
	for (let i = 0; i < keys.length - 1; i++) {
		const key = keys[i];
		if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
		node = node[key] as IDataObject;
	}
	node[keys[keys.length - 1]] = value as IDataObject[keyof IDataObject];
}

/** The first set value of `a|b|c` dotted paths. */
export function firstValue(object: unknown, paths: string): unknown {
	for (const path of paths.split('|')) {
		const value = readPath(object, path);
		if (value !== undefined && value !== null && value !== '') return value;
	}
	return undefined;
}

