import type {
	IDataObject,
	IExecuteFunctions,
	ILoadOptionsFunctions,
	INodeExecutionData,
} from 'n8n-workflow';

import { runBatches } from './batch';
import { runBinaryRow } from './binary';
import { askUntilComplete, pendingTimeout } from './cursor';
import { executeRows, findRow, readInput, runRow, toObjects } from './execute';
import { EngineAuth, editorReader, executeReader } from './mint';
import type { ListSearch } from './methods';
import { fillPath } from './methods';
import { locatorMethod } from './properties';
import type { SynqlyRequest } from './transport';
import { buildPath, readPath, synqlyRequest } from './transport';
import type { ApiTable, LocatorRow, OperationRow } from './types';

/**
 * The Connector's execute(): bulk rows send all items in batches; every other row runs once per
 * item, like the Management node, with files as binary data. One EngineAuth per execution holds
 * the integration tokens minted in organization-token mode.
 */
export async function executeEngine(this: IExecuteFunctions, table: ApiTable): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const auth = new EngineAuth(this);
	if (items.length > 0) {
		const row = findRow.call(this, table, 0);
		if (row.style === 'batch') return [await runBatches.call(this, table, row, auth)];
	}
	return await executeRows.call(
		this,
		async (itemIndex) => await runEngineRow.call(this, table, findRow.call(this, table, itemIndex), itemIndex, auth),
		(error, itemIndex) => auth.scrub(error, itemIndex),
	);
}

/** One engine row for one item, with the item's credential and (minted) token. */
export async function runEngineRow(
	this: IExecuteFunctions,
	table: ApiTable,
	row: OperationRow,
	itemIndex: number,
	auth: EngineAuth,
): Promise<INodeExecutionData[]> {
	const fields = { ...(await auth.requestFields(executeReader(this, itemIndex), itemIndex)) };
	const subject = engineSubject(row, this, itemIndex);
	if (subject) fields.subject = subject;
	if (row.binary || row.pendingCursor) {
		const input = readInput.call(this, row, itemIndex);
		const labels = Object.fromEntries((row.params ?? []).map((p) => [p.name, p.displayName]));
		const request: SynqlyRequest = {
			method: row.method,
			path: buildPath(this, row.path, input.path, itemIndex, labels),
			qs: input.query,
			itemIndex,
			...fields,
		};
		if (row.binary) return await runBinaryRow.call(this, table.api, row, input, request);
		const body = await askUntilComplete.call(
			this,
			table.api,
			{ ...request, body: input.body },
			{ timeoutSeconds: pendingTimeout.call(this, row, itemIndex), cursorIn: 'body' },
		);
		return toObjects(row, body).map((json) => ({ json }));
	}
	return (await runRow.call(this, table, row, itemIndex, fields)).map((json) => ({ json }));
}

/**
 * Words for 404 messages: the object the last path param names, e.g. "alert 'abc'" (engine
 * resources are connector categories, so the category would read oddly: "siem 'abc'").
 */
function engineSubject(row: OperationRow, context: IExecuteFunctions, itemIndex: number): string | undefined {
	const param = [...(row.params ?? [])].reverse().find((p) => p.in === 'path');
	if (!param) return undefined;
	const value = context.getNodeParameter(param.name, itemIndex, '', { extractValue: true });
	if (typeof value !== 'string' && typeof value !== 'number') return undefined;
	const noun = param.displayName.replace(/\s+(ID|Path)$/i, (m) => (/path/i.test(m) ? ' path' : '')).toLowerCase();
	return `${noun} '${String(value)}'`;
}

// ---------------------------------------------------------------------------------------------
// Resource locators over engine lists

const SEARCH_PAGE = 50;

/** The first set value of `a|b|c` dotted paths. */
function firstValue(object: IDataObject, paths: string): unknown {
	for (const path of paths.split('|')) {
		const value = readPath(object, path);
		if (value !== undefined && value !== null && value !== '') return value;
	}
	return undefined;
}

/**
 * A list search over an engine list, with the node's Authentication choice (minting a token for
 * the chosen account and integration in organization-token mode). Engine filters differ per
 * provider, so the search box narrows the loaded page by name; "load more" follows the cursor.
 */
function engineSearch(locator: LocatorRow): ListSearch {
	const labelField = locator.labelField ?? 'name';
	const valueField = locator.valueField ?? 'id';
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const path = fillPath(this, locator.listPath);
		if (path === undefined) return { results: [] };
		const auth = new EngineAuth(this);
		let body: IDataObject;
		try {
			const fields = await auth.requestFields(editorReader(this), 0);
			body = await synqlyRequest.call(this, 'engine', {
				method: 'GET',
				path,
				qs: { limit: SEARCH_PAGE, cursor: paginationToken },
				itemIndex: 0,
				...fields,
			});
		} catch (error) {
			throw auth.scrub(error, 0);
		}
		const page = Array.isArray(body.result) ? (body.result as IDataObject[]) : [];
		const needle = (filter ?? '').trim().toLowerCase();
		const results = page
			.map((o) => {
				const value = String(firstValue(o, valueField) ?? '');
				const label = String(firstValue(o, labelField) ?? value);
				return { name: label === value ? label : `${label} (${value})`, value };
			})
			.filter((r) => r.value !== '' && (needle === '' || r.name.toLowerCase().includes(needle)));
		const cursor = typeof body.cursor === 'string' && body.cursor !== '' ? body.cursor : undefined;
		return { results, paginationToken: cursor !== paginationToken ? cursor : undefined };
	};
}

/** One list-search method per engine locator, named as the properties reference them. */
export function engineListSearch(table: ApiTable): Record<string, ListSearch> {
	return Object.fromEntries(table.locators.map((l) => [locatorMethod(l.key), engineSearch(l)]));
}
