// What a deployment may or may not offer. A documented difference takes features away; a suite asks for a
// feature (requireFeature) and is "not applicable" with the difference's reference where it is missing.
export type Feature =
  | 'transactions'
  | 'partiql'
  | 'streams'
  | 'ttl'
  | 'ttl-expiry'
  | 'gsi-update'
  | 'tags'
  | 'rbac'
  | 'signature-expiry'
  | 'signature-scope-enforced'
  | 'provisioned-throughput-enforced'
  | 'exact-error-messages'
  | 'rmw-anomalies-reproducible'
  | 'index-projection'
  | 'json-serialization-exception'
  | 'legacy-conditional-or'
  | 'batch-write-limit-25'
  | 'batch-write-over-25'
  | 'number-leading-plus'
  | 'table-id-uuid'
  | 'remove-only-update-no-upsert'
  | 'document-equality'
  | 'number-value-identity'
  /** DynamoDB refuses an item over 400 KB. */
  | 'item-size-limit-400kb'
  /** DynamoDB refuses a reserved word used bare in an expression. */
  | 'reserved-words-refused'
  /** A reserved word used bare in an expression is accepted (Alternator). */
  | 'reserved-words-bare'
  /** DynamoDB refuses BatchGetItem of more than 100 keys. */
  | 'batch-get-limit-100'
  /** DynamoDB refuses BatchGetItem with an empty Keys list. */
  | 'batch-get-empty-keys-refused'
  /** BatchWriteItem refuses more writes than its limit (25 on DynamoDB, 100 on Alternator since 2025.2). */
  | 'batch-write-limit-enforced'
  /** Malformed BatchWriteItem bodies are each refused with ValidationException (or SerializationException), never an internal assertion. */
  | 'batch-write-payload-validated'
  /** A base64 value holding the byte 0xFF is refused as malformed. */
  | 'base64-0xff-refused'
  /** BatchWriteItem refuses an empty RequestItems. */
  | 'batch-write-empty-refused'
  /** ProvisionedThroughput is validated, and DescribeTable answers what the table was created with. */
  | 'provisioned-throughput-kept'
  /** An empty ExpressionAttributeValues / ExpressionAttributeNames is refused. */
  | 'empty-expression-attribute-maps-refused'
  /** A well-formed ARN of a missing table is a ResourceNotFoundException. */
  | 'missing-arn-not-found'
  /** A request over the 16 MB limit is answered (HTTP 413) rather than cut off. */
  | 'oversized-request-answered'
  /** DynamoDB's table name limit, 255 characters. */
  | 'table-name-255'
  /** Alternator's /localnodes answers ?dc= (another datacenter's nodes) and ?rack=. */
  | 'localnodes-dc-rack'
  /** Alternator's write isolation policies (alternator_write_isolation, the system:write_isolation tag). */
  | 'write-isolation'
  /** Authorization can be switched off (Alternator's alternator_enforce_authorization: false). */
  | 'authorization-can-be-disabled'
  /** The SigV4 signature is verified: a wrong secret, a changed body, an unknown access key id are refused. */
  | 'signature-verified'
  /** A request without an Authorization header is refused with MissingAuthenticationTokenException. */
  | 'missing-authentication-token-exception'
  /** The endpoint serves TLS (HTTPS). */
  | 'tls'
  /** GET / is a health check answering HTTP 200 "healthy: <host>". */
  | 'health-check'
  /** A request body that is not a JSON object is refused with HTTP 400. */
  | 'malformed-body-400'
  /** UPDATED_OLD / UPDATED_NEW of a nested path return only that path, within its hierarchy. */
  | 'nested-return-values'
  /** A number sent as a JSON number ({"N": 123}) is refused with SerializationException. */
  | 'json-number-refused'
  /** A PartiQL INSERT of an existing key is refused with DuplicateItemException. */
  | 'partiql-duplicate-item-exception'
  /** `size` is refused as a reserved word used bare in an expression. */
  | 'size-reserved'
  /** The deployment can have several datacenters (regions). */
  | 'multi-datacenter'
  /** PutItem, UpdateItem and DeleteItem return the item inside ConditionalCheckFailedException with ReturnValuesOnConditionCheckFailure ALL_OLD. */
  | 'return-values-on-condition-check-failure'
  /** GetItem, PutItem, UpdateItem and DeleteItem answer ReturnConsumedCapacity TOTAL with ConsumedCapacity. */
  | 'consumed-capacity'
  /** BatchGetItem and BatchWriteItem answer ReturnConsumedCapacity TOTAL with one ConsumedCapacity per table. */
  | 'consumed-capacity-batch'
  /** BatchGetItem's ConsumedCapacity counts read units as GetItem does (4 KB blocks). */
  | 'consumed-capacity-batch-get-exact'
  /** Query and Scan answer ReturnConsumedCapacity TOTAL with ConsumedCapacity. */
  | 'consumed-capacity-query-scan'
  /** ReturnConsumedCapacity INDEXES is accepted (table and index units). */
  | 'consumed-capacity-indexes'
  /** ReturnConsumedCapacity NONE is accepted and returns nothing. */
  | 'consumed-capacity-none'
  /** A single-item operation's ConsumedCapacity names the table (TableName). */
  | 'consumed-capacity-table-name'
  /** Streams report no event for a write that changes nothing, and INSERT/MODIFY exactly on every view type. */
  | 'streams-exact-event-types'
  /** A disabled stream stays readable (closed shards with an EndingSequenceNumber). */
  | 'streams-disabled-readable'
  /** Stream records carry eventVersion and awsRegion. */
  | 'stream-record-version-region'
  /** The stream record of a TTL expiry names the service as its userIdentity. */
  | 'stream-ttl-user-identity'
  /** Stream records carry SizeBytes and eventSource "aws:dynamodb". */
  | 'stream-record-aws-fields'
  /** A stream ARN contains the table name, so an ARN naming a missing table can be built. */
  | 'stream-arn-names-table'
  /** ListStreams pages with LastEvaluatedStreamArn equal to the last StreamArn returned, and none after the last page. */
  | 'list-streams-arn-cookie'
  /** GetRecords refuses a Limit above 1000. */
  | 'get-records-limit-1000'
  /** DescribeStream accepts a ShardFilter (CHILD_SHARDS). */
  | 'stream-shard-filter'
  /** A string that is not a stream ARN is refused with ValidationException (not ResourceNotFoundException). */
  | 'stream-arn-validated'
  /** A BatchWriteItem of several items of one partition yields one stream record per item under every write isolation. */
  | 'streams-batch-one-partition'
  /** GSI keys longer than DynamoDB's limits (2048 bytes hash, 1024 bytes range) are refused. */
  | 'gsi-key-length-limits'
  /** Index names may be 255 characters long whatever the table name's length (DynamoDB). */
  | 'index-name-255'
  /** The internal TTL tag (system:ttl_attribute) is not listed by ListTagsOfResource. */
  | 'ttl-tag-invisible'
  /** A stream iterator taken on a shard that has no record yet stays valid. */
  | 'stream-empty-shard-iterators'
  /** A GSI added by UpdateTable leaves out existing items whose key attribute is of another type or too long for a key. */
  | 'gsi-backfill-skips-unindexable'
  /** A GlobalSecondaryIndexUpdates entry with both Create and Delete is a ValidationException. */
  | 'gsi-update-entry-validated'
  /** An empty string or binary as a GSI or LSI key attribute is refused. */
  | 'index-key-empty-refused'
  /** A key condition on an attribute that is not a key of the queried GSI is refused (DynamoDB: "Query key condition not supported"). */
  | 'gsi-faux-range-key-refused'
  /** UpdateItem refuses to give a GSI key attribute a value of another type. */
  | 'gsi-key-type-checked-on-update'
  /** Legacy EQ and NE (Expected, QueryFilter, ScanFilter) compare lists, maps and booleans. */
  | 'legacy-document-equality'
  /** An unknown ConditionalOperator, and NE on a sort key in KeyConditions, are refused with ValidationException. */
  | 'legacy-operator-validation'
  /** A request body sent with Content-Encoding gzip or deflate is decoded; any other encoding is refused (HTTP 500). */
  | 'request-compression'
  /** A response of 4 KB or more is compressed (gzip or deflate) when the request's Accept-Encoding asks for it. */
  | 'response-compression'
  /** A compressed response that spans several output buffers (tens of KB, poorly compressible) is served safely. */
  | 'large-compressed-responses'
  /** A signed header whose value holds runs of spaces verifies (SigV4 trims and collapses them). */
  | 'signed-header-spaces-normalized'
  /** An expression longer than 4096 bytes is refused, naming the expression parameter. */
  | 'expression-size-limit-4kb'
  /** An expression with more than 300 operators is refused (DynamoDB). */
  | 'expression-operator-limit-300'
  /** Attribute names are limited to 65535 bytes (255 for key attributes). */
  | 'attribute-name-length-limit'
  /** An empty attribute name is refused. */
  | 'empty-attribute-name-refused'
  /** DescribeEndpoints answers one endpoint with CachePeriodInMinutes. */
  | 'describe-endpoints'
  /** CORS: a request carrying Origin is answered Access-Control-Allow-Origin: * (preflight OPTIONS included). */
  | 'cors'
  /** ScyllaDB's per-table Alternator metrics (scylla_alternator_table_*, labels ks and cf). */
  | 'per-table-metrics'
  /** scylla_alternator_batch_item_count: the items of BatchWriteItem and BatchGetItem requests. */
  | 'batch-size-metrics'
  /** scylla_alternator_rcu_total and wcu_total count whole read and write units. */
  | 'capacity-unit-metrics'
  /** scylla_alternator_authentication_failures and _authorization_failures. */
  | 'auth-failure-metrics';
