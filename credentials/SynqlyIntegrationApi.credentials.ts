import type { IAuthenticate, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { bearer, tokenProperties } from './synqlyToken';
import { renewTokenPair } from './tokenPair';

/** Integration tokens call the Connector API of one integration: SIEM, ticketing, EDR… */
export class SynqlyIntegrationApi implements ICredentialType {
	name = 'synqlyIntegrationApi';

	displayName = 'Synqly Integration Token API';

	icon: Icon = { light: 'file:synqly.svg', dark: 'file:synqly.dark.svg' };

	documentationUrl = 'https://github.com/synqly-community/n8n-nodes-synqly/blob/main/docs/credentials.md';

	properties: INodeProperties[] = tokenProperties(
		"An integration access token: result.token.access.secret of the Management node's Integration → Create, or a token minted with Token → Create Integration Token",
		"It is result.integration.refresh_token_id of the Management node's Integration → Create (its secret is result.token.refresh.secret).",
	);

	authenticate: IAuthenticate = bearer;

	preAuthentication = renewTokenPair;

	// No `test` here on purpose: n8n would use it before the nodes' test function (`testedBy` on
	// the Synqly Connector and Connector Trigger, nodes/shared/editor/credentialTest.ts), which accepts
	// exactly the two answers a valid integration token gets; declarative rules cannot.
}
