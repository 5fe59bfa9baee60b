// The run hands vitest the target's suite workers for the variants live in each batch (the number the plan's
// estimate reads: harness/targets/kubernetes/resources.ts suiteWorkersFor), and records it per batch in results.json.
import { describe, expect, it, vi } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { executeRun } from '../../harness/run/run.ts';
import { loadProfile } from '../../harness/variant/profile.ts';
import type { Deployment, Target } from '../../harness/targets/target.ts';
import type { SuiteFile } from '../../harness/run/suites.ts';
import { silentProgress } from '../../harness/util/progress.ts';

const handed = vi.hoisted(() => [] as Array<{ variants: string[]; maxWorkers: number | undefined }>);
vi.mock('../../harness/run/vitest-runner.ts', () => ({
  runSuites: async (o: { endpoints: Array<{ variant: { name: string } }>; maxWorkers?: number }) => {
    handed.push({ variants: o.endpoints.map((e) => e.variant.name), maxWorkers: o.maxWorkers });
  },
}));

function target(suiteWorkers?: (live: number) => number): Target {
  return {
    name: 'kind',
    maxLiveDeployments: 2,
    ...(suiteWorkers ? { suiteWorkers } : {}),
    supports: () => ({ ok: true }),
    plan: async () => [],
    deploy: async (v) => ({ endpoint: { variant: v, datacenters: [] } as unknown as Deployment['endpoint'], stop: async () => {} }),
  };
}

async function run(t: Target) {
  handed.length = 0;
  const profile = loadProfile('smoke');
  const variants = profile.variants.slice(0, 3);
  const suites: SuiteFile[] = [{ id: 'api/items', file: '/nowhere/items.test.ts' }];
  const out = await executeRun({ profile, variants, suites, target: t, reportsDir: mkdtempSync(join(tmpdir(), 'ae2e-workers-')), progress: silentProgress, signal: new AbortController().signal, out: new Writable({ write: (_c, _e, cb) => cb() }) });
  return { variants, out };
}

describe('suite workers per batch', () => {
  it('a target that sizes them: each batch gets its number for the variants live', async () => {
    const { variants, out } = await run(target((live) => live * 10));
    expect(handed).toEqual([
      { variants: variants.slice(0, 2).map((v) => v.name), maxWorkers: 20 },
      { variants: [variants[2]!.name], maxWorkers: 10 },
    ]);
    expect(out.result.phases?.batches?.map((b) => b.suiteWorkers)).toEqual([20, 10]);
  });

  it('a target that does not: vitest\'s default, nothing recorded', async () => {
    const { out } = await run(target());
    expect(handed.map((h) => h.maxWorkers)).toEqual([undefined, undefined]);
    expect(out.result.phases?.batches?.map((b) => b.suiteWorkers)).toEqual([undefined, undefined]);
  });
});
