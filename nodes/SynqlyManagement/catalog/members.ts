import type { OperationRow, Param } from '../../shared/catalog/types';
import { crudRows } from './crud';
import { textParam } from '../../shared/catalog/fields';
import { enumOptions } from '../../shared/catalog/words';
import { memberTypeParam, objectParam, roleBindingParam } from './objectFields';
import { locators } from './locators';

export const memberId = objectParam('memberId', 'Member', locators.member);

const memberName: Param = {
	name: 'name',
	displayName: 'Name',
	in: 'body',
	kind: 'string',
	required: true,
	placeholder: 'e.g. name@email.com',
	description:
		'E-mail address of a personal member, or any unique identifier of a service member (e.g. ci-pipeline); Create or Update matches on it',
};

const fullname = textParam('fullname', 'Full Name', "Member's display name; defaults to the name", {
	placeholder: 'e.g. Nathan Smith',
});
const nickname = textParam('nickname', 'Nickname', "Member's nickname");
const picture = textParam('picture', 'Picture URL', "URL of the member's picture", {
	placeholder: 'e.g. https://example.com/me.png',
});

const password: Param = {
	name: 'password',
	displayName: 'Password',
	in: 'body',
	kind: 'secret',
	wire: 'secret',
	required: true,
	description:
		'Password the member logs on with: 8 to 71 characters, not a common word or a leaked password. Never returned; Create or Update does not change it for an existing member.',
};

const ttlDescription =
	'How long the member stays valid before a password change is required, e.g. 8760h; 1 day to 10 years, Synqly defaults to 10 years';
const tokenTtlDescription =
	"Lifetime of the member's tokens, e.g. 1h; at least 1m, at most 24h for personal and 90 days (2160h) for service members; Synqly defaults to 1h";

const createFields: Param[] = [
	memberName,
	password,
	fullname,
	nickname,
	picture,
	roleBindingParam(),
	memberTypeParam(),
	textParam('ttl', 'Member TTL', ttlDescription, { wire: 'options.ttl', placeholder: 'e.g. 8760h' }),
	textParam('tokenTtl', 'Token TTL', tokenTtlDescription, { wire: 'options.token_ttl', placeholder: 'e.g. 1h' }),
	{
		name: 'memberStates',
		displayName: 'Initial State Flags',
		in: 'body',
		kind: 'multiOptions',
		wire: 'options.options',
		options: enumOptions(['disabled', 'expired', 'forgotten', 'invited', 'locked'], { order: 'byLabel' }),
		description: 'States the new member starts in; Expired forces a password change at the first logon',
	},
];

/** The member object PUT replaces: no password and its lifetimes at top level. */
const updateFields: Param[] = [
	fullname,
	nickname,
	picture,
	roleBindingParam(),
	memberTypeParam(),
	{
		name: 'state',
		displayName: 'State',
		in: 'body',
		kind: 'options',
		options: enumOptions(['disabled', 'enabled', 'forgotten', 'invited', 'locked'], { order: 'byLabel' }),
		default: 'enabled',
		description: 'Whether the member can log on: Disabled or Locked blocks it, Enabled allows it again',
	},
	textParam('ttl', 'Member TTL', ttlDescription, { placeholder: 'e.g. 8760h' }),
	textParam('tokenTtl', 'Token TTL', tokenTtlDescription, { wire: 'token_ttl', placeholder: 'e.g. 1h' }),
];

export const memberRows: OperationRow[] = crudRows({
	resource: 'member',
	noun: 'member',
	basePath: '/v1/members',
	id: memberId,
	fields: createFields,
	createResultKey: 'member',
	redact: ['secret'],
}).map((row) => {
	if (row.operation === 'update') return { ...row, params: [memberId, ...updateFields] };
	if (row.operation === 'delete') return { ...row, description: 'Delete a member and all of its tokens' };
	return row;
});
