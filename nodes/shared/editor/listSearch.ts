import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchResult,
	INodePropertyOptions,
} from 'n8n-workflow';

import type { QueryValue } from '../catalog/request';
import { ConnectorAuth, editorReader, SEARCH_TOKEN_TTL } from '../http/auth';
import { SynqlyClient } from '../http/client';
import { CAPABILITY_METHODS, CATEGORY } from '../catalog/fields';
import { locatorMethod } from '../form/locatorProperty';
import type { Api, LocatorRow } from '../catalog/types';
import { firstValue } from '../wire/dotted';

/** What the editor asks the nodes for: the lists behind resource locators, and dropdowns. */

const SEARCH_PAGE = 50;

export type ListSearch = (
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
) => Promise<INodeListSearchResult>;

/** The value another locator or field of the node currently holds, for dependent lists. */
function currentValue(context: ILoadOptionsFunctions, name: string): string {
	const value = editorReader(context)(name, 0);
	return typeof value === 'string' || typeof value === 'number' ? String(value) : '';
}

/** The values of a list path's `{param}` placeholders in the form, or undefined while one is still empty. */
function pathValues(context: ILoadOptionsFunctions, template: string): Record<string, string> | undefined {
	const values = Object.fromEntries([...template.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, currentValue(context, name)]));
	return Object.values(values).includes('') ? undefined : values;
}

/**
 * One page of a locator's list for the search box. Management lists are searched by Synqly
 * (`like` filter on `searchField`, keyset pages); connector filters differ per provider, so their
 * page (cursor pages) and whole lists are narrowed here by the shown label.
 */
function searchList(api: Api, locator: LocatorRow): ListSearch {
	const labelField = locator.labelField ?? 'fullname|name';
	const valueField = locator.valueField ?? 'id';
	const searchField = locator.searchField ?? 'fullname';
	const searchedBySynqly = api === 'management' && !locator.unpaged;
	return async function (this: ILoadOptionsFunctions, filter?: string, paginationToken?: string) {
		const values = pathValues(this, locator.listPath);
		if (values === undefined) return { results: [] };
		let qs: Record<string, QueryValue> = {};
		if (searchedBySynqly) {
			qs = {
				limit: SEARCH_PAGE,
				start_after: paginationToken,
				filter: filter ? [`${searchField}[like]*${filter}*`] : undefined,
				// Ordered by the key `start_after` takes, so pages follow on under any reading of it.
				order: ['name[asc]'],
			};
		} else if (!locator.unpaged) {
			qs = { limit: SEARCH_PAGE, cursor: paginationToken };
		}
		const reader = editorReader(this);
		const client = new SynqlyClient(this, api, {
			auth: api === 'connector' ? (self) => new ConnectorAuth(self, reader, SEARCH_TOKEN_TTL) : undefined,
		});
		let body: IDataObject;
		try {
			body = await client.send(client.request({ method: 'GET', path: locator.listPath }, { path: values, query: qs }, 0));
		} catch (error) {
			throw client.scrub(error, 0);
		}
		const page = Array.isArray(body.result) ? (body.result as IDataObject[]) : [];
		const needle = searchedBySynqly ? '' : (filter ?? '').trim().toLowerCase();
		const results = page
			.map((o) => {
				const value = String(firstValue(o, valueField) ?? '');
				const label = String(firstValue(o, labelField) ?? value);
				return { name: label === value ? label : `${label} (${value})`, value };
			})
			.filter((r) => r.value !== '' && r.name.toLowerCase().includes(needle));
		return { results, paginationToken: nextPage(api, locator, page, body, paginationToken) };
	};
}

function nextPage(
	api: Api,
	locator: LocatorRow,
	page: IDataObject[],
	body: IDataObject,
	current: string | undefined,
): string | undefined {
	if (locator.unpaged) return undefined;
	if (api === 'management') {
		// `start_after` takes the last object's key, which is `name` for every list a locator searches.
		const last = page[page.length - 1];
		return page.length === SEARCH_PAGE && last ? String(last.name) : undefined;
	}
	const cursor = typeof body.cursor === 'string' && body.cursor !== '' ? body.cursor : undefined;
	return cursor !== current ? cursor : undefined;
}

/** One list-search method per locator, named as the locator properties reference them. */
export function listSearchMethods(api: Api, locators: LocatorRow[]): Record<string, ListSearch> {
	return Object.fromEntries(locators.map((l) => [locatorMethod(l.key), searchList(api, l)]));
}

async function capabilities(context: ILoadOptionsFunctions, path: string): Promise<IDataObject[]> {
	const client = new SynqlyClient(context, 'management');
	const body = await client.send(client.request({ method: 'GET', path }, {}, 0));
	return Array.isArray(body.result) ? (body.result as IDataObject[]) : [];
}

const byName = (a: INodePropertyOptions, b: INodePropertyOptions) => a.name.localeCompare(b.name);

/** Dropdowns filled from Synqly's capabilities API. */
export const capabilityOptions = {
	async [CAPABILITY_METHODS.categories](this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const connectors = await capabilities(this, '/v1/capabilities/connectors');
		return connectors
			.map((c) => ({
				name: String(c.fullname ?? c.id),
				value: String(c.id),
				description: typeof c.description === 'string' ? c.description : undefined,
			}))
			.sort(byName);
	},

	async [CAPABILITY_METHODS.providerTypes](this: ILoadOptionsFunctions): Promise<INodePropertyOptions[]> {
		const category = currentValue(this, CATEGORY);
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
