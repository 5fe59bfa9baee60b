// Expansion of the spec.alternator option matrix into variants: in full (cartesian) or pairwise
// (every pair of option values appears in at least one variant), deterministically.

export type Factor = { name: string; values: readonly string[] };
export type Combination = Record<string, string>;

export function cartesian(factors: readonly Factor[]): Combination[] {
  return factors.reduce<Combination[]>(
    (acc, f) => acc.flatMap((c) => f.values.map((v) => ({ ...c, [f.name]: v }))),
    [{}],
  );
}

const pairKey = (i: number, vi: string, j: number, vj: string) => `${i}=${vi}|${j}=${vj}`;

/** Every pair of values of two different factors, as keys. */
export function allPairs(factors: readonly Factor[]): Set<string> {
  const pairs = new Set<string>();
  factors.forEach((fi, i) =>
    factors.forEach((fj, j) => {
      if (j <= i) return;
      for (const vi of fi.values) for (const vj of fj.values) pairs.add(pairKey(i, vi, j, vj));
    }),
  );
  return pairs;
}

export function pairsCoveredBy(factors: readonly Factor[], combos: readonly Combination[]): Set<string> {
  const covered = new Set<string>();
  for (const c of combos)
    factors.forEach((fi, i) =>
      factors.forEach((fj, j) => {
        if (j > i) covered.add(pairKey(i, c[fi.name]!, j, c[fj.name]!));
      }),
    );
  return covered;
}

/**
 * Greedy pairwise (AETG-style, without randomness): each new combination is seeded with the first
 * uncovered pair and completed factor by factor with the value that covers the most uncovered pairs.
 */
export function pairwise(factors: readonly Factor[]): Combination[] {
  if (factors.length < 2) return cartesian(factors);
  const uncovered = allPairs(factors);
  const result: Combination[] = [];
  while (uncovered.size > 0) {
    const [seed] = uncovered;
    const [a, b] = seed!.split('|').map((s) => s.split('=')) as [[string, string], [string, string]];
    const chosen = new Map<number, string>([
      [Number(a[0]), a[1]],
      [Number(b[0]), b[1]],
    ]);
    factors.forEach((f, k) => {
      if (chosen.has(k)) return;
      let best = f.values[0]!;
      let bestGain = -1;
      for (const v of f.values) {
        let gain = 0;
        for (const [i, vi] of chosen) gain += uncovered.has(i < k ? pairKey(i, vi, k, v) : pairKey(k, v, i, vi)) ? 1 : 0;
        if (gain > bestGain) [best, bestGain] = [v, gain];
      }
      chosen.set(k, best);
    });
    const combo: Combination = {};
    factors.forEach((f, k) => (combo[f.name] = chosen.get(k)!));
    for (const p of pairsCoveredBy(factors, [combo])) uncovered.delete(p);
    result.push(combo);
  }
  return result;
}

/**
 * The fewest combinations that hold every value of every factor at least once (combination i takes value
 * i mod n of each factor): with an axis value fixed, it pairs that value with every option value.
 */
export function eachChoice(factors: readonly Factor[]): Combination[] {
  const n = Math.max(0, ...factors.map((f) => f.values.length));
  return Array.from({ length: n }, (_, i) => Object.fromEntries(factors.map((f) => [f.name, f.values[i % f.values.length]!])));
}

/**
 * An extra axis (e.g. ScyllaDB versions) over a matrix: `base` is the matrix at the axis's first value; every other
 * value comes with each-choice combinations of the factors, so each (axis value, option value) pair is covered.
 */
export function withAxis(base: readonly Combination[], factors: readonly Factor[], axis: Factor): Combination[] {
  const [first, ...others] = axis.values;
  if (first === undefined) return [...base];
  return [...base.map((c) => ({ ...c, [axis.name]: first })), ...others.flatMap((v) => eachChoice(factors).map((c) => ({ ...c, [axis.name]: v })))];
}
