import type {
	IBinaryData,
	IDataObject,
	IExecuteFunctions,
	IN8nHttpFullResponse,
	INodeExecutionData,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { BINARY_PROPERTY } from '../form/controls';
import type { RowInput } from '../runtime/input';
import { controlValue } from '../runtime/input';
import { toObjects } from '../runtime/output';
import type { SynqlyRequest } from '../http/transport';
import { synqlyRequest } from '../http/transport';
import type { Api, DownloadRow, UploadRow } from '../catalog/types';
import { readPath, wireName } from '../values/wire';

/** A file read from an item's binary property. */
export interface InputFile {
	buffer: Buffer;
	fileName: string;
	mimeType: string;
}

/** The file of an item's binary property, read through n8n's helpers (whatever the binary mode). */
async function readInputFile(this: IExecuteFunctions, row: UploadRow, itemIndex: number): Promise<InputFile> {
	const property = String(controlValue.call(this, row, BINARY_PROPERTY, itemIndex) ?? 'data');
	const binary: IBinaryData = this.helpers.assertBinaryData(itemIndex, property);
	const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	return {
		buffer,
		fileName: binary.fileName ?? `file${binary.fileExtension ? `.${binary.fileExtension}` : ''}`,
		mimeType: binary.mimeType || 'application/octet-stream',
	};
}

/** Characters a multipart header value cannot carry as they are. */
const quote = (value: string) => value.replace(/[\r\n"\\]/g, (c) => encodeURIComponent(c));

/**
 * A multipart/form-data body with one file part, built by hand: nodes may import nothing but
 * n8n-workflow, and n8n's request helper sends a Buffer body as it is.
 */
export function multipartBody(field: string, file: InputFile): { body: Buffer; contentType: string } {
	const boundary = `----n8nSynqly${Date.now().toString(16)}${Math.random().toString(16).slice(2)}`;
	const head = Buffer.from(
		`--${boundary}\r\n` +
			`Content-Disposition: form-data; name="${quote(field)}"; filename="${quote(file.fileName)}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}\r\n` +
			`Content-Type: ${file.mimeType}\r\n\r\n`,
		'utf8',
	);
	const tail = Buffer.from(`\r\n--${boundary}--\r\n`, 'utf8');
	return { body: Buffer.concat([head, file.buffer, tail]), contentType: `multipart/form-data; boundary=${boundary}` };
}

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
 * Sends the file of the item's binary property: as a multipart body, or as JSON with the bytes in
 * base64 beside the row's other body fields.
 */
export async function runUpload(
	this: IExecuteFunctions,
	api: Api,
	row: UploadRow,
	input: RowInput,
	request: SynqlyRequest,
): Promise<INodeExecutionData[]> {
	const file = await readInputFile.call(this, row, request.itemIndex);
	if (row.upload.as === 'multipart') {
		const { body, contentType } = multipartBody(row.upload.field, file);
		request.body = body;
		request.headers = { ...request.headers, 'Content-Type': contentType };
	} else {
		const given = input.body.file_name;
		request.body = {
			...input.body,
			file_name: typeof given === 'string' && given !== '' ? given : file.fileName,
			content: file.buffer.toString('base64'),
		};
	}
	return toObjects(row, await synqlyRequest.call(this, api, request)).map((json) => ({ json }));
}

/**
 * Fetches a file into the item's binary property, with its name and MIME type from the response
 * headers, else from the path (`bytes`), or from the JSON result (`base64`).
 */
export async function runDownload(
	this: IExecuteFunctions,
	api: Api,
	row: DownloadRow,
	input: RowInput,
	request: SynqlyRequest,
): Promise<INodeExecutionData[]> {
	const { itemIndex } = request;
	if ((row.params ?? []).some((p) => p.in === 'body')) request.body = input.body;
	if (row.download === 'bytes') {
		const response = (await synqlyRequest.call(this, api, { ...request, binary: true })) as unknown as IN8nHttpFullResponse;
		const buffer = Buffer.isBuffer(response.body) ? response.body : Buffer.from(response.body as ArrayBuffer);
		const mimeType = header(response, 'content-type')?.split(';')[0].trim() || undefined;
		const fromPath = row.fileNameParam ? lastSegment(String(fileNameSource(row, input) ?? '')) : '';
		const extension = mimeType && EXTENSIONS[mimeType] ? `.${EXTENSIONS[mimeType]}` : '';
		const named = fromPath || row.operation;
		const fallback = named.includes('.') ? named : `${named}${extension}`;
		const fileName = fileNameFromDisposition(header(response, 'content-disposition')) || fallback;
		return [await binaryItem.call(this, row, itemIndex, buffer, fileName, mimeType, {})];
	}
	const body = await synqlyRequest.call(this, api, request);
	const attachment = (body.result ?? {}) as IDataObject;
	if (typeof attachment.content !== 'string') {
		throw new NodeOperationError(this.getNode(), 'Synqly returned no file content', {
			itemIndex,
			description: 'The answer has no result.content to turn into a file',
		});
	}
	const { content, ...meta } = attachment;
	const fileType = typeof meta.file_type === 'string' ? meta.file_type : '';
	const mimeType = fileType.includes('/') ? fileType : undefined;
	const fileName = typeof meta.file_name === 'string' && meta.file_name !== '' ? meta.file_name : row.operation;
	return [await binaryItem.call(this, row, itemIndex, Buffer.from(String(content), 'base64'), fileName, mimeType, meta)];
}

async function binaryItem(
	this: IExecuteFunctions,
	row: DownloadRow,
	itemIndex: number,
	buffer: Buffer,
	fileName: string,
	mimeType: string | undefined,
	meta: IDataObject,
): Promise<INodeExecutionData> {
	const property = String(controlValue.call(this, row, BINARY_PROPERTY, itemIndex) ?? 'data');
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
