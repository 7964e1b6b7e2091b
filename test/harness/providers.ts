import type { IDataObject } from 'n8n-workflow';

/** A mock provider configuration per Connector category (resource), for integrations made in the sandbox. */
export const PROVIDERS: Record<string, IDataObject> = {
	sink: { type: 'sink_mock_sink' },
	notifications: { type: 'notifications_mock_notifications' },
	vulnerabilities: { type: 'vulnerabilities_qualys_cloud_mock', dataset: 'default' },
	assets: { type: 'assets_crowdstrike_mock', dataset: 'default' },
	edr: { type: 'edr_crowdstrike_mock', dataset: 'default' },
	identity: { type: 'identity_okta_mock', dataset: 'default' },
	cloudSecurity: { type: 'cloudsecurity_crowdstrike_mock', dataset: 'default' },
	appSecurity: { type: 'appsec_opentext_core_application_security_mock', dataset: 'default' },
	emailSecurity: { type: 'emailsecurity_defender_for_office_mock', dataset: 'default' },
	endpointManagement: {
		type: 'endpointmanagement_intune',
		credential: { type: 'o_auth_client', client_id: 'n8n', client_secret: 'secret' },
		tenant_id: 'tenant',
	},
	incidentResponse: { type: 'incidentresponse_pagerduty', credential: { type: 'token', secret: 'pd-token' } },
	networkSecurity: {
		type: 'networksecurity_aws',
		credential: { type: 'aws', access_key_id: 'AKIA', secret_access_key: 'secret' },
		region: 'us-east-1',
	},
	chat: { type: 'chat_slack', credential: { type: 'token', secret: 'xoxb-token' } },
	storage: { type: 'storage_mock_storage', bucket: 'n8n' },
	custom: { type: 'custom_synqly', custom_id: 'n8n', endpoints: ['https://api.example.com'], tags: ['n8n'] },
};
