import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION, BEARER, testRules, tokenProperties } from './synqlyToken';
import { renewTokenPair } from './tokenPair';

/** Integration tokens call the Connector API of one integration: SIEM, ticketing, EDR… */
export class SynqlyIntegrationApi implements ICredentialType {
	name = 'synqlyIntegrationApi';

	displayName = 'Synqly Integration Token API';

	icon: Icon = { light: 'file:synqly.svg', dark: 'file:synqly.dark.svg' };

	documentationUrl = 'https://github.com/synqly-community/n8n-nodes-synqly#credentials';

	properties: INodeProperties[] = tokenProperties(
		"An integration access token: result.token.access.secret of the Management node's Integration → Create, or a token minted with Token → Create Integration Token",
		"It is result.integration.refresh_token_id of the Management node's Integration → Create (its secret is result.token.refresh.secret).",
	);

	authenticate: IAuthenticateGeneric = BEARER;

	preAuthentication = renewTokenPair;

	// The reference has no request every integration token gets 200 for. Listing the integration's
	// webhooks gets 200 and {"result": [...]} for ticketing providers and Synqly's 501 Problem for
	// the others (webhooks are ticketing only): both prove the token, so `result` cannot be
	// required, and a JSON object with neither `result` nor a Problem `status` passes.
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/v1/integration-webhooks',
			ignoreHttpStatusErrors: true,
		},
		rules: testRules(
			{
				token: 'integration',
				otherToken: 'organization',
				otherCredential: 'Synqly Organization Token API',
				reads: "list the integration's webhooks",
			},
			false,
		),
	};
}
