/**
 * The output schemas the package ships (nodes/<Node>/__schema__, written by `npm run docs`), read
 * the way n8n reads them, and a check that what a node really output fits its row's schema.
 */
import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IDataObject } from 'n8n-workflow';

import type { OperationRow } from '../../nodes/shared/catalog/types';
import { SCHEMA_TARGETS, VERSION_FOLDER } from '../../scripts/schemas';

const ajv = new Ajv({ allErrors: true });

export type NodeFolder = (typeof SCHEMA_TARGETS)[number]['folder'];

/** The file n8n serves for `/schemas/<nodeType>/1.0.0/<resource>/<operation>.json`. */
export const schemaFile = (folder: NodeFolder, row: Pick<OperationRow, 'resource' | 'operation'>) =>
	join(__dirname, '..', '..', folder, '__schema__', VERSION_FOLDER, row.resource, `${row.operation}.json`);

/** Fails naming the row and each output field that does not fit the row's shipped schema. */
export function expectFitsSchema(folder: NodeFolder, row: OperationRow, objects: IDataObject[]) {
	const validate = ajv.compile(JSON.parse(readFileSync(schemaFile(folder, row), 'utf8')) as object);
	const misfits = objects.flatMap((object, i) =>
		validate(object) ? [] : (validate.errors ?? []).map((e) => `output ${i}${e.dataPath}: ${e.message}`),
	);
	expect({ row: `${row.resource}.${row.operation}`, misfits }).toEqual({ row: `${row.resource}.${row.operation}`, misfits: [] });
}
