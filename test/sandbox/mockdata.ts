/**
 * What a mock provider "has": deterministic, correctly shaped data per connector category
 * (OCSF objects with class_name/class_uid/category_uid/type_uid/time/metadata/severity_id,
 * STIX indicators, Synqly ticketing/notification models), plus everything connector calls wrote
 * (posted events, created tickets, uploaded files), kept per integration.
 */
import type { Clock } from './store';

export type Obj = Record<string, unknown>;

/** Fixed base time so data (and snapshots of it) do not change between runs. */
const BASE = Date.UTC(2025, 0, 15, 12, 0, 0);
const MIN = 60_000;

/** OCSF classes used here: [class_uid, category_uid, category_name]. */
export const OCSF_CLASSES: Record<string, [number, number, string]> = {
	'Process Activity': [1007, 1, 'System Activity'],
	'Security Finding': [2001, 2, 'Findings'],
	'Vulnerability Finding': [2002, 2, 'Findings'],
	'Compliance Finding': [2003, 2, 'Findings'],
	'Detection Finding': [2004, 2, 'Findings'],
	'Application Security Posture Finding': [2007, 2, 'Findings'],
	Authentication: [3002, 3, 'Identity & Access Management'],
	'Entity Management': [3004, 3, 'Identity & Access Management'],
	'Network Activity': [4001, 4, 'Network Activity'],
	'Email Activity': [4009, 4, 'Network Activity'],
	'Device Inventory Info': [5001, 5, 'Discovery'],
	'Device Config State': [5002, 5, 'Discovery'],
	'Software Inventory Info': [5020, 5, 'Discovery'],
	'Cloud Resources Inventory Info': [5023, 5, 'Discovery'],
	// The next four are OCSF 1.6–1.8 classes whose uids could not be checked here: sandbox values.
	'Application Inventory Info': [5040, 5, 'Discovery'],
	'API Activity': [6003, 6, 'Application Activity'],
	'Scan Activity': [6007, 6, 'Application Activity'],
	'Conversation Activity': [6010, 6, 'Application Activity'],
	'Chat Message Activity': [6011, 6, 'Application Activity'],
	'Note Activity': [6012, 6, 'Application Activity'],
};

const SEVERITIES = ['Unknown', 'Informational', 'Low', 'Medium', 'High', 'Critical'];
const HOSTS = ['web-01', 'web-02', 'db-01', 'mail-01', 'laptop-ana', 'laptop-ben', 'build-01', 'vpn-gw'];
const USERS = ['ana', 'ben', 'chen', 'dara', 'eli', 'fatima', 'gus', 'hana', 'ivan', 'jo', 'kai', 'lena'];

function pick<T>(list: T[], i: number): T {
	return list[i % list.length];
}

function ip(i: number): string {
	return `10.0.${Math.floor(i / 250)}.${(i % 250) + 1}`;
}

function device(i: number): Obj {
	const hostname = pick(HOSTS, i);
	return {
		uid: `dev-${String(i + 1).padStart(4, '0')}`,
		hostname,
		name: hostname,
		ip: ip(i),
		type: i % 3 === 0 ? 'Server' : 'Desktop',
		type_id: i % 3 === 0 ? 1 : 2,
		os: { name: i % 2 ? 'Windows 11' : 'Ubuntu 22.04', type: i % 2 ? 'Windows' : 'Linux', type_id: i % 2 ? 100 : 200 },
	};
}

function user(i: number): Obj {
	const name = pick(USERS, i);
	return { uid: `usr-${String(i + 1).padStart(4, '0')}`, name, email_addr: `${name}@acme.example`, type: 'User', type_id: 1 };
}

/** Base OCSF event of `className`; `extra` wins over the defaults. */
export function ocsf(className: string, i: number, extra: Obj = {}, activityId = 1): Obj {
	const [classUid, categoryUid, categoryName] = OCSF_CLASSES[className] ?? [0, 0, 'Other'];
	const time = BASE + i * 5 * MIN;
	const severityId = (i % 5) + 1;
	return {
		class_name: className,
		class_uid: classUid,
		category_uid: categoryUid,
		category_name: categoryName,
		activity_id: activityId,
		type_uid: classUid * 100 + activityId,
		time,
		time_dt: new Date(time).toISOString(),
		severity_id: severityId,
		severity: SEVERITIES[severityId],
		metadata: {
			uid: `evt-${classUid}-${String(i + 1).padStart(4, '0')}`,
			version: '1.3.0',
			product: { name: 'Synqly Sandbox Mock', vendor_name: 'Synqly' },
		},
		...extra,
	};
}

function finding(className: string, i: number, title: string, extra: Obj = {}): Obj {
	const uid = `${className.split(' ')[0].toLowerCase()}-${String(i + 1).padStart(4, '0')}`;
	return ocsf(className, i, {
		finding_info: { uid, title, desc: `${title} (sandbox mock data).`, created_time: BASE + i * 5 * MIN },
		status: i % 4 === 0 ? 'Resolved' : 'New',
		status_id: i % 4 === 0 ? 4 : 1,
		...extra,
	});
}

function range<T>(n: number, fn: (i: number) => T): T[] {
	return Array.from({ length: n }, (_, i) => fn(i));
}

/** Smallest valid PNG (1x1, transparent): what the identity "user picture" returns. */
export const PNG_1X1 = Buffer.from(
	'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
	'base64',
);

export interface StoredFile {
	bytes: Buffer;
	contentType: string;
	uploadedAt: string;
}

export interface TicketRecord extends Obj {
	id: string;
	name: string;
	summary: string;
	created_at: string;
	updated_at: string;
}

export interface AttachmentRecord {
	meta: Obj & { id: string };
	bytes: Buffer;
}

/** push(...items) without the argument-count limit (bulk posts can be large in benchmarks). */
export function append<T>(target: T[], items: T[]): void {
	for (const item of items) target.push(item);
}

/** Datasets one integration serves, by name (see `datasets()`), plus what was written to it. */
export class ConnectorData {
	readonly sets: Record<string, Obj[]>;
	/** Bodies of bulk writes, by operation (e.g. `siem_post_events`): each element one posted item. */
	readonly posted: Record<string, unknown[]> = {};
	readonly files = new Map<string, StoredFile>();
	readonly tickets = new Map<string, TicketRecord>();
	readonly comments = new Map<string, Obj[]>();
	readonly notes = new Map<string, Obj[]>();
	readonly attachments = new Map<string, AttachmentRecord[]>();
	readonly notifications = new Map<string, Obj>();
	readonly custom = new Map<string, Map<string, Obj>>();
	readonly integrationWebhooks: Obj[] = [];
	/** Actions called (quarantine, enable user, …) in order, for assertions. */
	readonly actions: Array<{ operation: string; target?: string; body?: unknown }> = [];
	/** Asynchronous queries still PENDING: id -> PENDING answers left. */
	readonly pendingQueries = new Map<string, number>();
	/** EDR actions still PENDING: cursor id -> PENDING answers left and the result that follows. */
	readonly pendingActions = new Map<string, { left: number; result: Obj }>();
	/** PENDING answers without a cursor given so far (settings.edrActionPendingCursor false). */
	uncursoredPending = 0;
	/** Uploaded vulnerability scans: id -> status checks so far. */
	readonly uploadedScans = new Map<string, number>();
	private seq = 0;

	constructor(
		readonly category: string,
		private readonly clock: Clock,
	) {
		this.sets = datasets(category);
		if (category === 'ticketing') {
			for (const t of this.sets.tickets) this.tickets.set(String(t.id), t as TicketRecord);
			for (const t of this.sets.tickets.slice(0, 3)) {
				this.comments.set(String(t.id), [
					{ id: `cmt-${t.id}-1`, ticket_id: t.id, creator: 'ana', content: 'Looking into it.', created_at: t.created_at },
				]);
			}
		}
		if (category === 'storage') {
			const t = new Date(BASE).toISOString();
			this.files.set('reports/q1.csv', { bytes: Buffer.from('host,findings\nweb-01,3\ndb-01,1\n'), contentType: 'text/csv', uploadedAt: t });
			this.files.set('reports/q2.csv', { bytes: Buffer.from('host,findings\nweb-01,0\n'), contentType: 'text/csv', uploadedAt: t });
			this.files.set('readme.txt', { bytes: Buffer.from('Synqly sandbox storage.\n'), contentType: 'text/plain', uploadedAt: t });
		}
	}

	nextId(prefix: string): string {
		this.seq += 1;
		return `${prefix}-${String(this.seq).padStart(5, '0')}`;
	}

	now(): string {
		return this.clock.iso();
	}

	/**
	 * Records the provider got since the seed (what a trigger should find on its next poll): added
	 * to the dataset `set` (`tickets`: the tickets), stamped with the current time where they have
	 * none (`time`/`time_dt` for OCSF records, `created_at`/`updated_at` for tickets).
	 */
	add(set: string, records: Obj[]): Obj[] {
		return records.map((record) => {
			if (set === 'tickets') {
				const now = this.now();
				const id = typeof record.id === 'string' ? record.id : this.nextId('SEC');
				const ticket = { name: id, summary: id, status: 'Open', created_at: now, updated_at: now, ...record, id } as TicketRecord;
				this.tickets.set(id, ticket);
				return ticket;
			}
			const time = typeof record.time === 'number' ? record.time : Date.now();
			const stored = { time, time_dt: new Date(time).toISOString(), ...record };
			(this.sets[set] ??= []).push(stored);
			return stored;
		});
	}

	post(operation: string, items: unknown[]): void {
		append((this.posted[operation] ??= []), items);
	}

	customObjects(operation: string): Map<string, Obj> {
		let map = this.custom.get(operation);
		if (!map) {
			map = new Map(range(3, (i) => [`${operation}-${i + 1}`, { id: `${operation}-${i + 1}`, name: `${operation} ${i + 1}`, value: i + 1 }]));
			this.custom.set(operation, map);
		}
		return map;
	}
}

/** The seeded datasets of a category. Each is a plain list, queried with filter/order/cursor. */
function datasets(category: string): Record<string, Obj[]> {
	switch (category) {
		case 'siem':
			return {
				events: range(30, (i) =>
					i % 3 === 0
						? ocsf('Authentication', i, { user: user(i), src_endpoint: { ip: ip(i + 40) }, status: i % 2 ? 'Failure' : 'Success', status_id: i % 2 ? 2 : 1 })
						: i % 3 === 1
							? ocsf('Network Activity', i, { src_endpoint: { ip: ip(i) }, dst_endpoint: { ip: ip(i + 100), port: 443 }, connection_info: { protocol_name: 'tcp' } }, 6)
							: finding('Detection Finding', i, `Suspicious login on ${pick(HOSTS, i)}`, { device: device(i) }),
				),
				alerts: range(12, (i) => finding('Detection Finding', i, `Alert ${i + 1}: ${pick(['Brute force', 'Malware beacon', 'Impossible travel'], i)}`, { device: device(i), is_alert: true })),
				investigations: range(5, (i) => ({
					id: `inv-${String(i + 1).padStart(3, '0')}`,
					custom_fields: { title: `Investigation ${i + 1}`, status: i % 2 ? 'Closed' : 'Open', owner: pick(USERS, i) },
					raw_data: JSON.stringify({ id: i + 1, title: `Investigation ${i + 1}` }),
				})),
				log_providers: ['Windows Security', 'Okta', 'Palo Alto Firewall', 'AWS CloudTrail'].map((name, i) => ({ name, source: `source-${i + 1}` })),
			};
		case 'vulnerabilities':
			return {
				findings: range(30, (i) =>
					finding('Vulnerability Finding', i, `CVE-2024-${1000 + i} on ${pick(HOSTS, i)}`, {
						vulnerabilities: [{ cve: { uid: `CVE-2024-${1000 + i}`, cvss: [{ base_score: 4 + (i % 6), version: '3.1' }] }, severity: SEVERITIES[(i % 5) + 1], title: `CVE-2024-${1000 + i}` }],
						resource: { uid: device(i).uid, name: pick(HOSTS, i), type: 'Device' },
						device: device(i),
					}),
				),
				assets: range(10, (i) => ocsf('Device Inventory Info', i, { device: device(i) }, 2)),
				scans: range(3, (i) => ({ uid: `scan-${i + 1}`, name: `Weekly scan ${i + 1}`, creation_time: BASE + i * MIN })),
				scan_findings: range(8, (i) => finding('Vulnerability Finding', i, `Scan finding ${i + 1}`, { device: device(i) })),
				labels: ['prod', 'pci', 'internet-facing', 'dev'].map((value, i) => ({ key: i % 2 ? 'env' : 'tag', value })),
			};
		case 'assets':
			return {
				devices: range(20, (i) => ocsf('Device Inventory Info', i, { device: device(i) }, 2)),
				software: range(10, (i) => ocsf('Software Inventory Info', i, { device: device(i), package: { name: pick(['openssl', 'nginx', 'chrome', 'python'], i), version: `1.${i}.0` } }, 1)),
				labels: ['prod', 'staging', 'dev'].map((value) => ({ key: 'env', value })),
			};
		case 'edr':
			return {
				endpoints: range(15, (i) => ocsf('Device Inventory Info', i, { device: device(i) }, 2)),
				applications: range(8, (i) => ({ uid: `app-${i + 1}`, name: pick(['Chrome', 'Slack', 'Zoom', 'Office'], i), version: `${100 + i}.0`, hostname: pick(HOSTS, i) })),
				threats: range(6, (i) => finding('Detection Finding', i, `Threat ${i + 1}: ${pick(['Ransomware', 'Trojan', 'PUA'], i)}`, { device: device(i) })),
				alerts: range(10, (i) => finding('Detection Finding', i, `EDR alert ${i + 1}`, { device: device(i), is_alert: true })),
				iocs: range(5, (i) => stixIndicator(i)),
				ioas: range(3, (i) => ({ id: `ioa-${i + 1}`, name: `IOA rule ${i + 1}`, group_id: 'ioa-group-1', enabled: true, severity_id: 3 })),
				posture_scores: range(5, (i) => ocsf('Device Config State', i, { device: device(i), cis_benchmark_result: { name: 'CIS', score: 60 + i * 5 } })),
				edr_events: range(20, (i) => ocsf('Process Activity', i, { device: device(i), process: { pid: 1000 + i, name: pick(['powershell.exe', 'bash', 'curl'], i), cmd_line: 'whoami' }, actor: { user: user(i) } })),
			};
		case 'identity':
			return {
				users: range(12, (i) => ocsf('Entity Management', i, { entity: { uid: user(i).uid, name: user(i).name, type: 'User' }, user: { ...user(i), is_enabled: i % 5 !== 4 } }, 1)),
				groups: range(4, (i) => ocsf('Entity Management', i, { entity: { uid: `grp-${i + 1}`, name: pick(['admins', 'engineering', 'sales', 'support'], i), type: 'Group' }, group: { uid: `grp-${i + 1}`, name: pick(['admins', 'engineering', 'sales', 'support'], i) } }, 1)),
				audit: range(15, (i) => ocsf('Authentication', i, { user: user(i), status: i % 4 ? 'Success' : 'Failure', status_id: i % 4 ? 1 : 2 })),
				risk_events: range(5, (i) => finding('Detection Finding', i, `Risky sign-in for ${pick(USERS, i)}`, { actor: { user: user(i) } })),
				risky_users: range(3, (i) => ocsf('Entity Management', i, { entity: { uid: user(i).uid, name: user(i).name, type: 'User' }, user: user(i), risk_level: 'High' })),
			};
		case 'ticketing': {
			const projects = [
				{ id: 'SEC', name: 'Security' },
				{ id: 'OPS', name: 'Operations' },
				{ id: 'IT', name: 'IT Help Desk' },
			];
			return {
				projects,
				tickets: range(12, (i) => {
					const t = new Date(BASE + i * 30 * MIN).toISOString();
					return {
						id: `${pick(projects, i).id}-${i + 1}`,
						name: `${pick(projects, i).id}-${i + 1}`,
						summary: `Sandbox ticket ${i + 1}: ${pick(['Patch web servers', 'Rotate credentials', 'Investigate alert', 'Review firewall rules'], i)}`,
						description: 'Created by the Synqly sandbox.',
						status: pick(['Open', 'In Progress', 'Done'], i),
						priority: pick(['HIGH', 'MEDIUM', 'LOW', 'CRITICAL'], i),
						project: pick(projects, i).id,
						issue_type: 'Task',
						creator: pick(USERS, i),
						assignee: pick(USERS, i + 1),
						tags: i % 2 ? ['security'] : [],
						created_at: t,
						updated_at: t,
					};
				}),
				remote_fields: ['summary', 'description', 'priority', 'customfield_10010'].map((f) => ({ field_id: f, field_scope: 'project', provider_field_name: f, schema: { type: 'string' } })),
				escalation_policies: range(2, (i) => ({ id: `ep-${i + 1}`, name: `Escalation ${i + 1}`, description: 'Sandbox policy', rules: [{ escalation_delay_in_minutes: 15, targets: [{ id: user(i).uid, type: 'user' }] }] })),
				// The reference's ticketing Agent (ticketing/types/agent.py), not OCSF's Agent.
				on_call: range(2, (i) => ({ uid: user(i).uid, full_name: user(i).name, email_addr: user(i).email_addr })),
			};
		}
		case 'cloudsecurity':
			return {
				events: range(10, (i) => ocsf('API Activity', i, { api: { operation: pick(['CreateBucket', 'DeleteUser', 'AssumeRole'], i) }, actor: { user: user(i) }, cloud: { provider: 'AWS', region: 'us-east-1' } })),
				ioms: range(6, (i) => finding('Compliance Finding', i, `Misconfiguration ${i + 1}: public bucket`, { compliance: { status: 'Fail', standards: ['CIS AWS'] } })),
				inventory: range(8, (i) => ocsf('Cloud Resources Inventory Info', i, { resources: [{ uid: `arn:aws:s3:::bucket-${i + 1}`, type: 'AWS::S3::Bucket', name: `bucket-${i + 1}` }], cloud: { provider: 'AWS', region: 'us-east-1' } }, 2)),
				compliance: range(6, (i) => finding('Compliance Finding', i, `Control ${i + 1} failed`, { compliance: { status: i % 2 ? 'Pass' : 'Fail', standards: ['SOC 2'] } })),
				threats: range(5, (i) => finding('Detection Finding', i, `Cloud threat ${i + 1}`)),
			};
		case 'appsec':
			return {
				applications: range(4, (i) => ocsf('Application Inventory Info', i, { application: { uid: `app-${i + 1}`, name: pick(['storefront', 'billing-api', 'admin-portal', 'mobile-backend'], i), version: `2.${i}.0` } }, 2)),
				findings: range(12, (i) => finding('Application Security Posture Finding', i, `${pick(['SQL injection', 'XSS', 'Outdated dependency'], i)} in app-${(i % 4) + 1}`, { application: { uid: `app-${(i % 4) + 1}` } })),
				scans: range(4, (i) => ocsf('Scan Activity', i, { scan: { uid: `appscan-${i + 1}`, name: `Nightly scan ${i + 1}`, type: 'SAST' }, application: { uid: `app-${(i % 4) + 1}` } })),
			};
		case 'emailsecurity':
			return {
				threats: range(6, (i) => finding('Detection Finding', i, `Phishing email ${i + 1}`)),
				email_events: range(10, (i) => ocsf('Email Activity', i, { email: { uid: `msg-${i + 1}`, from: `sender${i}@evil.example`, to: [user(i).email_addr], subject: `Invoice ${i + 1}` } })),
			};
		case 'endpointmanagement':
			return {
				devices: range(10, (i) => ocsf('Device Inventory Info', i, { device: device(i) }, 2)),
				compliance: range(5, (i) => finding('Compliance Finding', i, `Disk encryption off on ${pick(HOSTS, i)}`, { device: device(i) })),
				applications: range(6, (i) => ocsf('Software Inventory Info', i, { device: device(i % 3), package: { name: pick(['7zip', 'vlc', 'git'], i), version: `1.${i}` } })),
			};
		case 'incidentresponse':
			return {
				escalation_policies: range(3, (i) => ({ uid: `irp-${i + 1}`, name: `Policy ${i + 1}`, desc: 'Sandbox escalation policy', escalation_rules: [] })),
				on_call: range(2, (i) => ({ type: 'incident_response_user', uid: user(i).uid, name: user(i).name, email_addr: user(i).email_addr })),
			};
		case 'networksecurity':
			return {
				log_configurations: range(3, (i) => ocsf('Cloud Resources Inventory Info', i, { resources: [{ uid: `flowlog-${i + 1}`, type: 'FlowLog', name: `flow-log-${i + 1}` }] }, 2)),
				traffic_events: range(15, (i) => ocsf('Network Activity', i, { src_endpoint: { ip: ip(i) }, dst_endpoint: { ip: ip(i + 50), port: pick([22, 443, 3389], i) }, traffic: { bytes: 1000 * (i + 1) } }, 6)),
			};
		case 'chat':
			return {
				users: range(6, (i) => ocsf('Entity Management', i, { entity: { uid: user(i).uid, name: user(i).name, type: 'User' }, user: user(i) })),
				conversations: range(4, (i) => ocsf('Conversation Activity', i, { conversation: { uid: `conv-${i + 1}`, name: pick(['#security', '#ops', '#general', 'dm-ana'], i) } })),
				messages: range(10, (i) => ocsf('Chat Message Activity', i, { message: `Message ${i + 1}`, chat_message: { conversation_uid: `m-${i + 1}`, message: `Message ${i + 1}` }, actor: { user: user(i) } })),
			};
		default:
			return {};
	}
}

export function stixIndicator(i: number, extra: Obj = {}): Obj {
	return {
		type: 'indicator',
		spec_version: '2.1',
		id: `indicator--00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
		created: new Date(BASE + i * MIN).toISOString(),
		modified: new Date(BASE + i * MIN).toISOString(),
		name: `Malicious IP ${ip(i + 200)}`,
		indicator_types: ['malicious-activity'],
		pattern: `[ipv4-addr:value = '${ip(i + 200)}']`,
		pattern_type: 'stix',
		valid_from: new Date(BASE).toISOString(),
		...extra,
	};
}

/** A Note Activity (OCSF 1.8) for EDR threat notes. */
export function noteActivity(i: number, threatId: string, content: string, creator = 'sandbox'): Obj {
	return finding('Note Activity', i, `Note on ${threatId}`, {
		note: { uid: `note-${threatId}-${i + 1}`, content, creator: { name: creator }, created_time: BASE + i * MIN },
	});
}
