/**
 * Outgoing webhooks, so trigger nodes can be tested end to end:
 * - organization webhooks (`/v1/organization/webhooks`): `{event, account?, integration?, nonce}`
 *   for account_*, integration_* and operation_complete events;
 * - integration webhooks (`webhook_config` of a ticketing integration): TicketCreated & co.
 * Both are signed with HMAC-SHA256 (hex) over the raw body, sent as `Synqly-Signature: sha256=<hex>`
 * and, as the official Python example reads it, `X-Synqly-Signature`.
 */
import { createHmac, randomUUID } from 'node:crypto';

import type { SandboxState } from './state';
import type { Account, Integration, WebhookDelivery } from './types';

export type OrganizationEvent =
	| 'account_create'
	| 'account_update'
	| 'account_delete'
	| 'integration_create'
	| 'integration_update'
	| 'integration_delete'
	| 'operation_complete';

export type TicketEvent = 'TicketCreated' | 'TicketUpdated' | 'TicketDeleted' | 'TicketCommentCreated' | 'TicketCommentDeleted';

/** Resolves when every delivery in flight is done (awaited by `close()`). */
export function pendingDeliveries(state: SandboxState): Promise<void> {
	return Promise.all([...state.inflight]).then(() => undefined);
}

export function sign(secret: string, body: string): string {
	return createHmac('sha256', secret).update(body).digest('hex');
}

function send(state: SandboxState, delivery: WebhookDelivery, body: string, signature: string): void {
	state.deliveries.push(delivery);
	if (!state.settings.deliverWebhooks) return;
	const task = fetch(delivery.url, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			'synqly-signature': `sha256=${signature}`,
			'x-synqly-signature': `sha256=${signature}`,
			'user-agent': 'synqly-sandbox-webhooks',
		},
		body,
		signal: AbortSignal.timeout(state.settings.webhookTimeoutMs),
	})
		.then(async (res) => {
			delivery.status = res.status;
			await res.arrayBuffer().catch(() => undefined);
		})
		.catch((err: unknown) => {
			delivery.error = err instanceof Error ? err.message : String(err);
		});
	const tracked: Promise<void> = task.finally(() => state.inflight.delete(tracked));
	state.inflight.add(tracked);
}

export function emitOrganizationEvent(
	state: SandboxState,
	event: OrganizationEvent,
	data: { account?: Account; integration?: Integration; operation?: unknown },
): void {
	const environment = data.account?.environment ?? (data.integration ? state.accounts.find(data.integration.account_id)?.environment : undefined);
	for (const hook of state.webhooks.all()) {
		if (!hook.filters.includes('all') && !hook.filters.includes(event)) continue;
		if (environment && hook.environment && hook.environment !== environment) continue;
		const secret = state.credentials.find(hook.credential_id)?.config.secret;
		const payload: Record<string, unknown> = { event, nonce: randomUUID() };
		if (data.account) payload.account = data.account;
		if (data.integration) payload.integration = data.integration;
		if (data.operation) payload.operation = data.operation;
		const body = JSON.stringify(payload);
		const signature = sign(typeof secret === 'string' ? secret : '', body);
		send(state, { kind: 'organization', url: hook.url, event, payload, signature, at: state.clock.iso() }, body, signature);
	}
}

export function emitTicketEvent(
	state: SandboxState,
	integration: Integration,
	event: TicketEvent,
	ticket: Record<string, unknown>,
): void {
	for (const item of integration.webhook_config?.items ?? []) {
		if (item.event_filter?.length && !item.event_filter.includes(event)) continue;
		const payload = {
			ticket_id: ticket.id,
			entity_date: ticket.updated_at ?? state.clock.iso(),
			priority: ticket.priority,
			short_description: ticket.summary,
			event_type: event,
			raw_payload: JSON.stringify(ticket),
		};
		const body = JSON.stringify(payload);
		const signature = sign(item.integrator_key ?? '', body);
		send(state, { kind: 'integration', url: item.webhook_url, event, payload, signature, at: state.clock.iso() }, body, signature);
	}
}
