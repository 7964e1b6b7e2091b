import type { OperationRow } from '../../shared/catalog/types';
import { DETECTION_FINDING } from './examples';
import { category } from './category';

const sink = category('sink');

export const sinkRows: OperationRow[] = [
	sink.batch({
		operation: 'postEvents',
		name: 'Post Events',
		action: 'Post events to the sink',
		description:
			'Write OCSF events to the data store in batches (one request per Batch Size events); outputs one item per batch with the count sent',
		path: '/v1/sink/events',
		noun: 'event',
		example: DETECTION_FINDING,
		params: [
			{
				name: 'location',
				displayName: 'Location',
				in: 'query',
				kind: 'string',
				placeholder: 'e.g. security-events/2025',
				description: "Where in the sink to write (bucket prefix, index, table…), if the provider supports it; defaults to the integration's setting",
			},
		],
	}),
];
