import type { ICredentialTestFunctions, IDataObject, IN8nHttpFullResponse, INode } from 'n8n-workflow';

import type { TestAnswer } from '../../../credentials/synqlyToken';
import type { Client, RequestTemplate, RowInput, SynqlyAnswer, SynqlyRequest } from '../catalog/request';
import type { Api } from '../catalog/types';
import { DEFAULT_TIMEOUT_SECONDS } from '../form/controls';
import { buildRequest } from '../wire/paths';
import { networkFailure } from './attempt';
import type { Identity, RequestAuth } from './identity';
import { boundCredential } from './identity';
import { exchange } from './send';
import type { RequestPolicy, SynqlyContext } from './session';
import { CREDENTIAL_OF, pause, policyOf, Session } from './session';

/**
 * The one way to send a Synqly request. Each entry point builds one (a node run, a poll, a
 * webhook delivery, the webhook's activation hooks, a list search or dropdown) and every request
 * of that entry point goes through it, so they share one session: each credential resolved once,
 * one rate gate, one renewal, one policy. The credential test, which n8n gives no bound
 * credential, has its own below.
 */
export class SynqlyClient implements Client {
	readonly session: Session;

	readonly node: INode;

	readonly creating = new Map<string, Promise<IDataObject | undefined>>();

	private readonly auth: RequestAuth;

	constructor(
		readonly context: SynqlyContext,
		readonly api: Api,
		{ policy, auth }: { policy?: RequestPolicy; auth?: (client: SynqlyClient) => RequestAuth } = {},
	) {
		this.session = new Session(policy);
		this.node = context.getNode();
		this.auth = auth ? auth(this) : boundCredential;
	}

	/** A client whose policy is the node's Request Options (`options`: the collection's value). */
	static withRequestOptions(context: SynqlyContext, api: Api, options: IDataObject, auth?: (client: SynqlyClient) => RequestAuth) {
		return new SynqlyClient(context, api, { policy: policyOf(options), auth });
	}

	request(template: RequestTemplate, input: Pick<Partial<RowInput>, 'path' | 'query'>, itemIndex: number): SynqlyRequest {
		return buildRequest(this.context, template, input, itemIndex);
	}

	async send(request: SynqlyRequest): Promise<SynqlyAnswer> {
		return (await exchange(this.context, this.api, request, this.session, await this.identity(request.itemIndex))).body;
	}

	async sendForBytes(request: SynqlyRequest): Promise<IN8nHttpFullResponse> {
		return (await exchange(this.context, this.api, request, this.session, await this.identity(request.itemIndex), true)).response;
	}

	/** Sends to the Management API with the organization credential, in this client's session (the Connector's token minting). */
	async sendToManagement(request: SynqlyRequest): Promise<SynqlyAnswer> {
		return (await exchange(this.context, 'management', request, this.session, { credentialType: CREDENTIAL_OF.management.type })).body;
	}

	async wait(ms: number): Promise<void> {
		await pause(this.context, ms);
	}

	target(itemIndex: number): string {
		return this.auth.target(itemIndex);
	}

	scrub(error: unknown, itemIndex: number): unknown {
		return this.auth.scrub(error, itemIndex);
	}

	private async identity(itemIndex: number): Promise<Identity> {
		return (await this.auth.identity(itemIndex)) ?? { credentialType: CREDENTIAL_OF[this.api].type };
	}
}

/** What a credential test's request met: an answer (any status), or no answer at all. */
export type CredentialTestOutcome = TestAnswer | { failure: { code: string; message: string } };

/**
 * The credential test's client: one GET, sent with the only HTTP helper n8n gives a test function,
 * the legacy `request` of ICredentialTestFunctions (it has no `httpRequest`; the lint rule against
 * `this.helpers.request` names a replacement that does not exist there). The helper still goes
 * through n8n's proxy settings and (n8n 2.41) its outbound-request policy. No credential is
 * applied by n8n here, so the Bearer header is set from the token under test. No retry: the test
 * reports what it meets. Every status comes back as an answer, its body as text.
 */
export class CredentialTestClient {
	constructor(private readonly helpers: ICredentialTestFunctions['helpers']) {}

	async get(url: string, accessToken: string): Promise<CredentialTestOutcome> {
		const { helpers } = this;
		try {
			const response = (await helpers.request({
				method: 'GET',
				uri: url,
				headers: { Accept: 'application/json', Authorization: `Bearer ${accessToken}` },
				json: false,
				simple: false,
				resolveWithFullResponse: true,
				timeout: DEFAULT_TIMEOUT_SECONDS * 1000,
			})) as { statusCode: number; body?: unknown };
			const { body } = response;
			const text = body === undefined || body === null ? undefined : Buffer.isBuffer(body) ? body.toString('utf8') : String(body);
			return { statusCode: response.statusCode, body: text };
		} catch (error) {
			return { failure: networkFailure(error) };
		}
	}
}
