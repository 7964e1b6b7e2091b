import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RowInput, SynqlyRequest } from '../catalog/request';
import type { BatchWriteRow } from '../catalog/types';
import { batchSourceParams, INPUT_FIELD, INPUT_JSON, INPUT_MODE, OPTIONS } from '../form/controls';
import type { RowForm } from '../runtime/input';
import { batchSize, controlValue, parseJsonField, readInput } from '../runtime/input';
import { errorItem } from '../runtime/output';
import { inPool } from '../runtime/pool';
import { readPath } from '../wire/dotted';
import { describeValue } from '../wire/text';
import type { AllItemsRun, KindSpec } from './spec';

interface Batch {
	objects: IDataObject[];
	/** Input items whose objects are in this batch (an item whose objects span two batches is in both). */
	items: number[];
}

/** Items that send to the same place with the same other fields: their objects can share requests. */
interface Group {
	input: RowInput;
	/** The request every batch of the group is sent as, with its objects as the body. */
	request: SynqlyRequest;
	batches: Batch[];
}

/**
 * Bulk writes: every input item gives one object (its JSON, a field of it, or a JSON field), and
 * the objects go out in requests of at most Batch Size objects — 10,050 items with the default
 * size are 101 requests. Items only share a request when everything else they send (path, query,
 * other body fields, and in organization-token mode the account and integration) is the same.
 *
 * Output: one item per request, `{batch, sent, warnings, …Synqly's answer}` (see `batchReport`),
 * paired with the input items it carried. A failed request turns exactly its items into error items (Continue On Fail) and the
 * other batches still go; without Continue On Fail the node stops at the first failed batch, with
 * the index of its first item. Items whose objects cannot be read fail on their own. With a
 * Concurrency above 1, that many batches are in flight at once; outputs keep batch order.
 */
export const batchWrite: KindSpec<BatchWriteRow> = {
	controls: batchSourceParams,
	collection: OPTIONS,
	properties: () => [],
	lists: false,
	allItems: runBatches,
};

async function runBatches({ context, client, form, concurrency }: AllItemsRun, row: BatchWriteRow): Promise<INodeExecutionData[]> {
	const items = context.getInputData();
	const out: INodeExecutionData[] = [];
	const size = batchSize.call(context, form);
	const groups = new Map<string, Group>();

	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const input = readInput.call(context, form, itemIndex);
			const objects = readObjects.call(context, row, form, itemIndex, items[itemIndex].json);
			const key = JSON.stringify([client.target(itemIndex), input.path, input.query, input.body]);
			let group = groups.get(key);
			if (!group) {
				group = { input, request: client.request(row, input, itemIndex), batches: [] };
				groups.set(key, group);
			}
			addToGroup(group, itemIndex, objects, size);
		} catch (error) {
			out.push(errorItem.call(context, error, itemIndex));
		}
	}

	const batches = [...groups.values()].flatMap((group) => group.batches.map((batch) => ({ group, batch })));
	const sent = await inPool(batches.length, concurrency, async (index): Promise<INodeExecutionData[]> => {
		const { group, batch } = batches[index];
		const number = index + 1;
		const first = batch.items[0];
		const pairedItem = batch.items.map((item) => ({ item }));
		if (batch.objects.length === 0) {
			const reason = `The items held no ${row.noun}s, so no request was sent`;
			return [{ json: { batch: number, sent: 0, warnings: [], reason }, pairedItem }];
		}
		try {
			const body = row.key ? { ...group.input.body, [row.key]: batch.objects } : batch.objects;
			const answer = await client.send({ ...group.request, body });
			return [{ json: batchReport(number, batch.objects.length, answer), pairedItem }];
		} catch (error) {
			// Every item of the failed batch gets the error; without Continue On Fail the first throws.
			return batch.items.map((item) => errorItem.call(context, client.scrub(error, first), item));
		}
	});
	return out.concat(sent.flat());
}

/**
 * What one request did: its number, how many objects it carried, Synqly's warnings
 * (`messages.problems`, `[]` when there were none) and the rest of the answer. Synqly's `result`
 * holds the written objects only when the provider returns them; most return none, so an empty
 * one is left out rather than shown as an unexplained `[]`.
 */
function batchReport(batch: number, sent: number, answer: IDataObject): IDataObject {
	const { messages, result, ...rest } = answer;
	const warnings = (messages as IDataObject | undefined)?.problems ?? [];
	const written = Array.isArray(result) && result.length === 0 ? {} : result === undefined ? {} : { result };
	return { batch, sent, warnings, ...rest, ...written };
}

/** Objects go into the group's last batch until it is full; an item with none joins it anyway. */
function addToGroup(group: Group, itemIndex: number, objects: IDataObject[], size: number) {
	let current = group.batches[group.batches.length - 1];
	if (!current) {
		current = { objects: [], items: [] };
		group.batches.push(current);
	}
	if (objects.length === 0) {
		current.items.push(itemIndex);
		return;
	}
	for (const object of objects) {
		if (current.objects.length >= size) {
			current = { objects: [], items: [] };
			group.batches.push(current);
		}
		if (current.items[current.items.length - 1] !== itemIndex) current.items.push(itemIndex);
		current.objects.push(object);
	}
}

/** The objects one item contributes, as its Input Mode says. */
function readObjects(
	this: IExecuteFunctions,
	row: BatchWriteRow,
	form: RowForm,
	itemIndex: number,
	json: IDataObject,
): IDataObject[] {
	const noun = row.noun;
	const mode = controlValue.call(this, form, INPUT_MODE, itemIndex) as string;
	let value: unknown;
	let where: string;
	if (mode === 'field') {
		const field = String(controlValue.call(this, form, INPUT_FIELD, itemIndex) ?? '').trim();
		value = readPath(json, field);
		where = `field "${field}"`;
		if (value === undefined) {
			throw new NodeOperationError(this.getNode(), `Item ${itemIndex} has no field "${field}"`, {
				itemIndex,
				description: `Set "Field Name" to the field that holds the ${noun}s, or choose another source`,
			});
		}
	} else if (mode === 'json') {
		const param = form.params.find((p) => p.name === INPUT_JSON);
		value = parseJsonField.call(
			this,
			param?.displayName ?? 'JSON',
			controlValue.call(this, form, INPUT_JSON, itemIndex),
			itemIndex,
		);
		where = 'the JSON field';
	} else {
		value = json;
		where = 'the item';
	}
	const list = Array.isArray(value) ? value : [value];
	list.forEach((object, position) => {
		if (typeof object !== 'object' || object === null || Array.isArray(object)) {
			throw new NodeOperationError(
				this.getNode(),
				`Each ${noun} must be a JSON object, but ${where} of item ${itemIndex} holds ${describeValue(object)}${Array.isArray(value) ? ` at position ${position}` : ''}`,
				{ itemIndex },
			);
		}
	});
	return list as IDataObject[];
}
