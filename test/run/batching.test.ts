// A target that can hold only a few variants at once gets them in batches: deploy, test, stop, next.
import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { executeRun } from '../../harness/run/run.ts';
import { loadProfile } from '../../harness/variant/profile.ts';
import type { Target, Deployment } from '../../harness/targets/target.ts';
import { silentProgress } from '../../harness/util/progress.ts';
import { ProvisionError } from '../../harness/util/errors.ts';
import { Writable } from 'node:stream';

function fakeTarget(maxLive: number, failing: string[] = []) {
  let live = 0;
  const events: string[] = [];
  const stats = { peak: 0, events };
  const target: Target = {
    name: 'kind',
    maxLiveDeployments: maxLive,
    supports: () => ({ ok: true }),
    plan: async () => [],
    async deploy(v): Promise<Deployment> {
      if (failing.includes(v.name)) throw Object.assign(new ProvisionError('never became Available', 'rollout'), { diagnosticsDir: `/diag/${v.name}` });
      live++;
      stats.peak = Math.max(stats.peak, live);
      events.push(`deploy ${v.name}`);
      return {
        endpoint: { variant: v, datacenters: [] } as unknown as Deployment['endpoint'],
        stop: async () => {
          live--;
          events.push(`stop ${v.name}`);
        },
      };
    },
  };
  return { target, stats };
}

const sink = new Writable({ write: (_c, _e, cb) => cb() });

function runSmoke(target: Target) {
  const profile = loadProfile('smoke');
  const run = executeRun({
    profile,
    variants: profile.variants,
    suites: [],
    target,
    reportsDir: mkdtempSync(join(tmpdir(), 'alte2e-batch-')),
    progress: silentProgress,
    signal: new AbortController().signal,
    out: sink,
  });
  return { profile, run };
}

describe('batched deployments', () => {
  it('never holds more than maxLiveDeployments variants, and deploys and stops every one', async () => {
    const { target, stats } = fakeTarget(2);
    const { profile, run } = runSmoke(target);
    const r = await run;
    expect(stats.peak).toBe(2);
    for (const v of profile.variants) {
      expect(stats.events).toContain(`deploy ${v.name}`);
      expect(stats.events).toContain(`stop ${v.name}`);
    }
    // Batch 1 is stopped before batch 2 is deployed.
    expect(stats.events.indexOf(`stop ${profile.variants[0]!.name}`)).toBeLessThan(stats.events.indexOf(`deploy ${profile.variants[2]!.name}`));
    expect(r.exitCode).toBe(0);
  });

  it('records a failed deployment with its diagnostics directory, and goes on with the others (exit 1)', async () => {
    const { target, stats } = fakeTarget(2, ['defaults']);
    const { profile, run } = runSmoke(target);
    const r = await run;
    const failed = r.result.variants.find((v) => v.name === 'defaults')!;
    expect(failed.provisioning).toMatchObject({ status: 'failed', step: 'rollout' });
    expect(failed.diagnosticsDir).toBe('/diag/defaults');
    expect(stats.events.filter((e) => e.startsWith('deploy'))).toHaveLength(profile.variants.length - 1);
    expect(r.exitCode).toBe(1);
  });
});
