/**
 * Parameters without an expression are read once per execution (nodes/shared/params.ts): the
 * value cannot vary per item, and each n8n read resolves, extracts and validates it again.
 */
import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';

import { readingParametersOnce } from '../nodes/shared/runtime/parameterCache';

/** A context whose getNodeParameter counts its calls and answers the raw value (item index appended to expressions). */
function fakeContext(parameters: INodeParameters) {
	const calls: string[] = [];
	const context = {
		getNode: () => ({ parameters }),
		getNodeParameter: (name: string, itemIndex: number) => {
			calls.push(name);
			const value = name.split('.').reduce<unknown>((v, part) => (v as Record<string, unknown>)?.[part], parameters);
			return typeof value === 'string' && value.startsWith('=') ? `${value.slice(1)}#${itemIndex}` : structuredClone(value);
		},
		continueOnFail: () => false,
	};
	return { context: context as unknown as IExecuteFunctions, calls };
}

test('a parameter without an expression is read once for all items', () => {
	const { context, calls } = fakeContext({ operation: 'get', options: { limit: 5 } });
	const once = readingParametersOnce(context);
	for (let item = 0; item < 100; item++) expect(once.getNodeParameter('operation', item)).toBe('get');
	expect(calls).toEqual(['operation']);
});

test('a parameter with an expression anywhere in it is read for every item', () => {
	const { context, calls } = fakeContext({ accountId: { __rl: true, mode: 'id', value: '={{ $json.id }}' }, name: '=x' });
	const once = readingParametersOnce(context);
	expect([0, 1, 2].map((item) => once.getNodeParameter('name', item))).toEqual(['x#0', 'x#1', 'x#2']);
	[0, 1, 2].forEach((item) => once.getNodeParameter('accountId', item));
	expect(calls).toEqual(['name', 'name', 'name', 'accountId', 'accountId', 'accountId']);
});

test("an object read once is handed out as a copy: one item's changes never reach another's", () => {
	const { context } = fakeContext({ body: { provider_config: { type: 'siem_mock' } } });
	const once = readingParametersOnce(context);
	const first = once.getNodeParameter('body', 0) as { provider_config: { type: string } };
	first.provider_config.type = 'changed by item 0';
	expect(once.getNodeParameter('body', 1)).toEqual({ provider_config: { type: 'siem_mock' } });
});

test('everything else of the context is the context itself', () => {
	const { context } = fakeContext({});
	expect(readingParametersOnce(context).continueOnFail()).toBe(false);
});

test('a copy keeps a "__proto__" key as data: it never becomes the prototype of what an item gets', () => {
	const hostile = JSON.parse('{"fields": {"__proto__": {"polluted": true}, "name": "x"}}') as INodeParameters;
	const { context } = fakeContext(hostile);
	const once = readingParametersOnce(context);
	once.getNodeParameter('fields', 0);
	const second = once.getNodeParameter('fields', 1) as Record<string, unknown>;
	expect(Object.getPrototypeOf(second)).toBe(Object.prototype);
	expect((second as { polluted?: unknown }).polluted).toBeUndefined();
	expect(Object.keys(second)).toEqual(['__proto__', 'name']);
});

test('reads with different fallbacks or options are kept apart', () => {
	const { context, calls } = fakeContext({ options: { limit: 5 } });
	const once = readingParametersOnce(context);
	once.getNodeParameter('options', 0, {});
	once.getNodeParameter('options', 1, {});
	once.getNodeParameter('options', 0, undefined, { extractValue: true });
	once.getNodeParameter('options', 1, undefined, { extractValue: true });
	expect(calls).toEqual(['options', 'options']);
});
