import type { ApiTable, ResourceRow } from '../../shared/catalog/types';
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
};

