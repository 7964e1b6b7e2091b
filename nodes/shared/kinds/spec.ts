import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { Client, ItemRun } from '../catalog/request';
import type { OperationRow, Param } from '../catalog/types';
import type { OptionalCollection } from '../form/controls';
import type { RowForm } from '../runtime/input';

/**
 * Everything about one kind of operation, in one module: the form controls it adds to a row, the
 * collection its optional fields sit in, the form properties it shows between the two, whether
 * it answers with a list, and how it runs. The registry (`index.ts`) holds one per kind and does
 * not compile while a kind, or a part of one, is missing.
 */
interface KindParts<R extends OperationRow> {
	/** Params the runtime reads for the kind, after the row's own (Patch Operations, Pending Timeout…). */
	controls(row: R): Param[];
	/** Where the row's optional params sit in the form. */
	collection: OptionalCollection;
	/** Properties shown after the required params: Return All, Limit, Filters, Sort, Simplify. */
	properties(row: R): INodeProperties[];
	/** Whether it answers with a list of objects that Return All and Limit cut. */
	lists: boolean;
}

/** What a kind that runs once per item is given, besides the item's run. */
export type PerItem<R> = (run: ItemRun, row: R, form: RowForm) => Promise<INodeExecutionData[]>;

/** What a kind that takes all items at once (batch writes) is given. */
export interface AllItemsRun {
	context: IExecuteFunctions;
	client: Client;
	form: RowForm;
	/** How many requests may be in flight at once (the node's Concurrency). */
	concurrency: number;
}

export type KindSpec<R extends OperationRow> = KindParts<R> &
	({ perItem: PerItem<R>; allItems?: never } | { allItems(run: AllItemsRun, row: R): Promise<INodeExecutionData[]>; perItem?: never });

export const asItems = (objects: Array<INodeExecutionData['json']>): INodeExecutionData[] => objects.map((json) => ({ json }));
