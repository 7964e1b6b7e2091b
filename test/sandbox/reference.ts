/** Shapes of the generated reference tables (see tools/gen-reference.ts). */
export interface RefOp {
	/** SDK group, e.g. `accounts`, `siem`. */
	group: string;
	/** SDK method, e.g. `list`, `query_events`. */
	name: string;
	method: string;
	/** Path template with `{param}` placeholders, e.g. `/v1/accounts/{account_id}`. */
	path: string;
	pathParams: string[];
	query: string[];
	requiredQuery: string[];
	/** `array`: bare JSON array (bulk posts, JSON Patch); `any`: any JSON; `multipart`: form upload. */
	body: 'object' | 'array' | 'any' | 'multipart' | null;
	bodyFields: string[];
	/** Required top-level body fields; `(body)` means the (raw) body itself is required. */
	requiredBody: string[];
	response: 'json' | 'none' | 'binary';
}

export interface RefProviderField {
	name: string;
	required: boolean;
	/** For credential fields: allowed `type` discriminants, e.g. `basic`, `basic_id`. */
	credentialTypes?: string[];
}

export interface RefProvider {
	/** `provider_config.type`, e.g. `ticketing_jira`. */
	type: string;
	fields: RefProviderField[];
}

export { MANAGEMENT_OPS, CONNECTOR_OPS, PROVIDER_CONFIGS, OPERATION_IDS } from './reference.generated';
