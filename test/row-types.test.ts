/**
 * Rows the runtime cannot run do not compile. `npm run lint` type-checks this file: each
 * `@ts-expect-error` fails the check if the row type ever accepts the row below it, and the
 * well-formed rows must compile. Jest runs it too, so the rows are real values.
 */
import type { OperationRow } from '../nodes/shared/catalog/types';

const base = { resource: 'account', operation: 'x', name: 'X', action: 'Do x', description: 'x', path: '/v1/accounts' };

const impossible: OperationRow[] = [
	// @ts-expect-error -- a list does not upload files
	{ ...base, kind: 'keysetList', method: 'GET', upload: { as: 'base64' } },
	// @ts-expect-error -- a batch write needs the noun and example of its objects
	{ ...base, kind: 'batchWrite', method: 'POST' },
	// @ts-expect-error -- JSON Patch is sent with PATCH
	{ ...base, kind: 'patch', method: 'PUT' },
	// @ts-expect-error -- a keyset list has no cursor page size
	{ ...base, kind: 'keysetList', method: 'GET', pageSize: 50 },
	// @ts-expect-error -- Simplify exists for cursor lists only
	{ ...base, kind: 'request', method: 'GET', simplify: ['id'] },
	// @ts-expect-error -- Create or Update must say which field finds the object
	{ ...base, kind: 'upsert', method: 'POST' },
	// @ts-expect-error -- a row without a kind is not run by anyone
	{ ...base, method: 'GET' },
];

const possible: OperationRow[] = [
	{ ...base, kind: 'keysetList', method: 'GET', filters: { field: 'name', sortable: true } },
	{ ...base, kind: 'batchWrite', method: 'POST', noun: 'event', example: {} },
	{ ...base, kind: 'patch', method: 'PATCH' },
];

test('the rows above are values (their types are checked by npm run lint)', () => {
	expect(impossible).toHaveLength(7);
	expect(possible.map((row) => row.kind)).toEqual(['keysetList', 'batchWrite', 'patch']);
});
