import type { OperationRow, Param } from '../../shared/catalog/types';
import { jsonParam, locatorParam, textParam } from '../../shared/catalog/fields';
import { category, priorityParam } from './category';
import { locators } from './locators';

const ticketing = category('ticketing');

const ticketId = locatorParam('ticketId', 'Ticket', locators.ticket);
const escalationPolicyId = locatorParam('escalationPolicyId', 'Escalation Policy', locators.ticketingEscalationPolicy);

const ticketFields: Param[] = [
	textParam('summary', 'Summary', 'Title of the ticket as the ticketing system shows it', {
		placeholder: 'e.g. Patch web servers',
	}),
	textParam('description', 'Description', 'Longer description of the work', { placeholder: 'e.g. CVE-2024-3094 found on web-01' }),
	{
		name: 'project',
		displayName: 'Project',
		in: 'body',
		kind: 'locator',
		locator: locators.project,
		description: "Project (or queue, board) the ticket belongs to; defaults to the integration's default project",
	},
	priorityParam("Synqly's priority, mapped to the provider's"),
	textParam('status', 'Status', "Status as the provider names it, e.g. Open, In Progress or Done", { placeholder: 'e.g. Open' }),
	textParam('issueType', 'Issue Type', "The provider's ticket type, e.g. Task, Bug or Incident", { placeholder: 'e.g. Task' }),
	textParam('assignee', 'Assignee', 'Who the ticket is assigned to (user ID or email, as the provider expects)', {
		placeholder: 'e.g. ana@example.com',
	}),
	textParam('creator', 'Creator', 'Who created the ticket', { placeholder: 'e.g. n8n@example.com' }),
	textParam('contact', 'Contact', 'Contact information of the ticket', { placeholder: 'e.g. soc@example.com' }),
	{ name: 'dueDate', displayName: 'Due Date', in: 'body', kind: 'dateTime', description: "The ticket's due date" },
	{
		name: 'completionDate',
		displayName: 'Completion Date',
		in: 'body',
		kind: 'dateTime',
		description: "The ticket's completion date",
	},
	textParam('parent', 'Parent Ticket ID', 'Provider ID of the parent ticket (for sub-tasks)', { placeholder: 'e.g. SEC-1' }),
	{
		name: 'tags',
		displayName: 'Tags',
		in: 'body',
		kind: 'stringList',
		placeholder: 'e.g. security,n8n',
		description: 'Tags (labels) of the ticket',
	},
	jsonParam('customFields', 'Custom Fields (JSON)', 'Custom fields by name, as mapped for the integration', {
		customfield_10010: 'value',
	}),
];

export const ticketingRows: OperationRow[] = [
	ticketing.query({
		operation: 'listProjects',
		name: 'Get Many Projects',
		action: 'Get many projects',
		description: 'List the projects (queues, boards) tickets can be created in',
		path: '/v1/ticketing/projects',
		pageSize: 50,
	}),
	ticketing.list({
		operation: 'listRemoteFields',
		name: 'Get Many Remote Fields',
		action: 'Get many remote fields',
		description: "List the provider's ticket fields, for custom field mappings",
		path: '/v1/ticketing/remote-fields',
	}),
	ticketing.query({
		operation: 'queryTickets',
		name: 'Get Many Tickets',
		action: 'Get many tickets',
		description: 'Search tickets with Synqly filters',
		path: '/v1/ticketing/tickets',
		pageSize: 100,
		filter: true,
		order: true,
		filterField: 'status',
		poll: [
			{ field: 'created_at', label: 'New Tickets', id: 'id' },
			{ field: 'updated_at', label: 'Created or Updated Tickets', id: 'id' },
		],
	}),
	ticketing.get({
		operation: 'getTicket',
		name: 'Get Ticket',
		action: 'Get a ticket',
		description: 'Retrieve one ticket',
		path: '/v1/ticketing/tickets/{ticketId}',
		params: [ticketId],
	}),
	ticketing.post({
		operation: 'createTicket',
		name: 'Create Ticket',
		action: 'Create a ticket',
		description: 'Create a ticket in the ticketing system',
		path: '/v1/ticketing/tickets',
		// Tags: every ticketing provider keeps them (Jira labels) and the reference's examples
		// query tickets by them (`tags[in]…`); the reference names no field the provider keeps unique.
		once: { marker: 'tags', noun: 'ticket' },
		params: [
			textParam('name', 'Name', 'Name of the ticket (many providers use it as the title when Summary is empty)', {
				required: true,
				placeholder: 'e.g. Patch web servers',
			}),
			...ticketFields,
		],
	}),
	ticketing.patch({
		operation: 'patchTicket',
		name: 'Patch Ticket',
		action: 'Patch a ticket',
		description: 'Change a ticket with JSON Patch operations (status, assignee, priority…)',
		path: '/v1/ticketing/tickets/{ticketId}',
		params: [ticketId],
		patchExample: [{ op: 'replace', path: '/status', value: 'Done' }],
	}),
	ticketing.upload({
		operation: 'createAttachment',
		name: 'Create Attachment',
		action: 'Attach a file to a ticket',
		description: 'Upload a file from an n8n binary field as an attachment of a ticket (beta; Jira)',
		path: '/v1/ticketing/attachments/{ticketId}',
		params: [
			ticketId,
			textParam('fileName', 'File Name', "Name of the attachment; defaults to the binary file's name", {
				placeholder: 'e.g. report.pdf',
			}),
		],
		upload: { as: 'base64' },
	}),
	ticketing.list({
		operation: 'listAttachmentsMetadata',
		name: 'Get Many Attachments',
		action: 'Get many attachments of a ticket',
		description: 'List the attachments of a ticket (names, types, sizes)',
		path: '/v1/ticketing/attachments/{ticketId}',
		params: [ticketId],
	}),
	ticketing.download({
		method: 'GET',
		operation: 'downloadAttachment',
		name: 'Download Attachment',
		action: 'Download an attachment',
		description: 'Download a ticket attachment into an n8n binary field',
		path: '/v1/ticketing/attachments/{ticketId}/{attachmentId}/download',
		params: [ticketId, locatorParam('attachmentId', 'Attachment', locators.attachment)],
		download: 'base64',
	}),
	ticketing.delete({
		operation: 'deleteAttachment',
		name: 'Delete Attachment',
		action: 'Delete an attachment',
		description: 'Delete an attachment of a ticket',
		path: '/v1/ticketing/attachments/{ticketId}/{attachmentId}',
		params: [ticketId, locatorParam('attachmentId', 'Attachment', locators.attachment)],
		emptyOutput: 'deleted',
	}),
	ticketing.list({
		operation: 'listComments',
		name: 'Get Many Comments',
		action: 'Get many comments of a ticket',
		description: 'List the comments of a ticket',
		path: '/v1/ticketing/tickets/{ticketId}/comments',
		params: [ticketId],
	}),
	ticketing.post({
		operation: 'createComment',
		name: 'Create Comment',
		action: 'Comment on a ticket',
		description: 'Add a comment to a ticket',
		path: '/v1/ticketing/tickets/{ticketId}/comments',
		params: [
			ticketId,
			textParam('content', 'Content', 'Text of the comment (markdown)', {
				required: true,
				placeholder: 'e.g. Host isolated, investigating.',
			}),
			textParam('creator', 'Creator', 'Email of the commenting user (required by PagerDuty, not supported by Jira)', {
				placeholder: 'e.g. ana@example.com',
			}),
		],
	}),
	ticketing.delete({
		operation: 'deleteComment',
		name: 'Delete Comment',
		action: 'Delete a comment',
		description: 'Delete a comment of a ticket',
		path: '/v1/ticketing/tickets/{ticketId}/comments/{commentId}',
		params: [ticketId, locatorParam('commentId', 'Comment', locators.comment)],
		emptyOutput: 'deleted',
	}),
	ticketing.post({
		operation: 'createNote',
		name: 'Create Note',
		action: 'Add a note to a ticket',
		description: 'Add a note (title and markdown content) to a ticket',
		path: '/v1/ticketing/tickets/{ticketId}/notes',
		params: [
			ticketId,
			textParam('title', 'Title', 'Title of the note', { required: true, placeholder: 'e.g. Triage' }),
			textParam('content', 'Content', 'Text of the note (markdown)', {
				required: true,
				placeholder: 'e.g. False positive: scheduled scan.',
			}),
		],
	}),
	ticketing.delete({
		operation: 'deleteNote',
		name: 'Delete Note',
		action: 'Delete a note',
		description: 'Delete a note of a ticket',
		path: '/v1/ticketing/tickets/{ticketId}/notes/{noteId}',
		params: [ticketId, locatorParam('noteId', 'Note', locators.note)],
		emptyOutput: 'deleted',
	}),
	ticketing.list({
		operation: 'listNotes',
		name: 'Get Many Notes',
		action: 'Get many notes of a ticket',
		description: 'List the notes of a ticket',
		path: '/v1/ticketing/tickets/{ticketId}/notes',
		params: [ticketId],
	}),
	ticketing.patch({
		operation: 'patchNote',
		name: 'Patch Note',
		action: 'Patch a note',
		description: 'Change a note of a ticket with JSON Patch operations',
		path: '/v1/ticketing/tickets/{ticketId}/notes/{noteId}',
		params: [ticketId, locatorParam('noteId', 'Note', locators.note)],
		patchExample: [{ op: 'replace', path: '/content', value: 'Updated analysis' }],
	}),
	ticketing.query({
		operation: 'queryEscalationPolicies',
		name: 'Get Many Escalation Policies',
		action: 'Get many escalation policies',
		description: 'List escalation policies (PagerDuty)',
		path: '/v1/ticketing/escalation-policies',
		pageSize: 50,
		filter: true,
		filterField: 'name',
	}),
	ticketing.list({
		operation: 'listOnCall',
		name: 'Get On-Call Agents',
		action: 'Get the on-call agents of an escalation policy',
		description: 'List who is on call for an escalation policy (PagerDuty)',
		path: '/v1/ticketing/escalation-policies/{escalationPolicyId}/on-call',
		params: [escalationPolicyId],
	}),
];
