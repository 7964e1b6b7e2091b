import type { IDataObject } from 'n8n-workflow';

import type { RequestRow } from '../catalog/types';
import { ADDITIONAL_FIELDS, IDEMPOTENCY_KEY, idempotencyKeyParam } from '../form/controls';
import { createOnce, onceKey } from '../runtime/once';
import { toObjects } from '../runtime/output';
import type { KindSpec } from './spec';
import { asItems } from './spec';

/**
 * One request per item; the body is the body params (or the one `wholeBody` param). A create
 * whose row declares `once` takes an Idempotency Key and creates only when no object carries it
 * (`runtime/once.ts`).
 */
export const request: KindSpec<RequestRow> = {
	controls: (row) => (row.once ? [idempotencyKeyParam(row.once)] : []),
	collection: ADDITIONAL_FIELDS,
	properties: () => [],
	lists: false,
	async perItem(run, row, form) {
		const { context, client, input, request, itemIndex } = run;
		if (row.once) {
			// Read from the collection: absent (no key) differs from an expression that gave nothing.
			const optional = context.getNodeParameter(form.collection.name, itemIndex, {}) as IDataObject;
			const key = onceKey(run, optional[IDEMPOTENCY_KEY]);
			if (key !== undefined) return asItems(await createOnce(run, { ...row, once: row.once }, key));
		}
		// A row with body fields sends a JSON object even when none is set, as the SDKs do.
		const sendsObject = (row.params ?? []).some((p) => p.in === 'body');
		const body = input.wholeBody ?? (sendsObject ? input.body : undefined);
		return asItems(toObjects(row, await client.send({ ...request, body })));
	},
};
