/**
 * The Management API (organization token): one handler per reference operation, keyed
 * `group.sdk_method`. The server refuses to start if any of the 111 operations lacks one.
 */
import { resourceHandlerTable } from './mgmt-resources';
import { platformHandlers } from './mgmt-platform';
import { sessionHandlers, tokenHandlers } from './mgmt-tokens';
import type { Handler } from './router';

export function managementHandlers(): Record<string, Handler> {
	const table: Record<string, Handler> = { ...resourceHandlerTable(), ...platformHandlers() };
	for (const [name, handler] of Object.entries(tokenHandlers())) table[`tokens.${name}`] = handler;
	for (const [name, handler] of Object.entries(sessionHandlers())) table[`auth.${name}`] = handler;
	return table;
}
