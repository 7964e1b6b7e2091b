/**
 * Static catalogues: connector categories, providers (capabilities), operation ids, and the
 * eight built-in permission sets with the rule that decides 403s. Providers and their required
 * config fields come from the generated reference (all 169 `provider_config` types).
 */
import { CONNECTOR_OPS, PROVIDER_CONFIGS, type RefOp, type RefProvider } from './reference';

export const CATEGORIES: Record<string, { fullname: string; description: string }> = {
	appsec: { fullname: 'Application Security', description: 'Application security testing findings and applications.' },
	assets: { fullname: 'Assets', description: 'Asset inventory: devices and software.' },
	chat: { fullname: 'Chat', description: 'Chat users, conversations and messages.' },
	cloudsecurity: { fullname: 'Cloud Security', description: 'Cloud security posture: events, IOMs, inventory, compliance and threats.' },
	custom: { fullname: 'Custom', description: 'Custom providers defined in YAML.' },
	edr: { fullname: 'EDR', description: 'Endpoint detection and response: endpoints, alerts, threats, IOCs and IOAs.' },
	emailsecurity: { fullname: 'Email Security', description: 'Email threats and email activity.' },
	endpointmanagement: { fullname: 'Endpoint Management', description: 'Managed devices, compliance and device actions.' },
	identity: { fullname: 'Identity', description: 'Identity providers: users, groups, audit logs and risk.' },
	incidentresponse: { fullname: 'Incident Response', description: 'Escalation policies and on-call users.' },
	networksecurity: { fullname: 'Network Security', description: 'Traffic log configurations and traffic events.' },
	notifications: { fullname: 'Notifications', description: 'Send and clear notifications.' },
	siem: { fullname: 'SIEM', description: 'Security information and event management: events, alerts and investigations.' },
	sink: { fullname: 'Sink', description: 'Write OCSF events to a data store.' },
	storage: { fullname: 'Storage', description: 'File storage: list, upload, download and delete files.' },
	ticketing: { fullname: 'Ticketing', description: 'Tickets, comments, notes and attachments.' },
	vulnerabilities: { fullname: 'Vulnerabilities', description: 'Vulnerability findings, assets and scans.' },
};

/** Connector SDK group -> connector category (groups that are not categories map to null). */
export function categoryOfGroup(group: string): string | null {
	return group in CATEGORIES ? group : null;
}

/** `<category>_<sdk method>`, the management `OperationId` (e.g. `siem_query_events`). */
export function operationId(op: RefOp): string {
	return `${op.group}_${op.name}`;
}

const WORDS: Record<string, string> = {
	aws: 'AWS', iam: 'IAM', gcs: 'GCS', hec: 'HEC', siem: 'SIEM', sqs: 'SQS', s3: 'S3', sc: 'SC', easm: 'EASM',
	vr: 'VR', sir: 'SIR', hcl: 'HCL', id: 'ID', edr: 'EDR', jira: 'Jira', servicenow: 'ServiceNow',
	crowdstrike: 'CrowdStrike', sentinelone: 'SentinelOne', pagerduty: 'PagerDuty', github: 'GitHub',
	gitlab: 'GitLab', opensearch: 'OpenSearch', sonarqube: 'SonarQube', jupiterone: 'JupiterOne',
	incidentio: 'incident.io', q: 'Q', radar: 'Radar', eset: 'ESET', iru: 'IRU', opentext: 'OpenText',
	bmchelix: 'BMC Helix', insightidr: 'InsightIDR', awseventbridgesqs: 'AWS EventBridge SQS', paloalto: 'Palo Alto',
	appscan: 'AppScan', xdome: 'xDome', ens: 'ENS', pingone: 'PingOne', datadog: 'Datadog',
};

function words(parts: string[]): string {
	return parts.map((w) => WORDS[w] ?? w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

export interface ProviderInfo {
	id: string;
	category: string;
	fullname: string;
	vendor: string;
	config: RefProvider;
}

function describeProvider(config: RefProvider): ProviderInfo {
	const [category, ...rest] = config.type.split('_');
	const isMock = rest.includes('mock');
	const core = rest.filter((w) => w !== 'mock');
	// `siem_mock_siem` -> "Mock SIEM"; `assets_axonius_mock` -> "Axonius (Mock)".
	const fullname = rest[0] === 'mock' ? `Mock ${words(core.length ? [core[core.length - 1]] : [category])}` : `${words(core)}${isMock ? ' (Mock)' : ''}`;
	const vendor = rest[0] === 'mock' || config.type === 'custom_synqly' ? 'Synqly' : words([core[0] ?? category]);
	return { id: config.type, category, fullname, vendor, config };
}

export const PROVIDERS: ProviderInfo[] = PROVIDER_CONFIGS.map(describeProvider);
const PROVIDER_BY_ID = new Map(PROVIDERS.map((p) => [p.id, p]));

export function findProvider(id: string): ProviderInfo | undefined {
	return PROVIDER_BY_ID.get(id);
}

/**
 * Operations a provider lacks, so 501 can be exercised within a category too: ticketing
 * attachments are Jira-only (beta), escalation policies/on-call are PagerDuty-only, and the
 * "notes" and "remote fields" APIs are not offered by every ticketing provider. Mock providers
 * support everything of their category.
 */
const UNSUPPORTED: Array<{ provider: RegExp; ops: RegExp }> = [
	{ provider: /^ticketing_(?!jira$|mock_ticketing$)/, ops: /^ticketing_(create|list|download|delete)_attachment/ },
	{ provider: /^ticketing_(?!pagerduty|mock_ticketing$)/, ops: /^ticketing_(query_escalation_policies|list_on_call)$/ },
];

export function providerSupports(providerId: string, opId: string): boolean {
	if (providerId.includes('mock')) return true;
	return !UNSUPPORTED.some((rule) => rule.provider.test(providerId) && rule.ops.test(opId));
}

export function categoryOps(category: string): RefOp[] {
	return CONNECTOR_OPS.filter((op) => op.group === category);
}

/** `ProviderCapabilities` of one provider; `expand` decides which large parts are included. */
export function providerCapabilities(p: ProviderInfo, expand: string[]): Record<string, unknown> {
	const out: Record<string, unknown> = {
		id: p.id,
		name: p.id,
		fullname: p.fullname,
		vendor: p.vendor,
		description: `${p.fullname} provider for the ${CATEGORIES[p.category]?.fullname ?? p.category} connector.`,
		connector_id: p.category,
		connector: expand.includes('connector') ? connectorCapabilities(p.category, []) : p.category,
		operations: categoryOps(p.category).map((op) => {
			const id = operationId(op);
			return {
				id,
				name: op.name,
				fullname: op.name.replace(/_/g, ' '),
				request_method: op.method,
				request_path: op.path,
				supported: providerSupports(p.id, id),
				required_fields: op.requiredBody.filter((f) => f !== '(body)'),
			};
		}),
		release: {
			availability: p.id.includes('mock') ? 'internal' : 'generally-available',
			environments: p.id.includes('mock') ? ['test'] : ['prod', 'test'],
		},
	};
	if (expand.includes('provider_config')) {
		out.provider_config = {
			type: 'object',
			required: ['type', ...p.config.fields.filter((f) => f.required).map((f) => f.name)],
			properties: Object.fromEntries([
				['type', { type: 'string', enum: [p.id] }],
				...p.config.fields.map((f) => [f.name, f.credentialTypes ? { type: 'object', credential_types: f.credentialTypes } : {}]),
			]),
		};
	}
	return out;
}

export function connectorCapabilities(category: string, expand: string[]): Record<string, unknown> {
	const providers = PROVIDERS.filter((p) => p.category === category);
	const out: Record<string, unknown> = {
		id: category,
		name: category,
		fullname: CATEGORIES[category]?.fullname ?? category,
		description: CATEGORIES[category]?.description ?? '',
		provider_ids: providers.map((p) => p.id),
		release: { availability: 'generally-available' },
	};
	if (expand.includes('providers')) out.providers = providers.map((p) => providerCapabilities(p, ['operations']));
	return out;
}

// ---------------------------------------------------------------------------------------------
// Permission sets and the 403 rule

export const PERMISSION_SETS = [
	'administrator',
	'viewer',
	'member',
	'account-manager',
	'connect-ui',
	'token-issuer',
	'mcp-integrations-use-only',
	'mcp-management',
] as const;
export type PermissionSetName = (typeof PERMISSION_SETS)[number];

/** Management SDK group -> key of the `ApiPermissionMap` (null: every token may call it). */
const PERMISSION_KEY: Record<string, string | null> = {
	accounts: 'accounts', audit: 'audit', auth: 'auth', billing: 'billing', bridges: 'bridges',
	capabilities: null, credentials: 'credentials', customs: 'customs', integration_points: 'integration_points',
	integrations: 'integrations', mappings: 'mappings', members: 'members', meta: null, operations: 'operations',
	organization: 'organizations', organization_webhooks: 'webhooks', permissionset: 'permission_set',
	roles: 'roles', status: 'status', sub_orgs: 'suborgs', tokens: 'tokens',
};

/** The permission an operation needs, e.g. `accounts:create`, `tokens:create_integration_token`; null = none. */
export function requiredPermission(op: RefOp): string | null {
	let key = PERMISSION_KEY[op.group];
	if (key === undefined || key === null) return null;
	if (op.group === 'auth' && op.name.includes('sso')) key = 'idp';
	if (op.group === 'auth' && ['logon', 'logoff', 'change_password'].includes(op.name)) return null;
	return `${key}:${op.name}`;
}

const READ_ONLY = /:(list|get|list_\w+|get_\w+|info)$/;

/** What each built-in set may do beyond reading (administrator: all; viewer: reads only). */
const WRITES: Record<PermissionSetName, RegExp | 'all' | 'none'> = {
	administrator: 'all',
	viewer: /^$/,
	member: /^(accounts|integrations|integration_points|credentials|bridges|tokens|mappings|customs|status|webhooks):/,
	'account-manager': /^(accounts|integrations|credentials|bridges|status|tokens):/,
	'connect-ui': /^(integrations|credentials):|^tokens:create_integration_token$/,
	'token-issuer': /^tokens:(create_integration_token|create_token|create_synqly_integrations_token)$/,
	'mcp-integrations-use-only': 'none',
	'mcp-management': 'none',
};

/** Read access is limited for the narrow sets (they only see what they manage). */
const READS: Partial<Record<PermissionSetName, RegExp>> = {
	'account-manager': /^(accounts|integrations|integration_points|credentials|bridges|status|tokens|permission_set):/,
	'connect-ui': /^(accounts|integrations|integration_points|credentials|permission_set):/,
	'token-issuer': /^(accounts|integrations|tokens|permission_set):/,
};

export function permits(set: string, permission: string): boolean {
	const writes = WRITES[set as PermissionSetName] ?? /^$/;
	if (writes === 'all') return true;
	if (writes === 'none') return false;
	if (READ_ONLY.test(permission)) return (READS[set as PermissionSetName] ?? /./).test(permission);
	return writes.test(permission);
}

const PERMISSION_DESCRIPTIONS: Record<PermissionSetName, string> = {
	administrator: 'Full access to every API of the organization.',
	viewer: 'Read-only access to every API of the organization.',
	member: 'Manage accounts, integrations and their credentials and tokens; read everything else.',
	'account-manager': 'Manage accounts, integrations, credentials, bridges and integration tokens.',
	'connect-ui': 'Used by Connect UI sessions: manage integrations and credentials of an account.',
	'token-issuer': 'Issue integration and organization tokens.',
	'mcp-integrations-use-only': 'MCP servers that only use integrations.',
	'mcp-management': 'MCP servers with management access.',
};

export function permissionSetObject(name: PermissionSetName): Record<string, unknown> {
	const all = WRITES[name] === 'all';
	return {
		name,
		description: PERMISSION_DESCRIPTIONS[name],
		permissions: all ? { all: { actions: ['*'] } } : name === 'viewer' ? { all: { actions: ['read'] } } : {},
	};
}
