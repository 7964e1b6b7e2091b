import { rowOf } from '../../shared/catalog/rows';
import type { OperationRow, Param } from '../../shared/catalog/types';
import { accountId } from './accounts';
import { integrationId } from './integrations';
import { jsonParam } from '../../shared/catalog/fields';
import { fullnameParam, nameParam, objectParam, permissionSetParam, tokenTtlParam } from './objectFields';
import { locators } from './locators';

const refreshTokenId = objectParam('refreshTokenId', 'Token', locators.token, 'The refresh token to act on: pick it from the list or give its ID');
const ownerId: Param = {
	name: 'ownerId',
	displayName: 'Owner ID',
	in: 'path',
	kind: 'string',
	required: true,
	placeholder: 'e.g. org_123',
	description: 'ID of the organization or integration that owns the token',
};

const token = rowOf('token');

export const tokenRows: OperationRow[] = [
	token({
		operation: 'create',
		agentRisk: 'mintsSecrets',
		name: 'Create Organization Token',
		action: 'Create an organization token',
		description: 'Create an ad-hoc organization token limited to some resources and a permission set',
		kind: 'request',
		method: 'POST',
		path: '/v1/tokens',
		params: [
			permissionSetParam('What the token may do; a token can only narrow the permissions of the one that creates it'),
			jsonParam(
				'resources',
				'Resources (JSON)',
				'Objects the token may reach: organizations {ids, labels}, accounts {ids, labels, environments}, integrations {categories}; "*" means all',
				{ accounts: { ids: ['*'] }, integrations: { categories: ['*'] } },
				{ required: true },
			),
			nameParam('token', false),
			fullnameParam('token'),
			tokenTtlParam('24h'),
		],
	}),
	token({
		operation: 'createIntegrationToken',
		agentRisk: 'mintsSecrets',
		name: 'Create Integration Token',
		action: 'Create an integration token',
		description: 'Mint a short-lived access token for one integration, for the Connector API',
		kind: 'request',
		method: 'POST',
		path: '/v1/tokens/{accountId}/{integrationId}',
		params: [
			accountId,
			integrationId,
			{ ...nameParam('token', false), description: 'Name of the token; defaults to the new refresh token ID' },
			tokenTtlParam('10m'),
		],
	}),
	token({
		operation: 'createMcpToken',
		agentRisk: 'mintsSecrets',
		name: 'Create MCP Token',
		action: 'Create an MCP token',
		description: "Create a token for Synqly's MCP server, scoped to management, integration use or development",
		kind: 'request',
		method: 'POST',
		path: '/v1/tokens/mcp',
		params: [
			jsonParam(
				'scope',
				'Scope (JSON)',
				'Which tools the MCP server offers: {"type": "management"}, {"type": "integration-usage", "account_id": …} or {"type": "developer", "account_id": …}',
				{ type: 'management' },
				{ required: true },
			),
			tokenTtlParam('1h'),
		],
	}),
	token({
		operation: 'createSynqlyIntegrationsToken',
		agentRisk: 'mintsSecrets',
		name: 'Create Synqly Integrations Token',
		action: 'Create a Synqly integrations token',
		description: 'Create the token Synqly uses for asynchronous operations and status export (in development at Synqly)',
		kind: 'request',
		method: 'POST',
		path: '/v1/tokens/synqly-integrations',
		params: [tokenTtlParam('24h')],
	}),
	token({
		operation: 'getAll',
		name: 'Get Many',
		action: 'Get many tokens',
		description: 'List the refresh tokens that belong to the calling token',
		kind: 'keysetList',
		method: 'GET',
		path: '/v1/tokens',
		filters: { field: 'name', sortable: true },
	}),
	token({
		operation: 'get',
		name: 'Get',
		action: 'Get a token',
		description: 'Retrieve a refresh token and its token pairs',
		kind: 'request',
		method: 'GET',
		path: '/v1/tokens/{refreshTokenId}/info',
		params: [refreshTokenId],
	}),
	token({
		operation: 'refresh',
		agentRisk: 'mintsSecrets',
		name: 'Refresh',
		action: 'Refresh a token',
		description: 'Create a new primary token pair; the old one becomes the secondary until removed',
		kind: 'request',
		method: 'PUT',
		path: '/v1/tokens/{refreshTokenId}/refresh',
		// Each refresh makes a new primary pair and retires the previous secondary: a second one loses the pair the first one made (API-MAP 3.2).
		repeatable: false,
		params: [refreshTokenId],
	}),
	token({
		operation: 'reset',
		agentRisk: 'mintsSecrets',
		name: 'Reset',
		action: 'Reset a token',
		description: 'Issue new access and refresh tokens, reset the expiry and drop the secondary pair',
		kind: 'request',
		method: 'PUT',
		path: '/v1/tokens/{ownerId}/{refreshTokenId}/reset',
		// Each reset issues new access and refresh tokens: a second one voids the pair the first one issued (API-MAP 3.2).
		repeatable: false,
		params: [ownerId, refreshTokenId],
	}),
	token({
		operation: 'rotate',
		agentRisk: 'mintsSecrets',
		name: 'Rotate',
		action: 'Rotate a token',
		description: 'Move the primary pair to secondary and create a new primary',
		kind: 'request',
		method: 'PUT',
		path: '/v1/tokens/{ownerId}/{refreshTokenId}/rotate',
		// Each rotate deletes the secondary and makes a new primary: a second one deletes the pair the first one made (API-MAP 3.2).
		repeatable: false,
		params: [ownerId, refreshTokenId],
	}),
	token({
		operation: 'removeSecondary',
		agentRisk: 'destroys',
		name: 'Remove Secondary',
		action: 'Remove the secondary token pair',
		description: 'Invalidate the secondary pair left by a refresh',
		kind: 'request',
		method: 'DELETE',
		path: '/v1/tokens/{refreshTokenId}/secondary',
		params: [refreshTokenId],
		emptyOutput: 'deleted',
	}),
	token({
		operation: 'delete',
		agentRisk: 'destroys',
		name: 'Delete',
		action: 'Delete a token',
		description: 'Delete an ad-hoc refresh token; both of its pairs stop working at once',
		kind: 'request',
		method: 'DELETE',
		path: '/v1/tokens/{refreshTokenId}',
		params: [refreshTokenId],
		emptyOutput: 'deleted',
	}),
];
