/**
 * Minimal valid bodies, the defaults of the JSON fields: every field the reference
 * (derived-engine-types.json) marks required is present, with OCSF's own ids
 * (type_uid = class_uid × 100 + activity_id).
 */

/** 2025-01-15T12:00:00Z in epoch milliseconds, OCSF's `time`. */
const TIME = 1736942400000;

const metadata = { version: '1.3.0', product: { name: 'n8n', vendor_name: 'n8n' } };

/** OCSF 1.3 Authentication (3002), activity Logon. */
export const AUTHENTICATION_EVENT = {
	class_name: 'Authentication',
	class_uid: 3002,
	category_name: 'Identity & Access Management',
	category_uid: 3,
	activity_id: 1,
	activity_name: 'Logon',
	type_uid: 300201,
	time: TIME,
	severity_id: 1,
	severity: 'Informational',
	status_id: 1,
	status: 'Success',
	user: { uid: 'usr-0001', name: 'ana' },
	src_endpoint: { ip: '203.0.113.10' },
	metadata,
};

/** OCSF 1.3 Detection Finding (2004), activity Create. */
export const DETECTION_FINDING = {
	class_name: 'Detection Finding',
	class_uid: 2004,
	category_name: 'Findings',
	category_uid: 2,
	activity_id: 1,
	activity_name: 'Create',
	type_uid: 200401,
	time: TIME,
	severity_id: 4,
	severity: 'High',
	finding_info: { uid: 'n8n-finding-0001', title: 'Brute force attempt on vpn-gw' },
	metadata,
};

/** OCSF 1.3 Security Finding (2001): what vulnerability findings bulk takes. */
export const SECURITY_FINDING = {
	class_name: 'Security Finding',
	class_uid: 2001,
	category_name: 'Findings',
	category_uid: 2,
	activity_id: 1,
	activity_name: 'Create',
	type_uid: 200101,
	time: TIME,
	severity_id: 4,
	severity: 'High',
	state_id: 1,
	state: 'New',
	finding: { uid: 'n8n-vuln-0001', title: 'CVE-2024-3094 on web-01' },
	vulnerabilities: [{ cve: { uid: 'CVE-2024-3094' } }],
	resources: [{ uid: 'dev-0001', name: 'web-01' }],
	metadata,
};

const device = { type_id: 1, type: 'Server', uid: 'dev-0001', hostname: 'web-01', ip: '10.0.0.1' };

/** OCSF 1.3 Device Inventory Info (5001), activity Collect. */
export const DEVICE_INVENTORY = {
	class_name: 'Device Inventory Info',
	class_uid: 5001,
	category_name: 'Discovery',
	category_uid: 5,
	activity_id: 2,
	activity_name: 'Collect',
	type_uid: 500102,
	time: TIME,
	severity_id: 1,
	device,
	metadata,
};

/** OCSF 1.3 Software Inventory Info (5020), activity Collect. */
export const SOFTWARE_INVENTORY = {
	class_name: 'Software Inventory Info',
	class_uid: 5020,
	category_name: 'Discovery',
	category_uid: 5,
	activity_id: 2,
	activity_name: 'Collect',
	type_uid: 502002,
	time: TIME,
	severity_id: 1,
	device,
	package: { name: 'openssl', version: '3.0.13' },
	metadata,
};

/** OCSF Application Security Posture Finding (2007), activity Create. */
export const APP_SECURITY_FINDING = {
	class_name: 'Application Security Posture Finding',
	class_uid: 2007,
	category_name: 'Findings',
	category_uid: 2,
	activity_id: 1,
	activity_name: 'Create',
	type_uid: 200701,
	time: TIME,
	severity_id: 3,
	severity: 'Medium',
	finding_info: { uid: 'n8n-appsec-0001', title: 'SQL injection in /search' },
	application: { uid: 'app-1', name: 'storefront' },
	metadata,
};

/** STIX 2.1 Indicator, as EDR IoCs take it (indicator_types from Synqly's IndicatorTypeOv). */
export const STIX_INDICATOR = {
	type: 'indicator',
	spec_version: '2.1',
	id: 'indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f',
	created: '2025-01-15T12:00:00.000Z',
	modified: '2025-01-15T12:00:00.000Z',
	name: 'Malicious IP 198.51.100.7',
	indicator_types: ['malicious_activity'],
	pattern: "[ipv4-addr:value = '198.51.100.7']",
	pattern_type: 'stix',
	valid_from: '2025-01-15T12:00:00.000Z',
};

/** An EDR IoA rule with provider-neutral conditions. */
export const IOA_RULE = {
	name: 'Encoded PowerShell',
	description: 'PowerShell started with an encoded command',
	platform: 'windows',
	rule_type: 'process_creation',
	severity_id: 4,
	action: 'detect',
	conditions: [{ field: 'process.command_line', operator: 'contains', values: ['-EncodedCommand'] }],
};

/**
 * An OCSF 1.8 Note Activity on a threat. The reference does not give the class's ids: set
 * class_uid (and type_uid = class_uid × 100 + activity_id) as your provider's OCSF schema defines them.
 */
export const NOTE_ACTIVITY = {
	class_name: 'Note Activity',
	category_name: 'Findings',
	category_uid: 2,
	class_uid: 0,
	activity_id: 1,
	type_uid: 1,
	time: TIME,
	severity_id: 1,
	finding_info: { uid: 'threat-id' },
	note: { content: 'Contained by the SOC; host isolated.' },
	metadata: { ...metadata, version: '1.8.0' },
};
