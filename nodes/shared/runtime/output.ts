import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { SIMPLIFY } from '../form/controls';
import type { Answer, CursorListRow, OperationRow } from '../catalog/types';
import { readKeys, setKeys } from '../wire/dotted';
import { namedKeys, withoutSecretKeys } from '../wire/redaction';

/** What leaves the node: answers turned into output objects, and error items. */

/** Turns a response body into output objects: `result` unwrapped, lists spread, no-body answers named. */
export function toObjects(row: Answer & Pick<OperationRow, 'redact'>, body: IDataObject): IDataObject[] {
	let result: unknown = body.result;
	if (result === undefined || result === null) {
		if (row.emptyOutput === 'deleted') return [{ deleted: true }];
		if (Object.keys(body).length === 0) return [{ success: true }];
		result = body;
	}
	if (row.resultKey && typeof result === 'object' && !Array.isArray(result)) {
		result = (result as IDataObject)[row.resultKey] ?? result;
	}
	const objects = Array.isArray(result) ? (result as unknown[]) : [result];
	return objects.map((o) =>
		redact(row, typeof o === 'object' && o !== null ? (o as IDataObject) : ({ value: o } as IDataObject)),
	);
}

/** The object without the fields the row never lets out (secrets the API echoes back), at any depth. */
export const redact = (row: Pick<OperationRow, 'redact'>, object: IDataObject): IDataObject =>
	row.redact ? withoutSecretKeys(object, namedKeys(row.redact)) : object;

/**
 * With Simplify on (the default of rows that have `simplify`), keeps only the row's chosen
 * fields of each object (dotted paths keep their nesting); objects without any of them stay whole.
 */
export function simplifyObjects(
	this: IExecuteFunctions,
	row: CursorListRow,
	objects: IDataObject[],
	itemIndex: number,
): IDataObject[] {
	const fields = row.simplify;
	if (!fields || !this.getNodeParameter(SIMPLIFY, itemIndex, true)) return objects;
	// Split once: a Return All simplifies 100,000s of objects.
	const paths = fields.map((field) => field.split('.'));
	return objects.map((object) => {
		const out: IDataObject = {};
		let kept = false;
		for (const keys of paths) {
			const value = readKeys(object, keys);
			if (value === undefined) continue;
			setKeys(out, keys, value);
			kept = true;
		}
		return kept ? out : object;
	});
}

/** Wraps anything thrown for one item so that the error names the item it came from. */
function itemError(this: IExecuteFunctions, error: unknown, itemIndex: number) {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

/**
 * With Continue On Fail, the error item for one input item; otherwise the error, thrown, naming
 * the item. The error rides on the item, as n8n expects: it routes the item to the error output
 * ("Continue (using error output)") and keeps the description and HTTP code in the run data, while
 * the item's json becomes `{error: message}`.
 */
export function errorItem(this: IExecuteFunctions, error: unknown, itemIndex: number): INodeExecutionData {
	const wrapped = itemError.call(this, error, itemIndex);
	if (!this.continueOnFail()) throw wrapped;
	return { json: { error: wrapped.message }, error: wrapped, pairedItem: { item: itemIndex } };
}
