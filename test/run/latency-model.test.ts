import { describe, expect, it } from 'vitest';
import { DEFAULT_LATENCY, describePrediction, predictSuiteTime } from '../../harness/run/latency-model.ts';

describe('predictSuiteTime', () => {
  it('charges each schema change, each LWT write and each request its constant, and adds the waits', () => {
    const c = { schemaChangeSeconds: 1, lwtRoundSeconds: 0.5, requestRoundTripSeconds: 0.01, lwtWriteShare: 1 };
    const p = predictSuiteTime({ CreateTable: 2, DeleteTable: 2, TagResource: 1, PutItem: 10, GetItem: 85 }, 3000, c);
    expect(p.schemaChangeSeconds).toBe(5);
    expect(p.lwtSeconds).toBe(5);
    expect(p.requestSeconds).toBeCloseTo(1);
    expect(p.waitSeconds).toBe(3);
    expect(p.totalSeconds).toBeCloseTo(14);
  });

  it('charges no LWT when writes do not use it, and fewer schema changes cost less', () => {
    const noLwt = predictSuiteTime({ PutItem: 100 }, 0, { ...DEFAULT_LATENCY, lwtWriteShare: 0 });
    expect(noLwt.lwtSeconds).toBe(0);
    const before = predictSuiteTime({ CreateTable: 110, DeleteTable: 110 });
    const after = predictSuiteTime({ CreateTable: 40, DeleteTable: 40 });
    expect(after.schemaChangeSeconds).toBeLessThan(before.schemaChangeSeconds);
    expect(describePrediction('defaults', after)).toContain('defaults: predicted');
  });
});

describe('which writes go through LWT', () => {
  it('every write under always_use_lwt (and the operator default, an empty writeIsolation); none that can be counted otherwise', async () => {
    const { lwtWriteShareFor } = await import('../../harness/run/latency-model.ts');
    expect([undefined, 'always_use_lwt', 'always', 'a'].map(lwtWriteShareFor)).toEqual([1, 1, 1, 1]);
    expect(['only_rmw_uses_lwt', 'forbid_rmw', 'unsafe_rmw'].map(lwtWriteShareFor)).toEqual([0, 0, 0]);
  });
});
