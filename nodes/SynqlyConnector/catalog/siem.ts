import type { OperationRow } from '../../shared/catalog/types';
import { AUTHENTICATION_EVENT } from './examples';
import { locatorParam } from '../../shared/catalog/fields';
import { byTime, category, SIMPLE } from './category';
import { locators } from './locators';

const siem = category('siem');

const alertId = locatorParam('alertId', 'Alert', locators.siemAlert);
const investigationId = locatorParam('investigationId', 'Investigation', locators.investigation);

export const siemRows: OperationRow[] = [
	siem.batch({
		operation: 'postEvents',
		name: 'Post Events',
		action: 'Post events to the SIEM',
		description:
			'Send OCSF events to the SIEM in batches (one request per Batch Size events); outputs one item per batch with the count sent',
		path: '/v1/siem/events',
		noun: 'event',
		example: AUTHENTICATION_EVENT,
	}),
	siem.query({
		operation: 'queryEvents',
		name: 'Get Many Events',
		action: 'Get many SIEM events',
		description: "Search the SIEM's events with Synqly filters or a provider-native query",
		path: '/v1/siem/events',
		pageSize: 100,
		filter: true,
		order: true,
		raw: true,
		passthrough: true,
		simplify: SIMPLE.event,
		poll: byTime('New Events'),
	}),
	siem.query({
		operation: 'queryAlerts',
		name: 'Get Many Alerts',
		action: 'Get many SIEM alerts',
		description: "List the SIEM's alerts (notables, offenses, incidents)",
		path: '/v1/siem/alerts',
		pageSize: 100,
		filter: true,
		order: true,
		raw: true,
		simplify: SIMPLE.finding,
		poll: byTime('New Alerts'),
	}),
	siem.get({
		operation: 'getAlert',
		name: 'Get Alert',
		action: 'Get a SIEM alert',
		description: 'Retrieve one alert as an OCSF Detection Finding',
		path: '/v1/siem/alerts/{alertId}',
		params: [alertId],
		raw: true,
	}),
	siem.query({
		operation: 'queryInvestigations',
		name: 'Get Many Investigations',
		action: 'Get many SIEM investigations',
		description: "List the SIEM's investigations (cases)",
		path: '/v1/siem/investigations',
		pageSize: 100,
		filter: true,
		order: true,
		raw: true,
		filterField: 'id',
	}),
	siem.get({
		operation: 'getInvestigation',
		name: 'Get Investigation',
		action: 'Get a SIEM investigation',
		description: 'Retrieve one investigation',
		path: '/v1/siem/investigations/{investigationId}',
		params: [investigationId],
		raw: true,
	}),
	siem.patch({
		operation: 'patchInvestigation',
		name: 'Patch Investigation',
		action: 'Patch a SIEM investigation',
		description: 'Change an investigation with JSON Patch operations (status, assignee, custom fields)',
		path: '/v1/siem/investigations/{investigationId}',
		params: [investigationId],
		patchExample: [{ op: 'replace', path: '/custom_fields/status', value: 'Closed' }],
	}),
	siem.get({
		operation: 'getEvidence',
		name: 'Get Evidence',
		action: 'Get the evidence of an investigation',
		description: 'Retrieve the evidence (alerts, events) attached to an investigation',
		path: '/v1/siem/investigations/{investigationId}/evidence',
		params: [investigationId],
		raw: true,
	}),
	siem.query({
		operation: 'queryLogProviders',
		name: 'Get Many Log Providers',
		action: 'Get many SIEM log providers',
		description: 'List the log sources the SIEM receives; their names filter events by metadata.log_provider',
		path: '/v1/siem/log-providers',
		pageSize: 100,
	}),
];
