import type { OperationRow } from '../../shared/catalog/types';
import { category } from './category';
import { locators } from './locators';

const integrationWebhooks = category('integrationWebhooks');

export const integrationWebhookRows: OperationRow[] = [
	integrationWebhooks.post({
		operation: 'create',
		name: 'Create',
		action: 'Create an integration webhook',
		description: "Register Synqly's webhook at the provider for a project, so its events reach the integration",
		path: '/v1/integration-webhooks',
		params: [
			{
				name: 'project',
				displayName: 'Project',
				in: 'body',
				kind: 'locator',
				locator: locators.project,
				required: true,
				description: 'Project (or table) whose events the webhook sends',
			},
		],
		meta: false,
	}),
	integrationWebhooks.list({
		operation: 'list',
		name: 'Get Many',
		action: 'Get many integration webhooks',
		description: 'List the webhooks registered at the provider for this integration',
		path: '/v1/integration-webhooks',
		meta: false,
	}),
	integrationWebhooks.delete({
		operation: 'delete',
		name: 'Delete',
		action: 'Delete the integration webhook',
		description: "Remove Synqly's webhook from the provider",
		path: '/v1/integration-webhooks',
		meta: false,
		emptyOutput: 'deleted',
	}),
];
