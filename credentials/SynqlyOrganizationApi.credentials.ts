import type { IAuthenticate, Icon, ICredentialType, INodeProperties } from 'n8n-workflow';

import { bearer, tokenProperties } from './synqlyToken';
import { renewTokenPair } from './tokenPair';

/** Organization tokens call the Management API: accounts, integrations, tokens, members… */
export class SynqlyOrganizationApi implements ICredentialType {
	name = 'synqlyOrganizationApi';

	displayName = 'Synqly Organization Token API';

	icon: Icon = { light: 'file:synqly.svg', dark: 'file:synqly.dark.svg' };

	documentationUrl = 'https://github.com/synqly-community/n8n-nodes-synqly/blob/main/docs/credentials.md';

	properties: INodeProperties[] = tokenProperties(
		'An organization access token: Synqly app → Settings → Secrets, or the access secret returned when an organization token is created',
		"It is result.id of the Management node's Token → Create (its secret is result.primary.refresh.secret).",
	);

	authenticate: IAuthenticate = bearer;

	preAuthentication = renewTokenPair;

	// No `test` here on purpose, as for the integration credential: the nodes that use it name a
	// test function (`testedBy`, nodes/shared/editor/credentialTest.ts) that checks the Base URL
	// before anything is sent and speaks as the integration credential's test does; a declarative
	// test would send the token to whatever its expression makes of the Base URL.
}
