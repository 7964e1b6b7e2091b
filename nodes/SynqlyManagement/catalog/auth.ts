import { rowOf } from '../../shared/catalog/rows';
import type { OperationRow, Param } from '../../shared/catalog/types';
import { pathIdParam, textParam } from '../../shared/catalog/fields';
import { objectParam } from './objectFields';
import { locators } from './locators';

export const ssoId = objectParam('ssoId', 'SSO Configuration', locators.sso);

const auth = rowOf('auth');

const secret = (name: string, displayName: string, wire: string, description: string, required = true): Param => ({
	name,
	displayName,
	in: 'body',
	kind: 'secret',
	wire,
	required,
	description,
});

const ssoFullname: Param = {
	...textParam(
		'fullname',
		'Display Name',
		'Name shown on the sign-in screen; must be unique among SSO configurations but is not an ID',
		{ placeholder: 'e.g. Okta' },
	),
	required: true,
};

const ssoType: Param = {
	name: 'ssoType',
	displayName: 'Protocol',
	in: 'body',
	kind: 'options',
	wire: 'config.type',
	required: true,
	options: [
		{ name: 'OpenID Connect (OIDC)', value: 'oidc' },
		{ name: 'SAML 2.0', value: 'saml' },
	],
	default: 'oidc',
	description: 'How Synqly talks to the identity provider',
};

const oidc = { ssoType: ['oidc'] };
const saml = { ssoType: ['saml'] };

const configField = (
	name: string,
	displayName: string,
	wire: string,
	description: string,
	showWhen: Record<string, string[]>,
	placeholder?: string,
): Param => ({
	name,
	displayName,
	in: 'body',
	kind: 'string',
	wire: `config.${wire}`,
	required: true,
	showWhen,
	description,
	placeholder,
});

const issuerUrl = configField(
	'issuerUrl',
	'Issuer URL',
	'issuer_url',
	'Issuer URL of the identity provider; Synqly reads its OpenID Connect discovery document from it',
	oidc,
	'e.g. https://acme.okta.com',
);
const clientId = configField(
	'clientId',
	'Client ID',
	'client_id',
	'Client ID registered with the identity provider',
	oidc,
);
const idpEntityId = configField(
	'idpEntityId',
	'IdP Entity ID',
	'idp_entity_id',
	'Entity ID of the SAML identity provider',
	saml,
);
const idpSsoUrl = configField(
	'idpSsoUrl',
	'IdP SSO URL',
	'idp_sso_url',
	'Single sign-on URL of the SAML identity provider',
	saml,
);
const spEntityId = configField(
	'spEntityId',
	'SP Entity ID',
	'sp_entity_id',
	"Entity ID of Synqly as the service provider (Get SSO Metadata gives Synqly's value)",
	saml,
);
const samlOptional: Param[] = [
	textParam('idpMetadataUrl', 'IdP Metadata URL', 'SAML only: URL of the identity provider metadata', {
		wire: 'config.idp_metadata_url',
	}),
	textParam('nameIdFormat', 'NameID Format', 'SAML only: NameID format; Synqly defaults to emailAddress', {
		wire: 'config.name_id_format',
		placeholder: 'e.g. urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
	}),
];
const certificateDescription = "The identity provider's signing certificate (PEM)";

export const authRows: OperationRow[] = [
	auth({
		operation: 'logon',
		agentRisk: 'mintsSecrets',
		name: 'Log On',
		action: 'Log on as a member',
		description:
			"Start a session for a member with e-mail and password; the output deliberately holds the session's token pair (token.access.secret is the member's bearer token)",
		kind: 'request',
		method: 'POST',
		path: '/v1/auth/logon/{organizationId}',
		params: [
			pathIdParam('organizationId', 'Organization ID', 'e.g. org_123', 'ID of the organization the member belongs to'),
			{
				...textParam('memberEmail', 'Member Email', 'E-mail address of the member', {
					wire: 'name',
					placeholder: 'e.g. name@email.com',
				}),
				required: true,
			},
			secret('password', 'Password', 'secret', "The member's password; never returned"),
		],
	}),
	auth({
		operation: 'logoff',
		agentRisk: 'destroys',
		name: 'Log Off',
		action: 'Log off',
		description: "End the session of the credential's logon token; the token stops working",
		kind: 'request',
		method: 'POST',
		path: '/v1/auth/logoff',
		emptyOutput: 'success',
	}),
	auth({
		operation: 'changePassword',
		agentRisk: 'mintsSecrets',
		name: 'Change Password',
		action: 'Change the member password',
		description:
			"Change the password of the member the credential's token belongs to; auth_code in the output says whether it worked",
		kind: 'request',
		method: 'POST',
		path: '/v1/auth/change_password',
		params: [
			secret('oldPassword', 'Current Password', 'old_secret', "The member's current password"),
			secret(
				'newPassword',
				'New Password',
				'new_secret',
				'The new password: 8 to 71 characters, not a common or leaked password',
			),
		],
	}),
	auth({
		operation: 'createSso',
		name: 'Create SSO Configuration',
		action: 'Create an SSO configuration',
		description: 'Connect an OIDC or SAML identity provider for single sign-on to the organization',
		kind: 'request',
		method: 'POST',
		path: '/v1/auth/sso',
		params: [
			ssoFullname,
			ssoType,
			issuerUrl,
			clientId,
			{
				...secret(
					'clientSecret',
					'Client Secret',
					'config.client_secret',
					'Client secret registered with the identity provider; never returned',
				),
				showWhen: oidc,
			},
			idpEntityId,
			idpSsoUrl,
			{
				name: 'idpCertificate',
				displayName: 'IdP Certificate',
				in: 'body',
				kind: 'string',
				wire: 'config.idp_certificate',
				required: true,
				showWhen: saml,
				description: certificateDescription,
			},
			spEntityId,
			...samlOptional,
		],
	}),
	auth({
		operation: 'getAllSso',
		name: 'Get Many SSO Configurations',
		action: 'Get many SSO configurations',
		description: "List the organization's SSO configurations (client secrets are not included)",
		kind: 'unpagedList',
		method: 'GET',
		path: '/v1/auth/sso',
	}),
	auth({
		operation: 'getSso',
		name: 'Get SSO Configuration',
		action: 'Get an SSO configuration',
		description: 'Retrieve one SSO configuration (client secrets are not included)',
		kind: 'request',
		method: 'GET',
		path: '/v1/auth/sso/{ssoId}',
		params: [ssoId],
	}),
	auth({
		operation: 'updateSso',
		name: 'Update SSO Configuration',
		action: 'Update an SSO configuration',
		description: 'Replace an SSO configuration; leave the client secret or certificate out to keep the stored one',
		kind: 'request',
		method: 'PUT',
		path: '/v1/auth/sso/{ssoId}',
		params: [
			ssoId,
			ssoFullname,
			ssoType,
			issuerUrl,
			clientId,
			idpEntityId,
			idpSsoUrl,
			spEntityId,
			secret(
				'clientSecret',
				'Client Secret',
				'config.client_secret',
				'OIDC only: a new client secret; leave out to keep the stored one',
				false,
			),
			textParam(
				'idpCertificate',
				'IdP Certificate',
				`SAML only: ${certificateDescription}; leave out to keep the stored one`,
				{
					wire: 'config.idp_certificate',
				},
			),
			...samlOptional,
			{
				name: 'updatedAt',
				displayName: 'Updated At',
				in: 'body',
				kind: 'dateTime',
				description:
					'Optimistic locking: the updated_at you last read; Synqly refuses the update when the configuration changed since',
			},
		],
	}),
	auth({
		operation: 'deleteSso',
		agentRisk: 'destroys',
		name: 'Delete SSO Configuration',
		action: 'Delete an SSO configuration',
		description: 'Remove an SSO configuration; members who sign in through that identity provider may lose access',
		kind: 'request',
		method: 'DELETE',
		path: '/v1/auth/sso/{ssoId}',
		params: [ssoId],
		emptyOutput: 'deleted',
	}),
	auth({
		operation: 'getSsoMetadata',
		name: 'Get SSO Metadata',
		action: 'Get SSO metadata',
		description:
			'Values to enter at the identity provider: the OIDC redirect URI, or the SAML ACS URL, SP entity ID and NameID formats',
		kind: 'request',
		method: 'GET',
		path: '/v1/auth/meta',
	}),
];
