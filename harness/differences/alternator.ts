// Where Alternator (ScyllaDB's DynamoDB API) differs from DynamoDB. Each entry was checked against ScyllaDB's
// source and its own Alternator suite (test/alternator, which runs against both DynamoDB and Alternator) at the
// tag in references.ts; `holds` is the ScyllaDB version range, with `since: '4.0.0'` meaning "since Alternator's
// first release" (Alternator became generally available in ScyllaDB 4.0).
import type { Difference, DifferenceSubject } from './difference.ts';
import { scyllaDoc, scyllaIssue, scyllaSource, scyllaTest } from './references.ts';
import { inRange } from './versions.ts';

/** The experimental_features entry (db/config.cc) that enables Alternator Streams before 2026.2.0. */
export const ALTERNATOR_STREAMS_FEATURE = 'alternator-streams';

const alternator = (e: DifferenceSubject) => e.apiProfile === 'alternator';
/** An endpoint that follows DynamoDB's API, which lacks Alternator's own settings. */
const dynamodbApi = (e: DifferenceSubject) => e.apiProfile === 'dynamodb';
/** Only a real ScyllaDB shows it (the local target's data plane cannot reproduce it). */
const scylladb = (e: DifferenceSubject) => alternator(e) && e.dataPlane === 'scylladb';
const COMPAT = 'docs/alternator/compatibility.md';
const FIRST = '4.0.0';
/**
 * The longest expiration scan period (alternator_ttl_period_in_seconds) with which suites wait for expiry; test_ttl.py
 * waits only when it is at most 1 s, suites here poll for up to a few periods (ttlExpiryWaitMs).
 */
export const MAX_TESTABLE_TTL_PERIOD_SECONDS = 10;
const ttlPeriodTestable = (e: DifferenceSubject) => e.ttlScanPeriodSeconds !== undefined && e.ttlScanPeriodSeconds <= MAX_TESTABLE_TTL_PERIOD_SECONDS;

export const ALTERNATOR_DIFFERENCES: Difference[] = [
  {
    // The other way round: Alternator's extensions, which a DynamoDB endpoint does not have.
    id: 'alternator-own-settings',
    title:
      "write isolation policies (alternator_write_isolation, the system:write_isolation tag) and switching authorization off (alternator_enforce_authorization) are Alternator's own settings: an endpoint following DynamoDB's API has neither",
    references: [scyllaDoc(COMPAT, 'Write isolation policies'), scyllaDoc(COMPAT, 'Authentication and Authorization')],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: dynamodbApi,
    removes: ['write-isolation', 'authorization-can-be-disabled'],
  },
  {
    id: 'alternator-no-transactions',
    title: 'TransactWriteItems and TransactGetItems are not implemented (UnknownOperationException "Unsupported operation ...")',
    references: [
      scyllaDoc(COMPAT, 'Unimplemented API features'),
      scyllaIssue(5064),
      scyllaSource('alternator/server.cc', 'server::handle_api_request ("Unsupported operation")'),
      scyllaTest('test_transact.py', '(every test xfail "#5064 - transactions not yet supported")'),
    ],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: alternator,
    removes: ['transactions'],
    liftProbe: { operation: 'TransactGetItems', request: (table) => ({ TransactItems: [{ Get: { TableName: table, Key: { pk: { S: 'lift-probe' } } } }] }) },
  },
  {
    id: 'alternator-no-partiql',
    title: 'PartiQL (ExecuteStatement, BatchExecuteStatement, ExecuteTransaction) is not implemented (UnknownOperationException)',
    references: [scyllaDoc(COMPAT, 'Unimplemented API features'), scyllaIssue(8787), scyllaSource('alternator/server.cc', 'server::handle_api_request ("Unsupported operation")')],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: alternator,
    removes: ['partiql'],
    liftProbe: { operation: 'ExecuteStatement', request: (table) => ({ Statement: `SELECT * FROM "${table}" WHERE pk = 'lift-probe'` }) },
  },
  {
    id: 'alternator-ttl-period',
    title:
      'expired items are removed by a background scan that runs every alternator_ttl_period_in_seconds (a scylla.yaml setting read at start, 24 hours by default), so expiry is observable only where the deployment declares a short period',
    references: [
      scyllaDoc(COMPAT, 'Time To Live (TTL)'),
      scyllaSource('db/config.cc', 'alternator_ttl_period_in_seconds (not live-updatable)'),
      scyllaSource('alternator/ttl.cc', 'expiration_service::run'),
      scyllaTest('test_ttl.py', 'waits_for_expiration (skips unless the period is at most 1 s)'),
    ],
    holds: { product: 'scylladb', since: '5.2.0', sinceCommit: '2dedb5ea75' },
    appliesTo: (e) => alternator(e) && !ttlPeriodTestable(e),
    removes: ['ttl-expiry'],
  },
  {
    id: 'alternator-signature-scope-from-request',
    title: "the SigV4 signature is checked with the region and service of the request's own credential scope, so a signature over another region or service is accepted",
    references: [scyllaSource('alternator/server.cc', 'server::verify_signature (region and service taken from the Credential)')],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: alternator,
    removes: ['signature-scope-enforced'],
  },
  {
    id: 'alternator-no-rbac',
    title: 'this ScyllaDB version does not check CQL permissions (GRANT/REVOKE) on Alternator operations',
    references: [
      { text: 'scylladb/scylladb#20135 "Add CQL-based RBAC support to Alternator" (merged 2024-08-19, first released in 6.2.0)', url: 'https://github.com/scylladb/scylladb/pull/20135' },
      scyllaSource('alternator/executor_util.cc', 'verify_permission'),
      scyllaTest('test_cql_rbac.py', 'test_rbac_*'),
    ],
    holds: { product: 'scylladb', since: FIRST, until: '6.2.0', untilCommit: '6835f7e993' },
    appliesTo: scylladb,
    removes: ['rbac'],
  },
  {
    id: 'alternator-provisioned-throughput-ignored',
    title: 'BillingMode and ProvisionedThroughput must be valid but are not enforced (no throttling)',
    references: [scyllaDoc(COMPAT, 'Provisioning'), scyllaIssue(5068)],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: alternator,
    removes: ['provisioned-throughput-enforced'],
  },
  {
    id: 'alternator-provisioned-throughput-unchecked',
    title:
      'ProvisionedThroughput is neither checked (a missing ReadCapacityUnits or WriteCapacityUnits is accepted) nor kept (DescribeTable answers PAY_PER_REQUEST and 0/0)',
    references: [scyllaSource('alternator/executor.cc', 'executor::fill_table_description', 'scylla-6.2.0')],
    holds: { product: 'scylladb', since: FIRST, until: '2025.1.0', untilCommit: 'c76347032d' },
    appliesTo: alternator,
    removes: ['provisioned-throughput-kept'],
  },
  {
    id: 'alternator-error-messages',
    title: 'error messages differ in wording from DynamoDB (error types match)',
    references: [
      scyllaTest('test_table.py', '("The specific error message is different in DynamoDB and Alternator")'),
      scyllaTest('test_gsi.py', '("Alternator produce different error messages - but both make sense")'),
    ],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: alternator,
    removes: ['exact-error-messages'],
  },
  {
    id: 'alternator-numbers-compared-by-spelling',
    title:
      'numbers in number sets and in hash keys are compared by their spelling, not their value ("1" and "1.0" are two set elements, "1e3" and "1000" two partition keys); sort keys and plain attributes are normalized',
    // The upstream tests that state it arrived after 2026.2.4 (first in 2026.3.0-rc0); the behaviour is older.
    references: [scyllaTest('test_number.py', 'test_number_set_normalization, test_number_hash_key_representation (xfail, SCYLLADB-1575)', 'scylla-2026.3.0-rc0')],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: scylladb,
    removes: ['number-value-identity'],
  },
  {
    id: 'alternator-index-projection-all',
    title: 'GSI and LSI projections (KEYS_ONLY, INCLUDE) are not respected: every attribute is projected and DescribeTable reports ProjectionType ALL',
    references: [
      scyllaDoc(COMPAT, 'Unimplemented API features'),
      scyllaIssue(5036),
      scyllaSource('alternator/executor.cc', 'executor::fill_table_description ("FIXME: we have to get ProjectionType from the schema")'),
      scyllaTest('test_gsi.py', 'test_gsi_projection_keys_only, test_gsi_projection_include (xfail #5036)'),
    ],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: alternator,
    removes: ['index-projection'],
  },
  {
    id: 'alternator-bad-json-validation',
    title: 'a request body that is not valid JSON is refused with ValidationException (DynamoDB: SerializationException)',
    references: [scyllaSource('alternator/server.cc', 'api_handler (rjson::error → api_error::validation)'), scyllaTest('test_manual_requests.py', 'test_incorrect_json')],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: alternator,
    removes: ['json-serialization-exception'],
  },
  {
    id: 'alternator-batch-write-limit-100',
    title: 'BatchWriteItem accepts up to alternator_max_items_in_batch_write writes (100 by default), not 25 as DynamoDB',
    references: [
      scyllaSource('alternator/executor.cc', 'executor::batch_write_item ("Invalid length of BatchWriteItem command")'),
      scyllaSource('db/config.cc', 'alternator_max_items_in_batch_write'),
      scyllaTest('test_batch.py', 'test_batch_write_item_too_many (xfail #5057 until 2025.1)'),
    ],
    holds: { product: 'scylladb', since: '2025.2.0', sinceCommit: 'c36614e16d' },
    appliesTo: alternator,
    removes: ['batch-write-limit-25'],
  },
  {
    id: 'alternator-batch-write-unlimited',
    title: 'BatchWriteItem accepts any number of writes (no limit at all; DynamoDB refuses more than 25)',
    references: [scyllaIssue(5057), scyllaTest('test_batch.py', 'test_batch_write_item_too_many (xfail "Issue #5057")', 'scylla-2025.1.0')],
    holds: { product: 'scylladb', since: FIRST, until: '2025.2.0', untilCommit: 'c36614e16d' },
    appliesTo: alternator,
    removes: ['batch-write-limit-25', 'batch-write-limit-enforced'],
  },
  {
    id: 'alternator-batch-write-empty-accepted',
    title: 'BatchWriteItem with an empty RequestItems succeeds and does nothing (DynamoDB refuses it with ValidationException)',
    references: [scyllaSource('alternator/executor.cc', 'executor::batch_write_item (no "RequestItems can\'t be empty" check before 2025.3.0)', 'scylla-2025.2.0')],
    holds: { product: 'scylladb', since: FIRST, until: '2025.3.0', untilCommit: '18d237a393' },
    appliesTo: alternator,
    removes: ['batch-write-empty-refused'],
  },
  {
    id: 'alternator-batch-write-payload-unchecked',
    title:
      'malformed BatchWriteItem bodies (null or empty write requests, items or keys of the wrong type) may be refused with the RAPIDJSON_ASSERT fallback message rather than a ValidationException, and an empty list of write requests is accepted (#23233)',
    references: [
      scyllaIssue(23233),
      { text: 'scylladb/scylladb 18d237a393 "alternator/executor: Added checks in batch_write_item" (first released in 2025.3.0; no backport)', url: 'https://github.com/scylladb/scylladb/commit/18d237a393' },
      scyllaTest('test_manual_requests.py', 'test_batch_write_item_invalid_payload (first in 2025.3.0)', 'scylla-2025.3.0'),
    ],
    holds: { product: 'scylladb', since: FIRST, until: '2025.3.0', untilCommit: '18d237a393' },
    appliesTo: alternator,
    removes: ['batch-write-payload-validated'],
  },
  {
    id: 'alternator-base64-0xff-accepted',
    title:
      'a base64 string holding the byte 0xFF is not refused: the decoder\'s lookup table had 255 entries, so the byte reads as a nonsense 6-bit value (or out of bounds) and the write succeeds (#25701)',
    references: [
      scyllaIssue(25701),
      { text: 'scylladb/scylladb ff91027eac "utils, alternator: fix detection of invalid base-64" (first released in 2025.4.0; backported to 2025.2.3 and 2025.3.1)', url: 'https://github.com/scylladb/scylladb/commit/ff91027eac' },
      scyllaTest('test_manual_requests.py', 'test_base64_malformed_255 (first in 2025.4.0)', 'scylla-2025.4.0'),
    ],
    holds: { product: 'scylladb', since: FIRST, until: ['2025.2.3', '2025.3.1', '2025.4.0'], untilCommit: 'ff91027eac' },
    appliesTo: alternator,
    removes: ['base64-0xff-refused'],
  },
  {
    id: 'alternator-batch-get-no-key-limit',
    title: 'BatchGetItem has no limit of 100 keys per request: every key is read and answered (DynamoDB refuses more with ValidationException)',
    references: [scyllaSource('alternator/executor_read.cc', 'executor::batch_get_item ("FIXME: In this implementation, an unbounded batch size ...")')],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: alternator,
    removes: ['batch-get-limit-100'],
  },
  {
    id: 'alternator-batch-get-empty-keys-accepted',
    title: 'BatchGetItem with an empty Keys list succeeds: the table is left out of Responses (DynamoDB refuses it with ValidationException)',
    references: [scyllaSource('alternator/executor_read.cc', 'executor::batch_get_item (no check on the Keys count)')],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: alternator,
    removes: ['batch-get-empty-keys-refused'],
  },
  {
    id: 'alternator-no-item-size-limit',
    title: 'items over 400 KB are accepted by PutItem, UpdateItem and BatchWriteItem (DynamoDB refuses them); only the 16 MB request limit applies (HTTP 413 PayloadTooLarge)',
    references: [
      scyllaTest('test_item.py', 'comment above test_large_blob_attribute ("Alternator currently does *not* have these limitations")'),
      scyllaSource('alternator/server.cc', 'server::handle_api_request (request_content_length_limit, 16 MB)'),
    ],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: alternator,
    removes: ['item-size-limit-400kb'],
  },
  {
    id: 'alternator-reserved-words-accepted',
    title:
      "DynamoDB's reserved words (e.g. name, status, size) are accepted bare in expressions; only the expression grammar's own keywords (SET, REMOVE, ADD, DELETE, AND, OR, NOT, BETWEEN, IN) are refused",
    references: [scyllaSource('alternator/expressions.g', 'keyword tokens and the NAME token'), scyllaSource('alternator/expressions.cc', 'parse ("Failed parsing ...")')],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: alternator,
    removes: ['reserved-words-refused'],
  },
  {
    id: 'alternator-table-name-222',
    title: 'table names are limited to 222 characters (DynamoDB: 255), because ScyllaDB adds a 33-byte suffix to the table directory name',
    references: [scyllaSource('alternator/executor.cc', 'validate_table_name (max_table_name_length = 222)', 'scylla-2025.3.0'), scyllaIssue(4480)],
    holds: { product: 'scylladb', since: FIRST, until: '2025.4.0', untilCommit: '18b6c4d3c5' },
    appliesTo: alternator,
    removes: ['table-name-255'],
  },
  {
    id: 'alternator-table-name-192',
    title: 'table names are limited to 192 characters (DynamoDB: 255), leaving room for the suffixes of index and CDC log tables',
    references: [
      scyllaSource('alternator/executor_util.cc', 'validate_table_name (max_table_name_length = 192)'),
      scyllaIssue(24598, '(lowered from 222 in 2025.4.0)'),
      scyllaTest('test_table.py', 'test_create_and_delete_table_192, test_create_and_delete_table_255 (xfail)'),
    ],
    holds: { product: 'scylladb', since: '2025.4.0', sinceCommit: '18b6c4d3c5' },
    appliesTo: alternator,
    removes: ['table-name-255'],
  },
  {
    id: 'alternator-empty-expression-attribute-maps-accepted',
    title: 'an empty ExpressionAttributeValues or ExpressionAttributeNames is accepted (DynamoDB: ValidationException "... must not be empty")',
    // Read from the source (no upstream test states it either way): verify_all_are_used loops over the members only.
    references: [scyllaSource('alternator/executor_util.cc', 'verify_all_are_used (no emptiness check)')],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: alternator,
    removes: ['empty-expression-attribute-maps-refused'],
  },
  {
    id: 'alternator-missing-arn-access-denied',
    title: 'a well-formed ARN of a missing table is answered AccessDeniedException "Incorrect resource identifier" (DynamoDB: ResourceNotFoundException)',
    references: [scyllaSource('alternator/executor.cc', 'get_table_from_arn', 'scylla-2025.1.0')],
    holds: { product: 'scylladb', since: FIRST, until: '2025.4.0', untilCommit: 'f65998cd39' },
    appliesTo: alternator,
    removes: ['missing-arn-not-found'],
  },
  {
    id: 'alternator-oversized-request-reset',
    title: 'a request body over 16 MB may be answered by closing the connection instead of HTTP 413 (scylladb#12166)',
    references: [scyllaIssue(12166), scyllaTest('test_manual_requests.py', 'test_too_large_request_content_length (accepts a ConnectionError)', 'scylla-2025.4.0')],
    holds: { product: 'scylladb', since: FIRST, until: '2026.1.0', untilCommit: 'c3593462a4' },
    appliesTo: alternator,
    removes: ['oversized-request-answered'],
  },
  {
    id: 'alternator-unimplemented-operations',
    title:
      'on-demand and continuous backups, global tables, Kinesis streaming destinations, Contributor Insights and export/import operations are not implemented (UnknownOperationException)',
    references: [scyllaDoc(COMPAT, 'Unimplemented API features'), scyllaSource('alternator/server.cc', 'server::handle_api_request ("Unsupported operation")')],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: alternator,
    removes: [],
  },
  {
    id: 'alternator-streams-need-vnodes',
    title: 'Alternator Streams are not available on tables that use tablets ("Streams not yet supported on a table using tablets")',
    references: [
      scyllaSource('alternator/executor.cc', 'executor::create_table_on_shard0, executor::update_table ("Streams not yet supported on a table using tablets")', 'scylla-2026.1.0'),
      scyllaIssue(16317, '(6.0 to 2025.3)'),
      scyllaIssue(23838, '(2025.4 to 2026.1)'),
      { text: 'scylladb/scylladb 6be16cf224 "alternator: remove antitablet guards when using Streams" (first released in 2026.2.0)', url: 'https://github.com/scylladb/scylladb/commit/6be16cf224' },
    ],
    holds: { product: 'scylladb', since: '6.0.0', until: '2026.2.0', sinceCommit: 'dce47a81b0', untilCommit: '6be16cf224' },
    appliesTo: alternator,
    removes: [],
  },
  {
    id: 'alternator-tablets-by-default',
    title:
      "new Alternator tables use tablets (the shipped scylla.yaml sets tablets_mode_for_new_keyspaces: enabled), so a table that needs vnodes is created with the tag system:initial_tablets=none; before 2025.4 the tag was experimental:initial_tablets and tables used vnodes unless it was set",
    references: [scyllaSource('alternator/executor.cc', 'create_keyspace_metadata (system:initial_tablets)', 'scylla-2025.4.0'), scyllaTest('test_streams.py', '(stream tables created with system:initial_tablets=none)', 'scylla-2026.1.0')],
    holds: { product: 'scylladb', since: '2025.4.0', sinceCommit: '376a2f2109' },
    appliesTo: alternator,
    removes: [],
  },
  {
    id: 'alternator-localnodes-no-dc-rack',
    title: '/localnodes ignores the dc and rack parameters: it always lists the live nodes of the local datacenter',
    references: [scyllaSource('alternator/server.cc', 'local_nodelist_handler (dc and rack parameters, first released in 2025.1.0)', 'scylla-2025.1.0'), scyllaTest('test_scylla.py', 'test_localnodes_option_dc, test_localnodes_option_rack')],
    holds: { product: 'scylladb', since: FIRST, until: '2025.1.0', untilCommit: '45ccceb137' },
    appliesTo: alternator,
    removes: ['localnodes-dc-rack'],
  },
  {
    id: 'alternator-no-streams',
    title: 'Alternator Streams do not exist: a StreamSpecification enabling a stream is refused ("StreamSpecification: streams (CDC) is not yet supported.")',
    references: [scyllaSource('alternator/executor.cc', 'executor::create_table ("StreamSpecification: streams (CDC) is not yet supported.")', 'scylla-4.2.0')],
    // The experimental Streams reached 4.3.0 in da29b65e04 "Merge 'Mark CDC as GA'" on branch 4.3, a copy of
    // d2897d8f8b (4.4.0) without a "cherry picked from" line, so no commit's tags can check this bound.
    holds: { product: 'scylladb', since: FIRST, until: '4.3.0' },
    appliesTo: scylladb,
    removes: ['streams'],
  },
  {
    id: 'alternator-streams-experimental',
    title:
      'before 2026.2 Alternator Streams are experimental: a stream is refused ("alternator streams feature not enabled in cluster") unless the cluster sets experimental_features: [alternator-streams], as ScyllaDB\'s own test/alternator/run does',
    references: [
      scyllaSource('alternator/streams.cc', 'executor::add_stream_options ("alternator streams feature not enabled in cluster")', 'scylla-2026.1.0'),
      scyllaSource('db/config.cc', 'experimental_features_t::map ({"alternator-streams", feature::ALTERNATOR_STREAMS}; UNUSED from 2026.2.0)', 'scylla-2025.1.0'),
      { text: 'scylladb/scylladb test/alternator/run (--experimental-features=alternator-streams) (scylla-2025.1.0)', url: 'https://github.com/scylladb/scylladb/blob/scylla-2025.1.0/test/alternator/run' },
      { text: 'scylladb/scylladb bdd0b764db "Graduate Alternator Streams from experimental" (first released in 2026.2.0)', url: 'https://github.com/scylladb/scylladb/commit/bdd0b764db' },
    ],
    holds: { product: 'scylladb', since: '4.3.0', until: '2026.2.0', untilCommit: 'bdd0b764db' },
    // Gated on the deployment's own scylla.yaml, which real targets set where the version needs it
    // (harness/targets/alternator-settings.ts experimentalFeaturesFor) and an endpoint declares.
    appliesTo: (e) => scylladb(e) && !e.experimentalFeatures?.includes(ALTERNATOR_STREAMS_FEATURE),
    removes: ['streams'],
  },
  {
    id: 'alternator-streams-default-compatibility',
    title:
      'with alternator_streams_increased_compatibility off (the default), writes that change nothing still produce stream events and a KEYS_ONLY stream may say INSERT for an overwrite (MODIFY on DynamoDB)',
    references: [
      scyllaDoc(COMPAT, 'Alternator Streams'),
      scyllaIssue(28368),
      scyllaTest('test_streams.py', 'test_streams_1_* and the other do_updates_1 users (run with alternator_streams_increased_compatibility=true)'),
    ],
    holds: { product: 'scylladb', since: FIRST },
    // The option exists from 2026.1.0 (db/config.cc); a deployment that sets it behaves like DynamoDB.
    appliesTo: (e) => alternator(e) && !(e.streamsIncreasedCompatibility === true && e.versions !== undefined && inRange({ product: 'scylladb', since: '2026.1.0' }, e.versions.scylla) === true),
    removes: ['streams-exact-event-types'],
  },
  {
    id: 'alternator-stream-record-fields',
    title: 'stream records say eventSource "scylladb:alternator" (not "aws:dynamodb"), awsRegion is the datacenter name, and SizeBytes is not set',
    references: [scyllaDoc(COMPAT, 'Alternator Streams'), scyllaIssue(6931), scyllaSource('alternator/streams.cc', 'executor::get_records ("TODO: SizeBytes", eventSource)')],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: alternator,
    removes: ['stream-record-aws-fields'],
  },
  {
    id: 'alternator-stream-record-no-version-region',
    title: 'stream records carry no eventVersion and no awsRegion (added in 2025.4.0, awsRegion being the datacenter name)',
    references: [
      scyllaIssue(6931),
      { text: 'scylladb/scylladb 5add43e15c "alternator: streams: Address minor incompatibilities with DynamoDB in GetRecords response" (first released in 2025.4.0)', url: 'https://github.com/scylladb/scylladb/commit/5add43e15c' },
    ],
    holds: { product: 'scylladb', since: FIRST, until: '2025.4.0', untilCommit: '5add43e15c' },
    appliesTo: alternator,
    removes: ['stream-record-version-region'],
  },
  {
    id: 'alternator-ttl-expiry-no-user-identity',
    title: 'the stream record of a TTL expiry carries no userIdentity, so it cannot be told from a user\'s DeleteItem (#11523)',
    references: [
      scyllaIssue(11523),
      { text: 'scylladb/scylladb a3ec6c7d1d "alternator/streams: Support userIdentity field for TTL deletions" and aa34f0b875 "alternator: fix CDC events for TTL expiration" (both first released in 2026.1.0)', url: 'https://github.com/scylladb/scylladb/commit/aa34f0b875' },
      scyllaTest('test_ttl.py', 'test_ttl_expiration_streams'),
    ],
    holds: { product: 'scylladb', since: FIRST, until: '2026.1.0', untilCommit: 'aa34f0b875' },
    appliesTo: alternator,
    removes: ['stream-ttl-user-identity'],
  },
  {
    id: 'alternator-disabled-stream-deleted',
    title: 'disabling a stream deletes it: its records are no longer readable and no closed shard is listed (DynamoDB keeps a disabled stream readable for 24 hours)',
    references: [
      scyllaIssue(7239),
      scyllaTest('test_streams.py', 'test_streams_closed_read, test_streams_disabled_stream (xfail "disabled stream is deleted - issue #7239")'),
      { text: 'scylladb/scylladb 38bd068f78 "keep disabled streams usable and purge on re-enable" (in 2026.3.0-rc0)', url: 'https://github.com/scylladb/scylladb/commit/38bd068f78' },
    ],
    holds: { product: 'scylladb', since: FIRST, until: '2026.3.0', untilCommit: '38bd068f78' },
    appliesTo: alternator,
    removes: ['streams-disabled-readable'],
  },
  {
    id: 'alternator-stream-arn-uuid',
    title: 'a stream ARN is a bare UUID that does not name the table (2026.2 adopted the arn:aws:dynamodb:...:table/<keyspace>@<log table>/stream/<time> form)',
    references: [
      scyllaSource('alternator/streams.cc', 'stream_arn', 'scylla-2026.1.0'),
      { text: 'scylladb/scylladb 4b984212ba "alternator: improve parsing / generating of StreamArn parameter" (first released in 2026.2.0)', url: 'https://github.com/scylladb/scylladb/commit/4b984212ba' },
    ],
    holds: { product: 'scylladb', since: FIRST, until: '2026.2.0', untilCommit: '4b984212ba' },
    appliesTo: alternator,
    removes: ['stream-arn-names-table'],
  },
  {
    id: 'alternator-list-streams-opaque-cookie',
    title: "ListStreams' LastEvaluatedStreamArn is an opaque cookie rather than the last StreamArn returned, and the last page carries one too",
    references: [
      scyllaTest('test_streams.py', 'test_list_streams_paged_cookie, test_list_streams_unfull_last_page_no_cookie', 'scylla-2026.2.0'),
      { text: 'scylladb/scylladb 1ac910c2ab and 02d474fca8 (ListStreams paging, first released in 2026.2.0)', url: 'https://github.com/scylladb/scylladb/commit/1ac910c2ab' },
    ],
    holds: { product: 'scylladb', since: FIRST, until: '2026.2.0', untilCommit: '1ac910c2ab' },
    appliesTo: alternator,
    removes: ['list-streams-arn-cookie'],
  },
  {
    id: 'alternator-get-records-no-max-limit',
    title: 'GetRecords accepts any Limit (DynamoDB refuses more than 1000)',
    references: [
      scyllaIssue(23534),
      scyllaSource('alternator/streams.cc', 'executor::get_records (no upper bound on Limit)', 'scylla-2025.1.0'),
      { text: 'scylladb/scylladb 84fd52315f "alternator: in GetRecords, enforce Limit to be <= 1000" (first released in 2025.2.0; backported to 2025.1.2)', url: 'https://github.com/scylladb/scylladb/commit/84fd52315f' },
    ],
    holds: { product: 'scylladb', since: FIRST, until: ['2025.1.2', '2025.2.0'], untilCommit: '84fd52315f' },
    appliesTo: alternator,
    removes: ['get-records-limit-1000'],
  },
  {
    id: 'alternator-no-shard-filter',
    title: 'DescribeStream has no ShardFilter (CHILD_SHARDS): the parameter is ignored',
    references: [
      scyllaSource('alternator/streams.cc', 'executor::describe_stream', 'scylla-2026.1.0'),
      scyllaTest('test_streams.py', 'test_stream_shard_filtering_* (first in 2026.2.0)', 'scylla-2026.2.0'),
    ],
    holds: { product: 'scylladb', since: FIRST, until: '2026.2.0', untilCommit: 'c5ed6b22ae' },
    appliesTo: alternator,
    removes: ['stream-shard-filter'],
  },
  {
    id: 'alternator-batch-write-stream-squashed',
    title: 'under always_use_lwt, the stream records of several items written to one partition by one BatchWriteItem are squashed together',
    references: [
      scyllaIssue(28439),
      scyllaTest('test_streams.py', 'test_streams_multiple_items_one_partition'),
      { text: 'scylladb/scylladb 7d404cdd51 "alternator: fix BatchWriteItem squashed Streams entries" (first released in 2026.2.0)', url: 'https://github.com/scylladb/scylladb/commit/7d404cdd51' },
    ],
    holds: { product: 'scylladb', since: FIRST, until: '2026.2.0', untilCommit: '7d404cdd51' },
    appliesTo: alternator,
    removes: ['streams-batch-one-partition'],
  },
  {
    id: 'alternator-no-key-length-limits',
    title: "GSI and LSI key attributes are not limited to DynamoDB's 2048 bytes (hash) and 1024 bytes (range): longer values are accepted and indexed",
    references: [scyllaIssue(10347), scyllaTest('test_gsi.py', 'test_gsi_limit_partition_key_len_2048, test_gsi_limit_sort_key_len_1024 (xfail #10347)')],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: alternator,
    removes: ['gsi-key-length-limits'],
  },
  {
    id: 'alternator-index-name-total-length',
    title:
      "an index name is limited by the table name's length: TableName, a delimiter (':' for a GSI, '!:' for an LSI) and IndexName together at most 222 characters (DynamoDB: index names up to 255 characters)",
    references: [
      scyllaSource('alternator/executor_util.cc', 'view_name ("The total length of TableName (...) and IndexName (...) cannot exceed")'),
      scyllaDoc(COMPAT, 'Configurable or different limits'),
      scyllaTest('test_gsi.py', 'test_gsi_very_long_name_222, test_lsi.py test_lsi_very_long_name_222'),
    ],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: alternator,
    removes: ['index-name-255'],
  },
  {
    id: 'alternator-no-return-values-on-condition-check-failure',
    title: 'ReturnValuesOnConditionCheckFailure is ignored: a ConditionalCheckFailedException never carries the item',
    references: [{ text: 'scylladb/scylladb 3992d1c2ce "alternator: implement ReturnValuesOnConditionCheckFailure" (first released in 6.0.0)', url: 'https://github.com/scylladb/scylladb/commit/3992d1c2ce' }],
    holds: { product: 'scylladb', since: FIRST, until: '6.0.0', untilCommit: '3992d1c2ce' },
    appliesTo: alternator,
    removes: ['return-values-on-condition-check-failure'],
  },
  {
    id: 'alternator-no-consumed-capacity',
    title: 'ReturnConsumedCapacity is ignored: no ConsumedCapacity in any answer',
    references: [{ text: 'scylladb/scylladb eedf390196 "alternator: add ReturnConsumedCapacity" (first released in 2025.1.0)', url: 'https://github.com/scylladb/scylladb/commit/eedf390196' }],
    holds: { product: 'scylladb', since: FIRST, until: '2025.1.0', untilCommit: 'eedf390196' },
    appliesTo: alternator,
    removes: ['consumed-capacity', 'consumed-capacity-batch'],
  },
  {
    id: 'alternator-no-batch-consumed-capacity',
    title: 'BatchGetItem and BatchWriteItem do not report ConsumedCapacity (single-item operations do)',
    references: [scyllaSource('alternator/executor.cc', 'executor::batch_write_item, executor::batch_get_item (ConsumedCapacity first in 2025.2.0)', 'scylla-2025.2.0')],
    holds: { product: 'scylladb', since: '2025.1.0', until: '2025.2.0', sinceCommit: 'eedf390196', untilCommit: '252c5b5c9d' },
    appliesTo: alternator,
    removes: ['consumed-capacity-batch'],
  },
  {
    id: 'alternator-batch-get-capacity-undercount',
    title: "BatchGetItem's ConsumedCapacity undercounts: the read units are converted twice (bytes divided by 16 MB instead of 4 KB)",
    references: [
      { text: 'scylladb/scylladb a55c5e9ec7 "alternator: Correct RCU undercount in BatchGetItem" (2026.1.0; backported to 2025.3.3 and 2025.4.0)', url: 'https://github.com/scylladb/scylladb/commit/a55c5e9ec7' },
      scyllaTest('test_returnconsumedcapacity.py', 'test_batch_get_items_large'),
    ],
    holds: { product: 'scylladb', since: '2025.2.0', until: ['2025.3.3', '2025.4.0', '2026.1.0'], sinceCommit: '84d4af1f0e', untilCommit: 'a55c5e9ec7' },
    appliesTo: alternator,
    removes: ['consumed-capacity-batch-get-exact'],
  },
  {
    id: 'alternator-consumed-capacity-limited',
    title:
      'ReturnConsumedCapacity: Query and Scan report nothing, INDEXES and NONE are refused (ValidationException "INDEXES consumed capacity is not supported", "Unknown consumed capacity NONE"), and a single-item answer names no TableName',
    references: [
      scyllaSource('alternator/consumed_capacity.cc', 'consumed_capacity_counter::should_add_capacity, add_consumed_capacity_to_response_if_needed'),
      scyllaIssue(5027, '(Query and Scan)'),
      scyllaIssue(29138, '(INDEXES)'),
      scyllaTest('test_returnconsumedcapacity.py', 'test_query_consumed_capacity, test_scan_consumed_capacity, test_return_consumed_capacity_indexes_* (xfail)'),
    ],
    holds: { product: 'scylladb', since: '2025.1.0', sinceCommit: 'eedf390196' },
    appliesTo: alternator,
    removes: ['consumed-capacity-query-scan', 'consumed-capacity-indexes', 'consumed-capacity-none', 'consumed-capacity-table-name'],
  },
  {
    id: 'alternator-ttl-tag-visible',
    title: 'UpdateTimeToLive stores the TTL attribute as the tag system:ttl_attribute, which ListTagsOfResource lists',
    references: [
      scyllaIssue(24098),
      scyllaTest('test_ttl.py', 'test_ttl_tag_is_invisible (first in 2025.3.0)', 'scylla-2025.3.0'),
      { text: 'scylladb/scylladb 6cbcabd100 "alternator: hide internal tags from users" (first released in 2025.3.0; backported to 2025.1.4 and 2025.2.0)', url: 'https://github.com/scylladb/scylladb/commit/6cbcabd100' },
    ],
    holds: { product: 'scylladb', since: '5.2.0', until: ['2025.1.4', '2025.2.0', '2025.3.0'], sinceCommit: '2dedb5ea75', untilCommit: '6cbcabd100' },
    appliesTo: alternator,
    removes: ['ttl-tag-invisible'],
  },
  {
    id: 'alternator-no-gsi-update',
    title: 'UpdateTable cannot add or delete a GSI (GlobalSecondaryIndexUpdates is refused)',
    references: [
      scyllaIssue(11567),
      scyllaSource('alternator/executor.cc', 'executor::update_table (GlobalSecondaryIndexUpdates first in 2025.1.0)', 'scylla-2025.1.0'),
      scyllaTest('test_gsi_updatetable.py', '(first in 2025.1.0)', 'scylla-2025.1.0'),
    ],
    holds: { product: 'scylladb', since: FIRST, until: '2025.1.0', untilCommit: '529ff3efa5' },
    appliesTo: alternator,
    removes: ['gsi-update'],
  },
  {
    id: 'alternator-gsi-faux-range-key',
    title: "a Query of a hash-only GSI accepts a key condition on another attribute (such as the table's hash key) as if it were the GSI's range key (DynamoDB: ValidationException)",
    references: [scyllaIssue(26103), scyllaTest('test_gsi.py', 'test_faux_range_key_in_keyconditions, test_faux_range_key_in_keyconditionexpression (xfail #26103)')],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: alternator,
    removes: ['gsi-faux-range-key-refused'],
  },
  {
    id: 'alternator-no-http-compression',
    title:
      'Content-Encoding is ignored (a gzip or deflate request body is then refused as malformed JSON) and responses are never compressed; request decompression and Accept-Encoding arrived in 2026.1.0',
    references: [
      { text: 'scylladb/scylladb 4c7c5f4af7 "alternator: implement gzip-compressed requests" (first released in 2026.1.0)', url: 'https://github.com/scylladb/scylladb/commit/4c7c5f4af7' },
      { text: 'scylladb/scylladb e7df03127b "alternator: support "deflate" encoding in request compression" (2026.1.0)', url: 'https://github.com/scylladb/scylladb/commit/e7df03127b' },
      { text: 'scylladb/scylladb ec329f85b0 "alternator/http_compression: Add handling of Accept-Encoding header" (2026.1.0)', url: 'https://github.com/scylladb/scylladb/commit/ec329f85b0' },
      scyllaSource('alternator/server.cc', 'server::handle_api_request (no Content-Encoding handling)', 'scylla-2025.4.0'),
    ],
    holds: { product: 'scylladb', since: FIRST, until: '2026.1.0', untilCommit: '4c7c5f4af7' },
    appliesTo: alternator,
    removes: ['request-compression', 'response-compression', 'large-compressed-responses'],
  },
  {
    id: 'alternator-response-compression-overflow',
    title:
      'KNOWN CRASH (CUSTOMER-623): compressing a response that spans several 1 KB output buffers (e.g. a 17,000-byte poorly compressible GetItem with Accept-Encoding: gzip) can overflow a buffer and crash ScyllaDB, often later; the cases that would provoke it are not run on these versions, so the run does not take its own node down (fixed in 2026.2.5 and 2026.3.0; no fixed 2026.1 release yet)',
    references: [
      scyllaSource('alternator/http_compression.cc', 'zlib_compressor::compress (avail_out set to 1024 for a last buffer allocated smaller)'),
      { text: 'scylladb/scylladb c12f4be253 (backport of #29718: avail_out = the buffer\'s own size; first released in 2026.2.5)', url: 'https://github.com/scylladb/scylladb/commit/c12f4be253' },
      scyllaTest('test_compressed_response.py', 'test_compressed_response_overflow (f33dc4adf0, "crashes Scylla in half the runs" on 2026.1 and 2026.2)', 'f4a4091ca28e'),
    ],
    holds: { product: 'scylladb', since: '2026.1.0', until: ['2026.2.5', '2026.3.0'], sinceCommit: 'ec329f85b0', untilCommit: 'cd61a44ab8' },
    // Only a real ScyllaDB has the bug; the local front door's compression cannot overflow.
    appliesTo: scylladb,
    removes: ['large-compressed-responses'],
  },
  {
    id: 'alternator-concatenated-deflate-accepted',
    title: 'a deflate request body made of two concatenated zlib streams is accepted (DynamoDB refuses it; gzip members may be concatenated on both)',
    references: [scyllaSource('alternator/server.cc', 'ungzip (the stream is reset after Z_STREAM_END for deflate too)'), scyllaTest('test_compressed_request.py', 'test_deflate_request_two_deflates (scylla_only)')],
    holds: { product: 'scylladb', since: '2026.1.0', sinceCommit: 'e7df03127b' },
    appliesTo: alternator,
    removes: [],
  },
  {
    id: 'alternator-gzip-trailing-junk-refused',
    title: 'a gzip request body followed by bytes that are not another gzip member is refused with HTTP 500 (DynamoDB ignores the junk and serves the request: test marked dynamodb_bug)',
    references: [scyllaSource('alternator/server.cc', 'ungzip ("Error during gzip decompression of request body")'), scyllaTest('test_compressed_request.py', 'test_gzip_request_with_extra_junk (dynamodb_bug)')],
    holds: { product: 'scylladb', since: '2026.1.0', sinceCommit: '4c7c5f4af7' },
    appliesTo: alternator,
    removes: [],
  },
  {
    id: 'alternator-signed-header-spaces-kept',
    title: 'a signed header whose value holds runs of spaces (e.g. Accept-Encoding "  gzip,  deflate") fails signature verification: the value was not trimmed and collapsed as SigV4 says (#27775)',
    references: [
      { text: 'scylladb/scylladb 34191d8fd4 "alternator: fix signature checking of headers with multiple spaces" (first released in 2026.1.0)', url: 'https://github.com/scylladb/scylladb/commit/34191d8fd4' },
      scyllaIssue(27775),
      scyllaTest('test_compressed_response.py', 'test_signature_trims_accept_encoding_spaces'),
    ],
    holds: { product: 'scylladb', since: FIRST, until: '2026.1.0', untilCommit: '34191d8fd4' },
    appliesTo: alternator,
    removes: ['signed-header-spaces-normalized'],
  },
  {
    id: 'alternator-no-expression-size-limit',
    title: 'expressions longer than 4096 bytes are accepted (the limit arrived in 5.4.0)',
    references: [
      { text: 'scylladb/scylladb 04e5082d52 "alternator: limit expression length and recursion depth" (first released in 5.4.0)', url: 'https://github.com/scylladb/scylladb/commit/04e5082d52' },
      scyllaIssue(14473),
    ],
    holds: { product: 'scylladb', since: FIRST, until: '5.4.0', untilCommit: '04e5082d52' },
    appliesTo: alternator,
    removes: ['expression-size-limit-4kb'],
  },
  {
    id: 'alternator-no-operator-count-limit',
    title: 'an expression may hold any number of operators within its 4096 bytes (DynamoDB refuses more than 300)',
    references: [scyllaTest('test_limits.py', 'test_deeply_nested_expression_2a (scylla_only: 584 OR operators accepted)'), scyllaSource('alternator/expressions.cc', 'parse (only the 4096-byte length and the parser depth are limited)')],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: alternator,
    removes: ['expression-operator-limit-300'],
  },
  {
    id: 'alternator-no-attribute-name-limit',
    title: 'attribute names longer than 65535 bytes (255 for key attributes) are accepted (the limits arrived in 2025.2.0)',
    references: [
      { text: 'scylladb/scylladb e588c8667f "alternator: Limit attribute name lengths" (first released in 2025.2.0)', url: 'https://github.com/scylladb/scylladb/commit/e588c8667f' },
      scyllaIssue(9169),
    ],
    holds: { product: 'scylladb', since: FIRST, until: '2025.2.0', untilCommit: 'e588c8667f' },
    appliesTo: alternator,
    removes: ['attribute-name-length-limit'],
  },
  {
    id: 'alternator-empty-attribute-name-accepted',
    title: 'an empty attribute name is accepted (refused since 2026.2.0, SCYLLADB-1069)',
    references: [
      { text: 'scylladb/scylladb 0afc730b7b "alternator: reject empty attribute names" (first released in 2026.2.0)', url: 'https://github.com/scylladb/scylladb/commit/0afc730b7b' },
      scyllaTest('test_limits.py', 'test_limit_attribute_length_nonkey_empty'),
    ],
    holds: { product: 'scylladb', since: FIRST, until: '2026.2.0', untilCommit: '0afc730b7b' },
    appliesTo: alternator,
    removes: ['empty-attribute-name-refused'],
  },
  {
    id: 'alternator-json-nesting-78',
    title:
      'a request is parsed with a nesting limit of 78 JSON levels (39 levels of DynamoDB values): deeper requests are refused with ValidationException "Max nested level reached: 78" before anything else reads them (DynamoDB: 32 levels, "Nesting Levels have exceeded supported limits")',
    references: [
      scyllaSource('utils/rjson.hh', 'default_max_nested_level = 78'),
      scyllaSource('utils/rjson.cc', 'guarded_yieldable_json_handler::check_nested_level'),
      scyllaTest('test_manual_requests.py', 'test_deeply_nested_put, test_exceed_nested_level_a_little'),
    ],
    holds: { product: 'scylladb', since: FIRST },
    appliesTo: alternator,
    removes: [],
  },
  {
    id: 'alternator-server-header-seastar',
    title: 'every answer carries the HTTP server\'s own "Server: Seastar httpd" header (DynamoDB: "Server: Server"); from 2026.3.0 none by default',
    references: [
      { text: 'scylladb/seastar src/http/httpd.cc connection::set_headers ("Server: Seastar httpd")', url: 'https://github.com/scylladb/seastar/blob/master/src/http/httpd.cc' },
      { text: 'scylladb/scylladb 9fb67e3e96 "Revert "alternator: optional stripping of http response headers"" (2026.2.0 keeps the header)', url: 'https://github.com/scylladb/scylladb/commit/9fb67e3e96' },
    ],
    holds: { product: 'scylladb', since: FIRST, until: '2026.3.0', untilCommit: '6b2fce03f9' },
    appliesTo: alternator,
    removes: [],
  },
  {
    id: 'alternator-server-header-optional',
    title: 'answers carry no Server header unless alternator_http_response_server_header sets one (DynamoDB: "Server: Server")',
    references: [
      { text: 'scylladb/scylladb 6b2fce03f9 "alternator: optional stripping of http response headers" (SCYLLADB-70, first released in 2026.3.0)', url: 'https://github.com/scylladb/scylladb/commit/6b2fce03f9' },
      scyllaTest('test_http_headers.py', '(HEAD only)', 'f4a4091ca28e'),
    ],
    holds: { product: 'scylladb', since: '2026.3.0', sinceCommit: '6b2fce03f9' },
    appliesTo: alternator,
    removes: [],
  },
  {
    id: 'alternator-no-cors',
    title: 'requests carrying Origin get no CORS headers (CORS support arrived in 4.5.0)',
    references: [{ text: 'scylladb/scylladb d905e71a90 "Alternator: add support for CORS protocol" (first released in 4.5.0)', url: 'https://github.com/scylladb/scylladb/commit/d905e71a90' }, scyllaTest('test_cors.py', 'test_cors_allow_origin')],
    holds: { product: 'scylladb', since: FIRST, until: '4.5.0', untilCommit: 'd905e71a90' },
    appliesTo: alternator,
    removes: ['cors'],
  },
  {
    id: 'alternator-no-per-table-metrics',
    title: 'Alternator exports its metrics per node only: no per-table series (scylla_alternator_table_*, labelled ks and cf), which arrived in 2025.3.0',
    references: [
      { text: 'scylladb/scylladb d6afd42342 "alternator/stats: Add per-table metrics" (first released in 2025.3.0)', url: 'https://github.com/scylladb/scylladb/commit/d6afd42342' },
      { text: 'scylladb/scylladb 3ad7a24eee "alternator/executor.cc: Update per-table metrics" (first released in 2025.3.0)', url: 'https://github.com/scylladb/scylladb/commit/3ad7a24eee' },
      scyllaSource('alternator/stats.cc', 'register_metrics_with_optional_table (no table argument)', 'scylla-2025.2.0'),
    ],
    holds: { product: 'scylladb', since: FIRST, until: '2025.3.0', untilCommit: 'd6afd42342' },
    appliesTo: alternator,
    removes: ['per-table-metrics'],
  },
  {
    id: 'alternator-no-auth-failure-metrics',
    title: 'no authentication_failures or authorization_failures counters: they arrived in 2025.4.0 with alternator_warn_authorization',
    references: [
      { text: 'scylladb/scylladb 59019bc9a9 "Alternator: allow warning on auth errors before enabling enforcement" (first released in 2025.4.0; 9d997458d7 on the 2025.4 branch)', url: 'https://github.com/scylladb/scylladb/commit/59019bc9a9' },
      scyllaSource('alternator/stats.cc', 'register_metrics_with_optional_table (no authentication_failures)', 'scylla-2025.3.0'),
    ],
    holds: { product: 'scylladb', since: FIRST, until: '2025.4.0', untilCommit: '59019bc9a9' },
    appliesTo: alternator,
    removes: ['auth-failure-metrics'],
  },
  {
    id: 'alternator-no-capacity-unit-metrics',
    title: 'rcu_total and wcu_total do not count whole units: absent before 2025.1.0, counting half units in 2025.1.0-2025.1.3 (fixed by 5ae11746fa in 2025.2.0, backported as f5fafd92b5 to 2025.1.4)',
    references: [
      { text: 'scylladb/scylladb 2b10296a82 "alternator/stats: Add rcu and wcu metrics to stats" (first released in 2025.1.0)', url: 'https://github.com/scylladb/scylladb/commit/2b10296a82' },
      { text: 'scylladb/scylladb 5ae11746fa "Alternator: Change the WCU/RCU to use units" (first released in 2025.2.0)', url: 'https://github.com/scylladb/scylladb/commit/5ae11746fa' },
      { text: 'scylladb/scylladb f5fafd92b5 (backport of 5ae11746fa, first released in 2025.1.4)', url: 'https://github.com/scylladb/scylladb/commit/f5fafd92b5' },
    ],
    holds: { product: 'scylladb', since: FIRST, until: ['2025.1.4', '2025.2.0'], untilCommit: '5ae11746fa' },
    appliesTo: alternator,
    removes: ['capacity-unit-metrics'],
  },
  {
    id: 'alternator-no-batch-size-metrics',
    title: 'no batch_item_count series: the sizes of BatchWriteItem and BatchGetItem requests are counted from 6.2.0',
    references: [
      { text: 'scylladb/scylladb 8bad4b44f8 "Add metrics for Alternator get and write batch operations" (first released in 6.2.0)', url: 'https://github.com/scylladb/scylladb/commit/8bad4b44f8' },
      scyllaSource('alternator/stats.cc', 'stats::stats (no batch_item_count)', 'scylla-6.0.0'),
    ],
    holds: { product: 'scylladb', since: FIRST, until: '6.2.0', untilCommit: '8bad4b44f8' },
    appliesTo: alternator,
    removes: ['batch-size-metrics'],
  },
];
