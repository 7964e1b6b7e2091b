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
	// @ts-expect-error -- a custom row carries its own run
	{ ...base, kind: 'custom', method: 'GET' },
];

const possible: OperationRow[] = [
	{ ...base, kind: 'keysetList', method: 'GET', filters: { field: 'name', sortable: true } },
	{ ...base, kind: 'batchWrite', method: 'POST', noun: 'event', example: {} },
	{ ...base, kind: 'patch', method: 'PATCH' },
];

test('the rows above are values (their types are checked by npm run lint)', () => {
	expect(impossible).toHaveLength(8);
	expect(possible.map((row) => row.kind)).toEqual(['keysetList', 'batchWrite', 'patch']);
});

/**
 * Kinds are complete units: a kind module without one of its parts, or a registry without one of
 * the kinds, does not compile (the registry's type is a mapped type over the row union).
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { Client, ItemRun } from '../nodes/shared/catalog/request';
import type { CustomRow, Param, RequestRow } from '../nodes/shared/catalog/types';
import { ADDITIONAL_FIELDS } from '../nodes/shared/form/controls';
import type { KindRegistry } from '../nodes/shared/kinds';
import { formOf, kindOf } from '../nodes/shared/kinds';
import { batchWrite } from '../nodes/shared/kinds/batchWrite';
import { cursorList } from '../nodes/shared/kinds/cursorList';
import { download } from '../nodes/shared/kinds/download';
import { keysetList } from '../nodes/shared/kinds/keysetList';
import { merge } from '../nodes/shared/kinds/merge';
import { patch } from '../nodes/shared/kinds/patch';
import { polledAction } from '../nodes/shared/kinds/polledAction';
import { request } from '../nodes/shared/kinds/request';
import type { KindSpec } from '../nodes/shared/kinds/spec';
import { unpagedList } from '../nodes/shared/kinds/unpagedList';
import { upload } from '../nodes/shared/kinds/upload';
import { upsert } from '../nodes/shared/kinds/upsert';

const incompleteKinds: Array<KindSpec<RequestRow>> = [
	// @ts-expect-error -- a kind must say whether it lists
	{ controls: () => [], collection: ADDITIONAL_FIELDS, properties: () => [], perItem: async () => [] },
	// @ts-expect-error -- a kind must say how it runs
	{ controls: () => [], collection: ADDITIONAL_FIELDS, properties: () => [], lists: false },
	// @ts-expect-error -- a kind runs per item or for all items, not both
	{ controls: () => [], collection: ADDITIONAL_FIELDS, properties: () => [], lists: false, perItem: async () => [], allItems: async () => [] },
];

// @ts-expect-error -- the registry lacks the custom kind
const incompleteRegistry: KindRegistry = { request, patch, merge, upsert, keysetList, cursorList, unpagedList, batchWrite, polledAction, upload, download };

const impossibleParams: Param[] = [
	// @ts-expect-error -- a locator names the list it picks from
	{ name: 'ticketId', displayName: 'Ticket', in: 'path', kind: 'locator' },
	// @ts-expect-error -- a fixed dropdown has its options
	{ name: 'severity', displayName: 'Severity', in: 'body', kind: 'options' },
	// @ts-expect-error -- a number's default is a number
	{ name: 'size', displayName: 'Size', in: 'ui', kind: 'number', default: 'ten' },
];

test('the incomplete kinds, registry and params above are values (their types are checked by npm run lint)', () => {
	expect(incompleteKinds).toHaveLength(3);
	expect(Object.keys(incompleteRegistry)).not.toContain('custom');
	expect(impossibleParams).toHaveLength(3);
});

test('a custom row runs its own run with the item input and the row request, and its output is redacted like every row', async () => {
	const sent: unknown[] = [];
	const client = { send: async (r: unknown) => (sent.push(r), { result: { id: 'x', secret: 's3cret' } }) } as unknown as Client;
	const row: CustomRow = {
		...base,
		kind: 'custom',
		method: 'POST',
		redact: ['secret'],
		params: [{ name: 'note', displayName: 'Note', in: 'body', kind: 'string' }],
		async run({ client: c, input, request: r }: ItemRun): Promise<IDataObject[]> {
			const answer = await c.send({ ...r, body: { note: input.body.note } });
			return [answer.result as IDataObject, { echoed: input.body.note, secret: 'also hidden' }];
		},
	};
	const request = { method: 'POST' as const, path: '/v1/accounts', itemIndex: 2, repeatable: false };
	const run: ItemRun = { context: {} as IExecuteFunctions, client, itemIndex: 2, input: { path: {}, query: {}, body: { note: 'hi' } }, request };
	const kind = kindOf(row);
	expect(kind.perItem).toBeDefined();
	const items = await kind.perItem!(run, row, formOf(row));
	expect(sent).toEqual([{ ...request, body: { note: 'hi' } }]);
	expect(items.map((i) => i.json)).toEqual([{ id: 'x' }, { echoed: 'hi' }]);
	expect(formOf(row).params.map((p) => p.name)).toEqual(['note']);
});
