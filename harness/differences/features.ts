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
  /** A malformed body (broken JSON, a malformed batch, bad base64) is answered with a client error (HTTP 400). */
  | 'malformed-body-client-error'
  /** DescribeEndpoints answers one endpoint with CachePeriodInMinutes. */
  | 'describe-endpoints'
  /** GET / is a health check answering "healthy: <Host>". */
  | 'health-check'
  /** CORS: a request carrying Origin is answered Access-Control-Allow-Origin: * (preflight OPTIONS included). */
  | 'cors';
