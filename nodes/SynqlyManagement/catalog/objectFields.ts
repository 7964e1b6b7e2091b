import { locatorParam, textParam } from '../../shared/catalog/fields';
import type { FixedChoiceParam, LocatorParam, LocatorRow, Param, ParamBase } from '../../shared/catalog/types';
import { enumOptions } from '../../shared/catalog/words';

/** Fields many management objects share, and their ids. */

/** A management object's id, picked from a list or typed; management objects also answer to their name. */
export const objectParam = (name: string, displayName: string, locator: LocatorRow, description?: string): LocatorParam =>
	locatorParam(
		name,
		displayName,
		locator,
		description ?? `The ${displayName.toLowerCase()} to use: pick it from the list or give its ID or name`,
	);

/** The slug every management object carries; Create or Update matches on it. */
export const nameParam = (noun: string, required = true): Param => ({
	name: 'name',
	displayName: 'Name',
	in: 'body',
	kind: 'string',
	required,
	placeholder: 'e.g. acme-corp',
	description: `Unique short name of the ${noun} (lowercase a-z, 0-9, _ and -); Synqly rejects a duplicate`,
});

export const fullnameParam = (noun: string): Param => ({
	name: 'fullname',
	displayName: 'Full Name',
	in: 'body',
	kind: 'string',
	placeholder: 'e.g. Acme Corp',
	description: `Display name of the ${noun}; defaults to the name`,
});

export const labelsParam = (noun: string): Param => ({
	name: 'labels',
	displayName: 'Labels',
	in: 'body',
	kind: 'stringList',
	placeholder: 'e.g. customer,eu',
	description: `Labels of the ${noun}, usable in role bindings (letters, digits, _ - : .; at most 48 characters each)`,
});

export const environmentParam: Param = {
	name: 'environment',
	displayName: 'Environment',
	in: 'body',
	kind: 'options',
	options: [
		{ name: 'Production', value: 'prod' },
		{ name: 'Test', value: 'test' },
	],
	default: 'prod',
	description: 'Environment the account runs in; integration points choose providers per environment',
};

export const expandParam = (
	values: string[],
	description = 'Related objects to include in full in each result',
): Param => ({
	name: 'expand',
	displayName: 'Expand',
	in: 'query',
	kind: 'multiOptions',
	options: enumOptions(values),
	description,
});

export const tokenTtlParam = (defaultTtl: string): Param => ({
	name: 'tokenTtl',
	displayName: 'Token TTL',
	in: 'body',
	kind: 'string',
	placeholder: `e.g. ${defaultTtl}`,
	description: `How long the token lives, as 1h, 30m or 45s; Synqly's default is ${defaultTtl}`,
});

export const PERMISSION_SETS = enumOptions(
	[
		'account-manager',
		'administrator',
		'connect-ui',
		'mcp-integrations-use-only',
		'mcp-management',
		'member',
		'token-issuer',
		'viewer',
	],
	{
		labels: {
			'connect-ui': 'Connect UI',
			'mcp-integrations-use-only': 'MCP Integrations Use Only',
			'mcp-management': 'MCP Management',
		},
	},
);

export const descriptionParam = (noun: string, description?: string): Param =>
	textParam('description', 'Description', description ?? `What the ${noun} is for and when to use it`);

/** The `test`/`prod` environment enum, described for the object it belongs to. */
export const environmentOf = (description: string, extra: Partial<ParamBase> = {}): FixedChoiceParam => ({
	...environmentParam,
	description,
	...extra,
});

/**
 * Built-in roles a member can be bound to; they carry the names of the permission sets. Custom
 * roles (Role resource) are bound by name through an expression.
 */
export const roleBindingParam = (wire = 'role_binding', extra: Partial<ParamBase> = {}): FixedChoiceParam => ({
	name: 'roleBinding',
	displayName: 'Role Binding',
	in: 'body',
	kind: 'multiOptions',
	wire,
	options: PERMISSION_SETS,
	description:
		'Roles granted to the member; its tokens inherit this access. Synqly defaults to Member. For a custom role, use an expression returning its name, e.g. {{ ["soc-analyst"] }}.',
	...extra,
});

export const MEMBER_TYPES = [
	{ name: 'Personal', value: 'personal' },
	{ name: 'Service', value: 'service' },
];

export const memberTypeParam = (wire = 'type'): Param => ({
	name: 'memberType',
	displayName: 'Member Type',
	in: 'body',
	kind: 'options',
	wire,
	options: MEMBER_TYPES,
	default: 'personal',
	description:
		'Personal for a person (named by e-mail address), Service for automation such as a CI pipeline; Synqly defaults to Personal',
});

/** Contact fields an organization and a new sub-organization share. */
export const organizationContactParams: Param[] = [
	textParam('contact', 'Contact Email', "The organization's contact e-mail address", {
		placeholder: 'e.g. name@email.com',
	}),
	textParam(
		'replyTo',
		'Reply-To Email',
		'Reply-to address of the e-mails Synqly sends; defaults to no-reply@synqly.com',
		{ placeholder: 'e.g. name@email.com' },
	),
	textParam('picture', 'Picture URL', "URL of the organization's picture"),
];

/** A YAML definition, sent as `data` (custom providers, mappings). */
export const yamlDefinitionParam = (description: string): Param => ({
	name: 'definition',
	displayName: 'Definition (YAML)',
	in: 'body',
	wire: 'data',
	kind: 'string',
	required: true,
	description,
});

export const permissionSetParam = (description: string): Param => ({
	name: 'permissionSet',
	displayName: 'Permission Set',
	in: 'body',
	kind: 'options',
	required: true,
	options: PERMISSION_SETS,
	default: 'viewer',
	description,
});
