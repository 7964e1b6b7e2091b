import type { OperationRow } from '../../shared/catalog/types';
import { locatorParam } from '../../shared/catalog/fields';
import { byTime, category, SIMPLE } from './category';
import { locators } from './locators';

const emailSecurity = category('emailSecurity');

export const emailSecurityRows: OperationRow[] = [
	emailSecurity.query({
		operation: 'queryThreats',
		name: 'Get Many Threats',
		action: 'Get many email threats',
		description: 'List email threats (phishing, malware) as OCSF Detection Findings',
		path: '/v1/email-security/threats',
		pageSize: 1000,
		maxPageSize: 5000,
		filter: true,
		simplify: SIMPLE.finding,
		poll: byTime('New Threats'),
	}),
	emailSecurity.get({
		operation: 'getThreatDetails',
		name: 'Get Threat',
		action: 'Get an email threat',
		description: 'Retrieve the details of one email threat',
		path: '/v1/email-security/threats/{threatId}',
		params: [locatorParam('threatId', 'Threat', locators.emailThreat)],
	}),
	emailSecurity.query({
		operation: 'queryEmailEvents',
		name: 'Get Many Email Events',
		action: 'Get many email events',
		description: 'Search email activity (deliveries, blocks) as OCSF Email Activity events',
		path: '/v1/email-security/email-events',
		pageSize: 1000,
		maxPageSize: 5000,
		filter: true,
		simplify: SIMPLE.email,
		poll: byTime('New Email Events'),
	}),
];
