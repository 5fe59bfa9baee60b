import { describe, it, expect } from 'vitest';
import { allPairs, cartesian, pairsCoveredBy, pairwise, type Factor } from '../../harness/variant/matrix.ts';
import { loadProfile } from '../../harness/variant/profile.ts';

const alternatorFactors: Factor[] = [
  { name: 'writeIsolation', values: ['always_use_lwt', 'only_rmw_uses_lwt', 'forbid_rmw', 'unsafe_rmw'] },
  { name: 'insecureEnableHTTP', values: ['true', 'false'] },
  { name: 'insecureDisableAuthorization', values: ['true', 'false'] },
  { name: 'servingCertificate', values: ['OperatorManaged', 'OperatorManagedAdditionalNames', 'UserManaged'] },
];

describe('matrix expansion', () => {
  it('cartesian yields every combination once', () => {
    const all = cartesian(alternatorFactors);
    expect(all).toHaveLength(48);
    expect(new Set(all.map((c) => JSON.stringify(c))).size).toBe(48);
  });

  it('pairwise covers every pair of option values, with far fewer variants (measured)', () => {
    const combos = pairwise(alternatorFactors);
    const need = allPairs(alternatorFactors);
    const got = pairsCoveredBy(alternatorFactors, combos);
    for (const p of need) expect(got.has(p), `pair ${p} not covered`).toBe(true);
    // The lower bound is 4 x 3 = 12 (the two largest factors); greedy should stay close to it.
    expect(combos.length).toBeGreaterThanOrEqual(12);
    expect(combos.length).toBeLessThanOrEqual(16);
    console.log(`pairwise: ${combos.length} variants cover all ${need.size} pairs (cartesian: 48)`);
  });

  it('pairwise is deterministic', () => {
    expect(pairwise(alternatorFactors)).toEqual(pairwise(alternatorFactors));
  });

  it.each([
    [[3, 3, 3, 3]],
    [[2, 2, 2, 2, 2, 2, 2]],
    [[5, 2, 4]],
    [[2, 7]],
  ])('pairwise covers every pair for factor sizes %j', (sizes) => {
    const factors = sizes.map((n, i) => ({ name: `f${i}`, values: Array.from({ length: n }, (_, k) => `v${k}`) }));
    const combos = pairwise(factors);
    const got = pairsCoveredBy(factors, combos);
    for (const p of allPairs(factors)) expect(got.has(p)).toBe(true);
    expect(combos.length).toBeLessThanOrEqual(cartesian(factors).length);
  });

  it('the nightly profile is the pairwise expansion of the operator-accepted values (9-12 variants, every pair covered)', () => {
    const nightly = loadProfile('nightly').variants.filter((v) => v.name.startsWith('pw-'));
    expect(nightly.length).toBeGreaterThanOrEqual(9);
    expect(nightly.length).toBeLessThanOrEqual(12);
    const seen = new Set<string>();
    for (const v of nightly) {
      const a = v.alternator;
      const cert = a.servingCertificate?.type === 'UserManaged' ? 'UM' : a.servingCertificate?.operatorManagedOptions ? 'OMX' : 'OM';
      const vals = [a.writeIsolation, String(a.insecureEnableHTTP), String(a.insecureDisableAuthorization), cert];
      for (let i = 0; i < vals.length; i++) for (let j = i + 1; j < vals.length; j++) seen.add(`${i}=${vals[i]}|${j}=${vals[j]}`);
    }
    expect(seen.size).toBe(3 * 2 + 3 * 2 + 3 * 3 + 2 * 2 + 2 * 3 + 2 * 3);
  });
});

describe('a version axis over a matrix (withAxis)', async () => {
  const { eachChoice, withAxis, cartesian } = await import('../../harness/variant/matrix.ts');
  const factors = [
    { name: 'w', values: ['a', 'b', 'c'] },
    { name: 'h', values: ['t', 'f'] },
  ];
  it('each choice: every value of every factor at least once, in as many combinations as the largest factor', () => {
    expect(eachChoice(factors)).toEqual([{ w: 'a', h: 't' }, { w: 'b', h: 'f' }, { w: 'c', h: 't' }]);
  });
  it('the base matrix on the first value; every other value paired with every option value', () => {
    const out = withAxis(cartesian(factors), factors, { name: 's', values: ['1', '2'] });
    expect(out.filter((c) => c.s === '1')).toHaveLength(6);
    const second = out.filter((c) => c.s === '2');
    expect(second).toHaveLength(3);
    for (const f of factors) expect(new Set(second.map((c) => c[f.name]))).toEqual(new Set(f.values));
  });
});
