import type { INodeProperties } from 'n8n-workflow';

import type { ApiTable, OperationRow, Param } from '../catalog/types';
import { formOf, kindOf } from '../kinds';
import { allowForAgentsControl, OPERATION, requestOptionsControl, RESOURCE } from './controls';
import { locatorProperty } from './locatorProperty';

/** One param as an n8n form field. */
export function paramProperty(param: Param): INodeProperties {
	const base = {
		displayName: param.displayName,
		name: param.name,
		description: param.description,
		placeholder: param.placeholder,
		required: param.required,
	};
	switch (param.kind) {
		case 'locator':
			return { ...base, ...locatorProperty(param.locator) };
		case 'options':
		case 'multiOptions':
			if ('loadOptions' in param) {
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
				options: param.options,
				default: param.default ?? (param.kind === 'options' ? (param.options[0]?.value ?? '') : []),
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

/**
 * The fields of one row, in the one order every form has: on the tool variant, the switch that
 * lets an AI agent run a row unsafe for it; ids and required fields, then Return
 * All and Limit, Filters, Sort, then Simplify and the optional collection (Options, Additional
 * Fields or Update Fields).
 */
function rowProperties(row: OperationRow): INodeProperties[] {
	const { params, collection } = formOf(row);
	const top = params.filter((p) => p.required || p.in === 'path').map(withShowWhen);
	const optional = params.filter((p) => !(p.required || p.in === 'path'));
	const allow = row.agentRisk ? [allowForAgentsControl(row.agentRisk)] : [];
	const properties = [...allow, ...top, ...kindOf(row).properties(row)];
	if (optional.length > 0) {
		properties.push({
			displayName: collection.displayName,
			name: collection.name,
			type: 'collection',
			placeholder: collection.name === 'options' ? 'Add option' : 'Add Field',
			default: {},
			options: optional
				.map(paramProperty)
				.sort((a, b) => a.displayName.localeCompare(b.displayName)),
		});
	}
	return properties.map((property) => ({
		...property,
		displayOptions: {
			show: {
				...property.displayOptions?.show,
				[RESOURCE]: [row.resource],
				[OPERATION]: [row.operation],
			},
		},
	}));
}

function withShowWhen(param: Param): INodeProperties {
	const property = paramProperty(param);
	return param.showWhen ? { ...property, displayOptions: { show: param.showWhen } } : property;
}

/**
 * The node's whole form, derived from the table: Resource, then Operation per resource, then each
 * row's fields shown only for that row. Identical fields of one resource are merged into one
 * property so a value typed for "Get" survives a switch to "Delete".
 */
export function buildProperties(table: ApiTable): INodeProperties[] {
	const firstResource = table.resources[0].value;
	const properties: INodeProperties[] = [
		{
			displayName: 'Resource',
			name: RESOURCE,
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
			name: OPERATION,
			type: 'options',
			noDataExpression: true,
			displayOptions: { show: { [RESOURCE]: [resource.value] } },
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
		// n8n shows a row's fields in array order, so a shared twin is only reused when it comes after
		// the row's previous field: otherwise one row's Simplify could sit above its own Filters.
		let previous = -1;
		for (const property of rowProperties(row)) {
			const twin = fields.findIndex((f, i) => i > previous && sameExceptOperation(f, property));
			if (twin >= 0) (fields[twin].displayOptions!.show![OPERATION] as string[]).push(row.operation);
			else fields.push(property);
			previous = twin >= 0 ? twin : fields.length - 1;
		}
	}
	return properties.concat(fields, requestOptionsControl());
}

function sameExceptOperation(a: INodeProperties, b: INodeProperties): boolean {
	const strip = (p: INodeProperties) =>
		JSON.stringify({ ...p, displayOptions: { show: { ...p.displayOptions?.show, [OPERATION]: [] } } });
	return a.name === b.name && strip(a) === strip(b);
}

/** The canvas subtitle, "Operation: Resource" in the words of the dropdowns. */
export function subtitleOf(table: ApiTable): string {
	const resourceName = new Map(table.resources.map((r) => [r.value, r.name]));
	const labels = Object.fromEntries(
		table.operations.map((row) => [`${row.resource}:${row.operation}`, `${row.name}: ${resourceName.get(row.resource)}`]),
	);
	return `={{ ${JSON.stringify(labels)}[$parameter["${RESOURCE}"] + ":" + $parameter["${OPERATION}"]] || $parameter["${OPERATION}"] }}`;
}
