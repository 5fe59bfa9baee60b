// Where AWS DynamoDB Local (the dynamodb-local target's data plane) differs from the DynamoDB web service. Each was
// observed on DynamoDB Local 1.25.1 (the version the project pins, harness/targets/dynamodb-local/distribution.ts) by
// the request the title describes; AWS's usage notes are the documented list, and where a behaviour is not written
// there the title says what was observed and the reference is the page stating DynamoDB's own behaviour.
import type { Difference, DifferenceSubject } from './difference.ts';
import { awsApi, awsDoc, scyllaTest, type Reference } from './references.ts';

const dynamodbLocal = (e: DifferenceSubject) => e.dataPlane === 'dynamodb-local';
const SINCE = '1.25.1';
/** A behaviour seen by sending the request the difference's title describes (AWS documents no such gap). */
const observed = (what: string): Reference => ({
  text: `observed on DynamoDB Local 1.25.1 (amplify-dynamodb-simulator 2.9.30): ${what}`,
  url: 'https://www.npmjs.com/package/amplify-dynamodb-simulator/v/2.9.30',
});
const USAGE_NOTES = awsDoc('developerguide/DynamoDBLocal.UsageNotes.html', 'DynamoDB local usage notes ("Differences between downloadable DynamoDB and the DynamoDB web service")');

export const DYNAMODB_LOCAL_DIFFERENCES: Difference[] = [
  {
    id: 'dynamodb-local-no-tagging',
    title:
      'DynamoDB Local has no tagging: TagResource, UntagResource and ListTagsOfResource answer UnknownOperationException "Tagging is not currently supported in DynamoDB Local." (observed on any table), and Tags given to CreateTable are accepted and dropped',
    references: [USAGE_NOTES, awsApi('TagResource', 'Errors')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['tags', 'ttl-tag-invisible'],
  },
  {
    id: 'dynamodb-local-plain-http-only',
    title: 'DynamoDB Local serves plain HTTP only: it has no TLS option (its -help lists none), so there is no certificate or TLS protocol to check',
    references: [USAGE_NOTES, awsDoc('developerguide/DynamoDBLocal.DownloadingAndRunning.html', 'Deploying DynamoDB locally (endpoint http://localhost:8000)')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['tls'],
  },
  {
    id: 'dynamodb-local-no-authentication',
    title:
      'DynamoDB Local verifies no signature and has no IAM: a wrong secret, a body changed after signing, another region or service, a signing date hours away and an unknown access key id are all served (observed: ListTables signed so); it only requires an Authorization header whose access key id is letters and digits',
    references: [USAGE_NOTES, awsDoc('developerguide/security-iam.html', 'Identity and Access Management for Amazon DynamoDB')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['signature-verified', 'signature-expiry', 'signature-scope-enforced', 'rbac'],
  },
  {
    id: 'dynamodb-local-missing-authentication-token',
    title:
      'a request without an Authorization header is refused with __type MissingAuthenticationToken (no "Exception" suffix) and "Request must contain either a valid (registered) AWS access key ID or X.509 certificate." (observed on ListTables sent unsigned), where DynamoDB answers MissingAuthenticationTokenException',
    references: [USAGE_NOTES, scyllaTest('test_authorization.py', 'test_no_authorization_header (run against DynamoDB: "MissingAuthenticationTokenException")')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['missing-authentication-token-exception'],
  },
  {
    id: 'dynamodb-local-no-health-check',
    title: 'GET / is not a health check on DynamoDB Local: it answers HTTP 400 MissingAuthenticationToken (observed), where DynamoDB answers HTTP 200 "healthy: <host>"',
    references: [USAGE_NOTES, scyllaTest('test_health.py', 'test_health_works (run against DynamoDB too)')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['health-check'],
  },
  {
    id: 'dynamodb-local-malformed-body-500',
    title:
      'a request body that is not JSON, or JSON that is not an object ([1, 2]), is answered HTTP 500 InternalFailure (observed on PutItem), where DynamoDB answers HTTP 400 SerializationException',
    references: [USAGE_NOTES, scyllaTest('test_manual_requests.py', 'test_incorrect_json (run against DynamoDB: SerializationException)')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['malformed-body-400'],
  },
  {
    id: 'dynamodb-local-remove-only-update-creates-item',
    title: 'an UpdateItem that only REMOVEs attributes creates the missing item (observed: UpdateItem REMOVE a on a new key, then GetItem returns the key), where DynamoDB leaves it absent',
    references: [USAGE_NOTES, scyllaTest('test_item.py', 'test_update_item_non_existent')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['remove-only-update-no-upsert'],
  },
  {
    id: 'dynamodb-local-nested-return-values-whole-attribute',
    title:
      'UPDATED_OLD and UPDATED_NEW of a nested update (SET m.x = :v, SET m.l[1] = :v) return the whole top-level attribute (observed), where DynamoDB returns only the updated path within its hierarchy',
    references: [awsApi('UpdateItem', 'ReturnValues'), scyllaTest('test_returnvalues.py', 'test_update_item_returnvalues_nested')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['nested-return-values'],
  },
  {
    id: 'dynamodb-local-json-number-accepted',
    title: 'a number sent as a JSON number ({"N": 123}, not the string "123") is accepted and stored (observed on PutItem), where DynamoDB refuses it with SerializationException',
    references: [awsDoc('developerguide/HowItWorks.NamingRulesDataTypes.html', 'Data types: Number ("Numbers are sent across the network to DynamoDB as strings")'), scyllaTest('test_number.py', 'test_number_in_json')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['json-number-refused'],
  },
  {
    id: 'dynamodb-local-no-table-id',
    title: 'CreateTable and DescribeTable answer no TableId (observed), where DynamoDB gives every table a UUID',
    references: [awsApi('TableDescription', 'TableId'), scyllaTest('test_describe_table.py', 'test_describe_table_id')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['table-id-uuid'],
  },
  {
    id: 'dynamodb-local-partiql-duplicate-item',
    title: 'a PartiQL INSERT of an existing key is refused with __type DuplicateItem (observed: ExecuteStatement INSERT twice), where DynamoDB answers DuplicateItemException',
    references: [awsApi('ExecuteStatement', 'Errors (DuplicateItemException)')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['partiql-duplicate-item-exception'],
  },
  {
    id: 'dynamodb-local-size-not-reserved',
    title: 'DynamoDB Local accepts size used bare as an attribute name (observed: UpdateItem SET size = :v; other reserved words such as status are refused), where DynamoDB refuses it as a reserved word',
    references: [awsDoc('developerguide/ReservedWords.html', 'Reserved words in DynamoDB (SIZE)')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['size-reserved'],
  },
  {
    id: 'dynamodb-local-no-regions',
    title: 'DynamoDB Local has no regions: one server, one database (-sharedDb), so there is no second datacenter to replicate to or compare with',
    references: [USAGE_NOTES],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['multi-datacenter'],
  },
  {
    id: 'dynamodb-local-concurrent-ddl-500',
    title:
      'DeleteTable of a table another DeleteTable is deleting, and UpdateTable adding a GSI while other tables are created or deleted, may answer HTTP 500 InternalFailure and change nothing (observed: 3 of 5 concurrent DeleteTable pairs; 6 to 9 of 20 GSI additions beside 4 clients creating and deleting tables); a 5xx is retryable for every DynamoDB client',
    references: [USAGE_NOTES, awsDoc('developerguide/Programming.Errors.html', 'Error retries and exponential backoff')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: [],
  },
  {
    id: 'dynamodb-local-stream-arn-not-validated',
    title: 'DynamoDB Local answers a StreamArn that is not an ARN with ResourceNotFoundException (DynamoDB and Alternator: ValidationException)',
    references: [scyllaTest('test_streams.py', 'test_describe_nonexistent_stream, test_get_shard_iterator_for_nonexistent_stream (is_local_java)'), USAGE_NOTES],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['stream-arn-validated'],
  },
  {
    id: 'dynamodb-local-no-shard-filter',
    title: "DynamoDB Local ignores DescribeStream's ShardFilter: it lists every shard and accepts any filter",
    references: [scyllaTest('test_streams.py', 'test_stream_shard_filtering_* (pass on DynamoDB)'), USAGE_NOTES],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['stream-shard-filter'],
  },
  {
    id: 'dynamodb-local-empty-shard-iterator-trimmed',
    title:
      'DynamoDB Local numbers stream records with one counter for all tables: an iterator taken on a shard that has no record yet fails with TrimmedDataAccessException once another table has written and this shard gets its first record',
    references: [USAGE_NOTES, { text: 'observed: LATEST or TRIM_HORIZON iterator on an empty shard, a write to another table, a write to this one, GetRecords', url: 'https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_GetRecords.html' }],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['stream-empty-shard-iterators'],
  },
  {
    id: 'dynamodb-local-backfill-indexes-everything',
    title:
      'when UpdateTable adds a GSI, DynamoDB Local also indexes existing items whose key attribute is of another type or longer than a key may be (DynamoDB and Alternator skip them)',
    references: [scyllaTest('test_gsi_updatetable.py', 'test_gsi_backfill, test_gsi_backfill_oversized_key'), USAGE_NOTES],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['gsi-backfill-skips-unindexable'],
  },
  {
    id: 'dynamodb-local-gsi-update-entry-not-validated',
    title: 'DynamoDB Local answers a GlobalSecondaryIndexUpdates entry holding both Create and Delete with LimitExceededException (DynamoDB and Alternator: ValidationException)',
    references: [scyllaTest('test_gsi_updatetable.py', 'test_gsi_updatetable_errors'), USAGE_NOTES],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['gsi-update-entry-validated'],
  },
  {
    id: 'dynamodb-local-update-gsi-key-type-unchecked',
    title: "DynamoDB Local lets UpdateItem (AttributeUpdates PUT or SET) give a GSI key attribute a scalar of another type; PutItem and BatchWriteItem are refused as on DynamoDB",
    references: [scyllaTest('test_gsi.py', 'test_gsi_wrong_type_attribute_update'), USAGE_NOTES],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['gsi-key-type-checked-on-update'],
  },
  {
    id: 'dynamodb-local-legacy-operator-internal-failure',
    title: 'DynamoDB Local answers an unknown ConditionalOperator, and NE on a sort key in KeyConditions, with InternalFailure (HTTP 500) instead of ValidationException',
    references: [scyllaTest('test_query_filter.py', 'test_query_filter_invalid_conditional_operator; test_key_conditions.py test_key_conditions_sort_unsupported'), USAGE_NOTES],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['legacy-operator-validation'],
  },
  {
    id: 'dynamodb-local-no-http-compression',
    title: 'DynamoDB Local does not decode compressed request bodies (gzip or deflate: HTTP 500 InternalFailure), serves unknown Content-Encodings as plain JSON, and never compresses responses',
    references: [USAGE_NOTES, observed('PutItem with Content-Encoding gzip → 500 InternalFailure; Content-Encoding garbage → 200; Accept-Encoding gzip → no Content-Encoding')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['request-compression', 'response-compression', 'large-compressed-responses'],
  },
  {
    id: 'dynamodb-local-no-expression-size-limit',
    title: 'DynamoDB Local accepts expressions longer than 4096 bytes',
    references: [awsDoc('developerguide/ServiceQuotas.html', 'Quotas in DynamoDB: expression parameters and attribute names'), observed('UpdateExpression of 4097 bytes → 200')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['expression-size-limit-4kb'],
  },
  {
    id: 'dynamodb-local-attribute-name-limit-partial',
    title: 'DynamoDB Local refuses a 65,536-byte attribute name in an item but accepts it in AttributesToGet',
    references: [awsDoc('developerguide/ServiceQuotas.html', 'Quotas in DynamoDB: expression parameters and attribute names'), observed('GetItem with AttributesToGet of a 65,536-byte name → 200')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['attribute-name-length-limit'],
  },
  {
    id: 'dynamodb-local-no-describe-endpoints',
    title: 'DynamoDB Local does not implement DescribeEndpoints (UnknownOperationException)',
    references: [awsApi('DescribeEndpoints', 'Response Syntax'), observed('DescribeEndpoints → 400 UnknownOperationException "An unknown operation was requested."')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['describe-endpoints'],
  },
  {
    id: 'dynamodb-local-cors',
    title: 'DynamoDB Local answers no Access-Control-Allow-Origin to requests carrying Origin (a preflight OPTIONS only echoes the requested methods and headers, with Max-Age 1728000)',
    references: [USAGE_NOTES, observed('OPTIONS / with Origin → Allow-Methods and Allow-Headers echoed, no Allow-Origin; POST with Origin → no CORS header')],
    holds: { product: 'dynamodb-local', since: SINCE },
    appliesTo: dynamodbLocal,
    removes: ['cors'],
  },
];
