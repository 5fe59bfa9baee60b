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
  | 'multi-datacenter';
