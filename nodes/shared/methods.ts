import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import { locatorMethod } from './properties';
import { synqlyRequest } from './transport';
import type { ApiTable, LocatorRow } from './types';

const SEARCH_PAGE = 50;

export type ListSearch = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/** The value another locator or field of the node currently holds, for dependent lists. */
function currentValue(context: ILoadOptionsFunctions, name: string): string {
	// An operation without that field (Get Provider has no Category) makes n8n throw: no value then.
	if (!(name in (context.getCurrentNodeParameters() ?? {}))) return '';
	const value = context.getCurrentNodeParameter(name, { extractValue: true });
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** A list path with its `{param}` placeholders filled from the form, or undefined while one is empty. */
export function fillPath(context: ILoadOptionsFunctions, template: string): string | undefined {
	let missing = false;
	const path = template.replace(/\{(\w+)\}/g, (_, name: string) => {
		const value = currentValue(context, name);
		if (value === '') missing = true;
		return encodeURIComponent(value);
	});
	return missing ? undefined : path;
}

function searchFor(locator: LocatorRow): ListSearch {
	const labelField = locator.labelField ?? 'fullname';
	const valueField = locator.valueField ?? 'id';
	const searchField = locator.searchField ?? 'fullname';
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const path = fillPath(this, locator.listPath);
		if (path === undefined) return { results: [] };
		const qs = locator.unpaged
			? {}
			: {
					limit: SEARCH_PAGE,
					start_after: paginationToken,
					filter: filter ? [`${searchField}[like]*${filter}*`] : undefined,
					order: [`${searchField}[asc]`],
				};
		const body = await synqlyRequest.call(this, 'management', { method: 'GET', path, qs, itemIndex: 0 });
		const page = Array.isArray(body.result) ? (body.result as IDataObject[]) : [];
		const needle = locator.unpaged ? (filter ?? '').trim().toLowerCase() : '';
		const results = page
			.map((o) => {
				const value = String(o[valueField] ?? '');
				const label = String(o[labelField] ?? o.name ?? value);
				return { name: label === value ? label : `${label} (${value})`, value };
			})
			.filter((r) => r.name.toLowerCase().includes(needle));
		if (locator.unpaged) return { results };
		const last = page[page.length - 1];
		return {
			results,
			paginationToken: page.length === SEARCH_PAGE && last ? String(last[searchField]) : undefined,
		};
	};
}

/** One list-search method per locator of the table, named as the properties reference them. */
export function listSearchMethods(table: ApiTable): Record<string, ListSearch> {
	return Object.fromEntries(table.locators.map((l) => [locatorMethod(l.key), searchFor(l)]));
}

async function capabilities(context: ILoadOptionsFunctions, path: string): Promise<IDataObject[]> {
	const body = await synqlyRequest.call(context, 'management', { method: 'GET', path, itemIndex: 0 });
	return Array.isArray(body.result) ? (body.result as IDataObject[]) : [];
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** Dropdowns filled from Synqly's capabilities API. */
export const capabilityOptions = {
	async getCategories(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const connectors = await capabilities(this, '/v1/capabilities/connectors');
		return connectors
			.map((c) => ({
				name: String(c.fullname ?? c.id),
				value: String(c.id),
				description: typeof c.description === 'string' ? c.description : undefined,
			}))
			.sort(byName);
	},

	async getProviderTypes(this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const category = currentValue(this, 'category');
		const providers = await capabilities(this, '/v1/capabilities/providers');
		return providers
			.filter((p) => category === '' || providerCategory(p) === category)
			.map((p) => ({
				name: String(p.fullname ?? p.name ?? p.id),
				value: String(p.id),
				description: typeof p.vendor === 'string' ? `Vendor: ${p.vendor}` : undefined,
			}))
			.sort(byName);
	},
};

function providerCategory(provider: IDataObject): string {
	const connector = provider.connector_id ?? provider.connector;
	if (typeof connector === 'object' && connector !== null) return String((connector as IDataObject).id);
	return String(connector ?? String(provider.id).split('_')[0]);
}
