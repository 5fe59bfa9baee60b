// Every known difference between DynamoDB, Alternator and the local target's data plane, named ONCE with
// its reference. Suites never test `endpoint.target`; they ask for a feature or a difference by name here.
import type { Endpoint } from '../endpoint/contract.ts';

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
  | 'number-value-identity';

export interface Difference {
  id: string;
  title: string;
  /** Where it is documented (document#section or issue). */
  reference: string;
  appliesTo(e: DifferenceSubject): boolean;
  /** Features this difference takes away. */
  removes: Feature[];
}

/** What a difference may depend on; `versions` is optional so callers holding only the profile still work. */
export type DifferenceSubject = Pick<Endpoint, 'apiProfile' | 'dataPlane'> & Partial<Pick<Endpoint, 'versions'>>;

const alternator = (e: Pick<Endpoint, 'apiProfile'>) => e.apiProfile === 'alternator';
const dynalite = (e: Pick<Endpoint, 'dataPlane'>) => e.dataPlane === 'dynalite';
const COMPAT = 'scylladb/scylladb docs/alternator/compatibility.md';
const OPERATOR_ALTERNATOR = 'scylladb/scylla-operator docs/source/connect-your-app/alternator.md';

export const DIFFERENCES: Difference[] = [
  {
    id: 'alternator-no-transactions',
    title: 'TransactWriteItems and TransactGetItems are not implemented',
    reference: `${COMPAT} "Transactions"`,
    appliesTo: alternator,
    removes: ['transactions'],
  },
  {
    id: 'alternator-no-partiql',
    title: 'PartiQL (ExecuteStatement, BatchExecuteStatement, ExecuteTransaction) is not implemented',
    reference: `${COMPAT} "Unimplemented API features"`,
    appliesTo: alternator,
    removes: ['partiql'],
  },
  {
    id: 'alternator-ttl-period',
    title: 'expired items are removed by a periodic scan (alternator_ttl_period_in_seconds, 24 hours by default), not within minutes',
    reference: `${COMPAT} "Time To Live (TTL)"`,
    appliesTo: alternator,
    removes: ['ttl-expiry'],
  },
  {
    id: 'alternator-no-signature-expiry',
    title: 'the SigV4 signing date is not compared with the server clock (stale or replayed signatures are accepted)',
    reference: 'scylladb/scylladb alternator/server.cc verify_signature; alternator/auth.cc',
    appliesTo: alternator,
    removes: ['signature-expiry'],
  },
  {
    id: 'alternator-signature-scope-from-request',
    title: "the SigV4 signature is checked with the region and service of the request's own credential scope, so a signature over another region or service is accepted",
    reference: 'scylladb/scylladb alternator/server.cc verify_signature (region and service taken from the Credential)',
    appliesTo: alternator,
    removes: ['signature-scope-enforced'],
  },
  {
    id: 'alternator-no-rbac',
    title: 'this ScyllaDB version does not check CQL permissions (GRANT/REVOKE) on Alternator operations',
    reference: 'scylladb/scylladb PR #20135 (Alternator RBAC, merged 2024, not backported: first released in 2025.1); test/alternator/test_cql_rbac.py',
    appliesTo: (e) => alternator(e) && e.dataPlane === 'scylladb' && e.versions !== undefined && !scyllaHasAlternatorRbac(e.versions.scylla),
    removes: ['rbac'],
  },
  {
    id: 'alternator-provisioned-throughput-ignored',
    title: 'BillingMode and ProvisionedThroughput are accepted but not enforced',
    reference: `${COMPAT} "Provisioning"`,
    appliesTo: alternator,
    removes: ['provisioned-throughput-enforced'],
  },
  {
    id: 'alternator-error-messages',
    title: 'error messages differ in wording from DynamoDB (types match)',
    reference: `${COMPAT} "Error messages"`,
    appliesTo: alternator,
    removes: ['exact-error-messages'],
  },
  {
    id: 'local-no-streams',
    title: 'the local data plane (dynalite) has no DynamoDB Streams',
    reference: 'dynalite README, "Problems"; harness/targets/local/data-plane.ts',
    appliesTo: dynalite,
    removes: ['streams'],
  },
  {
    id: 'local-no-gsi-update',
    title: 'the local data plane (dynalite) cannot add a GSI to an existing table with items backfilled',
    reference: 'dynalite actions/updateTable.js',
    appliesTo: dynalite,
    removes: ['gsi-update'],
  },
  {
    id: 'local-atomic-rmw',
    title: 'the local data plane applies every conditional write atomically, so unsafe_rmw anomalies cannot occur there',
    reference: 'dynalite db/index.js (per-item lock); harness/targets/local/front-door.ts',
    appliesTo: dynalite,
    removes: ['rmw-anomalies-reproducible'],
  },
  {
    id: 'local-number-leading-plus',
    title: "the local data plane (dynalite) refuses numbers written with a leading '+' (\"+3\"), which DynamoDB and Alternator accept",
    reference: 'scylladb/scylladb test/alternator/test_number.py test_invalid_numbers ("+3" allowed); dynalite validations/index.js',
    appliesTo: dynalite,
    removes: ['number-leading-plus'],
  },
  {
    id: 'local-table-id-not-uuid',
    title: 'the local data plane (dynalite) answers a TableId that is not a UUID',
    reference: 'scylladb/scylladb test/alternator/test_describe_table.py test_describe_table_id; dynalite actions/createTable.js',
    appliesTo: dynalite,
    removes: ['table-id-uuid'],
  },
  {
    id: 'local-remove-only-update-creates-item',
    title: 'the local data plane (dynalite) creates a missing item on an UpdateItem that only REMOVEs attributes; DynamoDB and Alternator leave it absent',
    reference: 'scylladb/scylladb test/alternator/test_returnvalues.py test_update_item_returnvalues_all_new (REMOVE on a missing item); test_item.py test_update_item_non_existent',
    appliesTo: dynalite,
    removes: ['remove-only-update-no-upsert'],
  },
  {
    id: 'local-no-document-equality',
    title: 'the local data plane (dynalite) never finds a list or map equal to another in conditions (it compares them by reference); DynamoDB and Alternator compare them deeply',
    reference: 'dynalite db/index.js valsEqual; scylladb/scylladb test/alternator/test_condition_expression.py (= on lists and maps)',
    appliesTo: dynalite,
    removes: ['document-equality'],
  },
  {
    id: 'alternator-numbers-compared-by-spelling',
    title: 'numbers in number sets and in hash keys are compared by their spelling, not their value ("1" and "1.0" are two set elements, "1e3" and "1000" two partition keys); sort keys and plain attributes are normalized',
    reference: 'scylladb/scylladb test/alternator/test_number.py test_number_set_normalization, test_number_hash_key_representation (xfail, SCYLLADB-1575)',
    appliesTo: (e) => alternator(e) && e.dataPlane === 'scylladb',
    removes: ['number-value-identity'],
  },
  {
    id: 'alternator-index-projection-all',
    title: 'GSI and LSI projections (KEYS_ONLY, INCLUDE) are not respected: every attribute is projected and DescribeTable reports ProjectionType ALL',
    reference: `${COMPAT} "Unimplemented API features" (scylladb/scylladb#5036); alternator/executor.cc fill_table_description`,
    appliesTo: alternator,
    removes: ['index-projection'],
  },
  {
    id: 'alternator-bad-json-validation',
    title: 'a request body that is not valid JSON is refused with ValidationException (DynamoDB: SerializationException)',
    reference: 'scylladb/scylladb alternator/server.cc api_handler (rjson::error -> api_error::validation); test/alternator/test_manual_requests.py test_incorrect_json',
    appliesTo: alternator,
    removes: ['json-serialization-exception'],
  },
  {
    id: 'alternator-batch-write-limit-100',
    title: 'BatchWriteItem accepts up to alternator_max_items_in_batch_write writes (100 by default), not 25 as DynamoDB',
    reference: 'scylladb/scylladb test/alternator/test_batch.py test_batch_write_item_too_many (scylladb/scylladb#5057); docs/reference/configuration-parameters alternator_max_items_in_batch_write',
    appliesTo: alternator,
    removes: ['batch-write-limit-25'],
  },
  {
    id: 'local-batch-write-limit-25',
    title: "the local data plane (dynalite) refuses BatchWriteItem above 25 writes, as DynamoDB does, where Alternator accepts up to 100",
    reference: 'dynalite validations/batchWriteItem.js; scylladb/scylladb test/alternator/test_batch.py test_batch_write_item_too_many',
    appliesTo: dynalite,
    removes: ['batch-write-over-25'],
  },
  {
    id: 'alternator-unimplemented-operations',
    title: 'on-demand and continuous backups, global tables, Kinesis streaming destinations, Contributor Insights and export/import operations are not implemented (UnknownOperationException)',
    reference: `${COMPAT} "Unimplemented API features" (scylladb/scylladb#5063, #5062, #8786, #8788, #8789); alternator/server.cc handle_api_request ("Unsupported operation")`,
    appliesTo: alternator,
    removes: [],
  },
  {
    id: 'alternator-streams-need-vnodes',
    title: 'Alternator Streams are not available on tables that use tablets',
    reference: 'scylladb/scylladb#23838; test/alternator/test_streams.py (tables created with the system:initial_tablets=none tag)',
    appliesTo: alternator,
    removes: [],
  },
  {
    id: 'local-legacy-conditional-or',
    title: 'the local data plane (dynalite) evaluates legacy ConditionalOperator OR wrongly (it stops at the first false condition)',
    reference: 'dynalite db/index.js matchesFilter; scylladb/scylladb test/alternator/test_query_filter.py (ConditionalOperator OR)',
    appliesTo: dynalite,
    removes: ['legacy-conditional-or'],
  },
  // Multi-datacenter limitations of Alternator as the operator deploys it (one ScyllaCluster per datacenter);
  // suites/limitations/multidc reproduces them, and reports them lifted when a deployment behaves otherwise.
  {
    id: 'operator-multidc-per-dc-endpoints',
    title: 'Alternator endpoints are per datacenter: nothing routes DynamoDB API requests across datacenters, and /localnodes lists only the local datacenter',
    reference: `${OPERATOR_ALTERNATOR} "Multi-datacenter limitations" (No built-in cross-DC routing); scylladb/scylladb alternator/server.cc local_nodelist_handler`,
    appliesTo: alternator,
    removes: [],
  },
  {
    id: 'operator-multidc-dc-local-credentials',
    title: "Alternator credentials are DC-local: each ScyllaCluster has its own, so one datacenter's are refused by another",
    reference: `${OPERATOR_ALTERNATOR} "Multi-datacenter limitations" (Authentication tokens are DC-local)`,
    appliesTo: alternator,
    removes: [],
  },
  {
    id: 'operator-multidc-dc-local-serving-ca',
    title: "each ScyllaCluster has its own Alternator serving CA, so one datacenter's CA bundle does not validate another's certificate",
    reference: `${OPERATOR_ALTERNATOR} "TLS certificate resources" (configmap/<cluster-name>-alternator-local-serving-ca, one per ScyllaCluster) and "Multi-datacenter limitations"`,
    appliesTo: alternator,
    removes: [],
  },
];

/**
 * Whether a ScyllaDB version checks CQL permissions on Alternator operations. The feature (PR #20135) landed on
 * master in 2024 without backports, so the unified 2025.1+ releases have it; the 6.x open-source and 2024.x
 * enterprise lines are treated as without it (conservative: a skipped RBAC test rather than a false failure).
 */
export function scyllaHasAlternatorRbac(version: string): boolean {
  const m = /^(\d+)\.(\d+)/.exec(version);
  return m !== null && Number(m[1]) >= 2025;
}

export function differencesFor(e: DifferenceSubject): Difference[] {
  return DIFFERENCES.filter((d) => d.appliesTo(e));
}

export function differenceById(id: string): Difference {
  const d = DIFFERENCES.find((x) => x.id === id);
  if (!d) throw new Error(`unknown documented difference "${id}"`);
  return d;
}

/** Whether the deployment offers a feature, and if not, the skip reason naming the difference. */
export function feature(e: DifferenceSubject, f: Feature): { ok: true } | { ok: false; reason: string } {
  const d = differencesFor(e).find((x) => x.removes.includes(f));
  return d ? { ok: false, reason: `not applicable: ${d.title} [${d.id}: ${d.reference}]` } : { ok: true };
}
