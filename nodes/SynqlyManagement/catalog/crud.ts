import type { AgentRisk, OperationRow, Param } from '../../shared/catalog/types';
import { article } from '../../shared/catalog/words';

type CrudOperation = 'getAll' | 'get' | 'create' | 'upsert' | 'update' | 'patch' | 'delete';

export interface CrudSpec {
	resource: string;
	/** Lower-case singular as a Synqly admin says it, e.g. "integration point". */
	noun: string;
	/** Collection path, with the parents' placeholders, e.g. /v1/credentials/{ownerId}. */
	basePath: string;
	/** Path params before the object's own id (e.g. the owning account). */
	parents?: Param[];
	id: Param;
	/** Body params of Create; the optional ones are also Update's "Update Fields". Create or Update matches on `name`. */
	fields: Param[];
	/** Extra query params of List, e.g. expand. */
	listParams?: Param[];
	/** Which of the standard operations the API has. */
	only?: CrudOperation[];
	/** Key inside Create's `result` that holds the new object, e.g. account. */
	createResultKey?: string;
	/** The same for Create or Update, when it differs (Create keeps an integration's token pair beside it). */
	upsertResultKey?: string;
	/** Labels that differ from the standard ones. */
	text?: Partial<Record<CrudOperation, Partial<Pick<OperationRow, 'name' | 'action' | 'description'>>>>;
	redact?: string[];
	/** Operations unsafe for an AI agent besides Delete (which always is): e.g. a Create whose output holds a new token. */
	agentRisk?: Partial<Record<CrudOperation, AgentRisk>>;
}

/**
 * The standard rows of a management collection: Get Many (keyset), Get, Create, Create or Update,
 * Update (the object-replacing PUT, done as GET + merge + PUT), Patch (JSON Patch) and Delete.
 */
export function crudRows(spec: CrudSpec): OperationRow[] {
	const { resource, noun, redact } = spec;
	const a = `${article(noun)} ${noun}`;
	const parents = spec.parents ?? [];
	const objectPath = `${spec.basePath}/{${spec.id.name}}`;
	const one = [...parents, spec.id];
	const optionalFields = spec.fields.map((f) => ({ ...f, required: false }));
	const rows: Record<CrudOperation, () => OperationRow> = {
		getAll: () => ({
			resource,
			operation: 'getAll',
			name: 'Get Many',
			action: `Get many ${noun}s`,
			description: `List ${noun}s, filtered and sorted`,
			kind: 'keysetList',
			method: 'GET',
			path: spec.basePath,
			params: [...parents, ...(spec.listParams ?? [])],
			filters: { field: 'name', sortable: true },
			redact,
		}),
		get: () => ({
			resource,
			operation: 'get',
			name: 'Get',
			action: `Get ${a}`,
			description: `Retrieve ${a} by ID or name`,
			kind: 'request',
			method: 'GET',
			path: objectPath,
			params: one,
			redact,
		}),
		create: () => ({
			resource,
			operation: 'create',
			name: 'Create',
			action: `Create ${a}`,
			description: `Create ${a}; fails with 409 when the name is taken`,
			kind: 'request',
			method: 'POST',
			path: spec.basePath,
			params: [...parents, ...spec.fields],
			resultKey: spec.createResultKey,
			redact,
		}),
		upsert: () => ({
			resource,
			operation: 'upsert',
			name: 'Create or Update',
			action: `Create or update ${a}`,
			description: `Create ${a}, or update the one with the same name; the output's "action" says which`,
			kind: 'upsert',
			method: 'POST',
			path: spec.basePath,
			params: [...parents, ...spec.fields],
			match: nameOf(spec),
			resultKey: spec.upsertResultKey ?? spec.createResultKey,
			redact,
		}),
		update: () => ({
			resource,
			operation: 'update',
			name: 'Update',
			action: `Update ${a}`,
			description: `Replace ${a} with the given fields laid over its current values`,
			kind: 'merge',
			method: 'PUT',
			path: objectPath,
			params: [...one, ...optionalFields],
			redact,
		}),
		patch: () => ({
			resource,
			operation: 'patch',
			name: 'Patch',
			action: `Patch ${a}`,
			description: `Change ${a} with JSON Patch operations`,
			kind: 'patch',
			method: 'PATCH',
			path: objectPath,
			params: one,
			redact,
		}),
		delete: () => ({
			resource,
			operation: 'delete',
			name: 'Delete',
			action: `Delete ${a}`,
			description: `Delete ${a}`,
			kind: 'request',
			method: 'DELETE',
			path: objectPath,
			params: one,
			emptyOutput: 'deleted',
			agentRisk: 'destroys',
		}),
	};
	const wanted = spec.only ?? ['getAll', 'get', 'create', 'upsert', 'update', 'patch', 'delete'];
	return wanted.map((operation) => {
		const row: OperationRow = { ...rows[operation](), ...spec.text?.[operation] };
		const risk = spec.agentRisk?.[operation];
		return risk ? { ...row, agentRisk: risk } : row;
	});
}

/** The field Create or Update finds the object by. */
function nameOf(spec: CrudSpec): Param {
	const name = spec.fields.find((p) => p.name === 'name');
	if (!name) throw new Error(`Create or Update of ${spec.noun} needs a "name" field`);
	return name;
}
