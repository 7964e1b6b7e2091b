import type { OperationRow } from '../../shared/catalog/types';
import { byTime, category, SIMPLE } from './category';

const networkSecurity = category('networkSecurity');

export const networkSecurityRows: OperationRow[] = [
	networkSecurity.query({
		operation: 'queryTrafficLogConfigurations',
		name: 'Get Many Traffic Log Configurations',
		action: 'Get many traffic log configurations',
		description: 'List the flow log configurations of the cloud network',
		path: '/v1/network-security/traffic/log-configurations',
		pageSize: 100,
		maxPageSize: 200,
		filter: true,
		simplify: SIMPLE.cloudResource,
	}),
	networkSecurity.query({
		operation: 'queryTrafficEvents',
		name: 'Get Many Traffic Events',
		action: 'Get many traffic events',
		description: 'Search network traffic (flow logs) as OCSF Network Activity events',
		path: '/v1/network-security/traffic/log-events',
		pageSize: 100,
		maxPageSize: 200,
		filter: true,
		simplify: SIMPLE.event,
		poll: byTime('New Traffic Events'),
	}),
];
