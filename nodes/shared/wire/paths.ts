import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestTemplate, RowInput, SynqlyRequest } from '../catalog/request';
import type { HttpMethod, Param } from '../catalog/types';
import { subjectOf } from '../catalog/words';
import { controlCharacter, describeValue } from './text';

/**
 * Requests built from a template (a row, or a row-like template of a request the runtime makes
 * itself) and an item's values: the one place a request is built, and the one path filler.
 */

/** The request of a template for one item: path filled and checked, query from the input, the object named. */
export function buildRequest(
	ctx: HasNode,
	template: RequestTemplate,
	input: Pick<Partial<RowInput>, 'path' | 'query'>,
	itemIndex: number,
): SynqlyRequest {
	const values = input.path ?? {};
	return {
		method: template.method,
		path: buildPath(ctx, template.path, values, itemIndex, labelsOf(template.params)),
		qs: input.query ?? {},
		itemIndex,
		subject: subjectOf(template.params ?? [], values),
		repeatable: template.repeatable ?? repeatableMethod(template.method),
	};
}

/** Methods whose repetition changes nothing more than the first request did, unless a row says otherwise. */
const REPEATABLE_METHODS = new Set<HttpMethod>(['GET', 'PUT', 'DELETE']);

/** Whether a request of this method is repeatable when its template does not say (`RequestTemplate.repeatable`). */
export const repeatableMethod = (method: HttpMethod): boolean => REPEATABLE_METHODS.has(method);

/**
 * The request sent with another method to the same place (the GET before a merge's PUT, an
 * upsert's create): its repeatability is the new method's, not the row's.
 */
export function withMethod<R extends SynqlyRequest>(request: R, method: HttpMethod): R {
	return { ...request, method, repeatable: repeatableMethod(method) };
}

/** Display names by param name, for messages about path params. */
const labelsOf = (params: Param[] = []): Record<string, string> =>
	Object.fromEntries(params.map((p) => [p.name, p.displayName]));

/** Any n8n node context: path errors name the node. */
interface HasNode {
	getNode(): INode;
}

/**
 * The longest ID or path a request carries. The reference sets no limit; storage providers cap
 * object keys at 1,024 characters, and servers and proxies commonly refuse request lines of 8 KB.
 */
export const MAX_PATH_VALUE = 1024;

/** `.` and `..` segments of a value split at `/` or `\`, as typed or percent-decoded once. */
function dotSegment(value: string): string | undefined {
	let decoded = value;
	try {
		decoded = decodeURIComponent(value);
	} catch {
		// Not percent-encoded text: the value as typed is checked.
	}
	return [value, decoded].flatMap((v) => v.split(/[\\/]/)).find((segment) => segment === '.' || segment === '..');
}

/** Why a path value cannot go into a request as it is, or undefined when it can. */
function pathValueProblem(value: string, label: string, itemIndex: number): { message: string; description: string } | undefined {
	if (value === '') {
		return { message: `"${label}" is required but empty`, description: `Set "${label}" for item ${itemIndex}, or make its expression return a value` };
	}
	if (/^\.+$/.test(value)) {
		return { message: `"${label}" cannot be "${value}"`, description: `Item ${itemIndex}: an ID made only of dots is not a valid Synqly ID` };
	}
	const control = controlCharacter(value);
	if (control) {
		return { message: `"${label}" contains a control character (${control})`, description: `Item ${itemIndex}: IDs and paths cannot carry control characters; remove it` };
	}
	if (value.length > MAX_PATH_VALUE) {
		return { message: `"${label}" is ${value.length} characters long`, description: `Item ${itemIndex}: IDs and paths are limited to ${MAX_PATH_VALUE} characters` };
	}
	const segment = dotSegment(value);
	if (segment) {
		return {
			message: `"${label}" cannot contain the path segment "${segment}"`,
			description: `Item ${itemIndex}: "${value}" would step out of the place it names (also when percent-decoded)`,
		};
	}
	return undefined;
}

/**
 * Fills `{name}` placeholders with encoded values, each one path segment. A value that could make
 * the request address another endpoint (empty, only dots, a "." or ".." segment, also
 * percent-encoded), that carries control characters or is too long is refused, naming the field
 * and the item.
 */
function buildPath(
	ctx: HasNode,
	template: string,
	values: Record<string, unknown>,
	itemIndex: number,
	labels: Record<string, string> = {},
): string {
	return template.replace(/\{(\w+)\}/g, (_, name: string) => {
		const raw = values[name];
		const label = labels[name] ?? name;
		if (raw !== undefined && raw !== null && typeof raw !== 'string' && typeof raw !== 'number') {
			throw new NodeOperationError(ctx.getNode(), `"${label}" must be text (an ID), but it is ${describeValue(raw)}`, {
				itemIndex,
				description: `Item ${itemIndex}: make "${label}" or its expression give the ID as text`,
			});
		}
		const value = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : '';
		const problem = pathValueProblem(value, label, itemIndex);
		if (problem) throw new NodeOperationError(ctx.getNode(), problem.message, { itemIndex, description: problem.description });
		return encodeURIComponent(value);
	});
}
