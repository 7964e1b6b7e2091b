import type { IDataObject } from 'n8n-workflow';

import type { OperationRow } from '../catalog/types';
import { CONCURRENCY } from '../form/controls';
import { repeatableMethod } from '../wire/paths';

/**
 * How many items (batch writes: batches) of a row run at once. Reads (GETs their row declares
 * repeatable) run up to the Concurrency ceiling, and the session's limiter decides how many of
 * their requests are in flight. Writes keep the order of their side effects: one at a time, in
 * input order, unless the user set Concurrency (`options`: the Request Options' value).
 */
export function itemsAtOnce(row: Pick<OperationRow, 'method' | 'repeatable'>, options: IDataObject, ceiling: number): number {
	const read = row.method === 'GET' && (row.repeatable ?? repeatableMethod(row.method));
	return read || options[CONCURRENCY] !== undefined ? ceiling : 1;
}

/**
 * Runs `count` jobs with at most `limit` in flight and gives their results in job order. After a
 * job throws, no new job starts; once the running ones settle, the failure of the lowest job
 * index is thrown (with a limit of 1 this is a plain loop that stops at its first failure).
 */
export async function inPool<T>(count: number, limit: number, job: (index: number) => Promise<T>): Promise<T[]> {
	const results: T[] = new Array<T>(count);
	const failures: Array<{ index: number; error: unknown }> = [];
	let next = 0;
	const worker = async () => {
		while (failures.length === 0 && next < count) {
			const index = next++;
			try {
				results[index] = await job(index);
			} catch (error) {
				failures.push({ index, error });
			}
		}
	};
	await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, count)) }, worker));
	if (failures.length > 0) throw failures.reduce((a, b) => (a.index < b.index ? a : b)).error;
	return results;
}
