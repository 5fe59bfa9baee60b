// `alternator-e2e cleanup --target endpoint` against a live local target: it removes every table under the
// harness prefix (across ListTables pages) and nothing else; --dry-run only lists.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalTarget } from '../harness/targets/local/local-target.ts';
import { Variant } from '../harness/variant/model.ts';
import type { Deployment } from '../harness/targets/target.ts';
import { DynamoClient } from '../harness/client/dynamo-client.ts';
import { HARNESS_TABLE_PREFIX } from '../harness/endpoint/table-prefix.ts';
import { silentProgress } from '../harness/util/progress.ts';
import { runCli } from './helpers/cli.ts';
import { expectNoSecret } from './helpers/secrets.ts';

const variant = Variant.parse({ name: 'cleanup', alternator: {}, versions: { scylla: '2026.2.4', operator: 'v1.21.1' } });

/** Prefixed tables: enough that ListTables (100 per page in cleanup) needs more than one page. */
const HARNESS = Array.from({ length: 103 }, (_, i) => `${HARNESS_TABLE_PREFIX}deadbeef_t${String(i).padStart(3, '0')}`);
/** Names that resemble the prefix without starting with it, and ordinary user tables. */
const FOREIGN = ['user_orders', 'alte2eX_not_ours', 'xalte2e_inside', 'Alte2e_case_differs', 'zz_last'];

describe('cleanup --target endpoint', () => {
  let d: Deployment;
  let c: DynamoClient;
  let caFile = '';
  let env: NodeJS.ProcessEnv = {};

  const tables = async () => {
    const names: string[] = [];
    let start: string | undefined;
    do {
      const r = await c.call<{ TableNames: string[]; LastEvaluatedTableName?: string }>('ListTables', start ? { ExclusiveStartTableName: start } : {});
      names.push(...r.TableNames);
      start = r.LastEvaluatedTableName;
    } while (start);
    return names.sort();
  };
  const cleanup = (...extra: string[]) => runCli(['cleanup', '--target', 'endpoint', '--endpoint', d.endpoint.datacenters[0]!.httpsUrl, '--ca-bundle', caFile, ...extra], { env });

  beforeAll(async () => {
    d = await createLocalTarget().deploy(variant, { runId: 'cleanup-test', reportsDir: tmpdir(), progress: silentProgress, signal: new AbortController().signal, failOnLiftedLimitation: false });
    const dc = d.endpoint.datacenters[0]!;
    caFile = join(mkdtempSync(join(tmpdir(), 'alte2e-cleanup-')), 'ca.crt');
    writeFileSync(caFile, dc.caBundlePem);
    env = { AWS_ACCESS_KEY_ID: dc.credentials!.accessKeyId, AWS_SECRET_ACCESS_KEY: dc.credentials!.secretAccessKey, AWS_ENDPOINT_URL_DYNAMODB: '', AWS_CA_BUNDLE: '' };
    c = DynamoClient.forDatacenter(dc, 'us-east-1');
    for (const name of [...HARNESS, ...FOREIGN])
      await c.call('CreateTable', {
        TableName: name,
        BillingMode: 'PAY_PER_REQUEST',
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
      });
  });
  afterAll(async () => {
    c?.close();
    await d?.stop();
  });

  it('--dry-run lists every harness table and deletes nothing', async () => {
    const r = await cleanup('--dry-run');
    expect(r.code).toBe(0);
    const listed = r.stdout.split('\n').filter((l) => l.startsWith('would delete ')).map((l) => l.split('/').pop());
    expect(listed.sort()).toEqual([...HARNESS].sort());
    expect(r.stdout).toContain(`${HARNESS.length} table(s) would be removed`);
    expect(await tables()).toEqual([...HARNESS, ...FOREIGN].sort());
    expectNoSecret(r.stdout + r.stderr, env.AWS_SECRET_ACCESS_KEY!, 'the output of cleanup --dry-run');
  });

  it('removes exactly the tables under the harness prefix, over several ListTables pages, and keeps the rest', async () => {
    const r = await cleanup();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`${HARNESS.length} table(s) removed`);
    for (const f of FOREIGN) expect(r.stdout).not.toContain(f);
    expect(await tables()).toEqual([...FOREIGN].sort());
  });

  it('a second run finds nothing left to remove', async () => {
    const r = await cleanup();
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 table(s) removed');
    expect(await tables()).toEqual([...FOREIGN].sort());
  });
});
