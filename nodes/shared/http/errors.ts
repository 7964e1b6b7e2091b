import type { IDataObject, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import type { SynqlyRequest } from '../catalog/request';
import type { Attempt } from './attempt';
import { outcomeOf, parseJson } from './attempt';
import { describeProblem } from './problems';
import { mayHaveActed } from './retry';
import type { SynqlyContext } from './session';
import { CREDENTIAL_OF } from './session';

/** The error of a request that failed for good: what happened, what to do, how often it was tried. */
export function failed(
	ctx: SynqlyContext,
	request: SynqlyRequest,
	attempt: Attempt,
	{ tries, baseURL, credentialType, renewed }: { tries: number; baseURL: string; credentialType: string; renewed: boolean },
): NodeApiError {
	const node = ctx.getNode();
	const { itemIndex } = request;
	const after = tries > 1 ? ` (after ${tries} attempts)` : '';
	const acted = mayHaveActed(request.repeatable, outcomeOf(attempt));
	if ('failure' in attempt) {
		const { code, message } = attempt.failure;
		if (acted) {
			// No `code` in the error body: NodeApiError would replace this message with a generic one.
			return new NodeApiError(node, { message } as JsonObject, {
				message: `Synqly's answer was lost after the request was sent; it may have been applied${after}`,
				description: `Item ${itemIndex}: ${request.method} ${request.path} got no usable answer (${code}). Check in Synqly whether it took effect before running this item again; it was not sent again, to avoid doing it twice.`,
				itemIndex,
			});
		}
		if (code === NOT_JSON) {
			return new NodeApiError(node, { message } as JsonObject, {
				message: `Synqly's answer could not be read${after}`,
				description: `${message}. Check the credential's Base URL (${baseURL}) and retry later.`,
				itemIndex,
			});
		}
		return new NodeApiError(node, { message } as JsonObject, {
			message: `Could not reach Synqly at ${baseURL}${after}`,
			description: `${code}: ${message}`,
			itemIndex,
		});
	}
	const { statusCode } = attempt.response;
	// An error page (HTML from a proxy): its start says enough, the rest would flood the message.
	const body = parseJson(attempt.response.body, (text) => ({ message: text.length > 300 ? `${text.slice(0, 300)}…` : text })) ?? {};
	const credentialName = credentialDisplayName(credentialType);
	const { message, description } = describeProblem(statusCode, body, { credentialName, subject: request.subject, baseURL });
	const notes = [
		...(acted ? ['The request was not sent again: Synqly may have applied it before failing.'] : []),
		// No renewal loop: a pair that is refused right after its renewal is a different problem.
		...(renewed && statusCode === 401 ? ["The credential's token pair was renewed in this execution, and Synqly refused the new access token too; it is not renewed again before the next execution."] : []),
	];
	return new NodeApiError(node, problemOf(body, statusCode), {
		message: `${message}${after}`,
		description: [description, ...notes].join(' '),
		httpCode: String(statusCode),
		itemIndex,
	});
}

/** The failure code of a success answer that is not JSON: cut off, or from something else than Synqly. */
export const NOT_JSON = 'NOT_JSON';

/**
 * What of Synqly's Problem rides on the error (and so into n8n's execution data): its own words
 * and status, not whatever else it echoed back.
 */
function problemOf(body: IDataObject, status: number): JsonObject {
	const pick = (key: string) => (typeof body[key] === 'string' ? { [key]: body[key] as string } : {});
	return { status, ...pick('message'), ...pick('detail'), ...pick('remediation') };
}

export function credentialDisplayName(type: string): string {
	const match = Object.values(CREDENTIAL_OF).find((c) => c.type === type);
	return match ? match.displayName : type;
}
