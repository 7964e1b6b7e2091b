import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION, BEARER, tokenProperties } from './synqlyToken';

/** Integration tokens call the Connector API of one integration: SIEM, ticketing, EDR… */
export class SynqlyIntegrationApi implements ICredentialType {
	name = 'synqlyIntegrationApi';

	displayName = 'Synqly Integration Token API';

	icon: Icon = { light: 'file:synqly.svg', dark: 'file:synqly.dark.svg' };

	documentationUrl = 'https://github.com/synqly-community/n8n-nodes-synqly#credentials';

	properties: INodeProperties[] = tokenProperties(
		"An integration access token: result.token.access.secret of the Management node's Integration → Create, or a token minted with Token → Create Integration Token",
	);

	authenticate: IAuthenticateGeneric = BEARER;

	// Every integration may list its integration webhooks; a provider that has none answers 501,
	// which still proves Synqly accepted the token, so only auth answers fail the test.
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/v1/integration-webhooks',
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'detail',
					value: 'This endpoint requires an integration token; an organization token was provided.',
					message:
						'This is an organization token. Paste it into a "Synqly Organization Token API" credential; this one needs an integration token',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'status',
					value: 401,
					message: 'The integration token is invalid or expired',
				},
			},
			{
				type: 'responseSuccessBody',
				properties: { key: 'status', value: 402, message: 'The Synqly organization is disabled' },
			},
		],
	};
}
