// Where the DynamoDB implementations this project runs against behave so that a check cannot run there: AWS
// DynamoDB's own timing, and DynamoDB Local (AWS's downloadable implementation) where it departs from the service.
// DynamoDB Local entries were observed with DynamoDB Local 1.25.1 (npm amplify-dynamodb-simulator 2.9.30); earlier
// versions were not checked, and versions are not compared (the harness does not learn DynamoDB Local's version).
import type { Difference, DifferenceSubject } from './registry.ts';
import { awsDoc, scyllaTest } from './references.ts';

const dynamodbService = (e: DifferenceSubject) => e.dataPlane === 'dynamodb';
const dynamodbLocal = (e: DifferenceSubject) => e.dataPlane === 'dynamodb-local';
const LOCAL = { product: 'dynamodb-local', since: '1.25.1' } as const;
const USAGE_NOTES = awsDoc('developerguide/DynamoDBLocal.UsageNotes.html', 'DynamoDB local usage notes');

export const DYNAMODB_DIFFERENCES: Difference[] = [
  {
    id: 'dynamodb-ttl-within-days',
    title: 'DynamoDB deletes expired items in the background, typically within a few days of their expiry, so a run cannot wait for it',
    references: [awsDoc('developerguide/howitworks-ttl.html', 'Time to Live (TTL): how it works'), scyllaTest('test_ttl.py', 'waits_for_expiration (skipped on AWS unless --runveryslow)')],
    holds: { product: 'dynamodb', since: '2012.8.10' },
    appliesTo: dynamodbService,
    removes: ['ttl-expiry'],
  },
  {
    id: 'dynamodb-local-no-tagging',
    title: 'DynamoDB Local does not implement tagging: TagResource, UntagResource and ListTagsOfResource are UnknownOperationException ("Tagging is not currently supported in DynamoDB Local.")',
    references: [USAGE_NOTES],
    holds: LOCAL,
    appliesTo: dynamodbLocal,
    removes: ['tags', 'ttl-tag-invisible'],
  },
  {
    id: 'dynamodb-local-stream-arn-not-validated',
    title: 'DynamoDB Local answers a StreamArn that is not an ARN with ResourceNotFoundException (DynamoDB and Alternator: ValidationException)',
    references: [scyllaTest('test_streams.py', 'test_describe_nonexistent_stream, test_get_shard_iterator_for_nonexistent_stream (is_local_java)'), USAGE_NOTES],
    holds: LOCAL,
    appliesTo: dynamodbLocal,
    removes: ['stream-arn-validated'],
  },
  {
    id: 'dynamodb-local-no-shard-filter',
    title: "DynamoDB Local ignores DescribeStream's ShardFilter: it lists every shard and accepts any filter",
    references: [scyllaTest('test_streams.py', 'test_stream_shard_filtering_* (pass on DynamoDB)'), USAGE_NOTES],
    holds: LOCAL,
    appliesTo: dynamodbLocal,
    removes: ['stream-shard-filter'],
  },
  {
    id: 'dynamodb-local-empty-shard-iterator-trimmed',
    title:
      'DynamoDB Local numbers stream records with one counter for all tables: an iterator taken on a shard that has no record yet fails with TrimmedDataAccessException once another table has written and this shard gets its first record',
    references: [USAGE_NOTES, { text: 'observed: LATEST or TRIM_HORIZON iterator on an empty shard, a write to another table, a write to this one, GetRecords', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html' }],
    holds: LOCAL,
    appliesTo: dynamodbLocal,
    removes: ['stream-empty-shard-iterators'],
  },
  {
    id: 'dynamodb-local-backfill-indexes-everything',
    title:
      'when UpdateTable adds a GSI, DynamoDB Local also indexes existing items whose key attribute is of another type or longer than a key may be (DynamoDB and Alternator skip them)',
    references: [scyllaTest('test_gsi_updatetable.py', 'test_gsi_backfill, test_gsi_backfill_oversized_key'), USAGE_NOTES],
    holds: LOCAL,
    appliesTo: dynamodbLocal,
    removes: ['gsi-backfill-skips-unindexable'],
  },
  {
    id: 'dynamodb-local-gsi-update-entry-not-validated',
    title: 'DynamoDB Local answers a GlobalSecondaryIndexUpdates entry holding both Create and Delete with LimitExceededException (DynamoDB and Alternator: ValidationException)',
    references: [scyllaTest('test_gsi_updatetable.py', 'test_gsi_updatetable_errors'), USAGE_NOTES],
    holds: LOCAL,
    appliesTo: dynamodbLocal,
    removes: ['gsi-update-entry-validated'],
  },
  {
    id: 'dynamodb-local-update-gsi-key-type-unchecked',
    title: "DynamoDB Local lets UpdateItem (AttributeUpdates PUT or SET) give a GSI key attribute a scalar of another type; PutItem and BatchWriteItem are refused as on DynamoDB",
    references: [scyllaTest('test_gsi.py', 'test_gsi_wrong_type_attribute_update'), USAGE_NOTES],
    holds: LOCAL,
    appliesTo: dynamodbLocal,
    removes: ['gsi-key-type-checked-on-update'],
  },
  {
    id: 'dynamodb-local-legacy-operator-internal-failure',
    title: 'DynamoDB Local answers an unknown ConditionalOperator, and NE on a sort key in KeyConditions, with InternalFailure (HTTP 500) instead of ValidationException',
    references: [scyllaTest('test_query_filter.py', 'test_query_filter_invalid_conditional_operator; test_key_conditions.py test_key_conditions_sort_unsupported'), USAGE_NOTES],
    holds: LOCAL,
    appliesTo: dynamodbLocal,
    removes: ['legacy-operator-validation'],
  },
];
