import type { IDataObject } from 'n8n-workflow';

/** Dotted paths into objects (`account.name`), and `a|b` alternatives. */

/** Reads a dotted field (`account.name`) of an object. */
export function readPath(object: unknown, path: string): unknown {
	let value: unknown = object;
	for (const key of path.split('.')) {
		if (value === null || typeof value !== 'object') return undefined;
		value = (value as IDataObject)[key];
	}
	return value;
}

/** Sets a dotted field of an object, creating the objects on the way. */
export function setPath(target: IDataObject, dotted: string, value: unknown) {
	const keys = dotted.split('.');
	let node = target;
	for (const key of keys.slice(0, -1)) {
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

