import { describe, it, expect } from 'vitest';
import { renderJUnit } from '../../harness/report/junit.ts';
import type { RunResult } from '../../harness/report/results.ts';
import { validateJUnit } from '../helpers/junit-schema.ts';

const run: RunResult = {
  schemaVersion: 1,
  runId: 'r1',
  profile: 'smoke',
  target: 'kind',
  startedAt: '2026-11-25T10:00:00.000Z',
  interrupted: false,
  variants: [
    {
      name: 'v1',
      target: 'kind',
      options: { alternator: { writeIsolation: 'forbid_rmw' }, datacenters: ['dc1'] },
      versions: { scylla: '2026.2.4', operator: 'v1.21.1' },
      diagnosticsDir: 'reports/r1/diagnostics/v1',
      suites: [
        {
          variant: 'v1',
          suite: 'api/items',
          file: 'api/items.test.ts',
          durationMs: 1234,
          cases: [
            { name: 'a > passes', status: 'passed', outcome: 'passed', durationMs: 5 },
            { name: 'a > fails <&> "quoted"', status: 'failed', outcome: 'failed', durationMs: 7, failure: { message: 'expected 1\u001b[31m to be 2\u0007', details: 'stack' } },
            { name: 'a > n/a', status: 'skipped', outcome: 'not-applicable', durationMs: 0, reason: 'not applicable: no streams' },
            { name: 'a > lim', status: 'passed', outcome: 'limitation-reproduced', durationMs: 1, reason: 'ref', notes: [{ type: 'limitation-reproduced', message: 'x' }] },
          ],
        },
      ],
    },
    { name: 'v2', target: 'kind', options: {}, versions: {}, provisioning: { status: 'failed', message: 'ScyllaCluster never became Available', step: 'rollout' }, suites: [] },
    { name: 'v3', target: 'kind', options: {}, versions: {}, provisioning: { status: 'not-applicable', message: 'not applicable: multi-DC' }, suites: [] },
  ],
};

describe('JUnit XML', () => {
  const xml = renderJUnit(run);

  it('validates against the published JUnit schema (Jenkins xUnit junit-10.xsd) with a real validator', async () => {
    const r = await validateJUnit(xml);
    expect(r.errors).toEqual([]);
    expect(r.valid).toBe(true);
  });

  it('the validator rejects a document that breaks the schema (it is not a rubber stamp)', async () => {
    const broken = xml.replace('<testcase classname="v1.api.items" name="a &gt; passes"', '<testcase classname="v1.api.items"');
    expect((await validateJUnit(broken)).valid).toBe(false);
  });

  it('has one testsuite per (variant, suite file) and classname <variant>.<suite>', () => {
    expect(xml).toContain('<testsuite name="v1/api/items"');
    expect(xml).toContain('classname="v1.api.items"');
  });

  it('carries target, variant options, versions and run id as properties', () => {
    for (const p of ['name="run.id" value="r1"', 'name="target" value="kind"', 'name="variant.alternator" value="{&quot;writeIsolation&quot;:&quot;forbid_rmw&quot;}"', 'name="version.scylla" value="2026.2.4"'])
      expect(xml).toContain(p);
  });

  it('gives every skip its reason and names where diagnostics are', () => {
    expect(xml).toContain('<skipped message="not applicable: no streams"/>');
    expect(xml).toContain('<skipped message="not applicable: multi-DC"/>');
    expect(xml).toContain('diagnostics: reports/r1/diagnostics/v1');
  });

  it('shows provisioning failures as an error of the variant lifecycle', () => {
    expect(xml).toMatch(/<testsuite name="v2\/lifecycle"[^>]*errors="1"/);
    expect(xml).toContain('rollout: ScyllaCluster never became Available');
  });

  it('marks limitation outcomes and strips control characters', () => {
    expect(xml).toContain('outcome: limitation-reproduced');
    expect(xml).not.toMatch(/[\u0000-\u0008\u001b]/);
  });
});
