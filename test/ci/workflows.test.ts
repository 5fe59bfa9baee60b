import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../../harness/util/paths.ts';
import { loadProfile } from '../../harness/variant/profile.ts';
import { lintWorkflow, cliInvocations, type Workflow, type Job, type Step } from './workflow-lint.ts';

const DIR = join(projectRoot(), '.github', 'workflows');
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');
const load = (f: string) => parse(read(f)) as Workflow;

// The only actions the workflows may use, at pinned major versions.
const PINNED = new Set(['actions/checkout@v4', 'actions/setup-node@v4', 'actions/upload-artifact@v4', 'actions/download-artifact@v4']);
// The CLI as the lead implements it (harness/cli): commands and the flags each accepts.
const CLI: Record<string, Set<string>> = {
  run: new Set(['--profile', '--target', '--shard', '--reports']),
  load: new Set(['--profile', '--target', '--shard', '--reports', '--baseline', '--fail-on-regression']),
  'report merge': new Set(['--out']),
};
const VALUELESS = new Set(['--fail-on-regression']);

interface Invocation {
  command: string;
  flags: Map<string, string | true>;
  positional: string[];
}
function invocations(job: Job): Invocation[] {
  return cliInvocations(job).map((args) => {
    const command = args[0] === 'report' ? `report ${args[1]}` : args[0]!;
    const rest = args.slice(command.split(' ').length);
    const flags = new Map<string, string | true>();
    const positional: string[] = [];
    for (let i = 0; i < rest.length; i++) {
      const a = rest[i]!;
      if (!a.startsWith('--')) positional.push(a);
      else if (VALUELESS.has(a)) flags.set(a, true);
      else flags.set(a, rest[++i] ?? '');
    }
    return { command, flags, positional };
  });
}
const steps = (wf: Workflow): Step[] => Object.values(wf.jobs).flatMap((j) => j.steps ?? []);

const files = readdirSync(DIR).filter((f) => /\.ya?ml$/.test(f)).sort();

describe('CI workflows users copy (.github/workflows)', () => {
  it('has the nightly and release workflows', () => {
    expect(files).toEqual(expect.arrayContaining(['nightly.yml', 'release.yml']));
  });

  describe.each(files)('%s', (file) => {
    const wf = load(file);

    it('passes GitHub’s workflow parser and the SchemaStore workflow schema', async () => {
      expect(await lintWorkflow(file, read(file))).toEqual([]);
    });

    it('uses only pinned actions, Node 22, and checks out before installing', () => {
      for (const s of steps(wf)) if (s.uses) expect(PINNED, `${s.name ?? s.uses}`).toContain(s.uses);
      for (const job of Object.values(wf.jobs)) {
        const ss = job.steps ?? [];
        const setup = ss.filter((s) => s.uses === 'actions/setup-node@v4');
        for (const s of setup) expect(String(s.with?.['node-version'])).toBe('22');
        if (ss.some((s) => s.run?.includes('npx alternator-e2e'))) {
          expect(ss[0]?.uses).toBe('actions/checkout@v4');
          expect(setup).toHaveLength(1);
          expect(ss.some((s) => s.run === 'npm ci')).toBe(true);
        }
      }
    });

    it('calls the CLI only with its commands and flags, and shards consistently with the job matrix', () => {
      for (const [name, job] of Object.entries(wf.jobs)) {
        const shards = job.strategy?.matrix?.shard as number[] | undefined;
        for (const inv of invocations(job)) {
          expect(Object.keys(CLI), `${name}: ${inv.command}`).toContain(inv.command);
          for (const flag of inv.flags.keys()) expect(CLI[inv.command], `${name}: ${inv.command} ${flag}`).toContain(flag);
          const shard = inv.flags.get('--shard');
          if (shard === undefined) continue;
          const m = /^\$\{\{ matrix\.shard \}\}\/(\d+)$/.exec(String(shard));
          expect(m, `${name}: --shard ${String(shard)}`).not.toBeNull();
          expect(shards).toEqual(Array.from({ length: Number(m![1]) }, (_, i) => i + 1));
        }
      }
    });

    it('installs kind from its pinned release binary where a job runs on kind', () => {
      const env = wf.env as Record<string, string> | undefined;
      for (const job of Object.values(wf.jobs)) {
        if (!invocations(job).some((i) => i.flags.get('--target') === 'kind')) continue;
        expect(env?.KIND_VERSION).toMatch(/^v\d+\.\d+\.\d+$/);
        const install = (job.steps ?? []).find((s) => s.run?.includes('kind.sigs.k8s.io/dl/${KIND_VERSION}/kind-linux-amd64'));
        expect(install).toBeDefined();
      }
    });

    it('uploads results even when tests failed, diagnostics only on failure, and writes the job summary', () => {
      for (const [name, job] of Object.entries(wf.jobs)) {
        const ss = job.steps ?? [];
        if (!invocations(job).some((i) => i.command === 'run' || i.command === 'load')) continue;
        const uploads = ss.filter((s) => s.uses === 'actions/upload-artifact@v4');
        const results = uploads.find((s) => String(s.with?.path).includes('reports/'));
        expect(results?.if, name).toBe('${{ !cancelled() }}');
        expect(String(results?.with?.path), name).toContain('!reports/latest');
        const diagnostics = uploads.find((s) => String(s.with?.path) === 'reports/*/diagnostics/');
        expect(diagnostics?.if, name).toBe('${{ failure() }}');
        expect(ss.some((s) => s.run?.includes('>> "$GITHUB_STEP_SUMMARY"')), name).toBe(true);
      }
    });
  });

  describe('nightly.yml', () => {
    const wf = load('nightly.yml');
    it('runs the nightly profile on kind in sharded jobs, then merges the shards’ artifacts', () => {
      const e2e = invocations(wf.jobs.e2e!);
      expect(e2e.map((i) => [i.command, i.flags.get('--profile'), i.flags.get('--target')])).toEqual([
        ['run', 'nightly', 'kind'],
        ['load', 'nightly', 'kind'],
      ]);
      expect(wf.on).toHaveProperty('schedule');
      const report = wf.jobs.report!;
      expect(report.needs).toBe('e2e');
      expect(report.if).toBe('${{ !cancelled() }}');
      const download = report.steps!.find((s) => s.uses === 'actions/download-artifact@v4')!;
      const upload = wf.jobs.e2e!.steps!.find((s) => s.uses === 'actions/upload-artifact@v4' && String(s.with?.path).includes('reports/'))!;
      // The download pattern matches the names the shards upload under.
      expect(String(upload.with?.name).replace('${{ matrix.shard }}', '1')).toMatch(new RegExp(`^${String(download.with?.pattern).replace('*', '.*')}$`));
      const [merge] = invocations(report);
      expect(merge).toMatchObject({ command: 'report merge', positional: [`${String(download.with?.path)}/*/`] });
      expect(merge!.flags.get('--out')).toBe('reports/nightly');
    });
  });

  describe('release.yml', () => {
    const wf = load('release.yml');
    it('runs the full release profile and a load phase against a baseline that fails on regression', () => {
      expect(invocations(wf.jobs.conformance!).map((i) => [i.command, i.flags.get('--profile'), i.flags.get('--target')])).toEqual([['run', 'release', 'kind']]);
      const loads = invocations(wf.jobs.load!);
      const compared = loads.find((i) => i.flags.has('--baseline'))!;
      expect(compared.flags.get('--profile')).toBe('release');
      expect(compared.flags.get('--fail-on-regression')).toBe(true);
      const baseline = wf.jobs.load!.steps!.find((s) => s.uses === 'actions/download-artifact@v4')!;
      expect(baseline.with).toMatchObject({ name: 'alternator-e2e-load', path: compared.flags.get('--baseline'), 'github-token': '${{ github.token }}' });
      expect(wf.permissions).toEqual({ contents: 'read', actions: 'read' });
      expect(wf.jobs.report!.needs).toEqual(['conformance', 'load']);
    });
  });

  describe('the profiles they name', () => {
    const profiles = join(projectRoot(), 'fixtures', 'profiles');
    it.skipIf(!existsSync(join(profiles, 'nightly.yaml')))('nightly is a pairwise matrix (skipped until fixtures/profiles/nightly.yaml exists)', () => {
      const text = readFileSync(join(profiles, 'nightly.yaml'), 'utf8');
      expect((parse(text) as { matrix?: { expand?: string } }).matrix?.expand).toBe('pairwise');
      expect(loadProfile('nightly').variants.length).toBeGreaterThan(1);
    });
    it.skipIf(!existsSync(join(profiles, 'release.yaml')))('release is the full matrix plus multi-DC (skipped until fixtures/profiles/release.yaml exists)', () => {
      const text = readFileSync(join(profiles, 'release.yaml'), 'utf8');
      expect((parse(text) as { matrix?: { expand?: string } }).matrix?.expand).toBe('full');
      expect(loadProfile('release').variants.some((v) => v.topology.datacenters.length > 1)).toBe(true);
    });
  });
});

describe('the workflow lint catches mistakes (it is not vacuous)', () => {
  const nightly = read('nightly.yml');

  it.each([
    ['a misspelt job key', nightly.replace('runs-on: ubuntu-24.04\n    timeout-minutes: 180', 'runs_on: ubuntu-24.04\n    timeout-minutes: 180'), /Unexpected value 'runs_on'[\s\S]*Required property is missing: runs-on/],
    ['a broken expression', nightly.replace('${{ matrix.shard }}/4 --reports', '${{ matrix.shard + }}/4 --reports'), /workflow-parser: .*(Unexpected|expression)/i],
    ['an unknown context', nightly.replace("if: ${{ needs.e2e.result != 'success' }}", "if: ${{ nedds.e2e.result != 'success' }}"), /Unrecognized named-value: 'nedds'/],
    ['a needs naming no job', nightly.replace('needs: e2e', 'needs: e2e-shards'), /needs "e2e-shards", which is not a job/],
    ['a step with neither run nor uses', nightly.replace('      - name: Install dependencies\n        run: npm ci', '      - name: Install dependencies\n        runs: npm ci'), /Unexpected value 'runs'/],
  ])('flags %s', async (_what, text, expected) => {
    expect(text).not.toBe(nightly);
    const problems = await lintWorkflow('nightly.yml', text);
    expect(problems.join('\n')).toMatch(expected);
  });
});
