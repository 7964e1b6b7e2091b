import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

import type { ApiTable, LocatorRow, OperationRow, Param } from './types';

export const FILTER_OPERATORS: INodePropertyOptions[] = [
	{ name: 'Equals', value: 'eq' },
	{ name: 'Greater Than', value: 'gt' },
	{ name: 'Greater Than or Equal', value: 'gte' },
	{ name: 'In (Comma-Separated List)', value: 'in' },
	{ name: 'Less Than', value: 'lt' },
	{ name: 'Less Than or Equal', value: 'lte' },
	{ name: 'Like (* Wildcard)', value: 'like' },
	{ name: 'Not Equals', value: 'ne' },
];

export const isList = (row: OperationRow) =>
	row.style === 'keyset' || row.style === 'cursor' || row.style === 'unpaged';

/** The collection that holds a row's optional params, or undefined when it has none. */
export function optionalCollection(row: OperationRow): { name: string; displayName: string } {
	if (row.body === 'merge') return { name: 'updateFields', displayName: 'Update Fields' };
	if (isList(row) || row.style === 'batch') return { name: 'options', displayName: 'Options' };
	return { name: 'additionalFields', displayName: 'Additional Fields' };
}

export const locatorMethod = (key: string) => `search${key.charAt(0).toUpperCase()}${key.slice(1)}`;

/** A resource locator over a locator row: a searchable list, or an ID typed in. */
export function locatorProperty(locator: LocatorRow): Pick<INodeProperties, 'type' | 'default' | 'modes'> {
	return {
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: `Select ${article(locator.displayName)} ${locator.displayName}...`,
				typeOptions: { searchListMethod: locatorMethod(locator.key), searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: locator.placeholder ?? 'e.g. my-object',
			},
		],
	};
}

function paramProperty(param: Param, locators: Map<string, LocatorRow>): INodeProperties {
	const base = {
		displayName: param.displayName,
		name: param.name,
		description: param.description,
		placeholder: param.placeholder,
		required: param.required,
	};
	switch (param.kind) {
		case 'locator': {
			const locator = locators.get(param.locator ?? '');
			if (!locator) throw new Error(`Unknown locator "${param.locator}" for ${param.name}`);
			return { ...base, ...locatorProperty(locator) };
		}
		case 'options':
		case 'multiOptions':
			if (param.loadOptions) {
				return {
					...base,
					type: param.kind,
					typeOptions: {
						loadOptionsMethod: param.loadOptions.method,
						loadOptionsDependsOn: param.loadOptions.dependsOn,
					},
					default: param.default ?? (param.kind === 'options' ? '' : []),
				};
			}
			return {
				...base,
				type: param.kind,
				options: param.options ?? [],
				default: param.default ?? (param.kind === 'options' ? (param.options?.[0]?.value ?? '') : []),
			};
		case 'secret':
			return { ...base, type: 'string', typeOptions: { password: true }, default: '' };
		case 'json':
			return { ...base, type: 'json', default: param.default ?? '{}' };
		case 'number':
			return { ...base, type: 'number', default: param.default ?? 0 };
		case 'boolean':
			return { ...base, type: 'boolean', default: param.default ?? false };
		case 'dateTime':
			return { ...base, type: 'dateTime', default: '' };
		case 'stringList':
			return {
				...base,
				type: 'string',
				default: param.default ?? '',
				description: `${param.description ?? ''} Comma-separated.`.trim(),
			};
		default:
			return { ...base, type: 'string', default: param.default ?? '' };
	}
}

function article(word: string) {
	return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function listProperties(row: OperationRow): INodeProperties[] {
	const properties: INodeProperties[] = [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			displayOptions: { show: { returnAll: [false] } },
		},
	];
	if (!row.filterable) return properties;
	const field = row.filterField ?? 'name';
	const filters: INodeProperties[] = [
		{
			displayName: 'Filters',
			name: 'filters',
			type: 'fixedCollection',
			placeholder: 'Add Filter',
			typeOptions: { multipleValues: true },
			default: {},
			description: "Synqly filters (field[operator]value); several filters must all match",
			options: [
				{
					displayName: 'Filter',
					name: 'filter',
					values: [
						{
							displayName: 'Field',
							name: 'field',
							type: 'string',
							default: field,
							placeholder: `e.g. ${field}`,
							description: 'Field to compare; nested fields are dotted, e.g. labels',
						},
						{
							displayName: 'Operator',
							name: 'operator',
							type: 'options',
							options: FILTER_OPERATORS,
							default: 'eq',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. acme*',
						},
					],
				},
			],
		},
	];
	if (!(row.orderable ?? row.filterable)) return properties.concat(filters);
	return properties.concat(filters, [
		{
			displayName: 'Sort',
			name: 'sort',
			type: 'fixedCollection',
			placeholder: 'Add Sort Rule',
			typeOptions: { multipleValues: true },
			default: {},
			options: [
				{
					displayName: 'Rule',
					name: 'rule',
					values: [
						{
							displayName: 'Field',
							name: 'field',
							type: 'string',
							default: field,
							placeholder: 'e.g. created_at',
						},
						{
							displayName: 'Direction',
							name: 'direction',
							type: 'options',
							options: [
								{ name: 'Ascending', value: 'asc' },
								{ name: 'Descending', value: 'desc' },
							],
							default: 'asc',
						},
					],
				},
			],
		},
	]);
}

function rowProperties(row: OperationRow, locators: Map<string, LocatorRow>): INodeProperties[] {
	const params = row.params ?? [];
	const top = params.filter((p) => p.required || p.in === 'path').map((p) => withShowWhen(p, locators));
	const optional = params.filter((p) => !(p.required || p.in === 'path'));
	const properties = [...top];
	if (row.body === 'patch') {
		const patchExample =
			row.patchExample === undefined
				? '[\n  { "op": "replace", "path": "/fullname", "value": "New display name" }\n]'
				: JSON.stringify(row.patchExample, null, 2);
		properties.push({
			displayName: 'Patch Operations (JSON)',
			name: 'patchOperations',
			type: 'json',
			required: true,
			default: patchExample,
			description:
				'JSON Patch (RFC 6902) operations applied in order: op is add, remove, replace, move, copy or test; path is a JSON Pointer such as /labels/0',
		});
	}
	if (isList(row)) properties.push(...listProperties(row));
	if (row.simplify) {
		properties.push({
			displayName: 'Simplify',
			name: 'simplify',
			type: 'boolean',
			default: true,
			description: 'Whether to return only the most useful fields of each result instead of the full object',
		});
	}
	if (optional.length > 0) {
		const collection = optionalCollection(row);
		properties.push({
			displayName: collection.displayName,
			name: collection.name,
			type: 'collection',
			placeholder: collection.name === 'options' ? 'Add option' : 'Add Field',
			default: {},
			options: optional
				.map((p) => paramProperty(p, locators))
				.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		});
	}
	return properties.map((property) => ({
		...property,
		displayOptions: {
			show: {
				...property.displayOptions?.show,
				resource: [row.resource],
				operation: [row.operation],
			},
		},
	}));
}

function withShowWhen(param: Param, locators: Map<string, LocatorRow>): INodeProperties {
	const property = paramProperty(param, locators);
	return param.showWhen ? { ...property, displayOptions: { show: param.showWhen } } : property;
}

/**
 * The node's whole form, derived from the table: Resource, then Operation per resource, then each
 * row's fields shown only for that row. Identical fields of one resource are merged into one
 * property so a value typed for "Get" survives a switch to "Delete".
 */
export function buildProperties(table: ApiTable): INodeProperties[] {
	const locators = new Map(table.locators.map((l) => [l.key, l]));
	const firstResource = table.resources[0].value;
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: 'resource',
			type: 'options',
			noDataExpression: true,
			options: [...table.resources]
				.sort((a, b) => a.name.localeCompare(b.name))
				.map(({ name, value, description }) => ({ name, value, description })),
			default: firstResource,
		},
	];
	for (const resource of table.resources) {
		const rows = table.operations.filter((row) => row.resource === resource.value);
		const firstOperation = rows[0].operation;
		properties.push({
			displayName: 'Operation',
			name: 'operation',
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { resource: [resource.value] } },
			options: [...rows]
				.sort((a, b) => a.name.localeCompare(b.name))
				.map((row) => ({
					name: row.name,
					value: row.operation,
					action: row.action,
					description: row.description,
				})),
			default: firstOperation,
		});
	}
	const fields: INodeProperties[] = [];
	for (const row of table.operations) {
		for (const property of rowProperties(row, locators)) {
			const twin = fields.find((f) => sameExceptOperation(f, property));
			if (twin) (twin.displayOptions!.show!.operation as string[]).push(row.operation);
			else fields.push(property);
		}
	}
	return properties.concat(fields);
}

function sameExceptOperation(a: INodeProperties, b: INodeProperties): boolean {
	const strip = (p: INodeProperties) =>
		JSON.stringify({ ...p, displayOptions: { show: { ...p.displayOptions?.show, operation: [] } } });
	return a.name === b.name && strip(a) === strip(b);
}

/** The canvas subtitle, "Operation: Resource" in the words of the dropdowns. */
export function subtitleOf(table: ApiTable): string {
	const resourceName = new Map(table.resources.map((r) => [r.value, r.name]));
	const labels = Object.fromEntries(
		table.operations.map((row) => [`${row.resource}:${row.operation}`, `${row.name}: ${resourceName.get(row.resource)}`]),
	);
	return `={{ ${JSON.stringify(labels)}[$parameter["resource"] + ":" + $parameter["operation"]] || $parameter["operation"] }}`;
}
