import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { UploadRow } from '../catalog/types';
import { ADDITIONAL_FIELDS, BINARY_PROPERTY, binaryPropertyParam } from '../form/controls';
import type { RowForm } from '../runtime/input';
import { controlValue } from '../runtime/input';
import { toObjects } from '../runtime/output';
import { controlCharacter } from '../wire/text';
import type { KindSpec } from './spec';
import { asItems } from './spec';

/** A file read from an item's binary property. */
export interface InputFile {
	buffer: Buffer;
	fileName: string;
	mimeType: string;
}

/** The file of an item's binary property, read through n8n's helpers (whatever the binary mode). */
async function readInputFile(this: IExecuteFunctions, form: RowForm, itemIndex: number): Promise<InputFile> {
	const property = String(controlValue.call(this, form, BINARY_PROPERTY, itemIndex) ?? 'data');
	const binary: IBinaryData = this.helpers.assertBinaryData(itemIndex, property);
	const mimeType = binary.mimeType || 'application/octet-stream';
	if (!MIME_TYPE.test(mimeType) || controlCharacter(mimeType) !== undefined) {
		throw new NodeOperationError(this.getNode(), `The MIME type of the file in "${property}" is ${JSON.stringify(mimeType)}`, {
			itemIndex,
			description: `Item ${itemIndex}: a MIME type is type/subtype (e.g. text/csv) with optional parameters, and no control characters; set the file's MIME type where the file comes from`,
		});
	}
	const buffer = await this.helpers.getBinaryDataBuffer(itemIndex, property);
	return { buffer, fileName: binary.fileName ?? `file${binary.fileExtension ? `.${binary.fileExtension}` : ''}`, mimeType };
}

/**
 * A MIME type as RFC 2045 writes one: type/subtype of token characters, then optional
 * `; name=value` parameters, printable characters only. Anything else could end the part's
 * Content-Type header and start headers of its own.
 */
const MIME_TYPE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+(\s*;\s*[!#$%&'*+.^_`|~0-9A-Za-z-]+=("[^"]*"|[!#$%&'*+.^_`|~0-9A-Za-z-]+))*$/;

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

/**
 * A file from the item's binary property goes up: as a multipart body, or as JSON with the bytes
 * in base64 beside the row's other body fields.
 */
export const upload: KindSpec<UploadRow> = {
	controls: () => [binaryPropertyParam('input')],
	collection: ADDITIONAL_FIELDS,
	properties: () => [],
	lists: false,
	async perItem({ context, client, itemIndex, input, request }, row, form) {
		const file = await readInputFile.call(context, form, itemIndex);
		if (row.upload.as === 'multipart') {
			const { body, contentType } = multipartBody(row.upload.field, file);
			return asItems(toObjects(row, await client.send({ ...request, body, headers: { ...request.headers, 'Content-Type': contentType } })));
		}
		const given = input.body.file_name;
		const body = {
			...input.body,
			file_name: typeof given === 'string' && given !== '' ? given : file.fileName,
			content: file.buffer.toString('base64'),
		};
		return asItems(toObjects(row, await client.send({ ...request, body })));
	},
};
