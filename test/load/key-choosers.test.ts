import { describe, it, expect } from 'vitest';
import { seededRng, childSeed } from '../../harness/load/rng.ts';
import { zipfianRanks, zipfianChooser, uniformChooser, scatter, zeta, ZIPFIAN_THETA } from '../../harness/load/key-choosers.ts';

const draw = (next: () => number, n: number) => Array.from({ length: n }, next);

describe('seeded key choice', () => {
  it('is reproducible from the seed and differs between seeds and child seeds', () => {
    const a = draw(zipfianChooser(1000, seededRng(7)).next, 50);
    expect(draw(zipfianChooser(1000, seededRng(7)).next, 50)).toEqual(a);
    expect(draw(zipfianChooser(1000, seededRng(8)).next, 50)).not.toEqual(a);
    expect(childSeed(7, 0)).not.toBe(childSeed(7, 1));
  });

  it('uniform covers the key space evenly', () => {
    const n = 10;
    const counts = new Array(n).fill(0);
    for (const k of draw(uniformChooser(n, seededRng(1)).next, 100_000)) counts[k]++;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(600);
  });

  it('zipfian ranks follow 1 / (rank^theta * zeta(n)): exactly for ranks 0 and 1, closely in aggregate', () => {
    const n = 1000;
    const samples = 200_000;
    const counts = new Array(n).fill(0);
    for (const r of draw(zipfianRanks(n, seededRng(3)).next, samples)) counts[r]++;
    const z = zeta(n, ZIPFIAN_THETA);
    const expected = (rank: number) => samples / (Math.pow(rank + 1, ZIPFIAN_THETA) * z);
    const upTo = (k: number, f: (r: number) => number) => Array.from({ length: k }, (_, r) => f(r)).reduce((a, b) => a + b, 0);
    // Gray et al.'s generator (as in YCSB) is exact for the first two ranks and approximate beyond.
    for (const rank of [0, 1]) expect(Math.abs(counts[rank] - expected(rank)) / expected(rank)).toBeLessThan(0.03);
    for (const k of [10, 100]) expect(Math.abs(upTo(k, (r) => counts[r]) - upTo(k, expected)) / upTo(k, expected)).toBeLessThan(0.06);
    // A uniform draw would give rank 0 about samples / n.
    expect(counts[0]).toBeGreaterThan((20 * samples) / n);
  });

  it('scatter is a bijection of [0, n), so the zipfian chooser keeps rank frequencies', () => {
    for (const n of [1, 2, 97, 1000, 1048583 * 2]) {
      const f = scatter(n, seededRng(n));
      const size = Math.min(n, 5000);
      const seen = new Set<number>();
      let outside = 0;
      for (let x = 0; x < size; x++) {
        const y = f(x);
        if (!(y >= 0 && y < n && Number.isInteger(y))) outside++;
        seen.add(y);
      }
      expect(outside).toBe(0);
      expect(seen.size).toBe(size);
    }
  });

  it('zipfian spreads the popular records over the key space instead of the first ones', () => {
    const counts = new Map<number, number>();
    for (const k of draw(zipfianChooser(10_000, seededRng(11)).next, 50_000)) counts.set(k, (counts.get(k) ?? 0) + 1);
    const top = [...counts].sort((a, b) => b[1] - a[1]).slice(0, 10).map(([k]) => k);
    expect(top.filter((k) => k < 10).length).toBeLessThan(10);
  });
});
