import type { CustomRow } from '../catalog/types';
import { ADDITIONAL_FIELDS } from '../form/controls';
import { redact } from '../runtime/output';
import type { KindSpec } from './spec';
import { asItems } from './spec';

/**
 * The escape hatch: a one-off operation whose row carries its own `run`, so a strange endpoint
 * does not force a new kind. Its params are read and checked like every row's; it answers with
 * output objects, which the dispatcher pairs with the item.
 */
export const custom: KindSpec<CustomRow> = {
	controls: () => [],
	collection: ADDITIONAL_FIELDS,
	properties: () => [],
	lists: false,
	perItem: async (run, row) => asItems((await row.run(run)).map((object) => redact(row, object))),
};
