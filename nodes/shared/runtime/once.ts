import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ItemRun } from '../catalog/request';
import type { RequestRow } from '../catalog/types';
import { withMethod } from '../wire/paths';
import { describeValue } from '../wire/text';
import { filterValueProblem } from './input';
import { redact, toObjects } from './output';
import { cursorList } from './paging';

export type OnceAction = 'created' | 'found';

/** How long the lookup waits for a query that answers PENDING (ticketing queries do not, per the reference). */
const LOOKUP_TIMEOUT_SECONDS = 60;

/** The key given for the item, checked: it goes into a tag and into Synqly's filter. */
export function onceKey({ context, itemIndex }: Pick<ItemRun, 'context' | 'itemIndex'>, raw: unknown): string | undefined {
	if (raw === undefined || raw === null) return undefined;
	const key = typeof raw === 'number' ? String(raw) : typeof raw === 'string' ? raw.trim() : undefined;
	const fail = (problem: string) =>
		new NodeOperationError(context.getNode(), `"Idempotency Key" ${problem}`, {
			itemIndex,
			description: `Item ${itemIndex}: nothing was created. Give each item a key such as alert-{{ $json.metadata.uid }}, or remove the option.`,
		});
	if (key === undefined) throw fail(`must be text, but it is ${describeValue(raw)}`);
	if (key === '') throw fail('is empty');
	if (/[\s,]/.test(key)) throw fail('has a space or a comma, which a tag cannot hold');
	const problem = filterValueProblem(key);
	if (problem) throw fail(`has a value ${problem}`);
	return key;
}

/**
 * Create at most once per key: the key is added to the row's marker list (`tags`), the list at
 * the row's path is asked for an object carrying it, and only when there is none is the object
 * created. Not atomic: two executions that look up the same key at the same moment can both
 * create (Synqly has no idempotency keys and the reference names no unique field); within one
 * execution, items with the same key wait for each other.
 */
export async function createOnce(run: ItemRun, row: RequestRow & { once: NonNullable<RequestRow['once']> }, key: string): Promise<IDataObject[]> {
	// Items of one run with the same key (Concurrency > 1, or a provider whose search lags behind
	// its creates) get the one object the first item made; the execution's client holds them.
	const byKey = run.client.creating;
	const earlier = byKey.get(key);
	const mine = (async () => {
		const made = await earlier;
		if (made) return { object: made, action: 'found' as const };
		return await findOrCreate(run, row, key);
	})();
	// What later items with the key wait for: the object, or nothing when this item failed.
	byKey.set(
		key,
		mine.then(
			(r) => r.object,
			() => undefined,
		),
	);
	const { object, action } = await mine;
	return [withAction(object, action)];
}

async function findOrCreate(
	{ context, client, itemIndex, input, request }: ItemRun,
	row: RequestRow & { once: NonNullable<RequestRow['once']> },
	key: string,
): Promise<{ object: IDataObject; action: OnceAction }> {
	const { marker, noun } = row.once;
	const lookup = { ...withMethod(request, 'GET'), body: undefined, qs: { filter: [`${marker}[in]${key}`] }, limit: 1 };
	const [found] = await cursorList(client, lookup, { normal: 1, largest: 1 }, LOOKUP_TIMEOUT_SECONDS);
	if (found) {
		const marks = found[marker];
		if (!Array.isArray(marks) || !marks.map(String).includes(key)) {
			// A query that ignored the filter must not make another object stand for this one.
			throw new NodeOperationError(context.getNode(), `Synqly's query answered a ${noun} without the key "${key}" when asked for one with it`, {
				itemIndex,
				description: `Item ${itemIndex}: nothing was created; the ${noun} ${String(found.id ?? '')} has no ${marker} "${key}". The provider may not filter on ${marker}: remove "Idempotency Key" for it.`,
			});
		}
		return { object: redact(row, found), action: 'found' };
	}
	const given = input.body[marker];
	const marks = Array.isArray(given) ? given.map(String) : [];
	const body = { ...input.body, [marker]: marks.includes(key) ? marks : [...marks, key] };
	const [created] = toObjects(row, await client.send({ ...request, body }));
	return { object: created, action: 'created' };
}

/** `action` first: the table view shows it before the object's many fields. */
function withAction(object: IDataObject, action: OnceAction): IDataObject {
	const fields = { ...object };
	delete fields.action;
	return { action, ...fields };
}
