import type { OperationRow } from '../../shared/catalog/types';
import { APP_SECURITY_FINDING } from './examples';
import { locatorParam } from '../../shared/catalog/fields';
import { byTime, category, SIMPLE } from './category';
import { locators } from './locators';

const appSecurity = category('appSecurity');

const applicationId = locatorParam('applicationId', 'Application', locators.application);

export const appSecurityRows: OperationRow[] = [
	appSecurity.query({
		operation: 'queryApplications',
		name: 'Get Many Applications',
		action: 'Get many applications',
		description: 'List the applications the scanner tests',
		path: '/v1/app-sec/applications',
		pageSize: 100,
		maxPageSize: 5000,
		filter: true,
		raw: true,
		filterField: 'application.name',
		simplify: SIMPLE.application,
	}),
	appSecurity.query({
		operation: 'queryApplicationFindings',
		name: 'Get Many Application Findings',
		action: 'Get many findings of an application',
		description: 'List the findings of one application',
		path: '/v1/app-sec/applications/{applicationId}/findings',
		params: [applicationId],
		pageSize: 100,
		maxPageSize: 5000,
		filter: true,
		raw: true,
		filterField: 'severity',
		simplify: SIMPLE.finding,
	}),
	appSecurity.query({
		operation: 'queryFindings',
		name: 'Get Many Findings',
		action: 'Get many application security findings',
		description: 'List the findings of every application, with application details (slower: several provider calls)',
		path: '/v1/app-sec/findings',
		pageSize: 100,
		maxPageSize: 5000,
		filter: true,
		raw: true,
		filterField: 'severity',
		simplify: SIMPLE.finding,
		poll: byTime('New Findings'),
	}),
	appSecurity.batch({
		operation: 'createFindings',
		name: 'Create Findings',
		action: 'Create application security findings',
		description:
			'Import OCSF Application Security Posture Findings in bulk (one request per Batch Size findings); outputs one item per batch with the count sent',
		path: '/v1/app-sec/findings/bulk',
		noun: 'finding',
		example: APP_SECURITY_FINDING,
	}),
	appSecurity.get({
		operation: 'getApplicationFindingDetails',
		name: 'Get Application Finding',
		action: 'Get a finding of an application',
		description: 'Retrieve the details of one finding of an application',
		path: '/v1/app-sec/applications/{applicationId}/findings/{findingId}',
		params: [applicationId, locatorParam('findingId', 'Finding', locators.applicationFinding)],
		raw: true,
	}),
	appSecurity.query({
		operation: 'queryApplicationScans',
		name: 'Get Many Application Scans',
		action: 'Get many scans of an application',
		description: 'List the scan runs of one application as OCSF Scan Activities',
		path: '/v1/app-sec/applications/{applicationId}/scans',
		params: [applicationId],
		pageSize: 100,
		maxPageSize: 5000,
		raw: true,
		simplify: SIMPLE.scan,
	}),
];
