/**
 * Laying given fields over an object, as Update (GET, merge, PUT) and Create or Update send it:
 * objects merge key by key at any depth, lists and scalars replace, and an object whose
 * discriminator (`type`) changes is replaced whole (a provider_config or credential of another
 * type keeps nothing of the old one). Pure: neither argument is changed.
 */

type Plain = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Plain =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

/** The key whose change makes an object another kind of object. */
export const DISCRIMINATOR = 'type';

/** `given` laid over `current`: see the module comment. A given `undefined` leaves the current value. */
export function deepMerge<T>(current: T, given: unknown): T {
	if (given === undefined) return current;
	if (!isPlainObject(given) || !isPlainObject(current)) return given as T;
	if (DISCRIMINATOR in given && DISCRIMINATOR in current && given[DISCRIMINATOR] !== current[DISCRIMINATOR]) return given as T;
	const out: Plain = { ...current };
	// Defined, not assigned: a "__proto__" key parsed from JSON stays a field instead of becoming the object's prototype.
	for (const [key, value] of Object.entries(given)) {
		Object.defineProperty(out, key, { value: deepMerge(current[key], value), enumerable: true, writable: true, configurable: true });
	}
	return out as T;
}
