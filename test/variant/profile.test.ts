import { describe, it, expect } from 'vitest';
import { loadProfile, parseProfile, listProfiles } from '../../harness/variant/profile.ts';
import { promisesOf, Variant } from '../../harness/variant/model.ts';
import { ConfigError } from '../../harness/util/errors.ts';

const base = `name: t
versions: {scylla: 2026.2.4, operator: v1.21.1}
suites: [all]
`;

function configError(text: string): ConfigError {
  try {
    parseProfile(text, 'bad.yaml');
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return e as ConfigError;
  }
  throw new Error('profile was accepted');
}

describe('shipped profiles', () => {
  it('smoke, nightly and release exist and load', () => {
    expect(listProfiles()).toEqual(expect.arrayContaining(['smoke', 'nightly', 'release']));
    for (const p of ['smoke', 'nightly', 'release']) expect(loadProfile(p).variants.length).toBeGreaterThan(0);
  });

  it('smoke covers every spec.alternator option value at least once', () => {
    const ps = loadProfile('smoke').variants.map(promisesOf);
    expect(new Set(ps.map((p) => p.authorization))).toEqual(new Set(['enforced', 'disabled']));
    expect(new Set(ps.map((p) => p.httpEnabled))).toEqual(new Set([true, false]));
    expect(new Set(ps.map((p) => p.certificate))).toEqual(new Set(['OperatorManaged', 'UserManaged']));
    expect(ps.some((p) => p.additionalDNSNames.length > 0 && p.additionalIPAddresses.length > 0)).toBe(true);
    expect(new Set(ps.map((p) => p.writeIsolation ?? 'default'))).toEqual(
      new Set(['default', 'always_use_lwt', 'only_rmw_uses_lwt', 'forbid_rmw', 'unsafe_rmw']),
    );
    expect(ps.some((p) => p.datacenters.length > 1)).toBe(true);
  });

  it('release expands the full matrix of what the operator accepts: 3 x 2 x 2 x 3 = 36 variants plus multi-DC ones', () => {
    const r = loadProfile('release');
    expect(r.variants.filter((v) => v.name.startsWith('full-'))).toHaveLength(36);
    expect(r.variants.some((v) => v.topology.datacenters.length === 3)).toBe(true);
  });
});

describe('variant semantics (operator defaults, types_cluster.go)', () => {
  const v = (alternator: unknown) => Variant.parse({ name: 'x', alternator, versions: { scylla: '2026.2.4', operator: 'v1.21.1' } });
  it('alternator: {} means HTTPS only, authorization enforced, OperatorManaged certificate', () => {
    expect(promisesOf(v({}))).toMatchObject({ authorization: 'enforced', httpEnabled: false, certificate: 'OperatorManaged', writeIsolation: undefined });
  });
  it('the deprecated port without insecureDisableAuthorization disables authorization and serves HTTP', () => {
    expect(promisesOf(v({ port: 8000 }))).toMatchObject({ authorization: 'disabled', httpEnabled: true });
    expect(promisesOf(v({ port: 8000, insecureDisableAuthorization: false }))).toMatchObject({ authorization: 'enforced' });
  });
  it('short write isolation spellings ScyllaDB accepts are normalised', () => {
    expect(promisesOf(v({ writeIsolation: 'f' })).writeIsolation).toBe('forbid_rmw');
    expect(promisesOf(v({ writeIsolation: 'always' })).writeIsolation).toBe('always_use_lwt');
    expect(promisesOf(v({ writeIsolation: 'u' })).writeIsolation).toBe('unsafe_rmw');
  });
});

describe('bad input is rejected naming file, field, value and allowed values', () => {
  it('an unknown write isolation', () => {
    const e = configError(`${base}variants:\n  - name: a\n    alternator: {writeIsolation: sometimes}\n`);
    expect(e.message).toContain('bad.yaml');
    expect(e.message).toContain('variants[0].alternator.writeIsolation');
    expect(e.message).toContain('"sometimes"');
    expect(e.message).toContain('forbid_rmw');
  });
  it('a write isolation that is an inherited object key ("toString") is not a mode', () => {
    const e = configError(`${base}variants:\n  - name: a\n    alternator: {writeIsolation: toString}\n`);
    expect(e.message).toContain('variants[0].alternator.writeIsolation');
  });
  it('a servingCertificate type that does not exist', () => {
    const e = configError(`${base}variants:\n  - name: a\n    alternator: {servingCertificate: {type: SelfSigned}}\n`);
    expect(e.message).toContain('variants[0].alternator.servingCertificate.type');
    expect(e.message).toMatch(/OperatorManaged.*UserManaged/);
  });
  it('UserManaged without userManagedOptions.secretName', () => {
    const e = configError(`${base}variants:\n  - name: a\n    alternator: {servingCertificate: {type: UserManaged}}\n`);
    expect(e.message).toContain('userManagedOptions');
  });
  it("the operator's CEL rule: insecureEnableHTTP false with the deprecated port", () => {
    const e = configError(`${base}variants:\n  - name: a\n    alternator: {port: 8000, insecureEnableHTTP: false}\n`);
    expect(e.message).toContain("insecureEnableHTTP can't be false when using (insecure) port");
  });
  it('an unknown field (a typo) is not ignored', () => {
    const e = configError(`${base}variants:\n  - name: a\n    alternator: {insecureEnableHttp: true}\n`);
    expect(e.message).toContain('insecureEnableHttp');
    expect(e.message).toContain('variants[0].alternator');
  });
  it('a non-boolean where a boolean is required', () => {
    const e = configError(`${base}variants:\n  - name: a\n    alternator: {insecureDisableAuthorization: "yes"}\n`);
    expect(e.message).toContain('insecureDisableAuthorization');
    expect(e.message).toContain('"yes"');
  });
  it('an additional IP address that is not an address', () => {
    const e = configError(
      `${base}variants:\n  - name: a\n    alternator: {servingCertificate: {type: OperatorManaged, operatorManagedOptions: {additionalIPAddresses: [42.42.42]}}}\n`,
    );
    expect(e.message).toContain('additionalIPAddresses[0]');
  });
  it('a variant name that cannot be a Kubernetes name', () => {
    expect(configError(`${base}variants:\n  - name: Bad_Name\n`).message).toContain('variants[0].name');
  });
  it('duplicate variant names', () => {
    expect(configError(`${base}variants:\n  - name: a\n  - name: a\n`).message).toContain('used twice');
  });
  it('duplicate datacenter names', () => {
    expect(configError(`${base}variants:\n  - name: a\n    topology: {datacenters: [{name: dc1}, {name: dc1}]}\n`).message).toContain('dc1');
  });
  it('an unknown matrix expansion', () => {
    const e = configError(`${base}matrix:\n  expand: random\n  options: {insecureEnableHTTP: [true, false]}\n`);
    expect(e.message).toContain('matrix.expand');
    expect(e.message).toMatch(/full.*pairwise/);
  });
  it('a profile with no variants', () => {
    expect(configError(base).message).toContain('no variants');
  });
  it('broken YAML', () => {
    expect(configError(`${base}variants: [\n`).message).toContain('invalid YAML');
  });
  it('a missing profile names the choices', () => {
    expect(() => loadProfile('nope')).toThrow(/smoke/);
  });
  it('load.variants naming a variant the profile does not have', () => {
    const e = configError(`${base}variants:\n  - name: a\n  - name: b\nload:\n  workloads: [a]\n  variants: [a, c]\n`);
    expect(e.message).toMatch(/bad\.yaml: load\.variants\[1\]: no such variant in the profile; got "c"/);
    expect(e.message).toMatch(/allowed: a, b/);
  });
  it('load.variants naming one twice, or none', () => {
    expect(configError(`${base}variants:\n  - name: a\nload:\n  workloads: [a]\n  variants: [a, a]\n`).message).toMatch(/load\.variants: names a variant twice/);
    expect(configError(`${base}variants:\n  - name: a\nload:\n  workloads: [a]\n  variants: []\n`).message).toContain('load.variants');
  });
});

describe('load.variants: the representative variants of the load phase', () => {
  it('names matrix variants by their generated names', () => {
    const p = parseProfile(`${base}matrix:\n  expand: full\n  namePrefix: m\n  options: {insecureEnableHTTP: [true, false]}\nload:\n  workloads: [a]\n  variants: [m-nohttp]\n`, 'ok.yaml');
    expect(p.load?.variants).toEqual(['m-nohttp']);
  });
  it('release names one variant per write isolation mode, a UserManaged TLS one and a multi-DC one; nightly loads every variant', () => {
    const r = loadProfile('release');
    const chosen = r.variants.filter((v) => r.load!.variants!.includes(v.name));
    expect(new Set(chosen.map((v) => promisesOf(v).writeIsolation))).toEqual(new Set(['always_use_lwt', 'only_rmw_uses_lwt', 'forbid_rmw']));
    expect(chosen.some((v) => promisesOf(v).certificate === 'UserManaged')).toBe(true);
    expect(chosen.some((v) => v.topology.datacenters.length > 1)).toBe(true);
    expect(loadProfile('nightly').load?.variants).toBeUndefined();
  });
});

describe('matrix UserManaged preset', () => {
  it('names the Secret the operator mounts for that variant (scylladb/scylla-operator#2248)', () => {
    const p = parseProfile(`${base}matrix:\n  expand: full\n  namePrefix: m\n  options: {servingCertificate: [UserManaged]}\n`, 'ok.yaml');
    expect(p.variants[0]!.alternator.servingCertificate).toEqual({ type: 'UserManaged', userManagedOptions: { secretName: 'm-um-alternator-local-serving-certs' } });
  });
});
