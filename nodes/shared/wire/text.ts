/** What values are, in words, for messages about values of the wrong kind. */

/** What a value is, in words, for messages about values of the wrong type. */
export function describeValue(value: unknown): string {
	if (value === null) return 'null';
	if (Array.isArray(value)) return 'a list';
	return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The first control character (U+0000–U+001F, U+007F) of a text, as "U+000A". */
export function controlCharacter(text: string): string | undefined {
	for (const char of text) {
		const code = char.charCodeAt(0);
		if (code < 0x20 || code === 0x7f) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
	}
	return undefined;
}

