import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	ILoadOptionsFunctions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { Api } from '../catalog/types';
import { CONCURRENCY, DEFAULT_CONCURRENCY, DEFAULT_RETRIES, DEFAULT_TIMEOUT_SECONDS, MAX_CONCURRENCY, RETRIES, TIMEOUT, wholeNumberOption } from '../form/controls';
import type { Signal, Ticket } from './limiter';
import { Limiter } from './limiter';

/** Where requests come from: node runs, the editor, a trigger's activation hooks and deliveries, and polls. */
export type SynqlyContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions | IWebhookFunctions | IPollFunctions;

/** The credential each API is called with, unless an entry point's auth says otherwise. */
export const CREDENTIAL_OF: Record<Api, { type: string; displayName: string }> = {
	management: { type: 'synqlyOrganizationApi', displayName: 'Synqly Organization Token API' },
	connector: { type: 'synqlyIntegrationApi', displayName: 'Synqly Integration Token API' },
};

/** How hard one entry point tries: node options, read once. */
export interface RequestPolicy {
	/** Further attempts after the first, where a retry cannot duplicate anything. */
	retries: number;
	/** Per attempt, in milliseconds. */
	timeoutMs: number;
	/** All attempts and waits of one request, in milliseconds. */
	maxTotalMs: number;
	/** The most requests in flight at once (the Concurrency option): the limiter's ceiling. */
	ceiling: number;
}

export const DEFAULT_POLICY: RequestPolicy = {
	retries: DEFAULT_RETRIES,
	timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000,
	maxTotalMs: 180_000,
	ceiling: DEFAULT_CONCURRENCY,
};

/** The policy the node's Request Options ask for. */
export function policyOf(options: IDataObject): RequestPolicy {
	const timeoutMs = wholeNumberOption(options[TIMEOUT], { min: 1, max: 3600, fallback: DEFAULT_POLICY.timeoutMs / 1000 }) * 1000;
	return {
		retries: wholeNumberOption(options[RETRIES], { min: 0, max: 10, fallback: DEFAULT_POLICY.retries }),
		timeoutMs,
		maxTotalMs: Math.max(DEFAULT_POLICY.maxTotalMs, timeoutMs * 2),
		ceiling: wholeNumberOption(options[CONCURRENCY], { min: 1, max: MAX_CONCURRENCY, fallback: DEFAULT_CONCURRENCY }),
	};
}

/**
 * What the requests of one entry point (an execution, a poll, an editor call) share: each
 * credential, resolved once (in n8n a lookup is a database read and a decryption; the credential
 * form has no expressions, so its values cannot depend on the item), the retry policy, one
 * limiter (`limiter.ts`: how many requests are in flight, found by the answers; a 429 pauses every
 * request still to be sent, not only the one that got it), and the token-pair renewals under way
 * (`renewal.ts`).
 */
export class Session {
	private readonly credentials = new Map<string, Promise<ICredentialDataDecryptedObject>>();

	/** How many requests are in flight at once, and the pause a Retry-After puts on all of them. */
	readonly limiter: Limiter;

	/** Token-pair renewals under way, per credential type. */
	readonly renewals = new Map<string, Promise<unknown>>();

	/** Credential types whose pair was renewed and whose previous pair is still to be removed. */
	readonly retiring = new Set<string>();

	/** Credential types this session renewed (a 401 after that ends their renewals). */
	readonly renewed = new Set<string>();

	/** Credential types this session renews no more: Synqly refused a pair after its renewal. */
	readonly spent = new Set<string>();

	constructor(readonly policy: RequestPolicy = DEFAULT_POLICY) {
		this.limiter = new Limiter(policy.ceiling);
	}

	async credential(ctx: SynqlyContext, type: string, itemIndex: number): Promise<ICredentialDataDecryptedObject> {
		let credential = this.credentials.get(type);
		if (!credential) {
			credential = ctx.getCredentials(type, itemIndex);
			this.credentials.set(type, credential);
		}
		return await credential;
	}

	/** The credential's data from now on (after a renewal, or as another worker stored it). */
	remember(type: string, data: ICredentialDataDecryptedObject) {
		this.credentials.set(type, Promise.resolve(data));
	}

	/** Holds every request of the session back for `ms` from now. */
	pause(ms: number) {
		this.limiter.pause(ms);
	}

	/** Waits for a place among the requests in flight, and out any pause; cancelling the execution ends the wait. */
	async turn(ctx: SynqlyContext): Promise<Ticket> {
		return await this.limiter.acquire(async (ms) => await pause(ctx, ms));
	}

	/** Gives the place back, with what the attempt met. */
	done(ticket: Ticket, signal: Signal) {
		this.limiter.release(ticket, signal);
	}
}

/**
 * A wait that cancelling the execution ends at once. n8n-workflow's `sleepWithAbort` is not in
 * every n8n (2.41 no longer exports it), so its plain `sleep` races the execution's cancel signal.
 */
export async function pause(ctx: SynqlyContext, ms: number) {
	const signal = 'getExecutionCancelSignal' in ctx ? ctx.getExecutionCancelSignal() : undefined;
	if (signal?.aborted) throw new Error('The execution was cancelled');
	await new Promise<void>((resolve, reject) => {
		const cancelled = () => reject(new Error('The execution was cancelled'));
		signal?.addEventListener('abort', cancelled, { once: true });
		void sleep(ms).then(() => {
			signal?.removeEventListener('abort', cancelled);
			resolve();
		});
	});
}
