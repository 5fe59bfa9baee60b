import { describe, it, expect } from 'vitest';
import { seededRng } from '../../harness/load/rng.ts';
import { keyChooser } from '../../harness/load/key-choosers.ts';
import { operationTemplates, BATCH_SIZE } from '../../harness/load/operations.ts';
import { stepSource, valuePool, parseWorkloadName, WORKLOADS, WORKLOAD_NAMES, type WorkloadName } from '../../harness/load/workloads.ts';
import { ConfigError } from '../../harness/util/errors.ts';

const shape = { table: 'e2e_load-a', fieldCount: 4, consistentRead: false };

function source(workload: WorkloadName, recordCount = 1000, seed = 5) {
  const rng = seededRng(seed);
  return stepSource({
    workload,
    templates: operationTemplates(shape),
    keys: keyChooser('zipfian', recordCount, rng),
    rng,
    fieldCount: shape.fieldCount,
    recordCount,
    values: valuePool(rng, 8),
  });
}

describe('workloads', () => {
  it.each(WORKLOAD_NAMES)('workload %s sends its operations in the YCSB proportions', (w) => {
    const next = source(w);
    const counts = new Map<string, number>();
    const n = w === 'batch' ? 2000 : 20_000;
    for (let i = 0; i < n; i++) {
      const s = next();
      counts.set(s.op, (counts.get(s.op) ?? 0) + 1);
    }
    for (const m of WORKLOADS[w].mix) expect(Math.abs((counts.get(m.op) ?? 0) / n - m.proportion)).toBeLessThan(0.015);
    expect([...counts.keys()].sort()).toEqual(WORKLOADS[w].mix.map((m) => m.op).sort());
  });

  it('prepared bodies are byte for byte what JSON.stringify makes of the SDK payload', () => {
    for (const w of WORKLOAD_NAMES) {
      const next = source(w);
      for (let i = 0; i < 50; i++)
        for (const c of next().calls) {
          const body = c.template.render(c.slots);
          expect(body).toBe(JSON.stringify(c.template.object(c.slots)));
          JSON.parse(body);
        }
    }
  });

  it('requests carry what each operation needs', () => {
    const bodies = (w: WorkloadName) => Array.from({ length: 40 }, () => source(w)()).flatMap((s) => s.calls.map((c) => [c.template.target, JSON.parse(c.template.render(c.slots))] as const));
    const [, cond] = bodies('conditional').find(([t]) => t === 'UpdateItem')!;
    expect(cond).toMatchObject({ TableName: 'e2e_load-a', ConditionExpression: 'attribute_exists(pk)', UpdateExpression: 'SET #f = :v' });
    expect(cond.ExpressionAttributeNames['#f']).toMatch(/^field[0-3]$/);
    const [, upd] = bodies('A').find(([t]) => t === 'UpdateItem')!;
    expect(upd.ConditionExpression).toBeUndefined();
    const rmw = source('F', 1000, 9);
    let step = rmw();
    while (step.op !== 'read-modify-write') step = rmw();
    expect(step.calls.map((c) => c.template.target)).toEqual(['GetItem', 'UpdateItem']);
    expect(step.calls[0]!.slots[0]).toBe(step.calls[1]!.slots[0]);
  });

  it('a batch names 25 distinct records, even in a small skewed key space', () => {
    const next = source('batch', 50);
    for (let i = 0; i < 200; i++) {
      const body = JSON.parse(next().calls[0]!.template.render(next().calls[0]!.slots));
      const items = body.RequestItems['e2e_load-a'] as Array<{ PutRequest: { Item: { pk: { S: string }; field0: { S: string } } } }>;
      expect(items).toHaveLength(BATCH_SIZE);
      expect(new Set(items.map((i) => i.PutRequest.Item.pk.S)).size).toBe(BATCH_SIZE);
      expect(items[0]!.PutRequest.Item.field0.S).toHaveLength(8);
    }
  });

  it('accepts the usual spellings of a workload and names the allowed ones otherwise', () => {
    expect(parseWorkloadName('a')).toBe('A');
    expect(parseWorkloadName('workload-f')).toBe('F');
    expect(parseWorkloadName('WorkloadC')).toBe('C');
    expect(parseWorkloadName('Conditional')).toBe('conditional');
    expect(() => parseWorkloadName('E', 'load.workloads[1]')).toThrow(ConfigError);
    expect(() => parseWorkloadName('E', 'load.workloads[1]')).toThrow(/load\.workloads\[1\].*allowed: A, B, C, F, conditional, batch/);
  });
});

describe('a profile\'s load phase', () => {
  it('is validated when the profile is read and becomes one LoadOptions per workload', async () => {
    const { parseProfile } = await import('../../harness/variant/profile.ts');
    const { loadOptionsFromPhase } = await import('../../harness/load/options.ts');
    const { endpointFor } = await import('./endpoint-fixture.ts');
    const yaml = (load: string) => `name: p\nversions: { scylla: 2026.1.0, operator: v1.20.0 }\nsuites: [api/items]\nvariants: [{ name: v1 }]\nload:\n${load}`;
    expect(() => parseProfile(yaml('  workloads: [A, E]\n'), 'p.yaml')).toThrow(/load\.workloads\[1\].*must be one of: A, B, C, F, conditional, batch/);
    const p = parseProfile(yaml('  workloads: [workload-a, conditional]\n  rate: 500\n  client: sdk\n  threads: 2\n'), 'p.yaml');
    const opts = loadOptionsFromPhase(p.load!, endpointFor('https://127.0.0.1:8043'));
    expect(opts.map((o) => [o.workload, o.rate, o.client, o.threads, o.concurrency, o.distribution])).toEqual([
      ['workload-a', 500, 'sdk', 2, 16, 'zipfian'],
      ['conditional', 500, 'sdk', 2, 16, 'zipfian'],
    ]);
  });
});
