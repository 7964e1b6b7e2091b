import type { OperationRow } from '../../shared/catalog/types';
import { pathIdParam, textParam } from '../../shared/catalog/fields';
import { category, priorityParam } from './category';

const notifications = category('notifications');

const notificationId = pathIdParam(
	'notificationId',
	'Notification ID',
	'e.g. 10042',
	'ID of the notification, as Create Message returned it',
);

export const notificationRows: OperationRow[] = [
	notifications.post({
		operation: 'createMessage',
		name: 'Create Message',
		action: 'Send a notification',
		description: 'Send a notification (Slack, Teams, Jira…) through the integration',
		path: '/v1/notifications/create',
		params: [
			textParam('summary', 'Summary', 'The message: what happened', {
				required: true,
				placeholder: 'e.g. Critical alert on web-01',
			}),
			textParam('description', 'Description', 'More detail, shown below the summary', {
				placeholder: 'e.g. 5 failed logins in 1 minute',
			}),
			priorityParam('Priority of the notification'),
			textParam('project', 'Project', 'Project (or channel) of the notification, where the provider has them', {
				placeholder: 'e.g. SEC',
			}),
			textParam('status', 'Status', 'Status of the notification', { placeholder: 'e.g. Open' }),
			textParam('issueType', 'Issue Type', "The notification's type, where the provider has them", {
				placeholder: 'e.g. Task',
			}),
			textParam('creator', 'Creator', 'Who created the notification', { placeholder: 'e.g. n8n' }),
			textParam('assignee', 'Assignee', 'Who the notification is assigned to', { placeholder: 'e.g. ana@example.com' }),
			textParam('contact', 'Contact', 'Contact information', { placeholder: 'e.g. soc@example.com' }),
			{
				name: 'tags',
				displayName: 'Tags',
				in: 'body',
				kind: 'stringList',
				placeholder: 'e.g. security,n8n',
				description: 'Tags of the notification',
			},
		],
	}),
	notifications.get({
		operation: 'getMessage',
		name: 'Get Message',
		action: 'Get a notification',
		description: 'Retrieve a notification sent earlier',
		path: '/v1/notifications/get/{notificationId}',
		params: [notificationId],
	}),
	notifications.post({
		operation: 'clearMessage',
		name: 'Clear Message',
		action: 'Clear a notification',
		description: 'Mark a notification as cleared (resolved)',
		path: '/v1/notifications/clear/{notificationId}',
		params: [notificationId],
		emptyOutput: 'success',
	}),
];
