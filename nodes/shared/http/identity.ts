/** Who the requests of an entry point act as. */

/** Who a request acts as: a credential, and a token sent instead of its own (the Connector's minted token). */
export interface Identity {
	credentialType: string;
	accessToken?: string;
}

/**
 * Who a request acts as. The Management node sends its own credential; the Connector sends an
 * integration token as is, or an organization token from which it mints a short-lived
 * integration token per account and integration.
 */
export interface RequestAuth {
	/** Who the item's requests act as; undefined: the API's own credential. */
	identity(itemIndex: number): Promise<Identity | undefined>;
	/** Who the item's requests act as, as a key: items share a batch only when this is the same. */
	target(itemIndex: number): string;
	/** The error as it may leave the node: no minted secret in it. */
	scrub(error: unknown, itemIndex: number): unknown;
}

/** The API's own credential, as bound to the node. */
export const boundCredential: RequestAuth = {
	identity: async () => undefined,
	target: () => '',
	scrub: (error) => error,
};

