/** The one merge of Update and Create or Update (nodes/shared/wire/merge.ts), as a table. */
import { deepMerge } from '../nodes/shared/wire/merge';

const cases: Array<[string, unknown, unknown, unknown]> = [
	['a top-level scalar replaces', { a: 1, b: 2 }, { a: 3 }, { a: 3, b: 2 }],
	[
		'a nested object merges, keeping the fields not given',
		{ provider_config: { type: 'ticketing_jira', url: 'https://a', credential: { type: 'basic_id', value: 'c1' } } },
		{ provider_config: { type: 'ticketing_jira', url: 'https://b' } },
		{ provider_config: { type: 'ticketing_jira', url: 'https://b', credential: { type: 'basic_id', value: 'c1' } } },
	],
	[
		'an object given without its type merges into the current one',
		{ p: { type: 't', url: 'u', x: { y: 1, z: 2 } } },
		{ p: { x: { z: 3 } } },
		{ p: { type: 't', url: 'u', x: { y: 1, z: 3 } } },
	],
	[
		'an object whose type changes is replaced whole',
		{ p: { type: 'ticketing_jira', url: 'u', credential: { type: 'basic_id', value: 'c' } } },
		{ p: { type: 'ticketing_mock_ticketing' } },
		{ p: { type: 'ticketing_mock_ticketing' } },
	],
	[
		'a nested discriminated object of another type is replaced, its siblings kept',
		{ p: { type: 'j', url: 'u', credential: { type: 'basic_id', value: 'c' } } },
		{ p: { credential: { type: 'token', secret: 's' } } },
		{ p: { type: 'j', url: 'u', credential: { type: 'token', secret: 's' } } },
	],
	['a list replaces, not merged item by item', { l: [1, 2, 3], o: [{ a: 1 }] }, { l: [4], o: [{ b: 2 }] }, { l: [4], o: [{ b: 2 }] }],
	['null replaces', { a: { b: 1 } }, { a: null }, { a: null }],
	['an object replaces a scalar, a scalar an object', { a: 1, b: { c: 1 } }, { a: { x: 1 }, b: 2 }, { a: { x: 1 }, b: 2 }],
	['undefined leaves the current value', { a: 1 }, { a: undefined }, { a: 1 }],
	['new keys are added at any depth', { a: { b: {} } }, { a: { b: { c: 1 } }, d: 2 }, { a: { b: { c: 1 } }, d: 2 }],
];

describe('deepMerge', () => {
	test.each(cases)('%s', (_name, current, given, expected) => {
		const before = JSON.stringify(current);
		expect(deepMerge(current, given)).toEqual(expected);
		expect(JSON.stringify(current)).toBe(before);
	});
});

test('a "__proto__" key from JSON input is an ordinary field of the body, not the merged object\'s prototype', () => {
	const given = JSON.parse('{"__proto__": {"admin": true}, "name": "x"}') as Record<string, unknown>;
	const merged = deepMerge<Record<string, unknown>>({ name: 'a' }, given);
	expect(Object.getPrototypeOf(merged)).toBe(Object.prototype);
	expect((merged as { admin?: unknown }).admin).toBeUndefined();
	expect(JSON.parse(JSON.stringify(merged))).toEqual(JSON.parse('{"name": "x", "__proto__": {"admin": true}}'));
});
