import type { OperationRow, Param } from '../../shared/catalog/types';
import { crudRows } from './crud';
import { jsonParam, pathIdParam } from '../../shared/catalog/fields';
import { fullnameParam, nameParam, objectParam } from './objectFields';
import { locators } from './locators';

const ownerId = objectParam(
	'ownerId',
	'Owner',
	locators.account,
	'Account (or integration, integration point or webhook ID) that owns the credentials',
);
const credentialId = objectParam('credentialId', 'Credential', locators.credential);

const fields: Param[] = [
	nameParam('credential'),
	fullnameParam('credential'),
	jsonParam(
		'config',
		'Config (JSON)',
		'The secret, by type: token {secret}, basic {username, secret}, secret {secret}, aws {access_key_id, secret_access_key, session?}, aws_role, o_auth_client {client_id, client_secret}, tls_certificate',
		{ type: 'token', secret: 'provider-api-token' },
		{ required: true },
	),
	{
		name: 'ownerType',
		displayName: 'Owner Type',
		in: 'body',
		kind: 'options',
		options: [
			{ name: 'Account', value: 'account' },
			{ name: 'Integration', value: 'integration' },
			{ name: 'Integration Point', value: 'integration_point' },
			{ name: 'Organization Webhook', value: 'organization_webhook' },
		],
		default: 'account',
		description: 'What kind of object owns the credential; Synqly assumes an account',
	},
	{
		name: 'expires',
		displayName: 'Expires',
		in: 'body',
		kind: 'dateTime',
		description: 'When the credential stops being usable',
	},
];

export const credentialRows: OperationRow[] = [
	...crudRows({
		resource: 'credential',
		noun: 'credential',
		basePath: '/v1/credentials/{ownerId}',
		parents: [ownerId],
		id: credentialId,
		fields,
	}),
	{
		resource: 'credential',
		operation: 'lookup',
		name: 'Look Up',
		action: 'Look up a credential by ID',
		description: 'Find a credential by its ID alone, whoever owns it',
		kind: 'request',
		method: 'GET',
		path: '/v1/credentials/lookup/{credentialId}',
		params: [pathIdParam('credentialId', credentialId.displayName, 'e.g. cred_123', credentialId.description ?? '')],
	},
];
