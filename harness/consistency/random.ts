// A small seeded PRNG (mulberry32): the workload, the synthetic generator and the checker's hashing must be
// reproducible from a seed, which Math.random is not.
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Integer in [0, n). */
export const pick = (rand: Random, n: number): number => Math.floor(rand() * n);
