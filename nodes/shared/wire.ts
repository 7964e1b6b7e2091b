import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { Param } from './types';

/**
 * How names and values look on the wire: Synqly's snake_case field names, dotted paths into
 * nested objects, and ids encoded into paths.
 */

export const snakeCase = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** The field name a param has on the wire: `wire`, or the snake_case of its name. */
export const wireName = (param: Param) => param.wire ?? snakeCase(param.name);

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

/** Display names by param name, for messages about path params. */
export const labelsOf = (params: Param[] = []): Record<string, string> =>
	Object.fromEntries(params.map((p) => [p.name, p.displayName]));

/** Any n8n node context: path errors name the node. */
interface HasNode {
	getNode(): INode;
}

/**
 * Fills `{name}` placeholders with encoded values. An empty id, or one that is only dots, would
 * make the request address another endpoint (`/v1/accounts/..` is `/v1/`), so it is refused.
 */
export function buildPath(
	ctx: HasNode,
	template: string,
	values: Record<string, unknown>,
	itemIndex: number,
	labels: Record<string, string> = {},
): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => {
		const raw = values[name];
		const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
		const label = labels[name] ?? name;
		if (value === '') {
			throw new NodeOperationError(ctx.getNode(), `"${label}" is required but empty`, {
				itemIndex,
				description: `Set "${label}" for item ${itemIndex}, or make its expression return a value`,
			});
		}
		if (/^\.+$/.test(value)) {
			throw new NodeOperationError(ctx.getNode(), `"${label}" cannot be "${value}"`, {
				itemIndex,
				description: 'An ID made only of dots is not a valid Synqly ID',
			});
		}
		return encodeURIComponent(value);
	});
}
