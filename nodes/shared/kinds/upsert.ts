import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemRun } from '../catalog/request';
import type { UpsertRow } from '../catalog/types';
import { wireName } from '../catalog/wireNames';
import { ADDITIONAL_FIELDS } from '../form/controls';
import { filterValueProblem } from '../runtime/input';
import { redact } from '../runtime/output';
import { keysetList } from '../runtime/paging';
import { deepMerge } from '../wire/merge';
import { withMethod } from '../wire/paths';
import type { KindSpec } from './spec';
import { asItems } from './spec';

export type UpsertAction = 'created' | 'updated' | 'unchanged';

/**
 * Whether the existing value already holds what was given: objects compare key by key (in any
 * order, ignoring keys the API added), arrays and scalars exactly. Inside an object, a given key
 * the API did not return is a secret it never returns (a credential's `secret`): not comparable.
 */
function holds(existing: unknown, given: unknown): boolean {
	if (Array.isArray(given)) {
		return Array.isArray(existing) && existing.length === given.length && given.every((g, i) => holds(existing[i], g));
	}
	if (typeof given === 'object' && given !== null) {
		if (typeof existing !== 'object' || existing === null || Array.isArray(existing)) return false;
		const current = existing as IDataObject;
		return Object.entries(given).every(([key, value]) => !(key in current) || holds(current[key], value));
	}
	return existing === given;
}

/**
 * Synqly has no idempotency keys and answers 409 to a duplicate name, so a re-run workflow would
 * stop at its first create. Create or Update converges instead: it looks the object up by its
 * `match` field (the name), creates it when missing, and otherwise PUTs it only if a given field
 * differs. Write-only fields (passwords, secrets) cannot be compared and are not sent again on update.
 */
export const upsert: KindSpec<UpsertRow> = {
	controls: () => [],
	collection: ADDITIONAL_FIELDS,
	properties: () => [],
	lists: false,
	perItem: async (run, row) => asItems((await createOrUpdate(run, row)).map((object) => redact(row, object))),
};

async function createOrUpdate({ context, client, itemIndex, input, request }: ItemRun, row: UpsertRow): Promise<IDataObject[]> {
	const matchField = wireName(row.match);
	const name = input.body[matchField];
	if (typeof name !== 'string' || name.trim() === '') {
		const label = row.match.displayName;
		throw new NodeOperationError(context.getNode(), `"${label}" is required to find the object to update`, {
			itemIndex,
			description: `Set "${label}" for item ${itemIndex}; Create or Update matches on it`,
		});
	}
	const problem = filterValueProblem(name);
	if (problem) {
		throw new NodeOperationError(context.getNode(), `"${row.match.displayName}" has a value ${problem}`, {
			itemIndex,
			description: `Item ${itemIndex}: Create or Update finds the object by "${row.match.displayName}" with Synqly's filter`,
		});
	}
	const [match] = await keysetList(client, { ...withMethod(request, 'GET'), qs: { filter: [`${matchField}[eq]${name}`] }, limit: 1 }, matchField);
	if (match && match[matchField] !== name) {
		// A list that ignored the filter must not make Create or Update change another object.
		throw new NodeOperationError(context.getNode(), `Synqly's list answered "${String(match[matchField])}" when asked for the ${row.match.displayName} "${name}"`, {
			itemIndex,
			description: `Item ${itemIndex}: nothing was created or changed; run it again, and if it persists, Synqly's filter on ${matchField} does not work as documented`,
		});
	}
	if (!match) {
		const body = await client.send({ ...request, body: input.body });
		return [withAction(unwrapCreated(row, (body.result ?? {}) as IDataObject), 'created')];
	}
	// Lists may leave fields out (a mapping's definition), so compare against the object itself.
	const object = { method: 'GET' as const, path: `${row.path}/{objectId}`, params: row.params };
	const objectRequest = client.request(object, { path: { ...input.path, objectId: match.id ?? name } }, itemIndex);
	const current = await client.send(objectRequest);
	const existing = (current.result ?? match) as IDataObject;
	const writeOnly = new Set(
		(row.params ?? [])
			.filter((p) => p.kind === 'secret')
			.map((p) => wireName(p).split('.')[0]),
	);
	const changes = Object.fromEntries(
		Object.entries(input.body).filter(([key, value]) => !writeOnly.has(key) && !holds(existing[key], value)),
	);
	if (Object.keys(changes).length === 0) return [withAction(existing, 'unchanged')];
	// The changes laid over the object at any depth, as Update does (a partial provider_config keeps its credential).
	const merged = deepMerge(existing, changes);
	const body = await client.send({ ...withMethod(objectRequest, 'PUT'), body: merged });
	return [withAction((body.result ?? merged) as IDataObject, 'updated')];
}

/**
 * The created object at the top level like the found one, so later nodes read `$json.id` on every
 * run; what else create returned (an integration's token pair) stays beside it.
 */
function unwrapCreated(row: UpsertRow, result: IDataObject): IDataObject {
	const key = row.resultKey;
	if (!key || typeof result[key] !== 'object' || result[key] === null) return result;
	const { [key]: object, ...siblings } = result;
	return { ...(object as IDataObject), ...siblings };
}

/** `action` first: the table view shows it before the object's many fields, not off-screen after them. */
function withAction(object: IDataObject, action: UpsertAction): IDataObject {
	const fields = { ...object };
	delete fields.action;
	return { action, ...fields };
}
