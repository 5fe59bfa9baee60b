// Where the local target's data plane (dynalite, a DynamoDB implementation in JavaScript) differs from both
// DynamoDB and Alternator, so neither behaviour can be checked there. Each is a fact about dynalite v4.0.0
// (the version package.json pins), with the upstream test that states the behaviour expected elsewhere.
import type { Difference, DifferenceSubject } from './difference.ts';
import { dynaliteSource, scyllaTest } from './references.ts';

const dynalite = (e: DifferenceSubject) => e.dataPlane === 'dynalite';
const SINCE = '4.0.0';

export const LOCAL_DATA_PLANE_DIFFERENCES: Difference[] = [
  {
    id: 'local-no-streams',
    title: 'the local data plane (dynalite) has no DynamoDB Streams',
    references: [dynaliteSource('README.md', '"Problems"')],
    holds: { product: 'dynalite', since: SINCE },
    appliesTo: dynalite,
    removes: ['streams'],
  },
  {
    id: 'local-no-gsi-update',
    title: 'the local data plane (dynalite) cannot add a GSI to an existing table with items backfilled',
    references: [dynaliteSource('actions/updateTable.js')],
    holds: { product: 'dynalite', since: SINCE },
    appliesTo: dynalite,
    removes: ['gsi-update'],
  },
  {
    id: 'local-atomic-rmw',
    title: 'the local data plane applies every conditional write atomically, so unsafe_rmw anomalies cannot occur there',
    references: [dynaliteSource('db/index.js', '(per-item lock)')],
    holds: { product: 'dynalite', since: SINCE },
    appliesTo: dynalite,
    removes: ['rmw-anomalies-reproducible'],
  },
  {
    id: 'local-number-leading-plus',
    title: "the local data plane (dynalite) refuses numbers written with a leading '+' (\"+3\"), which DynamoDB and Alternator accept",
    references: [dynaliteSource('validations/index.js'), scyllaTest('test_number.py', 'test_invalid_numbers ("+3" allowed)')],
    holds: { product: 'dynalite', since: SINCE },
    appliesTo: dynalite,
    removes: ['number-leading-plus'],
  },
  {
    id: 'local-table-id-not-uuid',
    title: 'the local data plane (dynalite) answers a TableId that is not a UUID',
    references: [dynaliteSource('actions/createTable.js'), scyllaTest('test_describe_table.py', 'test_describe_table_id')],
    holds: { product: 'dynalite', since: SINCE },
    appliesTo: dynalite,
    removes: ['table-id-uuid'],
  },
  {
    id: 'local-remove-only-update-creates-item',
    title: 'the local data plane (dynalite) creates a missing item on an UpdateItem that only REMOVEs attributes; DynamoDB and Alternator leave it absent',
    references: [dynaliteSource('actions/updateItem.js'), scyllaTest('test_item.py', 'test_update_item_non_existent')],
    holds: { product: 'dynalite', since: SINCE },
    appliesTo: dynalite,
    removes: ['remove-only-update-no-upsert'],
  },
  {
    id: 'local-no-document-equality',
    title: 'the local data plane (dynalite) never finds a list or map equal to another in conditions (it compares them by reference); DynamoDB and Alternator compare them deeply',
    references: [dynaliteSource('db/index.js', 'valsEqual'), scyllaTest('test_condition_expression.py', 'test_update_condition_eq_different (= on lists and maps)')],
    holds: { product: 'dynalite', since: SINCE },
    appliesTo: dynalite,
    removes: ['document-equality'],
  },
  {
    id: 'local-batch-write-limit-25',
    title: 'the local data plane (dynalite) refuses BatchWriteItem above 25 writes, as DynamoDB does, where Alternator accepts up to 100',
    references: [dynaliteSource('validations/batchWriteItem.js'), scyllaTest('test_batch.py', 'test_batch_write_item_too_many')],
    holds: { product: 'dynalite', since: SINCE },
    appliesTo: dynalite,
    removes: ['batch-write-over-25'],
  },
  {
    id: 'local-reserved-words-refused',
    title: 'the local data plane (dynalite) refuses reserved words used bare in expressions, as DynamoDB does, where Alternator accepts them',
    references: [dynaliteSource('db/conditionParser.pegjs'), scyllaTest('test_projection_expression.py', 'test_projection_expression_reserved_words')],
    holds: { product: 'dynalite', since: SINCE },
    appliesTo: dynalite,
    removes: ['reserved-words-bare'],
  },
  {
    id: 'local-legacy-conditional-or',
    title: 'the local data plane (dynalite) evaluates legacy ConditionalOperator OR wrongly (it stops at the first false condition)',
    references: [dynaliteSource('db/index.js', 'matchesFilter'), scyllaTest('test_query_filter.py', 'test_query_filter_or')],
    holds: { product: 'dynalite', since: SINCE },
    appliesTo: dynalite,
    removes: ['legacy-conditional-or'],
  },
  {
    id: 'local-empty-index-key-accepted',
    title: 'the local data plane (dynalite) accepts an empty string or binary as a GSI or LSI key attribute, which DynamoDB and Alternator refuse (ValidationException)',
    references: [dynaliteSource('validations/index.js'), scyllaTest('test_gsi.py', 'test_gsi_empty_value, test_gsi_6_write_s_fail; test_lsi.py test_lsi_empty_value')],
    holds: { product: 'dynalite', since: SINCE },
    appliesTo: dynalite,
    removes: ['index-key-empty-refused'],
  },
  {
    id: 'local-legacy-document-equality-refused',
    title:
      "the local data plane (dynalite) refuses legacy EQ and NE (Expected, QueryFilter, ScanFilter) on a list, map or boolean operand ('ComparisonOperator EQ is not valid for L AttributeValue type'); DynamoDB and Alternator compare them",
    references: [dynaliteSource('validations/index.js', 'validateConditions'), scyllaTest('test_query_filter.py', 'test_query_filter_eq, test_query_filter_ne (l, m, bool)')],
    holds: { product: 'dynalite', since: SINCE },
    appliesTo: dynalite,
    removes: ['legacy-document-equality'],
  },
];
