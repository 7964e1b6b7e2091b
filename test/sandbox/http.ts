/** Request plumbing: raw path and repeated query values, whole bodies, multipart/form-data. */
import type { IncomingMessage } from 'node:http';

import type { MultipartPart } from './router';
import type { QueryMap } from './store';

/** Splits a request target into the raw (still percent-encoded) path and repeated query values. */
export function splitTarget(target: string): { path: string; query: QueryMap } {
	const q = target.indexOf('?');
	const path = q < 0 ? target : target.slice(0, q);
	const query: QueryMap = {};
	if (q >= 0) {
		for (const [key, value] of new URLSearchParams(target.slice(q + 1))) (query[key] ??= []).push(value);
	}
	return { path, query };
}

export function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

export function mediaType(contentType: string | undefined): string {
	return (contentType ?? '').split(';')[0].trim().toLowerCase();
}

export function isJsonType(contentType: string | undefined): boolean {
	const type = mediaType(contentType);
	return type === 'application/json' || type.endsWith('+json');
}

/** Minimal multipart/form-data parser (enough for `file` uploads from SDKs, undici and n8n). */
export function parseMultipart(body: Buffer, contentType: string | undefined): MultipartPart[] | null {
	const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType ?? '');
	if (!boundary) return null;
	const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2].trim()}`);
	const parts: MultipartPart[] = [];
	let start = body.indexOf(delimiter);
	while (start >= 0) {
		let partStart = start + delimiter.length;
		if (body.subarray(partStart, partStart + 2).toString() === '--') break;
		if (body.subarray(partStart, partStart + 2).toString() === '\r\n') partStart += 2;
		const next = body.indexOf(delimiter, partStart);
		if (next < 0) break;
		const part = body.subarray(partStart, next - 2 >= partStart ? next - 2 : next);
		const headerEnd = part.indexOf('\r\n\r\n');
		if (headerEnd >= 0) {
			const headers = part.subarray(0, headerEnd).toString('utf8');
			const disposition = /content-disposition:([^\r\n]*)/i.exec(headers)?.[1] ?? '';
			const name = /\bname="([^"]*)"/i.exec(disposition)?.[1];
			const filename = /\bfilename="([^"]*)"/i.exec(disposition)?.[1];
			const type = /content-type:\s*([^\r\n]*)/i.exec(headers)?.[1]?.trim();
			if (name !== undefined) parts.push({ name, filename, contentType: type, data: Buffer.from(part.subarray(headerEnd + 4)) });
		}
		start = next;
	}
	return parts;
}

/** Node's header object flattened to single strings (repeated headers joined with ', '). */
export function flatHeaders(headers: IncomingMessage['headers']): Record<string, string> {
	const out: Record<string, string> = {};
	for (const [k, v] of Object.entries(headers)) if (v !== undefined) out[k] = Array.isArray(v) ? v.join(', ') : v;
	return out;
}
