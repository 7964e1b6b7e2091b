import type { OperationRow } from '../../shared/catalog/types';
import { locatorParam } from '../../shared/catalog/fields';
import { category } from './category';
import { locators } from './locators';

const incidentResponse = category('incidentResponse');

export const incidentResponseRows: OperationRow[] = [
	incidentResponse.query({
		operation: 'queryEscalationPolicies',
		name: 'Get Many Escalation Policies',
		action: 'Get many escalation policies',
		description: 'List the escalation policies of the incident response platform',
		path: '/v1/incident-response/escalation-policies',
		pageSize: 100,
	}),
	incidentResponse.list({
		operation: 'queryEscalationPolicyUsersOnCall',
		name: 'Get On-Call Users',
		action: 'Get the on-call users of an escalation policy',
		description: 'List who is on call now for an escalation policy',
		path: '/v1/incident-response/escalation-policies/{escalationPolicyId}/users-on-call',
		params: [locatorParam('escalationPolicyId', 'Escalation Policy', locators.incidentEscalationPolicy)],
	}),
];
