import type {
	IAuthenticateGeneric,
	Icon,
	ICredentialTestRequest,
	ICredentialType,
	INodeProperties,
} from 'n8n-workflow';

import { BASE_URL_EXPRESSION, BEARER, ORGANIZATION_TOKEN, testRules, tokenProperties } from './synqlyToken';
import { renewTokenPair } from './tokenPair';

/** Organization tokens call the Management API: accounts, integrations, tokens, members… */
export class SynqlyOrganizationApi implements ICredentialType {
	name = 'synqlyOrganizationApi';

	displayName = 'Synqly Organization Token API';

	icon: Icon = { light: 'file:synqly.svg', dark: 'file:synqly.dark.svg' };

	documentationUrl = 'https://github.com/synqly-community/n8n-nodes-synqly#credentials';

	properties: INodeProperties[] = tokenProperties(
		'An organization access token: Synqly app → Settings → Secrets, or the access secret returned when an organization token is created',
		"It is result.id of the Management node's Token → Create (its secret is result.primary.refresh.secret).",
	);

	authenticate: IAuthenticateGeneric = BEARER;

	preAuthentication = renewTokenPair;

	// Every organization token that may read the organization gets 200 and {"result": Organization}.
	test: ICredentialTestRequest = {
		request: {
			baseURL: BASE_URL_EXPRESSION,
			url: '/v1/organization',
			ignoreHttpStatusErrors: true,
		},
		rules: testRules(ORGANIZATION_TOKEN),
	};
}
