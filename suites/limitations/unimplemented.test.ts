// Documented Alternator limitations: DynamoDB operations Alternator does not implement. Each test sends a VALID
// request, so that an implementation would answer 200: reproduced = UnknownOperationException (Alternator's
// "Unsupported operation X"), lifted = success, anything else = unexpected. Reference:
// scylladb/scylladb docs/alternator/compatibility.md "Unimplemented API features".
import { describe, it, beforeAll } from 'vitest';
import type { TestContext } from 'vitest';
import { useSharedTable, limitation, requireDifference, differenceReference } from '../../harness/suite-kit/index.ts';
import { parseErrorBody } from '../../harness/client/dynamo-client.ts';
import { S } from '../../harness/suite-kit/values.ts';

describe('limitations: unimplemented operations', () => {
  // The run's shared table of this key schema: the operations only name it; those that would write or read (were
  // they implemented) name keys under the handle's prefix, and a backup or point-in-time recovery changes no item.
  const t = useSharedTable('lim_unimpl', { hash: ['pk', 'S'] });
  beforeAll(() => t.ready());

  async function expectUnimplemented(ctx: TestContext, id: string, operation: string, body: () => Record<string, unknown>): Promise<void> {
    requireDifference(ctx, id);
    const r = await t.client.raw(operation, body());
    const e = r.status === 200 ? undefined : parseErrorBody(r.status, r.text);
    limitation(ctx, `${differenceReference(id)} — ${operation}`, {
      reproduced: e?.type === 'UnknownOperationException' || (e?.type === 'ValidationException' && /unsupported|not (yet )?(supported|implemented)/i.test(e.serverMessage)),
      lifted: r.status === 200,
      observed: e ? `${operation} answered ${e.type} (HTTP ${e.status}): ${e.serverMessage}` : `${operation} answered HTTP 200`,
    });
  }

  const TX = 'alternator-no-transactions';
  const PARTIQL = 'alternator-no-partiql';
  const OTHER = 'alternator-unimplemented-operations';

  it('TransactWriteItems is not implemented', (ctx) =>
    expectUnimplemented(ctx, TX, 'TransactWriteItems', () => ({ TransactItems: [{ Put: { TableName: t.name, Item: { pk: S(t.key('tx')) } } }] })));

  it('TransactGetItems is not implemented', (ctx) =>
    expectUnimplemented(ctx, TX, 'TransactGetItems', () => ({ TransactItems: [{ Get: { TableName: t.name, Key: { pk: S(t.key('tx')) } } }] })));

  it('ExecuteStatement (PartiQL) is not implemented', (ctx) =>
    expectUnimplemented(ctx, PARTIQL, 'ExecuteStatement', () => ({ Statement: `SELECT * FROM "${t.name}" WHERE pk = '${t.key('x')}'` })));

  it('BatchExecuteStatement (PartiQL) is not implemented', (ctx) =>
    expectUnimplemented(ctx, PARTIQL, 'BatchExecuteStatement', () => ({ Statements: [{ Statement: `SELECT * FROM "${t.name}" WHERE pk = '${t.key('x')}'` }] })));

  it('ExecuteTransaction (PartiQL) is not implemented', (ctx) =>
    expectUnimplemented(ctx, PARTIQL, 'ExecuteTransaction', () => ({ TransactStatements: [{ Statement: `SELECT * FROM "${t.name}" WHERE pk = '${t.key('x')}'` }] })));

  it('ListBackups (on-demand backup) is not implemented', (ctx) => expectUnimplemented(ctx, OTHER, 'ListBackups', () => ({})));

  it('CreateBackup (on-demand backup) is not implemented', (ctx) =>
    expectUnimplemented(ctx, OTHER, 'CreateBackup', () => ({ TableName: t.name, BackupName: 'alternator-e2e' })));

  it('UpdateContinuousBackups (point-in-time recovery) is not implemented', (ctx) =>
    expectUnimplemented(ctx, OTHER, 'UpdateContinuousBackups', () => ({ TableName: t.name, PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } })));

  it('ListGlobalTables (global tables API) is not implemented', (ctx) => expectUnimplemented(ctx, OTHER, 'ListGlobalTables', () => ({})));

  it('DescribeKinesisStreamingDestination (Kinesis streams) is not implemented', (ctx) =>
    expectUnimplemented(ctx, OTHER, 'DescribeKinesisStreamingDestination', () => ({ TableName: t.name })));

  it('DescribeContributorInsights is not implemented', (ctx) => expectUnimplemented(ctx, OTHER, 'DescribeContributorInsights', () => ({ TableName: t.name })));

  it('ListExports (export to S3) is not implemented', (ctx) => expectUnimplemented(ctx, OTHER, 'ListExports', () => ({})));
});
