import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION, BEARER, tokenProperties } from './synqlyToken';

/** Organization tokens call the Management API: accounts, integrations, tokens, members… */
export class SynqlyOrganizationApi implements ICredentialType {
	name = 'synqlyOrganizationApi';

	displayName = 'Synqly Organization Token API';

	icon: Icon = { light: 'file:synqly.svg', dark: 'file:synqly.dark.svg' };

	documentationUrl = 'https://github.com/synqly-community/n8n-nodes-synqly#credentials';

	properties: INodeProperties[] = tokenProperties(
		'An organization access token: Synqly app → Settings → Secrets, or the access secret returned when an organization token is created',
	);

	authenticate: IAuthenticateGeneric = BEARER;

	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/v1/organization',
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'detail',
					value: 'This endpoint requires an organization token; an integration token was provided.',
					message:
						'This is an integration token. Paste it into a "Synqly Integration Token API" credential; this one needs an organization token',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 401,
					message: 'The organization token is invalid or expired',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'status', value: 402, message: 'The Synqly organization is disabled' },
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 403,
					message: 'The token is valid but may not read the organization',
				},
			},
		],
	};
}
