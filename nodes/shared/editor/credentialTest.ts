import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { ALLOW_INSECURE_HTTP, checkBaseUrl } from '../../../credentials/baseUrl';
import type { TokenKind } from '../../../credentials/synqlyToken';
import { INTEGRATION_TOKEN, ORGANIZATION_TOKEN, testMessages, testVerdict } from '../../../credentials/synqlyToken';
import { CredentialTestClient } from '../http/client';

/**
 * The "Test" of both Synqly credentials: functions on the nodes that use a credential (named by
 * their `credentials[].testedBy`), not the credentials' own `test`. The Base URL rule
 * (credentials/baseUrl.ts) is checked before anything is sent; a declarative test would send the
 * token to whatever its expression made of the Base URL. The answer must be the one a valid
 * token gets (`testVerdict`: for an integration token also Synqly's 501 Problem, which rules,
 * failing only on a match, cannot accept). n8n calls these only because the credentials have no
 * `test` of their own (that one would win). Both speak with the messages of
 * credentials/synqlyToken.ts, so the same failure reads the same for both.
 */
const testOf = (kind: TokenKind) =>
	async function (this: ICredentialTestFunctions, credential: ICredentialsDecrypted): Promise<INodeCredentialTestResult> {
		const messages = testMessages(kind);
		const base = checkBaseUrl(credential.data?.baseUrl, credential.data?.[ALLOW_INSECURE_HTTP]);
		if ('problem' in base) return { status: 'Error', message: messages.refusedBaseUrl(base.value, base.problem) };
		const outcome = await new CredentialTestClient(this.helpers).get(`${base.url}${kind.testPath}`, String(credential.data?.accessToken ?? ''));
		if ('failure' in outcome) {
			return { status: 'Error', message: messages.unreachable(base.url, outcome.failure.code, outcome.failure.message) };
		}
		const problem = testVerdict(kind, outcome);
		return problem === undefined ? { status: 'OK', message: 'Connection successful!' } : { status: 'Error', message: problem };
	};

/** The `methods.credentialTest` of every node that uses a Synqly credential. */
export const credentialTest = {
	synqlyOrganizationApiTest: testOf(ORGANIZATION_TOKEN),
	synqlyIntegrationApiTest: testOf(INTEGRATION_TOKEN),
};
