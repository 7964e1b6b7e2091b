import type { LocatorRow } from '../../shared/catalog/types';

/**
 * Connector lists behind the resource locators. Label and value fields are dotted paths into the
 * listed objects; `a|b` takes the first that is set. `{param}` fills from another field.
 */
export const locators = {
	ticket: { key: 'ticket', displayName: 'Ticket', listPath: '/v1/ticketing/tickets', labelField: 'summary|name', valueField: 'id', placeholder: 'e.g. SEC-1' },
	project: { key: 'project', displayName: 'Project', listPath: '/v1/ticketing/projects', labelField: 'name', valueField: 'id', placeholder: 'e.g. SEC' },
	comment: { key: 'comment', displayName: 'Comment', listPath: '/v1/ticketing/tickets/{ticketId}/comments', labelField: 'content', valueField: 'id', placeholder: 'e.g. 10001' },
	note: { key: 'note', displayName: 'Note', listPath: '/v1/ticketing/tickets/{ticketId}/notes', labelField: 'title', valueField: 'id', placeholder: 'e.g. note-1' },
	attachment: { key: 'attachment', displayName: 'Attachment', listPath: '/v1/ticketing/attachments/{ticketId}', labelField: 'file_name', valueField: 'id', placeholder: 'e.g. 10020' },
	ticketingEscalationPolicy: { key: 'ticketingEscalationPolicy', displayName: 'Escalation Policy', listPath: '/v1/ticketing/escalation-policies', labelField: 'name', valueField: 'id', placeholder: 'e.g. P1ABCDE' },
	siemAlert: { key: 'siemAlert', displayName: 'Alert', listPath: '/v1/siem/alerts', labelField: 'finding_info.title|message', valueField: 'finding_info.uid|metadata.uid', placeholder: 'e.g. alert-123' },
	investigation: { key: 'investigation', displayName: 'Investigation', listPath: '/v1/siem/investigations', labelField: 'custom_fields.title|id', valueField: 'id', placeholder: 'e.g. inv-001' },
	vulnerabilityFinding: { key: 'vulnerabilityFinding', displayName: 'Finding', listPath: '/v1/vulnerabilities/findings', labelField: 'finding_info.title|finding.title', valueField: 'finding_info.uid|finding.uid|metadata.uid', placeholder: 'e.g. finding-123' },
	vulnerabilityAsset: { key: 'vulnerabilityAsset', displayName: 'Asset', listPath: '/v1/vulnerabilities/assets', labelField: 'device.hostname|device.name', valueField: 'device.uid', placeholder: 'e.g. dev-0001' },
	scan: { key: 'scan', displayName: 'Scan', listPath: '/v1/vulnerabilities/scans', labelField: 'name', valueField: 'uid', placeholder: 'e.g. scan-1' },
	assetDevice: { key: 'assetDevice', displayName: 'Device', listPath: '/v1/assets/devices', labelField: 'device.hostname|device.name', valueField: 'device.uid', placeholder: 'e.g. dev-0001' },
	endpoint: { key: 'endpoint', displayName: 'Endpoint', listPath: '/v1/edr/endpoints', labelField: 'device.hostname|device.name', valueField: 'device.uid', placeholder: 'e.g. dev-0001' },
	edrThreat: { key: 'edrThreat', displayName: 'Threat', listPath: '/v1/edr/threats', labelField: 'finding_info.title', valueField: 'finding_info.uid|metadata.uid', placeholder: 'e.g. threat-123' },
	identityUser: { key: 'identityUser', displayName: 'User', listPath: '/v1/identity/users', labelField: 'entity.name|user.name', valueField: 'entity.uid|user.uid', placeholder: 'e.g. usr-0001' },
	identityGroup: { key: 'identityGroup', displayName: 'Group', listPath: '/v1/identity/groups', labelField: 'entity.name|group.name', valueField: 'entity.uid|group.uid', placeholder: 'e.g. grp-1' },
	application: { key: 'application', displayName: 'Application', listPath: '/v1/app-sec/applications', labelField: 'application.name', valueField: 'application.uid', placeholder: 'e.g. app-1' },
	applicationFinding: { key: 'applicationFinding', displayName: 'Finding', listPath: '/v1/app-sec/applications/{applicationId}/findings', labelField: 'finding_info.title', valueField: 'finding_info.uid', placeholder: 'e.g. finding-1' },
	emailThreat: { key: 'emailThreat', displayName: 'Threat', listPath: '/v1/email-security/threats', labelField: 'finding_info.title', valueField: 'finding_info.uid|metadata.uid', placeholder: 'e.g. threat-1' },
	managedDevice: { key: 'managedDevice', displayName: 'Device', listPath: '/v1/endpoint-management/devices', labelField: 'device.hostname|device.name', valueField: 'device.uid', placeholder: 'e.g. dev-0001' },
	incidentEscalationPolicy: { key: 'incidentEscalationPolicy', displayName: 'Escalation Policy', listPath: '/v1/incident-response/escalation-policies', labelField: 'name', valueField: 'uid', placeholder: 'e.g. P1ABCDE' },
	chatUser: { key: 'chatUser', displayName: 'User', listPath: '/v1/chat/users', labelField: 'entity.name|user.name', valueField: 'entity.uid|user.uid', placeholder: 'e.g. U012AB3CD' },
	conversation: { key: 'conversation', displayName: 'Conversation', listPath: '/v1/chat/conversations', labelField: 'conversation.name', valueField: 'conversation.uid', placeholder: 'e.g. C012AB3CD' },
	userConversation: { key: 'userConversation', displayName: 'Conversation', listPath: '/v1/chat/users/{userId}/conversations', labelField: 'conversation.name', valueField: 'conversation.uid', placeholder: 'e.g. C012AB3CD' },
} satisfies Record<string, LocatorRow>;
