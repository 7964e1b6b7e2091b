import type { IDataObject } from 'n8n-workflow';

/** Synqly's error body (`Problem`), as far as the messages below read it. */
interface Problem {
	message?: string;
	detail?: string;
	remediation?: string;
	context?: {
		parameter?: { id?: string; location?: string };
		resources?: Array<{ type?: string; id?: string }>;
		provider_details?: Record<string, string>;
	};
}

interface ProblemContext {
	credentialName: string;
	/** What the request pointed at, e.g. "account 'acme'". */
	subject?: string;
	/** The credential's Base URL the request went to, named when the answer does not look like Synqly's. */
	baseURL?: string;
}

/** Whether a body is Synqly's Problem: every error Synqly answers has its HTTP status and a message. */
const isProblem = (body: IDataObject) => typeof body.status === 'number' && typeof body.message === 'string';

/**
 * Turns an HTTP status and Synqly's Problem body into a message that says what happened and a
 * description that says how to fix it, keeping Synqly's own words.
 */
export function describeProblem(
	status: number,
	body: IDataObject,
	{ credentialName, subject, baseURL }: ProblemContext,
): { message: string; description: string } {
	if (status === 404 && !isProblem(body)) {
		// Not Synqly's "not found": something else answered, most likely at a wrong address.
		const where = baseURL ?? "the credential's Base URL";
		return {
			message: `No Synqly API answered at ${where} (HTTP 404 without Synqly's error body)`,
			description: `The credential's Base URL (${where}) is probably wrong: use Synqly's address, such as https://api.synqly.com, with no /v1 at the end.`,
		};
	}
	const problem = body as Problem;
	const synqlySays = [problem.message, problem.detail, problem.remediation]
		.filter((part): part is string => typeof part === 'string' && part !== '')
		.join(' — ');
	const parameter = problem.context?.parameter;
	const resource = problem.context?.resources?.[0];
	const what =
		subject ?? (resource?.type ? `${resource.type.replace(/_/g, ' ')} '${resource.id ?? ''}'` : 'the object');
	const [message, fix] = ((): [string, string] => {
		switch (status) {
			case 400:
				return parameter?.id
					? [
							`Synqly rejected the parameter "${parameter.id}"${parameter.location ? ` (${parameter.location})` : ''}`,
							'Correct that field and run the node again',
						]
					: ['Synqly rejected the request as invalid', 'Check the fields of this operation'];
			case 401:
				return [
					'The Synqly token is invalid or expired',
					`Update the access token in the "${credentialName}" credential`,
				];
			case 402:
				return [
					'The Synqly organization is disabled',
					'Synqly answers 402 for every request of a disabled organization; contact Synqly to enable it',
				];
			case 403:
				return [
					`The token is not allowed to do this${problem.detail ? `: ${problem.detail}` : ''}`,
					`Use a token in the "${credentialName}" credential whose role grants this permission`,
				];
			case 404:
				return [`Synqly could not find ${what}`, 'Check the ID, or pick the object from the list'];
			case 409:
				return [
					`The name is already taken${problem.detail ? `: ${problem.detail}` : ''}`,
					'Choose another name, or use "Create or Update" to update the existing object',
				];
			case 415:
				return ['Synqly did not accept the content type of the request', 'Check the body fields'];
			case 429:
				return ['Synqly is rate limiting these requests', 'Wait and retry, or lower the batch size'];
			case 501: {
				const provider = problem.context?.provider_details?.provider ?? providerIn(problem.message);
				return [
					`This integration's provider${provider ? ` (${provider})` : ''} does not support this operation`,
					'Check the provider capabilities, or use an integration of another provider',
				];
			}
			default:
				return status >= 500
					? [`Synqly failed with status ${status}`, 'Retry later; if it persists, contact Synqly support']
					: [`Synqly answered with status ${status}`, 'Check the fields of this operation'];
		}
	})();
	return {
		message,
		description: synqlySays ? `${fix}. Synqly says: ${synqlySays}` : `${fix}.`,
	};
}

function providerIn(message: string | undefined): string | undefined {
	return message?.match(/provider\s+['"`]?([a-z0-9_]+)/i)?.[1];
}
