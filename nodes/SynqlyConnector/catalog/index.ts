import type { ApiTable, LocatorRow, ResourceRow } from '../../shared/catalog/types';
import { appSecurityRows } from './appSecurity';
import { assetRows } from './assets';
import { withCategoryActions } from './category';
import { chatRows } from './chat';
import { cloudSecurityRows } from './cloudSecurity';
import { customRows } from './custom';
import { edrRows } from './edr';
import { emailSecurityRows } from './emailSecurity';
import { endpointManagementRows } from './endpointManagement';
import { identityRows } from './identity';
import { incidentResponseRows } from './incidentResponse';
import { integrationWebhookRows } from './integrationWebhooks';
import { networkSecurityRows } from './networkSecurity';
import { notificationRows } from './notifications';
import { operationRows } from './operations';
import { siemRows } from './siem';
import { sinkRows } from './sink';
import { storageRows } from './storage';
import { ticketingRows } from './ticketing';
import { vulnerabilityRows } from './vulnerabilities';

/**
 * Connector lists behind the resource locators. Label and value fields are dotted paths into the
 * listed objects; `a|b` takes the first that is set. `{param}` fills from another field.
 */
const locators: LocatorRow[] = [
	{ key: 'ticket', displayName: 'Ticket', listPath: '/v1/ticketing/tickets', labelField: 'summary|name', valueField: 'id', placeholder: 'e.g. SEC-1' },
	{ key: 'project', displayName: 'Project', listPath: '/v1/ticketing/projects', labelField: 'name', valueField: 'id', placeholder: 'e.g. SEC' },
	{ key: 'comment', displayName: 'Comment', listPath: '/v1/ticketing/tickets/{ticketId}/comments', labelField: 'content', valueField: 'id', placeholder: 'e.g. 10001' },
	{ key: 'note', displayName: 'Note', listPath: '/v1/ticketing/tickets/{ticketId}/notes', labelField: 'title', valueField: 'id', placeholder: 'e.g. note-1' },
	{ key: 'attachment', displayName: 'Attachment', listPath: '/v1/ticketing/attachments/{ticketId}', labelField: 'file_name', valueField: 'id', placeholder: 'e.g. 10020' },
	{ key: 'ticketingEscalationPolicy', displayName: 'Escalation Policy', listPath: '/v1/ticketing/escalation-policies', labelField: 'name', valueField: 'id', placeholder: 'e.g. P1ABCDE' },
	{ key: 'siemAlert', displayName: 'Alert', listPath: '/v1/siem/alerts', labelField: 'finding_info.title|message', valueField: 'finding_info.uid|metadata.uid', placeholder: 'e.g. alert-123' },
	{ key: 'investigation', displayName: 'Investigation', listPath: '/v1/siem/investigations', labelField: 'custom_fields.title|id', valueField: 'id', placeholder: 'e.g. inv-001' },
	{ key: 'vulnerabilityFinding', displayName: 'Finding', listPath: '/v1/vulnerabilities/findings', labelField: 'finding_info.title|finding.title', valueField: 'finding_info.uid|finding.uid|metadata.uid', placeholder: 'e.g. finding-123' },
	{ key: 'vulnerabilityAsset', displayName: 'Asset', listPath: '/v1/vulnerabilities/assets', labelField: 'device.hostname|device.name', valueField: 'device.uid', placeholder: 'e.g. dev-0001' },
	{ key: 'scan', displayName: 'Scan', listPath: '/v1/vulnerabilities/scans', labelField: 'name', valueField: 'uid', placeholder: 'e.g. scan-1' },
	{ key: 'assetDevice', displayName: 'Device', listPath: '/v1/assets/devices', labelField: 'device.hostname|device.name', valueField: 'device.uid', placeholder: 'e.g. dev-0001' },
	{ key: 'endpoint', displayName: 'Endpoint', listPath: '/v1/edr/endpoints', labelField: 'device.hostname|device.name', valueField: 'device.uid', placeholder: 'e.g. dev-0001' },
	{ key: 'edrThreat', displayName: 'Threat', listPath: '/v1/edr/threats', labelField: 'finding_info.title', valueField: 'finding_info.uid|metadata.uid', placeholder: 'e.g. threat-123' },
	{ key: 'identityUser', displayName: 'User', listPath: '/v1/identity/users', labelField: 'entity.name|user.name', valueField: 'entity.uid|user.uid', placeholder: 'e.g. usr-0001' },
	{ key: 'identityGroup', displayName: 'Group', listPath: '/v1/identity/groups', labelField: 'entity.name|group.name', valueField: 'entity.uid|group.uid', placeholder: 'e.g. grp-1' },
	{ key: 'application', displayName: 'Application', listPath: '/v1/app-sec/applications', labelField: 'application.name', valueField: 'application.uid', placeholder: 'e.g. app-1' },
	{ key: 'applicationFinding', displayName: 'Finding', listPath: '/v1/app-sec/applications/{applicationId}/findings', labelField: 'finding_info.title', valueField: 'finding_info.uid', placeholder: 'e.g. finding-1' },
	{ key: 'emailThreat', displayName: 'Threat', listPath: '/v1/email-security/threats', labelField: 'finding_info.title', valueField: 'finding_info.uid|metadata.uid', placeholder: 'e.g. threat-1' },
	{ key: 'managedDevice', displayName: 'Device', listPath: '/v1/endpoint-management/devices', labelField: 'device.hostname|device.name', valueField: 'device.uid', placeholder: 'e.g. dev-0001' },
	{ key: 'incidentEscalationPolicy', displayName: 'Escalation Policy', listPath: '/v1/incident-response/escalation-policies', labelField: 'name', valueField: 'uid', placeholder: 'e.g. P1ABCDE' },
	{ key: 'chatUser', displayName: 'User', listPath: '/v1/chat/users', labelField: 'entity.name|user.name', valueField: 'entity.uid|user.uid', placeholder: 'e.g. U012AB3CD' },
	{ key: 'conversation', displayName: 'Conversation', listPath: '/v1/chat/conversations', labelField: 'conversation.name', valueField: 'conversation.uid', placeholder: 'e.g. C012AB3CD' },
	{ key: 'userConversation', displayName: 'Conversation', listPath: '/v1/chat/users/{userId}/conversations', labelField: 'conversation.name', valueField: 'conversation.uid', placeholder: 'e.g. C012AB3CD' },
];

/** One resource per connector category; `label` is how actions name it where two categories share one. */
const resources: ResourceRow[] = [
	{ value: 'siem', name: 'SIEM', label: 'SIEM', description: 'Events, alerts and investigations of a SIEM' },
	{ value: 'sink', name: 'Sink', label: 'sink', description: 'Write OCSF events to a data store' },
	{ value: 'ticketing', name: 'Ticketing', label: 'ticketing', description: 'Tickets, comments, notes and attachments' },
	{ value: 'notifications', name: 'Notifications', label: 'notification', description: 'Send and clear notifications' },
	{ value: 'vulnerabilities', name: 'Vulnerabilities', label: 'vulnerability', description: 'Vulnerability findings, assets and scans' },
	{ value: 'assets', name: 'Assets', label: 'asset', description: 'Device and software inventory' },
	{ value: 'edr', name: 'EDR', label: 'EDR', description: 'Endpoints, threats, alerts, IoCs, IoAs and response actions' },
	{ value: 'identity', name: 'Identity', label: 'identity', description: 'Users, groups, audit log and risk of an identity provider' },
	{ value: 'cloudSecurity', name: 'Cloud Security', label: 'cloud', description: 'Cloud events, misconfigurations, inventory, compliance and threats' },
	{ value: 'appSecurity', name: 'App Security', label: 'AppSec', description: 'Applications, findings and scans of an application security tool' },
	{ value: 'emailSecurity', name: 'Email Security', label: 'email', description: 'Email threats and email activity' },
	{ value: 'endpointManagement', name: 'Endpoint Management', label: 'managed', description: 'Managed devices, compliance and device actions' },
	{ value: 'incidentResponse', name: 'Incident Response', label: 'incident response', description: 'Escalation policies and who is on call' },
	{ value: 'networkSecurity', name: 'Network Security', label: 'network', description: 'Traffic log configurations and traffic events' },
	{ value: 'chat', name: 'Chat', label: 'chat', description: 'Chat users, conversations and messages' },
	{ value: 'storage', name: 'Storage', label: 'storage', description: 'List, upload, download and delete files' },
	{ value: 'custom', name: 'Custom', label: 'custom', description: 'Operations of a custom (YAML-defined) provider' },
	{ value: 'operations', name: 'Operations', label: 'operation', description: 'Asynchronous operations Synqly runs in the background' },
	{ value: 'integrationWebhooks', name: 'Integration Webhooks', label: 'integration webhook', description: "Register Synqly's webhook at the provider" },
];

/** The Connector API as the node offers it: one row per operation, one resource per category. */
export const connectorTable: ApiTable = {
	api: 'connector',
	resources,
	operations: withCategoryActions(resources, [
		...siemRows,
		...sinkRows,
		...ticketingRows,
		...notificationRows,
		...vulnerabilityRows,
		...assetRows,
		...edrRows,
		...identityRows,
		...cloudSecurityRows,
		...appSecurityRows,
		...emailSecurityRows,
		...endpointManagementRows,
		...incidentResponseRows,
		...networkSecurityRows,
		...chatRows,
		...storageRows,
		...customRows,
		...operationRows,
		...integrationWebhookRows,
	]),
	locators,
};

