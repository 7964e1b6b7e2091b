import type { OperationRow } from '../../shared/catalog/types';
import { locatorParam } from '../../shared/catalog/fields';
import { byTime, category, SIMPLE } from './category';
import { locators } from './locators';

const identity = category('identity');

const userId = locatorParam('userId', 'User', locators.identityUser);
const groupId = locatorParam('groupId', 'Group', locators.identityGroup);

const userAction = (operation: string, name: string, action: string, description: string, verb: string) =>
	identity.post({
		operation,
		name,
		action,
		description,
		path: `/v1/identity/users/{userId}/actions/${verb}`,
		params: [userId],
		emptyOutput: 'success',
	});

export const identityRows: OperationRow[] = [
	identity.query({
		operation: 'queryAuditLog',
		name: 'Get Many Audit Events',
		action: 'Get many identity audit events',
		description: "Search the identity provider's audit log (sign-ins, changes) as OCSF events",
		path: '/v1/identity/audit',
		pageSize: 100,
		filter: true,
		order: true,
		raw: true,
		simplify: SIMPLE.event,
		poll: byTime('New Audit Log Events'),
	}),
	identity.query({
		operation: 'queryRiskEvents',
		name: 'Get Many Risk Events',
		action: 'Get many identity risk events',
		description: 'List risky sign-ins and other risk detections',
		path: '/v1/identity/risk-events',
		pageSize: 100,
		filter: true,
		order: true,
		raw: true,
		simplify: SIMPLE.finding,
		poll: byTime('New Risk Events'),
	}),
	identity.query({
		operation: 'queryRiskyUsers',
		name: 'Get Many Risky Users',
		action: 'Get many risky users',
		description: 'List users the identity provider flags as risky',
		path: '/v1/identity/risky-users',
		pageSize: 100,
		filter: true,
		order: true,
		raw: true,
		simplify: SIMPLE.entity,
	}),
	identity.query({
		operation: 'queryUsers',
		name: 'Get Many Users',
		action: 'Get many users',
		description: 'Search the directory users',
		path: '/v1/identity/users',
		pageSize: 100,
		filter: true,
		order: true,
		filterField: 'user.name',
		simplify: SIMPLE.entity,
	}),
	identity.get({
		operation: 'getUser',
		name: 'Get User',
		action: 'Get a user',
		description: 'Retrieve one user',
		path: '/v1/identity/users/{userId}',
		params: [userId],
	}),
	identity.query({
		operation: 'queryGroups',
		name: 'Get Many Groups',
		action: 'Get many groups',
		description: 'Search the directory groups',
		path: '/v1/identity/groups',
		pageSize: 100,
		filter: true,
		order: true,
		filterField: 'group.name',
		simplify: SIMPLE.entity,
	}),
	identity.get({
		operation: 'getGroup',
		name: 'Get Group',
		action: 'Get a group',
		description: 'Retrieve one group',
		path: '/v1/identity/groups/{groupId}',
		params: [groupId],
	}),
	identity.query({
		operation: 'getGroupMembers',
		name: 'Get Group Members',
		action: 'Get the members of a group',
		description: 'List the users of a group',
		path: '/v1/identity/groups/{groupId}/members',
		params: [groupId],
		pageSize: 100,
		simplify: SIMPLE.entity,
	}),
	userAction('enableUser', 'Enable User', 'Enable a user', 'Let a disabled user sign in again', 'enable'),
	userAction('disableUser', 'Disable User', 'Disable a user', 'Block a user from signing in', 'disable'),
	userAction(
		'forceUserPasswordReset',
		'Force Password Reset',
		"Force a user's password reset",
		'Make the user choose a new password at the next sign-in',
		'force_reset_password',
	),
	userAction(
		'expireAllUserSessions',
		'Expire All Sessions',
		"Expire all of a user's sessions",
		'Sign the user out everywhere',
		'expire_all_sessions',
	),
	identity.download({
		method: 'GET',
		operation: 'getUserPicture',
		name: 'Get User Picture',
		action: "Get a user's picture",
		description: "Download a user's profile picture into an n8n binary field",
		path: '/v1/identity/users/{userId}/picture',
		params: [userId],
		meta: false,
		download: 'bytes',
		fileNameParam: 'userId',
	}),
];
