import type { ICredentialsDecrypted, ICredentialTestFunctions, INodeCredentialTestResult } from 'n8n-workflow';

import { INTEGRATION_TOKEN, integrationTestVerdict, testMessages } from '../../../credentials/synqlyToken';
import { baseUrlOf } from '../../../credentials/tokenPair';
import { isHttpUrl } from '../http/attempt';
import { CredentialTestClient } from '../http/client';

/** What the integration token's test reads: the integration's webhooks. */
export const INTEGRATION_TEST_PATH = '/v1/integration-webhooks';

/**
 * The test of the Synqly Integration Token API credential. It is a function on the nodes that use
 * the credential (named by their `credentials[].testedBy`), not the credential's own `test`: no
 * request gets 200 for every valid integration token (webhooks are ticketing only; the other
 * providers get Synqly's 501 Problem), and a declarative test's rules can only fail on a match,
 * so they cannot accept "200 with `result`, or a 501 Problem" and refuse everything else. n8n
 * calls this only because the credential has no `test` of its own (that one would win).
 */
async function synqlyIntegrationApiTest(
	this: ICredentialTestFunctions,
	credential: ICredentialsDecrypted,
): Promise<INodeCredentialTestResult> {
	const messages = testMessages(INTEGRATION_TOKEN);
	const baseUrl = baseUrlOf(credential.data?.baseUrl);
	if (!isHttpUrl(baseUrl)) return { status: 'Error', message: messages.notUrl(baseUrl) };
	const outcome = await new CredentialTestClient(this.helpers).get(`${baseUrl}${INTEGRATION_TEST_PATH}`, String(credential.data?.accessToken ?? ''));
	if ('failure' in outcome) {
		return { status: 'Error', message: messages.unreachable(baseUrl, outcome.failure.code, outcome.failure.message) };
	}
	const problem = integrationTestVerdict(outcome);
	return problem === undefined ? { status: 'OK', message: 'Connection successful!' } : { status: 'Error', message: problem };
}

/** The `methods.credentialTest` of every node that uses the integration credential. */
export const credentialTest = { synqlyIntegrationApiTest };
