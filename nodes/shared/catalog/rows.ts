import type { OperationRow, RowSpec } from './types';

/** The row builder of one resource: each spec, whatever its kind, gets the resource. */
export const rowOf =
	(resource: string) =>
	(spec: RowSpec): OperationRow => ({ resource, ...spec });
