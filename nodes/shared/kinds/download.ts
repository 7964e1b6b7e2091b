import type { IDataObject, IExecuteFunctions, IN8nHttpFullResponse, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { RowInput } from '../catalog/request';
import type { DownloadRow } from '../catalog/types';
import { wireName } from '../catalog/wireNames';
import { ADDITIONAL_FIELDS, BINARY_PROPERTY, binaryPropertyParam } from '../form/controls';
import type { RowForm } from '../runtime/input';
import { controlValue } from '../runtime/input';
import { readPath } from '../wire/dotted';
import type { KindSpec } from './spec';

/** The file name of a Content-Disposition header (RFC 6266 `filename*` first), if it has one. */
export function fileNameFromDisposition(header: unknown): string | undefined {
	if (typeof header !== 'string') return undefined;
	const extended = /filename\*\s*=\s*([^']*)'[^']*'([^;]+)/i.exec(header);
	if (extended) {
		try {
			return decodeURIComponent(extended[2].trim().replace(/^"|"$/g, ''));
		} catch {
			// fall through to the plain parameter
		}
	}
	const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
	if (!plain) return undefined;
	const value = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : plain[1].trim();
	return value === '' ? undefined : value;
}

const EXTENSIONS: Record<string, string> = {
	'application/json': 'json',
	'application/pdf': 'pdf',
	'application/zip': 'zip',
	'image/gif': 'gif',
	'image/jpeg': 'jpg',
	'image/png': 'png',
	'image/svg+xml': 'svg',
	'image/webp': 'webp',
	'text/csv': 'csv',
	'text/plain': 'txt',
};

const lastSegment = (path: string) => path.split(/[\\/]/).filter((s) => s !== '').pop() ?? '';

/** The header of a response, whatever its case. */
function header(response: IN8nHttpFullResponse, name: string): string | undefined {
	const found = Object.entries(response.headers ?? {}).find(([key]) => key.toLowerCase() === name);
	const value = found?.[1];
	return Array.isArray(value) ? String(value[0]) : value === undefined ? undefined : String(value);
}

/**
 * A file comes down into the item's binary property, with its name and MIME type from the
 * response headers, else from the path (`bytes`), or from the JSON result (`base64`).
 */
export const download: KindSpec<DownloadRow> = {
	controls: () => [binaryPropertyParam('output')],
	collection: ADDITIONAL_FIELDS,
	properties: () => [],
	lists: false,
	async perItem({ context, client, itemIndex, input, request: base }, row, form) {
		const request = (row.params ?? []).some((p) => p.in === 'body') ? { ...base, body: input.body } : base;
		const save = async (buffer: Buffer, fileName: string, mimeType: string | undefined, meta: IDataObject) => [
			await binaryItem.call(context, form, buffer, fileName, mimeType, meta, itemIndex),
		];
		if (row.download === 'bytes') {
			const response = await client.sendForBytes(request);
			const buffer = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body as ArrayBuffer);
			const mimeType = header(response, 'content-type')?.split(';')[0].trim() || undefined;
			const fromPath = row.fileNameParam ? lastSegment(String(fileNameSource(row, input) ?? '')) : '';
			const extension = mimeType && EXTENSIONS[mimeType] ? `.${EXTENSIONS[mimeType]}` : '';
			const named = fromPath || row.operation;
			const fallback = named.includes('.') ? named : `${named}${extension}`;
			return await save(buffer, fileNameFromDisposition(header(response, 'content-disposition')) || fallback, mimeType, {});
		}
		const attachment = ((await client.send(request)).result ?? {}) as IDataObject;
		if (typeof attachment.content !== 'string') {
			throw new NodeOperationError(context.getNode(), 'Synqly returned no file content', {
				itemIndex,
				description: 'The answer has no result.content to turn into a file',
			});
		}
		const { content, ...meta } = attachment;
		const fileType = typeof meta.file_type === 'string' ? meta.file_type : '';
		const mimeType = fileType.includes('/') ? fileType : undefined;
		const fileName = typeof meta.file_name === 'string' && meta.file_name !== '' ? meta.file_name : row.operation;
		return await save(Buffer.from(content, 'base64'), fileName, mimeType, meta);
	},
};

async function binaryItem(
	this: IExecuteFunctions,
	form: RowForm,
	buffer: Buffer,
	fileName: string,
	mimeType: string | undefined,
	meta: IDataObject,
	itemIndex: number,
): Promise<INodeExecutionData> {
	const property = String(controlValue.call(this, form, BINARY_PROPERTY, itemIndex) ?? 'data');
	const binary = await this.helpers.prepareBinaryData(buffer, fileName, mimeType);
	return {
		json: { ...meta, fileName: binary.fileName ?? fileName, mimeType: binary.mimeType, fileSize: buffer.length },
		binary: { [property]: binary },
	};
}

/** The value of the param that names the file: a path param, or a body field under its wire name. */
function fileNameSource(row: DownloadRow, input: RowInput): unknown {
	const param = (row.params ?? []).find((p) => p.name === row.fileNameParam);
	if (!param) return undefined;
	return param.in === 'path' ? input.path[param.name] : readPath(input.body, wireName(param));
}
