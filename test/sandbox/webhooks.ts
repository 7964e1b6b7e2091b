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
import type { Account, Integration, OrganizationWebhook, WebhookDelivery } from './types';

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

const signatureHeaders = (signature: string) => ({ 'synqly-signature': `sha256=${signature}`, 'x-synqly-signature': `sha256=${signature}` });

/** POSTs one delivery; resolves with what the receiver answered. */
async function post(state: SandboxState, url: string, body: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'user-agent': 'synqly-sandbox-webhooks', ...headers },
		body,
		signal: AbortSignal.timeout(state.settings.webhookTimeoutMs),
	});
	return { status: res.status, body: await res.text().catch(() => '') };
}

function send(state: SandboxState, delivery: WebhookDelivery, body: string, signature: string): void {
	state.deliveries.push(delivery);
	if (!state.settings.deliverWebhooks) return;
	const task = post(state, delivery.url, body, signatureHeaders(signature))
		.then((res) => {
			delivery.status = res.status;
		})
		.catch((err: unknown) => {
			delivery.error = err instanceof Error ? err.message : String(err);
		});
	const tracked: Promise<void> = task.finally(() => state.inflight.delete(tracked));
	state.inflight.add(tracked);
}

function organizationPayload(event: string, data: { account?: Account; integration?: Integration; operation?: unknown }): Record<string, unknown> {
	const payload: Record<string, unknown> = { event, nonce: randomUUID() };
	if (data.account) payload.account = data.account;
	if (data.integration) payload.integration = data.integration;
	if (data.operation) payload.operation = data.operation;
	return payload;
}

export function webhookSecret(state: SandboxState, hook: OrganizationWebhook): string {
	const secret = state.credentials.find(hook.credential_id)?.config.secret;
	return typeof secret === 'string' ? secret : '';
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
		const payload = organizationPayload(event, data);
		const body = JSON.stringify(payload);
		const signature = sign(webhookSecret(state, hook), body);
		send(state, { kind: 'organization', url: hook.url, event, payload, signature, at: state.clock.iso() }, body, signature);
	}
}

function ticketPayload(state: SandboxState, event: TicketEvent, ticket: Record<string, unknown>): Record<string, unknown> {
	return {
		ticket_id: ticket.id,
		entity_date: ticket.updated_at ?? state.clock.iso(),
		priority: ticket.priority,
		short_description: ticket.summary,
		event_type: event,
		raw_payload: JSON.stringify(ticket),
	};
}

export function emitTicketEvent(
	state: SandboxState,
	integration: Integration,
	event: TicketEvent,
	ticket: Record<string, unknown>,
): void {
	for (const item of integration.webhook_config?.items ?? []) {
		if (item.event_filter?.length && !item.event_filter.includes(event)) continue;
		const payload = ticketPayload(state, event, ticket);
		const body = JSON.stringify(payload);
		const signature = sign(item.integrator_key ?? '', body);
		send(state, { kind: 'integration', url: item.webhook_url, event, payload, signature, at: state.clock.iso() }, body, signature);
	}
}

// ---------------------------------------------------------------------------------------------
// Deliveries on demand (POST /__sandbox/deliver), good and bad, answered with what the receiver said

/** What is wrong with a fired delivery: nothing, or one of the ways a forged or repeated one looks. */
export type Flaw = 'none' | 'unsigned' | 'wrongSecret' | 'tampered' | 'nonJson' | 'replay';

export const FLAWS: Flaw[] = ['none', 'unsigned', 'wrongSecret', 'tampered', 'nonJson', 'replay'];

export interface FireRequest {
	/** An organization event (default `account_create`), or a ticket event with `integration`. */
	event?: string;
	flaw?: Flaw;
	/** Fire at this integration's webhook items (id or name) instead of the organization webhooks. */
	integration?: string;
	/** With `replay`: how long to wait before sending the copy (a retry comes later than at once). */
	pauseMs?: number;
}

export interface FireResult {
	url: string;
	event: string;
	flaw: Flaw;
	/** One answer per POST (a replay sends the same delivery twice). */
	answers: Array<{ status: number; body: string } | { error: string }>;
}

const SAMPLE_TICKET = { id: 'TICKET-1', summary: 'Sample ticket', priority: 'high', status: 'open', project: 'SEC' };

/**
 * Fires `event` at every matching registered URL, signed with that webhook's secret, or with the
 * flaw asked for: no signature headers, a signature made with another secret, a body changed after
 * signing, a signed body that is not JSON (sent as text/plain, the way it reaches an n8n node), or
 * the same signed delivery twice.
 */
export async function fireDeliveries(state: SandboxState, request: FireRequest): Promise<FireResult[]> {
	const flaw = request.flaw ?? 'none';
	const targets: Array<{ url: string; secret: string; event: string; payload: Record<string, unknown> }> = [];
	if (request.integration !== undefined) {
		const integration = state.integrations.all().find((i) => i.id === request.integration || i.name === request.integration);
		if (!integration) throw new Error(`no integration ${request.integration}`);
		const event = (request.event ?? 'TicketCreated') as TicketEvent;
		for (const item of integration.webhook_config?.items ?? []) {
			if (item.event_filter?.length && !item.event_filter.includes(event)) continue;
			targets.push({ url: item.webhook_url, secret: item.integrator_key ?? '', event, payload: ticketPayload(state, event, SAMPLE_TICKET) });
		}
	} else {
		const event = request.event ?? 'account_create';
		const account = state.accounts.all()[0];
		const integration = state.integrations.all()[0];
		const data = event.startsWith('account_') ? { account } : event.startsWith('integration_') ? { integration, account: integration && state.accounts.find(integration.account_id) } : { operation: { id: 'op_sample', status: 'complete' } };
		for (const hook of state.webhooks.all()) {
			if (!hook.filters.includes('all') && !hook.filters.includes(event)) continue;
			targets.push({ url: hook.url, secret: webhookSecret(state, hook), event, payload: organizationPayload(event, data) });
		}
	}
	const results: FireResult[] = [];
	for (const target of targets) {
		const body = flaw === 'nonJson' ? `event=${target.event}` : JSON.stringify(target.payload);
		const signature = sign(flaw === 'wrongSecret' ? `${target.secret}-wrong` : target.secret, body);
		const sent = flaw === 'tampered' ? JSON.stringify({ ...target.payload, event: 'account_delete', tampered: true }) : body;
		const headers = {
			...(flaw === 'unsigned' ? {} : signatureHeaders(signature)),
			...(flaw === 'nonJson' ? { 'content-type': 'text/plain' } : {}),
		};
		const answers: FireResult['answers'] = [];
		for (let i = 0; i < (flaw === 'replay' ? 2 : 1); i++) {
			if (i > 0 && request.pauseMs) await new Promise((resolve) => setTimeout(resolve, request.pauseMs));
			answers.push(await post(state, target.url, sent, headers).catch((err: unknown) => ({ error: err instanceof Error ? err.message : String(err) })));
		}
		results.push({ url: target.url, event: target.event, flaw, answers });
	}
	return results;
}
