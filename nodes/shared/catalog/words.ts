import type { INodePropertyOptions } from 'n8n-workflow';

/** How things are said in labels and messages. */

export const article = (word: string) => (/^[aeiou]/i.test(word) ? 'an' : 'a');

/** "NAME_LIKE_THIS", "like-this" or "like_this" as "Name Like This". */
export const titleCase = (value: string) =>
	value
		.toLowerCase()
		.split(/[_\s-]+/)
		.map((w) => w.charAt(0).toUpperCase() + w.slice(1))
		.join(' ');

/**
 * Dropdown choices for enum values, labelled in Title Case unless `labels` names them; `byLabel`
 * sorts them by label, `asGiven` keeps a meaningful order (priorities, severities).
 */
export const enumOptions = (
	values: string[],
	{ labels = {}, order = 'asGiven' }: { labels?: Record<string, string>; order?: 'asGiven' | 'byLabel' } = {},
): INodePropertyOptions[] => {
	const options = values.map((value) => ({ name: labels[value] ?? titleCase(value), value }));
	return order === 'byLabel' ? options.sort((a, b) => a.name.localeCompare(b.name)) : options;
};

/**
 * The object a request points at, for "could not find" messages: the noun of its last path
 * param and the value given, e.g. "account 'acme'", "file path 'a/b.txt'".
 */
export function subjectOf(
	params: Array<{ name: string; displayName: string; in: string }>,
	pathValues: Record<string, unknown>,
): string | undefined {
	const param = [...params].reverse().find((p) => p.in === 'path' && pathValues[p.name] !== undefined);
	if (!param) return undefined;
	const noun = param.displayName.replace(/\s+ID$/i, '').toLowerCase();
	return `${noun} '${String(pathValues[param.name])}'`;
}
