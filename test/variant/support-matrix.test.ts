// The operator support matrix (harness/variant/support-matrix.ts): rows as the releases' own sources say, the
// verdicts plan/run/doctor act on, the shipped profiles, and the release profile's ScyllaDB version axis.
import { describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SUPPORT_MATRIX, expandSupport, SCYLLA_MINORS, judgeCombination, operatorRelease, assertSupported, releasesSupportingScylla, checkVersionSupport } from '../../harness/variant/support-matrix.ts';
import { listProfiles, loadProfile, profilesDir } from '../../harness/variant/profile.ts';
import { agentVersionOf } from '../../harness/targets/kubernetes/manifests.ts';
import { ConfigError } from '../../harness/util/errors.ts';
import { runCli } from '../helpers/cli.ts';

const V1_21_1_AGENT = '3.10.1@sha256:aa85a3da293d0e5ca29214a575efe79b352d6678343d2f6d9aee711ac339f903';

describe('the table', () => {
  it('expands the documented ranges over the known minors', () => {
    expect(expandSupport('2025.1, 2025.3 - 2026.1', SCYLLA_MINORS)).toEqual(['2025.1', '2025.3', '2025.4', '2026.1']);
    expect(expandSupport('2024.1, 2025.1, 2025.3 - 2025.4', SCYLLA_MINORS)).toEqual(['2024.1', '2025.1', '2025.3', '2025.4']);
    expect(() => expandSupport('2026.1 - 2025.1', SCYLLA_MINORS)).toThrow(/not over known minors/);
  });

  it('holds v1.21.1 as its releases.md (line 152, 154) and config.yaml (lines 3, 8) say', () => {
    const r = operatorRelease('v1.21.1');
    expect(r.scylla).toMatchObject({ text: '2025.1, 2025.3 - 2026.1', minors: ['2025.1', '2025.3', '2025.4', '2026.1'], source: { file: 'docs/source/reference/releases.md', line: 152 } });
    expect(r.manager).toMatchObject({ minors: ['3.7', '3.8', '3.9'], source: { line: 154 } });
    expect(r.defaults).toMatchObject({ scylla: '2026.1.3', agent: V1_21_1_AGENT, scyllaSource: { file: 'assets/config/config.yaml', line: 3 }, agentSource: { line: 8 } });
    // Every row cites its lines; newest first.
    expect(SUPPORT_MATRIX.map((x) => x.operator)).toEqual(['v1.21.1', 'v1.21.0', 'v1.20.3']);
    for (const x of SUPPORT_MATRIX) expect(x.scylla.source.text).toBe(`  - ${x.scylla.text}`);
  });

  it('no operator release supports ScyllaDB 2026.2 (the newest tag is v1.21.1); 2024.1 only v1.20', () => {
    expect(releasesSupportingScylla('2026.2.4')).toEqual([]);
    expect(releasesSupportingScylla('2024.1.20')).toEqual(['v1.20.3']);
    expect(releasesSupportingScylla('2026.1.3')).toEqual(['v1.21.1', 'v1.21.0']);
  });
});

describe('verdicts', () => {
  it('refuses what the profiles pinned before (ScyllaDB 2026.2.4, agent 3.12.0 on v1.21.1), naming the supported versions and their source lines', () => {
    const v = judgeCombination({ operator: 'v1.21.1', scylla: '2026.2.4', agent: '3.12.0' });
    expect(v.problems).toEqual([
      'versions.scylla 2026.2.4: operator v1.21.1 supports ScyllaDB 2025.1, 2025.3 - 2026.1 (scylladb/scylla-operator v1.21.1:docs/source/reference/releases.md line 152); no operator release in harness/variant/support-matrix.ts supports ScyllaDB 2026.2; its default is ScyllaDB 2026.1.3',
      'versions.agent 3.12.0: operator v1.21.1 supports ScyllaDB Manager 3.7 - 3.9 (scylladb/scylla-operator v1.21.1:docs/source/reference/releases.md line 154) and defaults to agent 3.10.1 (scylladb/scylla-operator v1.21.1:assets/config/config.yaml line 8)',
    ]);
    expect(() => assertSupported([{ operator: 'v1.21.1', scylla: '2026.2.4' }])).toThrow(ConfigError);
  });

  it('names the release that supports a ScyllaDB the chosen one does not', () => {
    expect(judgeCombination({ operator: 'v1.21.1', scylla: '2024.1.9' }).problems[0]).toMatch(/ScyllaDB 2024\.1 is supported by operator v1\.20\.3/);
  });

  it('accepts the documented range silently, and the release\'s own default beyond its documents with a warning', () => {
    expect(judgeCombination({ operator: 'v1.21.1', scylla: '2025.1.14', agent: '3.9.0' })).toEqual({ problems: [], warnings: [] });
    const d = judgeCombination({ operator: 'v1.21.1', scylla: '2026.1.3', agent: V1_21_1_AGENT });
    expect(d.problems).toEqual([]);
    expect(d.warnings).toEqual([expect.stringMatching(/^Manager agent 3\.10\.1: outside the documented ScyllaDB Manager 3\.7 - 3\.9 .*but its own default/)]);
    // v1.20.3 defaults to ScyllaDB 2026.1.0 while documenting up to 2025.4.
    expect(judgeCombination({ operator: 'v1.20.3', scylla: '2026.1.0' })).toMatchObject({ problems: [], warnings: [expect.stringMatching(/minor of its own default 2026\.1\.0/)] });
  });

  it('refuses an operator release with no entry, naming the known ones and how to add one', () => {
    expect(() => operatorRelease('v1.19.2')).toThrow(
      /versions\.operator: operator v1\.19\.2 has no entry in the support matrix; got "v1\.19\.2"; allowed: v1\.21\.1, v1\.21\.0, v1\.20\.3; fix: .*add a row to harness\/variant\/support-matrix\.ts from that tag's docs\/source\/reference\/releases\.md/,
    );
    // Only where the operator deploys: the local target emulates, the endpoint target is given its versions.
    const old = [{ name: 'x', alternator: {}, topology: { datacenters: [{ name: 'dc1', members: 1 }] }, versions: { scylla: '2026.2.4', operator: 'v1.21.1' } }];
    expect(checkVersionSupport('local', old)).toEqual([]);
    expect(() => checkVersionSupport('kubeconfig', old)).toThrow(/versions\.scylla 2026\.2\.4/);
    expect(() => checkVersionSupport('kind', [], 'v1.18.0')).toThrow(/--operator-version: operator v1\.18\.0 has no entry/);
  });

  it('the agent of a ScyllaCluster: an explicit override, else the variant\'s, else the release default', () => {
    const v = loadProfile('smoke').variants[0]!;
    expect(agentVersionOf(v, {})).toBe(V1_21_1_AGENT);
    expect(agentVersionOf({ ...v, versions: { ...v.versions, agent: '3.9.0' } }, {})).toBe('3.9.0');
    expect(agentVersionOf({ ...v, versions: { ...v.versions, agent: undefined } }, {})).toBe(V1_21_1_AGENT);
    expect(agentVersionOf(v, { agentVersion: '3.8.0' })).toBe('3.8.0');
  });
});

describe('the shipped profiles', () => {
  for (const name of listProfiles())
    it(`${name}: names an operator release and ScyllaDB/agent versions it supports`, () => {
      const p = loadProfile(name);
      const warnings = checkVersionSupport('kind', p.variants);
      // Only the documented lag of the release's own default agent.
      expect(warnings.every((w) => /^Manager agent 3\.10\.1: .*its own default/.test(w))).toBe(true);
      for (const v of p.variants) expect(v.versions.agent, v.name).toBe(V1_21_1_AGENT);
    });

  it('release qualifies every ScyllaDB minor its operator release supports, each with every option value', () => {
    const p = loadProfile('release');
    const row = operatorRelease(p.variants[0]!.versions.operator);
    const byMinor = new Map<string, typeof p.variants>();
    for (const v of p.variants) {
      const minor = v.versions.scylla.split('.').slice(0, 2).join('.');
      byMinor.set(minor, [...(byMinor.get(minor) ?? []), v]);
    }
    expect([...byMinor.keys()].sort()).toEqual([...row.scylla.minors].sort());
    for (const [minor, vs] of byMinor) {
      const values = (pick: (a: (typeof vs)[number]['alternator']) => unknown) => new Set(vs.map((v) => pick(v.alternator)).filter((x) => x !== undefined));
      expect(values((a) => a.writeIsolation).size, minor).toBeGreaterThanOrEqual(3);
      expect(values((a) => a.insecureEnableHTTP).size, minor).toBe(2);
      expect(values((a) => a.insecureDisableAuthorization).size, minor).toBe(2);
      expect(new Set(vs.filter((v) => v.alternator.servingCertificate).map((v) => `${v.alternator.servingCertificate?.type}${v.alternator.servingCertificate?.type === 'OperatorManaged' && v.alternator.servingCertificate.operatorManagedOptions ? '+names' : ''}`)).size, minor).toBe(3);
    }
    // The full matrix stays on the release's default minor, under its old names (load baselines match by name).
    expect(byMinor.get('2026.1')!.length).toBe(38);
    expect(p.variants.find((v) => v.name === 'full-lwt-nohttp-auth-um')!.versions.scylla).toBe('2026.1.3');
    expect(byMinor.get('2025.1')!.map((v) => v.name)).toEqual(['s25-1-lwt-http-noauth-om', 's25-1-rmwlwt-nohttp-auth-omx', 's25-1-forbid-http-noauth-um']);
  });
});

describe('plan and doctor refuse an unsupported combination (exit 2)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'alte2e-support-'));
  const old = join(dir, 'old.yaml');
  writeFileSync(old, readFileSync(join(profilesDir(), 'smoke.yaml'), 'utf8').replace('scylla: 2026.1.3', 'scylla: 2026.2.4').replace(`agent: ${V1_21_1_AGENT}`, 'agent: 3.12.0'));

  it('plan --target kind', async () => {
    const r = await runCli(['plan', '--target', 'kind', '--profile', old]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/unsupported version combination: versions\.scylla 2026\.2\.4: operator v1\.21\.1 supports ScyllaDB 2025\.1, 2025\.3 - 2026\.1 .*versions\.agent 3\.12\.0/);
    const ok = await runCli(['plan', '--target', 'kind', '--profile', 'smoke', '--variant', 'defaults']);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/warning \(version support\): Manager agent 3\.10\.1/);
  }, 60_000);

  it('doctor --target kind', async () => {
    const r = await runCli(['doctor', '--target', 'kind', '--profile', old]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/versions\.scylla 2026\.2\.4/);
    const unknown = await runCli(['doctor', '--target', 'kubeconfig', '--operator-version', 'v1.19.2']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--operator-version: operator v1\.19\.2 has no entry in the support matrix.*allowed: v1\.21\.1/);
  }, 60_000);
});
