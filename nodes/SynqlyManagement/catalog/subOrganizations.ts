import { rowOf } from '../../shared/catalog/rows';
import type { OperationRow, Param } from '../../shared/catalog/types';
import { textParam } from '../../shared/catalog/fields';
import { memberTypeParam, nameParam, objectParam, organizationContactParams, roleBindingParam } from './objectFields';
import { locators } from './locators';

export const subOrganizationId = objectParam('subOrganizationId', 'Sub-Organization', locators.subOrganization);

const subOrg = rowOf('subOrganization');

const createFields: Param[] = [
	{ ...nameParam('organization', false), placeholder: 'e.g. acme-emea' },
	textParam('fullname', 'Full Name', 'Display name of the organization; defaults to the name', {
		placeholder: 'e.g. Acme EMEA',
	}),
	...organizationContactParams,
	textParam(
		'memberName',
		'First Member Name',
		'E-mail address (or service identifier) of a first member created in the new organization; needs First Member Password',
		{
			wire: 'member.name',
			placeholder: 'e.g. name@email.com',
		},
	),
	{
		name: 'memberPassword',
		displayName: 'First Member Password',
		in: 'body',
		kind: 'secret',
		wire: 'member.secret',
		description: 'Password of the first member: 8 to 71 characters, not a common or leaked password. Never returned.',
	},
	textParam('memberFullname', 'First Member Full Name', "First member's display name", { wire: 'member.fullname' }),
	roleBindingParam('member.role_binding', {
		name: 'memberRoleBinding',
		displayName: 'First Member Role Binding',
		description: 'Roles of the first member; Synqly defaults to Member',
	}),
	{ ...memberTypeParam('member.type'), name: 'memberType', displayName: 'First Member Type' },
];

export const subOrganizationRows: OperationRow[] = [
	subOrg({
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many sub-organizations',
		description: 'List the organizations under this root organization',
		kind: 'unpagedList',
		method: 'GET',
		path: '/v1/suborgs',
	}),
	subOrg({
		operation: 'get',
		name: 'Get',
		action: 'Get a sub-organization',
		description: 'Retrieve a sub-organization by ID',
		kind: 'request',
		method: 'GET',
		path: '/v1/suborgs/{subOrganizationId}',
		params: [subOrganizationId],
	}),
	subOrg({
		operation: 'create',
		agentRisk: 'mintsSecrets',
		name: 'Create',
		action: 'Create a sub-organization',
		description:
			'Create an organization under this root organization; the output holds the new organization, its first member and its organization token pair (token.access.secret)',
		kind: 'request',
		method: 'POST',
		path: '/v1/suborgs',
		params: createFields,
	}),
	subOrg({
		operation: 'delete',
		agentRisk: 'destroys',
		name: 'Delete',
		action: 'Delete a sub-organization',
		description: 'Delete a sub-organization and what belongs to it',
		kind: 'request',
		method: 'DELETE',
		path: '/v1/suborgs/{subOrganizationId}',
		params: [subOrganizationId],
		emptyOutput: 'deleted',
	}),
];
