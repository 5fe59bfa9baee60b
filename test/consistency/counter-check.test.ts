import { describe, expect, it } from 'vitest';
import { checkCounters, renderCounterReport } from '../../harness/consistency/counter-check.ts';
import { cas, history, read, write } from './build.ts';

describe('checkCounters', () => {
  it('flags a lost update and the lower bound it breaks', () => {
    const a = cas(0, 'k', null, 1, [2, 5]);
    const b = cas(1, 'k', null, 1, [3, 6]);
    const h = history(read(0, 'k', null, [0, 1]), read(1, 'k', null, [0, 1]), a, b, read(2, 'k', 1, [7, 8]));
    const r = checkCounters(h);
    expect(r.ok).toBe(false);
    expect(r.counts).toMatchObject({ keys: 1, checkedKeys: 1, lostUpdates: 1, boundViolations: 1, cas: { ok: 2, fail: 0, unknown: 0 } });
    expect(r.findings.find((f) => f.kind === 'lost-update')).toMatchObject({ key: 'k', count: 1, opIds: [a.id, b.id] });
    expect(r.findings.find((f) => f.kind === 'below-successes')).toMatchObject({ count: 1 });
    expect(renderCounterReport(r)).toMatch(/ANOMALIES.*1 lost update/);
  });

  it('counts every extra winner from one version', () => {
    const h = history(cas(0, 'k', 3, 4, [0, 1]), cas(1, 'k', 3, 4, [0, 1]), cas(2, 'k', 3, 4, [0, 1]), cas(3, 'k', 4, 5, [2, 3]));
    expect(checkCounters(h).counts.lostUpdates).toBe(2);
  });

  it('flags a final value above the attempted increments', () => {
    const h = history(cas(0, 'k', null, 1, [0, 1]), cas(0, 'k', 1, 2, [2, 3], 'fail'), read(1, 'k', 2, [4, 5]));
    const r = checkCounters(h);
    expect(r.findings.map((f) => f.kind)).toEqual(['above-attempts']);
  });

  it('counts unknown increments as attempts, failed ones as not applied', () => {
    const h = history(
      cas(0, 'k', null, 1, [0, 1]),
      cas(0, 'k', 1, 2, [2, 3], 'unknown'),
      cas(1, 'k', 1, 2, [2, 4], 'fail'),
      read(2, 'k', 2, [5, 6]),
    );
    const r = checkCounters(h);
    expect(r.ok).toBe(true);
    expect(r.counts.cas).toEqual({ ok: 1, fail: 1, unknown: 1 });
    expect(r.findings).toEqual([]);
  });

  it('skips, and says why, keys the counter discipline does not cover', () => {
    const h = history(
      write(0, 'w', 5, [0, 1]),
      cas(0, 'down', 5, 4, [0, 1]),
      cas(0, 'noFinal', null, 1, [0, 3]),
      read(1, 'noFinal', 1, [2, 4]), // overlaps the CAS: not a final read
    );
    const r = checkCounters(h);
    expect(r.ok).toBe(true);
    expect(r.counts.checkedKeys).toBe(1);
    expect(r.findings.map((f) => [f.key, f.kind])).toEqual([
      ['w', 'not-applicable'],
      ['down', 'not-applicable'],
      ['noFinal', 'not-applicable'],
    ]);
    expect(r.findings[2]!.message).toMatch(/no read after/);
  });
});
