/** Shapes of the objects the sandbox stores (Synqly Management API models, trimmed to what it uses). */
import type { Stored } from './store';

export type Environment = 'test' | 'prod';

export interface Organization extends Stored {
	refresh_token_id: string;
	organization_type: 'root' | 'standard';
	fullname: string;
	contact?: string;
	reply_to?: string;
	picture?: string;
	options?: Record<string, unknown>;
	/** Omitted when enabled; `disabled` makes every request answer 402. */
	state?: 'enabled' | 'disabled' | 'pov' | 'plg';
	end_date?: string;
	[extra: string]: unknown;
}

export interface Account extends Stored {
	fullname: string;
	organization_id: string;
	environment: Environment;
	labels?: string[];
	[extra: string]: unknown;
}

export interface Integration extends Stored {
	fullname: string;
	refresh_token_id: string;
	account_id: string;
	category: string;
	provider_config: Record<string, unknown> & { type: string };
	provider_fullname: string;
	provider_type: string;
	integration_point_id?: string;
	webhook_config?: { provider_key?: string; items: Array<{ webhook_url: string; event_filter?: string[]; integrator_key?: string }> };
	[extra: string]: unknown;
}

export interface Credential extends Stored {
	fullname: string;
	owner_type: 'account' | 'integration' | 'integration_point' | 'organization_webhook';
	account_id?: string;
	integration_id?: string;
	integration_point_id?: string;
	organization_webhook_id?: string;
	/** Full config including secrets; responses strip them (CredentialConfigNoSecret). */
	config: Record<string, unknown> & { type: string };
	expires?: string;
	managed: 'Managed' | 'Unmanaged';
	[extra: string]: unknown;
}

export interface Member extends Stored {
	fullname: string;
	state: string;
	type: 'personal' | 'service';
	role_binding: string[];
	[extra: string]: unknown;
}

export interface OrganizationWebhook extends Stored {
	fullname: string;
	environment: Environment;
	filters: string[];
	url: string;
	credential_id: string;
	[extra: string]: unknown;
}

/** Any other management object (bridges, roles, customs, mappings, integration points, SSO, sub-orgs). */
export interface GenericObject extends Stored {
	[extra: string]: unknown;
}

export interface Permission {
	role_binding?: string[];
	adhoc_role?: { resources: unknown; permission_set: string };
	resource_id: string;
	resource_type: 'organization' | 'integration';
	parent_id: string;
	id: string;
	organization_id: string;
	root_organization_id?: string;
	member_id: string;
}

export interface Token {
	secret: string;
	expires: string;
	permissions: Permission;
	claims?: Record<string, unknown>;
}

export interface TokenPair {
	access: Token;
	refresh: Token;
}

export interface RefreshToken extends Stored {
	fullname: string;
	member_id?: string;
	owner_id: string;
	owner_type: 'organization' | 'integration';
	expires: string;
	token_ttl: string;
	token_type: 'adhoc' | 'logon' | 'default';
	primary: TokenPair;
	secondary?: TokenPair;
}

/** What a bearer secret stands for. */
export interface Grant {
	secret: string;
	kind: 'access' | 'refresh';
	scope: 'organization' | 'integration' | 'mcp';
	permissionSet: string;
	expiresMs: number;
	refreshTokenId?: string;
	accountId?: string;
	integrationId?: string;
	memberId?: string;
	/** Test control (POST /__sandbox/expire): requests this token may still authenticate. */
	usesLeft?: number;
}

export interface Audit {
	environment: string;
	created_at: string;
	remote_addr: string;
	user_agent: string;
	audit_type: 'API';
	method: string;
	path: string;
	code: string;
	status?: string;
	body?: unknown;
	member_id?: string;
	account_id?: string;
	integration_id?: string;
}

export interface IntegrationStatus {
	created_at: string;
	updated_at: string;
	account_id: string;
	integration_id: string;
	status: string;
	requests: number;
	failed: number;
	cpu_time: number;
	db_ops: number;
	api_ops: number;
	in_bytes: number;
	out_bytes: number;
}

export interface StatusEvent {
	account_id: string;
	integration_id: string;
	created_at: string;
	status: string;
	error?: string;
	request: number;
	/** Not part of the API model: bytes for the timeseries. */
	in_bytes: number;
	out_bytes: number;
}

export interface Operation {
	id: string;
	created_at: string;
	updated_at: string;
	account_id: string;
	integration_id: string;
	operation: string;
	input: { filters?: string[]; limit?: number };
	status: 'SCHEDULED' | 'PROCESSING' | 'CANCELLED' | 'COMPLETE' | 'DISABLED';
	errors?: Array<{ message: string }>;
	cpu_time: number;
	in_bytes: number;
	output_integration_id?: string;
}

export interface ExecutionEvent {
	execution_id: string;
	operation_id: string;
	started_at: string;
	completed_at: string;
	account_id: string;
	integration_id: string;
	operation: string;
	trigger_type: 'API' | 'SCHEDULED';
	trigger_source: string;
	status: string;
	records_processed: number;
	cpu_time: number;
	in_bytes: number;
	duration: number;
}

/** A webhook the sandbox POSTed (organization or integration webhook). */
export interface WebhookDelivery {
	kind: 'organization' | 'integration';
	url: string;
	event: string;
	payload: unknown;
	signature: string;
	status?: number;
	error?: string;
	at: string;
}
