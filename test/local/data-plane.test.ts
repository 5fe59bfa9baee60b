// The local data plane takes dynalite's requests in-process: a burst of concurrent writes (the provisioned-throughput
// limitation sends 200 writes of 2 KB, 20 at a time) all land, with no socket that could be reset under it (the cause
// of "1 of 200 writes refused (InternalServerError)" in the main job, issue 15).
import { describe, it, expect, afterAll } from 'vitest';
import { DataPlane } from '../../harness/targets/local/data-plane.ts';

describe('local data plane (dynalite in-process)', () => {
  const dp = new DataPlane();
  afterAll(() => dp.stop());

  it('answers 200 concurrent writes of 2 KB, every one stored, and reads them back', async () => {
    await dp.start();
    const table = { TableName: 'burst', KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' };
    expect((await dp.call('CreateTable', JSON.stringify(table))).status).toBe(200);
    // dynalite answers CREATING and turns ACTIVE on its next timer tick.
    while (JSON.parse((await dp.call('DescribeTable', JSON.stringify({ TableName: 'burst' }))).body).Table.TableStatus !== 'ACTIVE') await new Promise((r) => setTimeout(r, 1));
    const answers = await Promise.all(
      Array.from({ length: 200 }, (_, i) => dp.call('PutItem', JSON.stringify({ TableName: 'burst', Item: { pk: { S: `w${i}` }, v: { S: 'x'.repeat(2048) } } }))),
    );
    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    const scan = JSON.parse((await dp.call('Scan', JSON.stringify({ TableName: 'burst', Select: 'COUNT' }))).body);
    expect(scan.Count).toBe(200);
  });

  it("passes dynalite's own errors through as DynamoDB answers (status and __type)", async () => {
    const r = await dp.call('GetItem', JSON.stringify({ TableName: 'no_such_table', Key: { pk: { S: 'x' } } }));
    expect(r.status).toBe(400);
    expect(JSON.parse(r.body).__type).toMatch(/ResourceNotFoundException$/);
  });

  it('refuses calls once stopped, instead of hanging', async () => {
    const stopped = await new DataPlane().start();
    await stopped.stop();
    await expect(stopped.call('ListTables', '{}')).rejects.toThrow(/stopped/);
  });
});
