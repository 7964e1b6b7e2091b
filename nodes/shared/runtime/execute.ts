import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RequestAuth } from '../http/auth';
import { runBatches } from '../kinds/batchWrite';
import { runDownload, runUpload } from '../kinds/files';
import { CONCURRENCY, MAX_CONCURRENCY, OPERATION, paramsOf, REQUEST_OPTIONS, RESOURCE, RETRIES, TIMEOUT } from '../form/controls';
import { listQuery, pendingTimeout, readInput, readPatch, wantedCount } from './input';
import { errorItem, redact, simplifyObjects, toObjects } from './output';
import { askUntilComplete, cursorList, keysetList } from './paging';
import { readingParametersOnce } from './parameterCache';
import { inPool } from './pool';
import type { RequestPolicy, SynqlyRequest } from '../http/transport';
import { DEFAULT_POLICY, Session, synqlyRequest } from '../http/transport';
import type { ApiTable, OperationRow } from '../catalog/types';
import { runUpsert } from '../kinds/upsert';
import { buildPath, labelsOf } from '../values/wire';
import { subjectOf } from '../catalog/words';

/**
 * The one dispatcher both nodes run: it finds the row of the chosen operation and runs it by its
 * kind. Batch writes take all items at once; every other kind runs once per item and gives that
 * item's output items or, with Continue On Fail, one error item; every output names its item.
 */
export async function executeTable(
	this: IExecuteFunctions,
	table: ApiTable,
	authFor: (context: IExecuteFunctions, session: Session) => RequestAuth,
): Promise<INodeExecutionData[][]> {
	const context = readingParametersOnce(this);
	const items = context.getInputData();
	if (items.length === 0) return [[]];
	// Resource, Operation and the Request Options take no item data: read once per execution.
	const row = findRow.call(context, table);
	const { concurrency, policy } = requestOptions.call(context);
	const session = new Session(policy);
	const auth = authFor(context, session);
	if (row.kind === 'batchWrite') return [await runBatches.call(context, table.api, row, auth, session, concurrency)];
	const outputs = await inPool(items.length, concurrency, async (itemIndex) => {
		try {
			const results = await runItem.call(context, table, row, itemIndex, auth, session);
			return results.map((result) => ({ ...result, pairedItem: { item: itemIndex } }));
		} catch (error) {
			return [errorItem.call(context, auth.scrub(error, itemIndex), itemIndex)];
		}
	});
	return [outputs.flat()];
}

/** The node's Request Options: how many items at once, and the retry policy of every request. */
function requestOptions(this: IExecuteFunctions): { concurrency: number; policy: RequestPolicy } {
	const options = this.getNodeParameter(REQUEST_OPTIONS, 0, {}) as IDataObject;
	const whole = (value: unknown, min: number, max: number, fallback: number) =>
		typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, Math.floor(value))) : fallback;
	const timeoutMs = whole(options[TIMEOUT], 1, 3600, DEFAULT_POLICY.timeoutMs / 1000) * 1000;
	return {
		concurrency: whole(options[CONCURRENCY], 1, MAX_CONCURRENCY, 1),
		policy: {
			retries: whole(options[RETRIES], 0, 10, DEFAULT_POLICY.retries),
			timeoutMs,
			maxTotalMs: Math.max(DEFAULT_POLICY.maxTotalMs, timeoutMs * 2),
		},
	};
}

function findRow(this: IExecuteFunctions, table: ApiTable): OperationRow {
	const resource = this.getNodeParameter(RESOURCE, 0) as string;
	const operation = this.getNodeParameter(OPERATION, 0) as string;
	const row = table.operations.find((r) => r.resource === resource && r.operation === operation);
	if (!row) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" is not known for resource "${resource}"`);
	}
	return row;
}

const asItems = (objects: IDataObject[]): INodeExecutionData[] => objects.map((json) => ({ json }));

/** One row for one item. The switch is exhaustive: a new kind does not compile until it runs here. */
async function runItem(
	this: IExecuteFunctions,
	table: ApiTable,
	row: Exclude<OperationRow, { kind: 'batchWrite' }>,
	itemIndex: number,
	auth: RequestAuth,
	session: Session,
): Promise<INodeExecutionData[]> {
	const { api } = table;
	const input = readInput.call(this, row, itemIndex);
	const request: SynqlyRequest = {
		method: row.method,
		path: buildPath(this, row.path, input.path, itemIndex, labelsOf(row.params)),
		qs: input.query,
		itemIndex,
		subject: subjectOf(row.params ?? [], input.path),
		session,
		...(await auth.fields(itemIndex)),
	};
	const send = async (body: unknown) => await synqlyRequest.call(this, api, { ...request, body });

	switch (row.kind) {
		case 'request': {
			// A row with body fields sends a JSON object even when none is set, as the SDKs do.
			const sendsObject = paramsOf(row).some((p) => p.in === 'body');
			return asItems(toObjects(row, await send(input.wholeBody ?? (sendsObject ? input.body : undefined))));
		}
		case 'patch':
			return asItems(toObjects(row, await send(readPatch.call(this, row, itemIndex))));
		case 'merge': {
			const current = await synqlyRequest.call(this, api, { ...request, method: 'GET', qs: {} });
			return asItems(toObjects(row, await send({ ...(current.result as IDataObject), ...input.body })));
		}
		case 'upsert':
			return asItems((await runUpsert.call(this, api, row, input, request)).map((o) => redact(row, o)));
		case 'keysetList': {
			const { query, sort } = listQuery.call(this, row, itemIndex);
			const objects = await keysetList.call(
				this,
				api,
				{ ...request, qs: { ...input.query, ...query }, limit: wantedCount.call(this, itemIndex) },
				row.startAfter ?? 'name',
				sort,
			);
			return asItems(objects.map((o) => redact(row, o)));
		}
		case 'cursorList': {
			const { query } = listQuery.call(this, row, itemIndex);
			const objects = await cursorList.call(
				this,
				api,
				{ ...request, qs: { ...input.query, ...query }, limit: wantedCount.call(this, itemIndex) },
				row.pageSize,
				pendingTimeout.call(this, row, itemIndex),
			);
			return asItems(simplifyObjects.call(this, row, objects.map((o) => redact(row, o)), itemIndex));
		}
		case 'unpagedList': {
			const objects = toObjects(row, await send(undefined));
			const limit = wantedCount.call(this, itemIndex);
			return asItems(limit === undefined ? objects : objects.slice(0, limit));
		}
		case 'polledAction': {
			const body = await askUntilComplete.call(
				this,
				api,
				{ ...request, body: input.body },
				{ timeoutSeconds: pendingTimeout.call(this, row, itemIndex), cursorIn: 'body' },
			);
			return asItems(toObjects(row, body));
		}
		case 'upload':
			return await runUpload.call(this, api, row, input, request);
		case 'download':
			return await runDownload.call(this, api, row, input, request);
		default:
			return unreachable(row);
	}
}

function unreachable(row: never): never {
	throw new Error(`No runner for the row ${JSON.stringify(row)}`);
}
