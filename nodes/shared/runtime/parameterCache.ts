import type { IExecuteFunctions, IGetNodeParameterOptions, INodeParameters } from 'n8n-workflow';

/**
 * The execution's context, reading each parameter whose value holds no expression once: such a
 * value is the same for every item, while each of n8n's reads resolves, extracts and validates it
 * again (a third of the node's time over 100,000 batched events, in the benchmark's CPU profile).
 * Values with an expression anywhere in them are read per item as before. Objects are handed out
 * as copies, so that what one item builds from them cannot change another item's request.
 */
export function readingParametersOnce(context: IExecuteFunctions): IExecuteFunctions {
	const { parameters } = context.getNode();
	const once = new Map<string, unknown>();
	function getNodeParameter(name: string, itemIndex: number, fallback?: unknown, options?: IGetNodeParameterOptions) {
		if (holdsExpression(valueAt(parameters, name))) return context.getNodeParameter(name, itemIndex, fallback, options);
		const key = JSON.stringify([name, fallback ?? null, options ?? null]);
		if (!once.has(key)) once.set(key, context.getNodeParameter(name, itemIndex, fallback, options));
		const value = once.get(key);
		return typeof value === 'object' && value !== null ? structuredClone(value) : value;
	}
	return new Proxy(context, {
		get(target, key) {
			if (key === 'getNodeParameter') return getNodeParameter;
			const value: unknown = Reflect.get(target, key, target);
			return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
		},
	});
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
