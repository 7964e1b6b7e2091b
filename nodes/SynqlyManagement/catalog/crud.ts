import type { OperationRow, Param } from '../../shared/types';

export interface CrudSpec {
	resource: string;
	/** Lower-case singular as a Synqly admin says it, e.g. "integration point". */
	noun: string;
	/** Collection path, with the parents' placeholders, e.g. /v1/credentials/{ownerId}. */
	basePath: string;
	/** Path params before the object's own id (e.g. the owning account). */
	parents?: Param[];
	id: Param;
	/** Body params of Create; the optional ones are also Update's "Update Fields". */
	fields: Param[];
	/** Extra query params of List, e.g. expand. */
	listParams?: Param[];
	sortKey?: string;
	/** Which of the standard operations the API has. */
	only?: Array<'getAll' | 'get' | 'create' | 'upsert' | 'update' | 'patch' | 'delete'>;
	/** Key inside Create's `result` that holds the new object, e.g. account. */
	createResultKey?: string;
	redact?: string[];
}

const article = (noun: string) => (/^[aeiou]/i.test(noun) ? 'an' : 'a');

/**
 * The six standard rows of a management collection: Get Many (keyset), Get, Create, Update (the
 * object-replacing PUT, done as GET + merge + PUT), Patch (JSON Patch) and Delete.
 */
export function crudRows(spec: CrudSpec): OperationRow[] {
	const { resource, noun } = spec;
	const a = `${article(noun)} ${noun}`;
	const parents = spec.parents ?? [];
	const objectPath = `${spec.basePath}/{${spec.id.name}}`;
	const one = [...parents, spec.id];
	const optionalFields = spec.fields.map((f) => ({ ...f, required: false }));
	const rows: Record<string, OperationRow> = {
		getAll: {
			resource,
			operation: 'getAll',
			name: 'Get Many',
			action: `Get many ${noun}s`,
			description: `List ${noun}s, filtered and sorted`,
			method: 'GET',
			path: spec.basePath,
			params: [...parents, ...(spec.listParams ?? [])],
			style: 'keyset',
			filterable: true,
			sortKey: spec.sortKey,
			redact: spec.redact,
		},
		get: {
			resource,
			operation: 'get',
			name: 'Get',
			action: `Get ${a}`,
			description: `Retrieve ${a} by ID or name`,
			method: 'GET',
			path: objectPath,
			params: one,
			redact: spec.redact,
		},
		create: {
			resource,
			operation: 'create',
			name: 'Create',
			action: `Create ${a}`,
			description: `Create ${a}; fails with 409 when the name is taken`,
			method: 'POST',
			path: spec.basePath,
			params: [...parents, ...spec.fields],
			resultKey: spec.createResultKey,
			redact: spec.redact,
		},
		upsert: {
			resource,
			operation: 'upsert',
			name: 'Create or Update',
			action: `Create or update ${a}`,
			description: `Create ${a}, or update the one with the same name; the output's "action" says which`,
			method: 'POST',
			path: spec.basePath,
			params: [...parents, ...spec.fields],
			upsert: { resultKey: spec.createResultKey },
			redact: spec.redact,
		},
		update: {
			resource,
			operation: 'update',
			name: 'Update',
			action: `Update ${a}`,
			description: `Replace ${a} with the given fields laid over its current values`,
			method: 'PUT',
			path: objectPath,
			params: [...one, ...optionalFields],
			body: 'merge',
			redact: spec.redact,
		},
		patch: {
			resource,
			operation: 'patch',
			name: 'Patch',
			action: `Patch ${a}`,
			description: `Change ${a} with JSON Patch operations`,
			method: 'PATCH',
			path: objectPath,
			params: one,
			body: 'patch',
			redact: spec.redact,
		},
		delete: {
			resource,
			operation: 'delete',
			name: 'Delete',
			action: `Delete ${a}`,
			description: `Delete ${a}`,
			method: 'DELETE',
			path: objectPath,
			params: one,
			emptyOutput: 'deleted',
		},
	};
	const wanted = spec.only ?? ['getAll', 'get', 'create', 'upsert', 'update', 'patch', 'delete'];
	return wanted.map((operation) => rows[operation]);
}
