// Every Alternator behaviour the local front door emulates, named once with the ScyllaDB source it follows and the
// versions that source behaves so for (like the documented differences in harness/differences/). The front door and
// its rule modules refer to a behaviour by its id (`emulates('...')`, `ApiError` carries one), so an emulated
// behaviour without an entry does not compile, and test/local/emulations.test.ts fails on an entry without a source
// or a version range, and on a rule module that emulates without naming its entry.
//
// `holds.since` is the first release, among those checked (4.0.0, 5.2.0, 6.0.0, 6.2.0, 2025.1.0 ... 2026.2.0,
// 2026.2.4), whose source does it; `until` the first that no longer does. Where a behaviour depends on the emulated
// version the front door asks `followsAt(id, version)`; elsewhere it emulates scylla-2026.2.4 (the references' tag).
import { scyllaDoc, scyllaIssue, scyllaSource, scyllaTest, type Reference } from '../../differences/references.ts';
import { comparable, firstVersionList, inRange, type VersionRange } from '../../differences/versions.ts';

export interface Emulation {
  /** What the front door does, as ScyllaDB does it. */
  behaviour: string;
  /** Where ScyllaDB does it: at least one source file and function; tests and issues besides. */
  references: readonly [Reference, ...Reference[]];
  /** The ScyllaDB versions that behave so. */
  holds: VersionRange;
}

const since = (v: string, until?: string): VersionRange => ({ product: 'scylladb', since: v, ...(until ? { until } : {}) });
const FIRST = '4.0.0';
const COMPAT = 'docs/alternator/compatibility.md';

const EMULATION_TABLE = {
  // --- the HTTP server around the API (alternator/server.cc) ---
  'health-check': {
    behaviour: 'GET / answers 200 "healthy: <Host>"',
    references: [scyllaSource('alternator/server.cc', 'health_handler'), scyllaTest('test_health.py', 'test_health_works')],
    holds: since(FIRST),
  },
  localnodes: {
    behaviour: "/localnodes lists this datacenter's live nodes (or ?dc= and ?rack= from 2025.1.0, as the differences registry gates)",
    references: [scyllaSource('alternator/server.cc', 'local_nodelist_handler'), scyllaTest('test_scylla.py', 'test_localnodes, test_localnodes_option_dc, test_localnodes_option_rack')],
    holds: since(FIRST),
  },
  'api-route-only-post-root': {
    behaviour: 'only POST / reaches the API; any other method or path is the HTTP server\'s 404',
    references: [scyllaSource('alternator/server.cc', 'server::set_routes'), scyllaTest('test_health.py', 'test_health_only_works_for_root_path')],
    holds: since(FIRST),
  },
  cors: {
    behaviour: 'with Origin, any origin is allowed and the DynamoDB headers exposed; a preflight echoes the requested method and headers, Max-Age 7200',
    references: [
      scyllaSource('alternator/server.cc', 'handle_CORS'),
      { text: 'scylladb/scylladb d905e71a90 "Alternator: add support for CORS protocol" (first released in 4.5.0)', url: 'https://github.com/scylladb/scylladb/commit/d905e71a90' },
      scyllaTest('test_cors.py', 'test_cors_allow_origin, test_cors_allow_requested'),
    ],
    holds: since('4.5.0'),
  },
  'server-header': {
    behaviour: 'every answer names Seastar\'s HTTP server ("Server: Seastar httpd") where the differences registry says this version does',
    references: [scyllaSource('alternator/server.cc', 'server::init (Seastar httpd server, connection::set_headers)')],
    holds: since(FIRST),
  },
  'request-size-limit': {
    behaviour: 'a body above 16 MB (by Content-Length, or read without one) is refused: 413 PayloadTooLarge "Request content length limit of 16777216 bytes exceeded"',
    references: [scyllaSource('alternator/server.cc', 'server::handle_api_request, read_entire_stream'), scyllaIssue(8196), scyllaTest('test_manual_requests.py', 'test_too_large_request')],
    holds: since('2026.1.0'),
  },
  'error-envelope': {
    behaviour: 'an error answers {"__type": "com.amazonaws.dynamodb.v20120810#<Type>", "message": ...} with its status',
    references: [scyllaSource('alternator/server.cc', 'generate_error_reply'), scyllaSource('alternator/error.hh', 'api_error')],
    holds: since(FIRST),
  },
  'internal-error': {
    behaviour: 'an unexpected failure answers 500 InternalServerError "Internal server error: ..."',
    references: [scyllaSource('alternator/server.cc', 'server::handle_api_request (catch (...) -> api_error::internal)')],
    holds: since(FIRST),
  },
  'unsupported-operation': {
    behaviour: 'an operation outside the server\'s callback table is UnknownOperationException "Unsupported operation <op>", looked up before the body is parsed',
    references: [scyllaSource('alternator/server.cc', 'server::handle_api_request ("Unsupported operation")'), scyllaTest('test_manual_requests.py', 'test_unknown_operation')],
    holds: since(FIRST),
  },
  'json-parse-error': {
    behaviour: 'a body that is not JSON is ValidationException "Parsing JSON failed: ..." (DynamoDB: SerializationException)',
    references: [scyllaSource('utils/rjson.cc', 'guarded_yieldable_json_handler::Parse ("Parsing JSON failed")'), scyllaSource('alternator/server.cc', 'api_handler (rjson::error -> api_error::validation)')],
    holds: since(FIRST),
  },
  'json-not-object': {
    behaviour: 'a JSON body that is not an object is ValidationException "Request content must be an object"',
    references: [scyllaSource('alternator/server.cc', 'server::handle_api_request ("Request content must be an object")')],
    holds: since('2025.3.0'),
  },
  'json-nesting-limit': {
    behaviour: 'a body nested deeper than 78 JSON levels is ValidationException "Max nested level reached: 78"',
    references: [scyllaSource('utils/rjson.hh', 'default_max_nested_level'), scyllaSource('utils/rjson.cc', 'guarded_yieldable_json_handler::check_nested_level'), scyllaTest('test_manual_requests.py', 'test_deeply_nested_put')],
    holds: since('5.2.0'),
  },
  'request-compression': {
    behaviour: 'a request body in Content-Encoding gzip or deflate is decoded after the signature was checked over the compressed bytes',
    references: [scyllaSource('alternator/server.cc', 'server::handle_api_request, ungzip'), scyllaTest('test_compressed_request.py', 'test_gzip_request_valid')],
    holds: since('2026.1.0'),
  },
  'response-compression': {
    behaviour: 'a successful answer of 4 KB or more is compressed in the encoding Accept-Encoding prefers',
    references: [scyllaSource('alternator/http_compression.cc', 'response_compressor'), scyllaTest('test_compressed_response.py', 'test_accept_encoding_header')],
    holds: since('2026.1.0'),
  },
  'describe-endpoints': {
    behaviour: 'DescribeEndpoints answers the Host the client addressed, cached 1440 minutes; no Host is ValidationException',
    references: [scyllaSource('alternator/executor.cc', 'executor::describe_endpoints'), scyllaTest('test_describe_endpoints.py', 'test_describe_endpoints')],
    holds: since(FIRST),
  },
  // --- authentication (alternator/server.cc, alternator/auth.cc, utils/aws_sigv4.cc) ---
  'sigv4-authentication': {
    behaviour: 'SigV4 where the access key is a CQL role and the secret its salted_hash, checked in server.cc\'s order; a role with login=false is refused',
    references: [scyllaSource('alternator/server.cc', 'server::verify_signature'), scyllaSource('alternator/auth.cc', 'get_key_from_roles'), scyllaTest('test_authorization.py', 'test_wrong_key_access, test_wrong_password')],
    holds: since('6.2.0'),
  },
  'signing-date': {
    behaviour: 'X-Amz-Date must be signed and within 15 minutes of the server clock, and match the credential scope\'s date',
    references: [scyllaSource('utils/aws_sigv4.cc', 'check_expiry, get_signature'), scyllaTest('test_authorization.py', 'test_expired_signature, test_signature_too_futuristic')],
    holds: since(FIRST),
  },
  // --- authorization (alternator/executor_util.cc, alternator/executor.cc) ---
  'rbac-permissions': {
    behaviour: 'SELECT to read, MODIFY to write, ALTER for settings and tags, DROP to delete, CREATE on ALL KEYSPACES to create; checked once the table is found; an index read on its view',
    references: [scyllaSource('alternator/executor_util.cc', 'verify_permission, verify_create_permission'), scyllaTest('test_cql_rbac.py', 'test_rbac_*')],
    holds: since('6.2.0'),
  },
  'rbac-auto-grant': {
    behaviour: "a table's creator is granted every table permission on it and its index views; dropping it revokes every role's grants on it",
    references: [scyllaSource('alternator/executor.cc', 'create_table_on_shard0 (grant_applicable_permissions), delete_table (revoke_all)'), scyllaTest('test_cql_rbac.py', 'test_rbac_createtable')],
    holds: since('6.2.0'),
  },
  // --- write isolation (alternator/executor.cc) ---
  'write-isolation': {
    behaviour: "under forbid_rmw (the variant's policy or the table's system:write_isolation tag) a write that needs a read first is refused",
    references: [scyllaSource('alternator/executor.cc', 'rmw_operation::get_write_isolation_for_schema, rmw_operation::execute'), scyllaTest('test_write_isolation.py', 'test_isolation_putitem_conditionexpression')],
    holds: since('5.2.0'),
  },
  'write-isolation-tag': {
    behaviour: 'a system:write_isolation tag with a value outside the policies is ValidationException "Incorrect write isolation tag ..."',
    references: [scyllaSource('alternator/executor.cc', 'validate_tags')],
    holds: since(FIRST),
  },
  // --- tables, tags and indexes ---
  'table-name-length': {
    behaviour: 'CreateTable refuses a name longer than the emulated version\'s limit (222, 192 from 2025.4.0)',
    references: [scyllaSource('alternator/executor_util.cc', 'validate_table_name'), scyllaTest('test_table.py', 'test_create_table_unsupported_names')],
    holds: since(FIRST),
  },
  'tag-rules': {
    behaviour: "tag keys and values are checked as update_tags_map checks them, in its order and words (ASCII letters, digits, spaces and +-=._:/ only), and TagResource counts the table's current tags toward the limit of 50",
    references: [scyllaSource('alternator/executor.cc', 'update_tags_map, is_legal_tag_char'), scyllaTest('test_tag.py', 'test_tag_resource_*')],
    holds: since('6.0.0'),
  },
  'index-name-length': {
    behaviour: "TableName, the delimiter (':' for a GSI, '!:' for an LSI) and IndexName together at most 222 characters",
    references: [scyllaSource('alternator/executor_util.cc', 'view_name, lsi_name'), scyllaTest('test_gsi.py', 'test_gsi_very_long_name_222')],
    holds: since(FIRST),
  },
  'duplicate-attribute-definition': {
    behaviour: 'an attribute defined twice in AttributeDefinitions is ValidationException "Duplicate AttributeName=..."',
    references: [scyllaSource('alternator/executor.cc', 'validate_attribute_definitions'), scyllaTest('test_table.py', 'test_create_table_duplicate_attribute_name')],
    holds: since('6.0.0'),
  },
  'index-projection-all': {
    behaviour: 'every index projects every attribute, whatever Projection says (#5036)',
    references: [
      scyllaSource('alternator/executor.cc', 'executor::fill_table_description (ProjectionType ALL), create_table_on_shard0 (Projection not read)'),
      scyllaDoc(COMPAT, 'Unimplemented API features'),
      scyllaIssue(5036),
    ],
    holds: since('5.2.0'),
  },
  'gsi-consistent-read': {
    behaviour: 'a consistent Query or Scan of a GSI is ValidationException "Consistent reads are not allowed on global indexes (GSI)"',
    references: [scyllaSource('alternator/executor_read.cc', 'executor::scan, executor::query')],
    holds: since(FIRST),
  },
  'read-select': {
    behaviour: "Select is validated as parse_select does, with its messages",
    references: [scyllaSource('alternator/executor_read.cc', 'parse_select'), scyllaTest('test_scan.py', 'test_scan_select')],
    holds: since('5.2.0'),
  },
  'parallel-scan': {
    behaviour: 'Segment and TotalSegments come together, Segment in [0, TotalSegments), TotalSegments at most 1000000, with executor::scan\'s messages',
    references: [scyllaSource('alternator/executor_read.cc', 'executor::scan'), scyllaTest('test_scan.py', 'test_scan_parallel_incorrect')],
    holds: since(FIRST),
  },
  'describe-continuous-backups': {
    behaviour: 'DescribeContinuousBackups of an existing table answers continuous backups and point-in-time recovery DISABLED',
    references: [scyllaSource('alternator/executor.cc', 'executor::describe_continuous_backups')],
    holds: since(FIRST),
  },
  'ttl-configuration': {
    behaviour: 'UpdateTimeToLive and DescribeTimeToLive keep the TTL attribute beside the table, with ttl.cc\'s validation order and messages',
    references: [scyllaSource('alternator/ttl.cc', 'executor::update_time_to_live, executor::describe_time_to_live'), scyllaTest('test_ttl.py', 'test_update_ttl_errors')],
    holds: since('5.2.0'),
  },
  'ttl-expiry': {
    behaviour: 'a background scan deletes items whose TTL attribute is a number of seconds at most now and less than 5 years in the past',
    references: [scyllaSource('alternator/ttl.cc', 'is_expired, expiration_service::run'), scyllaTest('test_ttl.py', 'test_ttl_expiration')],
    holds: since('5.2.0'),
  },
  // --- request validation the data plane lacks ---
  'request-limits': {
    behaviour: 'expressions at most 4096 bytes, document paths at most 32 levels, attribute names at most 65535 bytes (key attributes 255), where the differences registry says this version checks them',
    references: [
      scyllaSource('alternator/expressions.cc', 'parse ("exceeds allowed maximum 4096"), path::check_depth_limit'),
      scyllaSource('alternator/expressions.cc', 'validate_attr_name_length'),
      scyllaTest('test_limits.py', 'test_limit_expression_len, test_limit_attribute_length_*'),
    ],
    holds: since('6.0.0'),
  },
  'batch-write-shape': {
    behaviour: 'BatchWriteItem\'s members are checked one by one (get_member, validate_is_object, get_single_member) before anything is written',
    references: [scyllaSource('alternator/executor.cc', 'executor::batch_write_item'), scyllaTest('test_manual_requests.py', 'test_batch_write_item_invalid_payload'), scyllaIssue(23233)],
    holds: since('2025.3.0'),
  },
  'batch-get-unbounded': {
    behaviour: 'BatchGetItem takes any number of keys (no limit of 100), refuses duplicate keys, and leaves out a table whose Keys list is empty',
    references: [scyllaSource('alternator/executor_read.cc', 'executor::batch_get_item'), scyllaTest('test_batch.py', 'test_batch_get_item_large')],
    holds: since(FIRST),
  },
  'return-values': {
    behaviour: 'PutItem and DeleteItem accept ReturnValues NONE or ALL_OLD only ("<op> supports only NONE or ALL_OLD for ReturnValues"); an unknown AttributeUpdates Action is refused; empty Attributes are left out',
    references: [scyllaSource('alternator/executor.cc', 'executor::put_item, executor::delete_item, update_item_operation::update_item_operation'), scyllaTest('test_returnvalues.py', 'test_put_item_returnvalues')],
    holds: since(FIRST),
  },
  'empty-placeholder-maps': {
    behaviour: 'an empty ExpressionAttributeValues or ExpressionAttributeNames is accepted',
    references: [scyllaSource('alternator/executor_util.cc', 'verify_all_are_used')],
    holds: since(FIRST),
  },
  'condition-failure-item': {
    behaviour: 'ReturnValuesOnConditionCheckFailure is validated, and ALL_OLD adds the current item to a ConditionalCheckFailedException',
    references: [scyllaSource('alternator/executor.cc', 'rmw_operation::parse_returnvalues_on_condition_check_failure'), scyllaSource('alternator/error.hh', 'api_error::conditional_check_failed')],
    holds: since('6.0.0'),
  },
  'consumed-capacity': {
    behaviour: 'ReturnConsumedCapacity: only TOTAL accepted, single-item answers without TableName, Query and Scan report nothing',
    references: [scyllaSource('alternator/consumed_capacity.cc', 'consumed_capacity_counter::should_add_capacity, add_consumed_capacity_to_response_if_needed'), scyllaTest('test_returnconsumedcapacity.py', 'test_simple_get_item')],
    holds: since('2025.1.0'),
  },
  // --- Prometheus metrics (alternator/stats.cc register_metrics_with_optional_table and the executor functions that count) ---
  'metrics-exposition': {
    behaviour: 'the node serves its series in the Prometheus text format on /metrics, each series once non-zero (set_skip_when_empty), op_latency aggregated over shards',
    references: [scyllaSource('alternator/stats.cc', 'register_metrics_with_optional_table (set_skip_when_empty, aggregate({shard_label}))'), scyllaTest('test_metrics.py', 'get_metrics')],
    holds: since('6.0.0'),
  },
  'metrics-total-operations': {
    behaviour: 'scylla_alternator_total_operations{shard}: every request to the API, before anything is checked',
    references: [scyllaSource('alternator/server.cc', 'server::handle_api_request (total_operations++)'), scyllaTest('test_metrics.py', 'test_total_operations')],
    holds: since(FIRST),
  },
  'metrics-unsupported-operations': {
    behaviour: 'scylla_alternator_unsupported_operations{shard}: an operation the server does not know',
    references: [scyllaSource('alternator/server.cc', 'server::handle_api_request (unsupported_operations++)'), scyllaTest('test_metrics.py', 'test_unsupported_operation')],
    holds: since(FIRST),
  },
  'metrics-operation': {
    behaviour: 'scylla_alternator_operation{op,shard}: every operation on entry to its executor function, whatever it answers (CreateTable and DeleteTable only here)',
    references: [scyllaSource('alternator/stats.cc', 'register_metrics_with_optional_table (OPERATION)'), scyllaSource('alternator/executor.cc', 'executor::<operation> (_stats.api_operations.<op>++)'), scyllaTest('test_metrics.py', 'test_item_operations, test_table_operations')],
    holds: since(FIRST),
  },
  'metrics-table-series': {
    behaviour: 'per-table series exist (group alternator_table, labels ks and cf): table_stats registered on first use of a table',
    references: [
      scyllaSource('alternator/stats.cc', 'register_metrics_with_optional_table, table_stats::table_stats'),
      scyllaSource('alternator/executor_util.cc', 'get_stats_from_schema'),
      { text: 'scylladb/scylladb d6afd42342 "alternator/stats: Add per-table metrics" (first released in 2025.3.0)', url: 'https://github.com/scylladb/scylladb/commit/d6afd42342' },
    ],
    holds: since('2025.3.0'),
  },
  'metrics-table-operation': {
    behaviour:
      "scylla_alternator_table_operation{op,cf,ks}: once the table (or an index read's view) is found, for DescribeTable, the tag operations, GetItem, Query, Scan and BatchWriteItem; PutItem, UpdateItem and DeleteItem once permitted; never BatchGetItem, UpdateTable, the TTL operations, DescribeContinuousBackups or Streams",
    references: [
      scyllaSource('alternator/executor_read.cc', 'executor::get_item, executor::scan, executor::query, executor::batch_get_item (no per-table counter)'),
      scyllaSource('alternator/executor.cc', 'executor::describe_table, executor::tag_resource, executor::put_item, executor::batch_write_item (get_stats_from_schema)'),
      scyllaSource('alternator/stats.cc', 'register_metrics_with_optional_table (group "alternator_table", labels cf and ks)'),
      scyllaTest('test_metrics.py', 'test_table_item_operations, test_table_scan_operations'),
    ],
    holds: since('2025.3.0'),
  },
  'metrics-batch-item-count': {
    behaviour:
      'scylla_alternator_batch_item_count{op,shard}: BatchWriteItem adds its write requests, BatchGetItem its distinct partitions, once every table was permitted',
    references: [
      scyllaSource('alternator/executor.cc', 'executor::batch_write_item (batch_write_item_batch_total += total_items)'),
      scyllaSource('alternator/executor_read.cc', 'executor::batch_get_item (batch_get_item_batch_total += batch_size)'),
      scyllaTest('test_metrics.py', 'test_batch_write_item_count, test_batch_get_item_count'),
    ],
    holds: since('6.2.0'),
  },
  'metrics-table-batch-item-count': {
    behaviour: "scylla_alternator_table_batch_item_count{op=\"BatchWriteItem\",cf,ks}: each table's write requests; BatchGetItem has no per-table count (only a histogram)",
    references: [
      scyllaSource('alternator/executor.cc', 'executor::batch_write_item (per_table_stats->api_operations.batch_write_item_batch_total)'),
      scyllaSource('alternator/executor_read.cc', 'executor::batch_get_item (per table only batch_get_item_histogram)'),
    ],
    holds: since('2025.3.0'),
  },
  'metrics-op-latency': {
    behaviour: 'scylla_alternator_op_latency{op} (count and sum, microseconds): PutItem, GetItem, DeleteItem, UpdateItem, BatchWriteItem, BatchGetItem and GetRecords once they succeed',
    references: [scyllaSource('alternator/stats.cc', 'register_metrics_with_optional_table (OPERATION_LATENCY)'), scyllaTest('test_metrics.py', 'test_item_latency')],
    holds: since('6.0.0'),
  },
  'metrics-table-op-latency': {
    behaviour: "scylla_alternator_table_op_latency{op,cf,ks}: PutItem, GetItem, DeleteItem and UpdateItem on their table's histogram",
    references: [scyllaSource('alternator/executor.cc', 'executor::put_item (per_table_stats->api_operations.put_item_latency)'), scyllaTest('test_metrics.py', 'test_item_latency_per_table')],
    holds: since('2025.3.0'),
  },
  'metrics-table-batch-latency': {
    behaviour: "scylla_alternator_table_op_latency{op=BatchWriteItem|BatchGetItem,cf,ks}: a batch's latency on each of its tables (2026.2.0, backported to 2025.4.8 and 2026.1.2)",
    references: [
      scyllaSource('alternator/executor.cc', 'executor::batch_write_item (w.first->api_operations.batch_write_item_latency)'),
      scyllaSource('alternator/executor_read.cc', 'executor::batch_get_item (per_table_stats->api_operations.batch_get_item_latency)'),
      { text: 'scylladb/scylladb 29e0b4e08c "alternator: track per-table latency for batch get/write operations" (first released in 2026.2.0)', url: 'https://github.com/scylladb/scylladb/commit/29e0b4e08c' },
    ],
    holds: { product: 'scylladb', since: ['2025.4.8', '2026.1.2', '2026.2.0'] },
  },
  'metrics-rcu': {
    behaviour:
      'scylla_alternator_rcu_total{shard} and _table_rcu_total{cf,ks} (per table from 2025.3.0): GetItem and BatchGetItem, each item in 4 KB blocks, half a unit unless consistent',
    references: [
      scyllaSource('alternator/executor_read.cc', 'executor::get_item, executor::batch_get_item (rcu_half_units_total)'),
      scyllaSource('alternator/consumed_capacity.cc', 'rcu_consumed_capacity_counter::get_half_units'),
      { text: 'scylladb/scylladb 5ae11746fa "Alternator: Change the WCU/RCU to use units" (first released in 2025.2.0; backport f5fafd92b5 in 2025.1.4)', url: 'https://github.com/scylladb/scylladb/commit/5ae11746fa' },
      scyllaTest('test_metrics.py', 'test_rcu_per_table'),
    ],
    holds: { product: 'scylladb', since: ['2025.1.4', '2025.2.0'] },
  },
  'metrics-wcu': {
    behaviour: "scylla_alternator_wcu_total{op=PutItem,shard} and _table_wcu_total{op,cf,ks} (per table from 2025.3.0): a PutItem's item in 1 KB blocks",
    references: [scyllaSource('alternator/executor.cc', 'executor::put_item (wcu_total[PUT_ITEM])'), scyllaSource('alternator/consumed_capacity.cc', 'wcu_consumed_capacity_counter::get_units'), scyllaTest('test_metrics.py', 'test_wcu_per_table')],
    holds: { product: 'scylladb', since: ['2025.1.4', '2025.2.0'] },
  },
  'metrics-batch-write-wcu': {
    behaviour: "BatchWriteItem's puts count as PutItem write units, globally and on their table",
    references: [
      scyllaSource('alternator/executor.cc', 'executor::batch_write_item (w.first->wcu_total[PUT_ITEM], _stats.wcu_total[PUT_ITEM])'),
      { text: 'scylladb/scylladb ffc7171a5f "alternator/executor.cc: DynamoDB WCU calculation in BatchWriteItem using read-before-write" (first released in 2025.4.0)', url: 'https://github.com/scylladb/scylladb/commit/ffc7171a5f' },
    ],
    holds: since('2025.4.0'),
  },
  'metrics-auth-failures': {
    behaviour: 'scylla_alternator_authentication_failures{shard} and _authorization_failures{shard}: global only',
    references: [
      scyllaSource('alternator/server.cc', 'authentication_error (authentication_failures++)'),
      scyllaSource('alternator/executor_util.cc', 'authorization_error (authorization_failures++)'),
      scyllaTest('test_metrics.py', 'test_authentication_failure_2, test_authorization_failure'),
    ],
    holds: since('2025.4.0'),
  },
  'create-table-active': {
    behaviour: 'CreateTable answers once the table exists, with TableStatus ACTIVE (never CREATING)',
    references: [
      scyllaSource('alternator/executor.cc', 'create_table_on_shard0 (wait_for_schema_agreement, then supplement_table_info: "The states CREATING and UPDATING are not currently returned")'),
    ],
    holds: since(FIRST),
  },
  'idle-connections-kept': {
    behaviour: 'an idle keep-alive connection stays open until the client closes it (no server-side idle timeout)',
    references: [
      scyllaSource('alternator/server.cc', 'server::init (Seastar httpd: connections are closed by the client or on error only)'),
      { text: 'scylladb/seastar#3130 "httpd should close connections that have been idle for a long time" (open)', url: 'https://github.com/scylladb/seastar/issues/3130' },
    ],
    holds: since(FIRST),
  },
} as const satisfies Record<string, Emulation>;

export type EmulationId = keyof typeof EMULATION_TABLE;
export const EMULATIONS: Readonly<Record<EmulationId, Emulation>> = EMULATION_TABLE;
export const EMULATION_IDS = Object.keys(EMULATIONS) as EmulationId[];

/** The ids the front door has used since the process started: what a run actually emulated. */
const used = new Set<EmulationId>();

/** The behaviour emulated here, by its id (recorded as used). */
export function emulates(id: EmulationId): Emulation {
  used.add(id);
  return EMULATIONS[id];
}

/** Whether ScyllaDB at `version` behaves as the emulation (an unreadable version: as at the references' tag). */
export function followsAt(id: EmulationId, version: string | undefined): boolean {
  const e = emulates(id);
  return version === undefined || inRange(e.holds, version) !== false;
}

export function usedEmulations(): EmulationId[] {
  return [...used];
}

/** A ScyllaDB source file and what in it decides the behaviour, as scyllaSource() writes it. */
const SOURCE_CITATION = /^scylladb\/scylladb (alternator|utils|db|service|auth)\/[\w./-]+\.(cc|hh) \S/;

/**
 * Why an emulation's citation is not enough, or nothing: it names no ScyllaDB source file and function, a reference
 * has no text or no https link, or its version range is unreadable or empty.
 */
export function citationProblems(e: Emulation): string[] {
  const problems: string[] = [];
  if (e.behaviour.trim().length < 10) problems.push('no description of the behaviour');
  if (!e.references?.length) problems.push('no reference');
  if (!(e.references ?? []).some((r) => SOURCE_CITATION.test(r.text))) problems.push('no ScyllaDB source file and function among the references');
  for (const r of e.references ?? []) {
    if (r.text.trim().length < 10) problems.push(`a reference without text (${r.url})`);
    let url: URL | undefined;
    try {
      url = new URL(r.url);
    } catch {
      problems.push(`not a URL: ${r.url}`);
    }
    if (url && url.protocol !== 'https:') problems.push(`not an https link: ${r.url}`);
  }
  if (e.holds?.product !== 'scylladb') problems.push('the version range is not of ScyllaDB');
  else {
    const since = firstVersionList(e.holds.since);
    const until = e.holds.until === undefined ? [] : firstVersionList(e.holds.until);
    const unreadable = (list: readonly string[]) => list.filter((v) => comparable('scylladb', v) === undefined).join(', ');
    if (unreadable(since)) problems.push(`unreadable since: ${unreadable(since)}`);
    else if (unreadable(until)) problems.push(`unreadable until: ${unreadable(until)}`);
    else if (until.length && (since.some((v) => inRange(e.holds!, v) !== true) || until.some((v) => inRange(e.holds!, v) !== false)))
      problems.push(`until ${until.join(', ')} is not after since ${since.join(', ')}`);
  }
  return problems;
}
