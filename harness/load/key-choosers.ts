// Which record an operation touches: uniform, or YCSB's zipfian (Gray et al., "Quickly generating
// billion-record synthetic databases", theta 0.99 as in YCSB's ZipfianGenerator). YCSB's request
// distribution "zipfian" scatters the popular items over the key space (ScrambledZipfianGenerator, by
// FNV hash); here a seeded bijection of [0, n) scatters them, so the rank frequencies stay exactly zipfian.
import type { Rng } from './rng.ts';

export type Distribution = 'uniform' | 'zipfian';
export const DISTRIBUTIONS: readonly Distribution[] = ['uniform', 'zipfian'];

/** YCSB's ZIPFIAN_CONSTANT. */
export const ZIPFIAN_THETA = 0.99;

export interface KeyChooser {
  /** A record number in [0, recordCount). */
  next(): number;
}

export function uniformChooser(recordCount: number, rng: Rng): KeyChooser {
  return { next: () => rng.int(recordCount) };
}

/** sum_{i=1..n} 1 / i^theta */
export function zeta(n: number, theta: number): number {
  let sum = 0;
  for (let i = 1; i <= n; i++) sum += 1 / Math.pow(i, theta);
  return sum;
}

const zetaCache = new Map<string, number>();
function cachedZeta(n: number, theta: number): number {
  const k = `${n}/${theta}`;
  let z = zetaCache.get(k);
  if (z === undefined) zetaCache.set(k, (z = zeta(n, theta)));
  return z;
}

/** Zipfian ranks: rank 0 is the most popular. */
export function zipfianRanks(n: number, rng: Rng, theta = ZIPFIAN_THETA): KeyChooser {
  if (n < 1) throw new RangeError('zipfian needs at least one item');
  const zetan = cachedZeta(n, theta);
  const zeta2 = cachedZeta(2, theta);
  const alpha = 1 / (1 - theta);
  const eta = (1 - Math.pow(2 / n, 1 - theta)) / (1 - zeta2 / zetan);
  const half = 1 + Math.pow(0.5, theta);
  return {
    next() {
      const u = rng.next();
      const uz = u * zetan;
      if (uz < 1) return 0;
      if (uz < half) return Math.min(1, n - 1);
      return Math.min(n - 1, Math.floor(n * Math.pow(eta * u - eta + 1, alpha)));
    },
  };
}

// Primes between 2^20 and 2^21: A * x stays below 2^53 for any x < 2^32, so the product is exact.
const SCATTER_PRIMES = [1048583, 1299709, 1500007, 1699997, 1888889, 2000003, 2097143];

/** A seeded bijection of [0, n): x -> (A*x + B) mod n with gcd(A, n) = 1. */
export function scatter(n: number, rng: Rng): (x: number) => number {
  const candidates = SCATTER_PRIMES.filter((p) => n % p !== 0);
  const a = candidates[rng.int(candidates.length)]!;
  const b = rng.int(n);
  return (x) => (((a % n) * x) % n + b) % n;
}

export function zipfianChooser(n: number, rng: Rng, theta = ZIPFIAN_THETA): KeyChooser {
  const ranks = zipfianRanks(n, rng, theta);
  const map = scatter(n, rng);
  return { next: () => map(ranks.next()) };
}

export function keyChooser(distribution: Distribution, recordCount: number, rng: Rng): KeyChooser {
  return distribution === 'uniform' ? uniformChooser(recordCount, rng) : zipfianChooser(recordCount, rng);
}
