// Every Alternator behaviour the local front door emulates names the ScyllaDB source it follows and the versions it
// holds for (harness/targets/local/emulations.ts), like the documented differences do. Fails on an entry without a
// source file and function or a version range, on a front-door module that emulates without naming its entry, on an
// id the code names that is not registered, and on an entry no code uses; and a live front door reports only
// registered emulations, with ScyllaDB's per-table/global metrics split.
import { describe, it, expect, afterAll } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EMULATIONS, EMULATION_IDS, citationProblems, usedEmulations, type Emulation } from '../../harness/targets/local/emulations.ts';
import { scyllaIssue, scyllaSource } from '../../harness/differences/references.ts';
import { createLocalTarget } from '../../harness/targets/local/local-target.ts';
import { Variant } from '../../harness/variant/model.ts';
import type { Deployment } from '../../harness/targets/target.ts';
import { projectRoot } from '../../harness/util/paths.ts';

const DIR = join(projectRoot(), 'harness', 'targets', 'local');
/** The modules that run the target rather than emulate Alternator: the data plane, sockets, faults, the registry, the target. */
const INFRASTRUCTURE = new Set(['data-plane.ts', 'loopback.ts', 'faults.ts', 'emulations.ts', 'local-target.ts']);
/** How code names an emulation: emulates('id'), followsAt('id', ...), has('id') in metrics.ts, new ApiError('id', ...), replyAs('id', ...). */
const NAMED = /\b(?:emulates|followsAt|has|ApiError|replyAs)\(\s*'([a-z0-9-]+)'/g;

function modules(): Array<{ file: string; text: string }> {
  return readdirSync(DIR)
    .filter((f) => f.endsWith('.ts') && !INFRASTRUCTURE.has(f))
    .map((file) => ({ file, text: readFileSync(join(DIR, file), 'utf8') }));
}

/** A module's named emulations. */
const namedIn = (text: string) => [...text.matchAll(NAMED)].map((m) => m[1]!);

describe('emulations of the local front door cite their source', () => {
  it('every entry names a ScyllaDB source file and function, has https links and a readable version range', () => {
    for (const id of EMULATION_IDS) expect(citationProblems(EMULATIONS[id]), id).toEqual([]);
  });

  it('the check fails on an entry without a source, without a link or with an empty range', () => {
    const good: Emulation = EMULATIONS['metrics-table-operation'];
    expect(citationProblems(good)).toEqual([]);
    expect(citationProblems({ ...good, references: [scyllaIssue(5036)] })).toContain('no ScyllaDB source file and function among the references');
    expect(citationProblems({ ...good, references: [{ text: 'scylladb/scylladb alternator/executor.cc f', url: 'http://x' }] })).toContain('not an https link: http://x');
    expect(citationProblems({ ...good, references: [] as unknown as Emulation['references'] })).toContain('no reference');
    expect(citationProblems({ ...good, holds: { product: 'scylladb', since: '2026.1.0', until: '2025.1.0' } })).toEqual(['until 2025.1.0 is not after since 2026.1.0']);
    expect(citationProblems({ ...good, references: [scyllaSource('alternator/executor.cc', 'executor::get_item')], holds: { product: 'scylladb', since: 'someday' } })).toEqual(['unreadable since: someday']);
  });

  it('every front-door module names the emulations it follows, each registered; every entry is used by some code', () => {
    const named = new Set<string>();
    for (const m of modules()) {
      const ids = namedIn(m.text);
      expect(ids.length, `${m.file} emulates Alternator without naming its entry in emulations.ts (emulates('<id>'))`).toBeGreaterThan(0);
      for (const id of ids) {
        expect(EMULATION_IDS, `${m.file} names '${id}'`).toContain(id);
        named.add(id);
      }
    }
    expect(EMULATION_IDS.filter((id) => !named.has(id)), 'entries no code names').toEqual([]);
  });

  it('the module check fails on a rule module that names no emulation', () => {
    expect(namedIn("export function ruleWithoutCitation(b: Body) { return b.x ? 'refused' : undefined; }")).toEqual([]);
    expect(namedIn("export function rule(b: Body) { emulates('tag-rules'); }")).toEqual(['tag-rules']);
  });
});

describe('a live local front door', () => {
  let d: Deployment | undefined;
  afterAll(() => d?.stop());

  it("uses only registered emulations, and counts BatchGetItem only globally (executor_read.cc executor::batch_get_item)", async () => {
    const variant = Variant.parse({ name: 'emulations', alternator: { insecureDisableAuthorization: true, insecureEnableHTTP: true }, versions: { scylla: '2026.2.4', operator: 'v1.21.1' } });
    const silent = { step() {}, done() {}, warn() {}, waiting() {} };
    d = await createLocalTarget().deploy(variant, { runId: 'emulations', reportsDir: '/tmp/alte2e-emulations', progress: silent as never, signal: new AbortController().signal, failOnLiftedLimitation: false });
    const dc = d.endpoint.datacenters[0]!;
    const call = async (op: string, body: unknown) =>
      fetch(dc.httpUrl!, { method: 'POST', headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `DynamoDB_20120810.${op}` }, body: typeof body === 'string' ? body : JSON.stringify(body) });
    const t = 'emulations_t';
    expect((await call('CreateTable', { TableName: t, KeySchema: [{ AttributeName: 'p', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'p', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST' })).status).toBe(200);
    expect((await call('PutItem', { TableName: t, Item: { p: { S: 'a' } } })).status).toBe(200);
    expect((await call('BatchGetItem', { RequestItems: { [t]: { Keys: [{ p: { S: 'a' } }, { p: { S: 'b' } }] } } })).status).toBe(200);
    // Where the emulation did more than ScyllaDB, it now refuses as ScyllaDB does (ttl.cc update_time_to_live; executor.cc is_legal_tag_char).
    const ttl = await call('UpdateTimeToLive', { TableName: t, TimeToLiveSpecification: { Enabled: true, AttributeName: '' } });
    expect(await ttl.json()).toMatchObject({ message: 'The length of AttributeName must be between 1 and 255' });
    const arn = ((await (await call('DescribeTable', { TableName: t })).json()) as { Table: { TableArn: string } }).Table.TableArn;
    const tag = await call('TagResource', { ResourceArn: arn, Tags: [{ Key: 'owner@example', Value: 'x' }] });
    expect(await tag.json()).toMatchObject({ message: 'A tag Key can only contain letters, spaces, and [+-=._:/]' });
    const bad = await call('PutItem', '{not json');
    expect(await bad.json()).toMatchObject({ message: expect.stringMatching(/^Parsing JSON failed: /) });
    const metrics = await (await fetch(dc.metricsUrls![0]!)).text();
    expect(metrics).toContain('scylla_alternator_operation{op="BatchGetItem",shard="0"} 1');
    expect(metrics).toContain('scylla_alternator_batch_item_count{op="BatchGetItem",shard="0"} 2');
    expect(metrics).toContain(`scylla_alternator_table_operation{op="PutItem",cf="${t}",ks="alternator_${t}"} 1`);
    expect(metrics).not.toContain('scylla_alternator_table_operation{op="BatchGetItem"');
    expect(metrics).not.toContain('scylla_alternator_table_batch_item_count{op="BatchGetItem"');
    const used = usedEmulations();
    for (const id of ['batch-get-unbounded', 'json-parse-error', 'error-envelope', 'ttl-configuration', 'tag-rules', 'metrics-operation', 'metrics-table-operation', 'metrics-batch-item-count'] as const) expect(used).toContain(id);
    for (const id of used) expect(citationProblems(EMULATIONS[id]), id).toEqual([]);
  });
});
