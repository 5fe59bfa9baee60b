import { describe, expect, it } from 'vitest';
import type { History, Op } from '../../harness/consistency/history.ts';
import { checkLinearizability, renderLinearizabilityReport, type Witness } from '../../harness/consistency/linearizability.ts';
import { generateValidHistory } from '../../harness/consistency/synthetic.ts';
import { cas, history, read, write } from './build.ts';

/** A witness must itself fail the check (it is the proof), under the initial state it claims. */
function expectSoundWitness(w: Witness | undefined): Witness {
  expect(w).toBeDefined();
  expect(checkLinearizability(w!.ops, { initial: w!.initial, shrink: false }).valid).toBe(false);
  return w!;
}

describe('flags non-linearizable histories', () => {
  it('a lost update: two CAS succeed from the same version', () => {
    const h = history(
      read(0, 'k', null, [0, 1]),
      read(1, 'k', null, [0, 1]),
      cas(0, 'k', null, 1, [2, 5]),
      cas(1, 'k', null, 1, [3, 6]),
      read(0, 'k', 1, [7, 8]),
    );
    const r = checkLinearizability(h);
    expect(r.valid).toBe(false);
    const w = expectSoundWitness(r.failures[0]?.witness);
    expect(w.ops.map((o) => o.f)).toEqual(['cas', 'cas']);
    expect(w.text).toMatch(/cas\(nil→1\)/);
  });

  it('a stale read: the read starts after a newer write completed', () => {
    const stale = read(2, 'k', 1, [6, 7]);
    const h = history(write(0, 'k', 1, [0, 1]), write(1, 'k', 2, [2, 3]), read(0, 'k', 2, [3.5, 4]), stale);
    const r = checkLinearizability(h);
    expect(r.valid).toBe(false);
    const w = expectSoundWitness(r.failures[0]?.witness);
    expect(w.ops).toContain(stale);
    expect(w.ops.length).toBeLessThanOrEqual(2);
  });

  it('an impossible order: reads see 2, then 1, then 2 of two concurrent writes', () => {
    const h = history(
      write(0, 'k', 1, [0, 10]),
      write(1, 'k', 2, [0, 10]),
      read(2, 'k', 2, [1, 2]),
      read(2, 'k', 1, [3, 4]),
      read(2, 'k', 2, [5, 6]),
    );
    const r = checkLinearizability(h);
    expect(r.valid).toBe(false);
    expect(expectSoundWitness(r.failures[0]?.witness).ops.length).toBe(5);
  });

  it('an effect observed before its call, a value from nowhere, a CAS failing on a matching value', () => {
    const early = history(read(0, 'k', 5, [0, 1]), write(1, 'k', 5, [2, 3], 'unknown'));
    const nowhere = history(write(0, 'k', 1, [0, 1]), read(1, 'k', 3, [2, 3]));
    const wrongFail = history(write(0, 'k', 1, [0, 1]), cas(1, 'k', 1, 2, [2, 3], 'fail'));
    for (const h of [early, nowhere, wrongFail]) expect(checkLinearizability(h).valid).toBe(false);
  });

  it('an unknown write takes effect at most once', () => {
    const h = history(
      write(0, 'k', 1, [0, 1], 'unknown'),
      read(1, 'k', 1, [2, 3]),
      write(1, 'k', 2, [4, 5]),
      read(1, 'k', 1, [6, 7]),
    );
    expect(checkLinearizability(h).valid).toBe(false);
  });

  it('only the broken key fails (keys are checked independently)', () => {
    const h = history(
      cas(0, 'bad', null, 1, [0, 2]),
      cas(1, 'bad', null, 1, [1, 3]),
      cas(0, 'good', null, 1, [3, 4]),
      read(1, 'good', 1, [5, 6]),
    );
    const r = checkLinearizability(h);
    expect(r.failures.map((f) => f.key)).toEqual(['bad']);
    expect(r.keys.find((k) => k.key === 'good')?.valid).toBe(true);
    expect(renderLinearizabilityReport(r)).toMatch(/NOT linearizable.*\n.*key bad/);
  });

  it('an initial state other than the one given fails; `any` accepts it', () => {
    const h = history(read(0, 'k', 4, [0, 1]), cas(0, 'k', 4, 5, [2, 3]));
    expect(checkLinearizability(h).valid).toBe(false);
    expect(checkLinearizability(h, { initial: 4 }).valid).toBe(true);
    expect(checkLinearizability(h, { initial: 'any' }).valid).toBe(true);
  });

  it('says unknown, not true, when the search budget runs out', () => {
    const h = generateValidHistory({ ops: 200, keys: 1, processes: 4, seed: 9 });
    expect(checkLinearizability(h, { maxSteps: 10 }).valid).toBe('unknown');
  });
});

describe('accepts linearizable histories', () => {
  it('overlapping writes observed in either order', () => {
    const order12 = history(write(0, 'k', 1, [0, 4]), write(1, 'k', 2, [1, 5]), read(2, 'k', 1, [1, 2]), read(2, 'k', 2, [3, 6]));
    const order21 = history(write(0, 'k', 1, [0, 4]), write(1, 'k', 2, [1, 5]), read(2, 'k', 2, [1, 2]), read(2, 'k', 1, [3, 6]));
    expect(checkLinearizability(order12).valid).toBe(true);
    expect(checkLinearizability(order21).valid).toBe(true);
  });

  it('concurrent CAS where one wins and one fails, in either order', () => {
    for (const winner of [0, 1]) {
      const h = history(
        cas(0, 'k', null, 1, [0, 3], winner === 0 ? 'ok' : 'fail'),
        cas(1, 'k', null, 2, [1, 4], winner === 1 ? 'ok' : 'fail'),
        read(2, 'k', winner === 0 ? 1 : 2, [5, 6]),
      );
      expect(checkLinearizability(h).valid).toBe(true);
    }
  });

  it('unknown ops that did, did not, or did late take effect', () => {
    const took = history(cas(0, 'k', null, 1, [0, 1], 'unknown'), read(1, 'k', 1, [2, 3]));
    const didNot = history(cas(0, 'k', null, 1, [0, 1], 'unknown'), read(1, 'k', null, [2, 3]), cas(1, 'k', null, 2, [4, 5]));
    const late = history(write(0, 'k', 5, [0, 1], 'unknown'), read(1, 'k', null, [50, 51]), read(1, 'k', 5, [100, 101]));
    for (const h of [took, didNot, late]) expect(checkLinearizability(h).valid).toBe(true);
  });

  it('treats equal timestamps as concurrent', () => {
    expect(checkLinearizability(history(write(0, 'k', 1, [0, 1]), read(1, 'k', null, [1, 2]))).valid).toBe(true);
  });

  it('generated valid histories with unknowns and writes, for many seeds', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const h = generateValidHistory({ ops: 400, keys: 3, processes: 6, seed, unknownRate: 0.05, writeRatio: 0.1 });
      const r = checkLinearizability(h);
      expect(r.valid, `seed ${seed}`).toBe(true);
    }
  });
});

describe('the smallest offending sub-history', () => {
  const longHistory = (seed: number): History => generateValidHistory({ ops: 1000, keys: 1, processes: 8, seed });

  it('a lost update injected into a long history shrinks to a handful of ops around it', () => {
    const h = longHistory(11);
    // A failed CAS turned successful: another CAS already won from the same version, so one update is lost.
    const victims = h.filter((o) => o.f === 'cas' && o.outcome === 'fail');
    const flipped = victims[victims.length >> 1] as Op;
    expect(flipped).toBeDefined();
    const bad = h.map((o) => (o === flipped ? { ...o, outcome: 'ok' as const } : o));
    const r = checkLinearizability(bad);
    expect(r.valid).toBe(false);
    const w = expectSoundWitness(r.failures[0]?.witness);
    expect(w.ops.map((o) => o.id)).toContain(flipped.id);
    expect(w.ops.length).toBeLessThanOrEqual(4);
    expect(w.minimal).toBe(true);
  });

  it('says when the shrink budget ran out, and what it has is still a proof', () => {
    const h = history(write(0, 'k', 1, [0, 1]), write(1, 'k', 2, [2, 3]), read(2, 'k', 1, [4, 5]), read(2, 'k', 2, [6, 7]));
    const w = expectSoundWitness(checkLinearizability(h, { shrink: { maxChecks: 1 } }).failures[0]?.witness);
    expect(w.minimal).toBe(false);
    expect(w.searches).toBe(1);
  });

  it('a corrupted read in a long history shrinks to at most 3 ops including it', () => {
    const h = longHistory(12);
    const reads = h.filter((o) => o.f === 'read' && o.outcome === 'ok');
    const target = reads[reads.length >> 1] as Op;
    expect(target).toBeDefined();
    const bad = h.map((o) => (o === target ? { ...o, value: -7 } : o));
    const w = expectSoundWitness(checkLinearizability(bad).failures[0]?.witness);
    expect(w.ops.map((o) => o.id)).toContain(target.id);
    expect(w.ops.length).toBeLessThanOrEqual(3);
  });

  it('never drops the write a remaining read saw', () => {
    // Dropping write(1) alone would make the first read of 1 look impossible and blame it; the witness must be the
    // stale second read against write(2).
    const stale = read(1, 'k', 1, [6, 7]);
    const h = history(write(0, 'k', 1, [0, 2]), read(1, 'k', 1, [1, 3]), write(0, 'k', 2, [4, 5]), stale);
    const w = expectSoundWitness(checkLinearizability(h).failures[0]?.witness);
    expect(w.ops).toContain(stale);
    expect(w.text).toMatch(/write\(2\)/);
  });

  it('never cuts the prefix through a write that straddles the cut', () => {
    const stale = read(2, 'k', 1, [4, 5]);
    const h = history(
      // The real anomaly: a stale read.
      write(0, 'k', 1, [0, 1]),
      write(0, 'k', 2, [2, 3]),
      stale,
      // Linearizable: 10 lands first, then 11. Cutting at 13 would keep the long write(10) and drop write(11),
      // making the reads of 11 after it look impossible: a witness that blames innocent ops.
      write(1, 'k', 10, [10, 20]),
      write(0, 'k', 11, [11, 12]),
      read(2, 'k', 11, [13, 14]),
      read(2, 'k', 11, [21, 22]),
      read(2, 'k', 11, [23, 24]),
      read(2, 'k', 11, [25, 26]),
      read(2, 'k', 11, [27, 28]),
    );
    const w = expectSoundWitness(checkLinearizability(h).failures[0]?.witness);
    expect(w.ops).toContain(stale);
    expect(w.ops.every((o) => o.invoke < 10)).toBe(true);
  });
});
