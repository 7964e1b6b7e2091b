import type { IExecuteFunctions, IGetNodeParameterOptions, INodeParameters } from 'n8n-workflow';

/**
 * The execution's context, reading each parameter whose value holds no expression once: such a
 * value is the same for every item, while each of n8n's reads resolves, extracts and validates it
 * again (a third of the node's time over 100,000 batched events, in the benchmark's CPU profile).
 * Values with an expression anywhere in them are read per item as before. Objects are handed out
 * as copies, so that what one item builds from them cannot change another item's request.
 *
 * Everything here runs once per parameter read, 100,000s of times in a batched run, so whether a
 * name holds an expression is decided once per name, and the copy is a plain JSON copy (n8n's
 * parameter values are JSON) rather than `structuredClone`, which cost 7 % of that run.
 */
export function readingParametersOnce(context: IExecuteFunctions): IExecuteFunctions {
	const { parameters } = context.getNode();
	const perItem = new Map<string, boolean>();
	const once = new Map<string, unknown>();
	function getNodeParameter(name: string, itemIndex: number, fallback?: unknown, options?: IGetNodeParameterOptions) {
		let variable = perItem.get(name);
		if (variable === undefined) {
			variable = holdsExpression(valueAt(parameters, name));
			perItem.set(name, variable);
		}
		if (variable) return context.getNodeParameter(name, itemIndex, fallback, options);
		const key = `${name}\u0000${textOf(fallback)}\u0000${textOf(options)}`;
		if (!once.has(key)) once.set(key, context.getNodeParameter(name, itemIndex, fallback, options));
		return copyOf(once.get(key));
	}
	// n8n's context methods are bound to it once each, not on every access.
	const bound = new Map<PropertyKey, unknown>();
	return new Proxy(context, {
		get(target, key) {
			if (key === 'getNodeParameter') return getNodeParameter;
			if (bound.has(key)) return bound.get(key);
			const value: unknown = Reflect.get(target, key, target);
			if (typeof value !== 'function') return value;
			const method = (value as (...args: unknown[]) => unknown).bind(target);
			bound.set(key, method);
			return method;
		},
	});
}

const textOf = (value: unknown) => (typeof value === 'object' && value !== null ? JSON.stringify(value) : `${typeof value}:${String(value)}`);

/** A copy of a JSON value; a key named `__proto__` stays an own key, never a prototype. */
function copyOf<T>(value: T): T {
	if (typeof value !== 'object' || value === null) return value;
	if (Array.isArray(value)) return value.map(copyOf) as T;
	const out: Record<string, unknown> = {};
	for (const [key, field] of Object.entries(value)) {
		if (key === '__proto__') Object.defineProperty(out, key, { value: copyOf(field), enumerable: true, writable: true, configurable: true });
		else out[key] = copyOf(field);
	}
	return out as T;
}

/** The raw value at a dotted parameter name ("filters.filter"), as n8n reads it. */
function valueAt(parameters: INodeParameters, name: string): unknown {
	let value: unknown = parameters;
	for (const part of name.split('.')) {
		if (typeof value !== 'object' || value === null) return undefined;
		value = (value as Record<string, unknown>)[part];
	}
	return value;
}

/** Whether an expression ("={{ … }}") is anywhere in a raw parameter value. */
function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (typeof value !== 'object' || value === null) return false;
	return Object.values(value).some(holdsExpression);
}
