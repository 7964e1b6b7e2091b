import type { OperationRow, Param } from '../../shared/catalog/types';
import { category } from './category';

const storage = category('storage');

const filePath: Param = {
	name: 'path',
	displayName: 'File Path',
	in: 'path',
	kind: 'string',
	required: true,
	placeholder: 'e.g. reports/q1.csv',
	description: 'Path of the file in the storage (bucket or container of the integration), folders separated by /',
};

export const storageRows: OperationRow[] = [
	storage.query({
		operation: 'listFiles',
		name: 'Get Many Files',
		action: 'Get many files of a folder',
		description: 'List the files and folders under a folder path',
		path: '/v1/storage/folders/{path}',
		params: [
			{
				...filePath,
				displayName: 'Folder Path',
				placeholder: 'e.g. reports',
				description: 'Path of the folder to list, folders separated by /',
			},
		],
		pageSize: 50,
	}),
	storage.upload({
		operation: 'uploadFile',
		name: 'Upload File',
		action: 'Upload a file',
		description: 'Upload the file of an n8n binary field to the storage (multipart)',
		path: '/v1/storage/files/{path}',
		params: [filePath],
		upload: { as: 'multipart', field: 'file' },
		emptyOutput: 'success',
	}),
	storage.download({
		method: 'GET',
		operation: 'downloadFile',
		name: 'Download File',
		action: 'Download a file',
		description: 'Download a file of the storage into an n8n binary field',
		path: '/v1/storage/files/{path}',
		params: [filePath],
		meta: false,
		download: 'bytes',
		fileNameParam: 'path',
	}),
	storage.delete({
		operation: 'deleteFile',
		name: 'Delete File',
		action: 'Delete a file',
		description: 'Delete a file of the storage',
		path: '/v1/storage/files/{path}',
		params: [filePath],
		emptyOutput: 'deleted',
	}),
];
