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

describe('what bench:real and plan print', () => {
  const c = { schemaChangeSeconds: 1, lwtRoundSeconds: 0.5, requestRoundTripSeconds: 0.01, lwtWriteShare: 1 };

  it('says "waits not recorded" when the run recorded none, and leaves them out of the total', async () => {
    const { describeSplit } = await import('../../harness/run/latency-model.ts');
    const p = predictSuiteTime({ CreateTable: 1, DeleteTable: 1 }, undefined, c);
    expect(p.waitSeconds).toBeUndefined();
    expect(p.totalSeconds).toBeCloseTo(2.02);
    expect(describeSplit(p)).toBe('2.0 s (schema changes 2.0 s, LWT 0.0 s, requests 0.0 s, waits not recorded)');
    expect(describeSplit(predictSuiteTime({}, 1500, c))).toContain('waits 1.5 s');
  });

  it('variants at once: the workers share the work, a cluster agrees on its schema changes one after the other', async () => {
    const { concurrentSuiteSeconds } = await import('../../harness/run/latency-model.ts');
    const p = (schema: number, rest: number) => ({ totalSeconds: schema + rest, schemaChangeSeconds: schema, lwtSeconds: rest, requestSeconds: 0, waitSeconds: undefined });
    // 2 variants of 10 s work each on 4 workers: 5 s of work each, but one cluster's 8 s of schema changes serialize.
    expect(concurrentSuiteSeconds([p(8, 2), p(2, 8)], 4)).toBe(8);
    // Mostly requests: the work divides.
    expect(concurrentSuiteSeconds([p(1, 9), p(1, 9)], 2)).toBe(10);
    expect(concurrentSuiteSeconds([], 2)).toBe(0);
  });
});

describe('calibration: the schema-change latency a real run measured', () => {
  it('finds the latency that gives the measured suite time, with the other constants kept', async () => {
    const { fitSchemaChangeSeconds } = await import('../../harness/run/latency-model.ts');
    const c = { schemaChangeSeconds: 0.25, lwtRoundSeconds: 0, requestRoundTripSeconds: 0.01, lwtWriteShare: 1 };
    // One variant: 100 schema changes + 200 requests (2 s) measured at 52 s on 1 worker: 0.5 s a change.
    const one = { counts: { CreateTable: 50, DeleteTable: 50, GetItem: 100 }, waitedMs: 0, writeIsolation: undefined };
    expect(fitSchemaChangeSeconds([{ suiteSeconds: 52, workers: 1, variants: [one] }], c)).toBeCloseTo(0.5, 3);
    // Two such variants at once on 4 workers: the workers' share, 2 × (100 × s + 2 s) / 4, stays below each cluster's
    // 100 changes one after the other (100 × s), so 60 s measured means 0.6 s a change.
    expect(fitSchemaChangeSeconds([{ suiteSeconds: 60, workers: 4, variants: [one, one] }], c)).toBeCloseTo(0.6, 3);
    // Waits already longer than measured: 0; no schema change: nothing to fit.
    expect(fitSchemaChangeSeconds([{ suiteSeconds: 1, workers: 1, variants: [{ ...one, waitedMs: 5000 }] }], c)).toBe(0);
    expect(fitSchemaChangeSeconds([{ suiteSeconds: 10, workers: 1, variants: [{ counts: { GetItem: 5 }, waitedMs: 0, writeIsolation: undefined }] }], c)).toBeUndefined();
  });
});
