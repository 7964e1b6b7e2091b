import { enumOptions } from '../../shared/catalog/words';

/** What Synqly's webhooks deliver: the organization events, and a ticketing integration's provider events. */

/** The events Synqly sends to organization webhooks (`WebhookFilter`, API-MAP 5.1); `all` is every one. */
export const ORGANIZATION_EVENTS = [
	'account_create',
	'account_update',
	'account_delete',
	'integration_create',
	'integration_update',
	'integration_delete',
	'operation_complete',
];

/** The provider events a ticketing integration forwards (`WebhookEvent`, API-MAP 5.2). */
export const TICKET_EVENTS = ['TicketCreated', 'TicketUpdated', 'TicketDeleted', 'TicketCommentCreated', 'TicketCommentDeleted'];

/** Organization webhook filters as dropdown choices. */
export const organizationEventOptions = () =>
	enumOptions(['all', ...ORGANIZATION_EVENTS], { labels: { all: 'All Events' }, order: 'byLabel' });
