import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { projectRoot } from '../../harness/util/paths.ts';
import { loadProfile } from '../../harness/variant/profile.ts';
import { lintWorkflow, cliInvocations, type Workflow, type Job, type Step } from './workflow-lint.ts';
import { select, loadRequest, type RunFlags } from '../../harness/cli/run-command.ts';
import { deriveTimeouts, timeoutMismatches, withDurationsTable, REGENERATE, RUNNER_HOST, type JobTimeout } from '../../harness/ci/workflow-timeouts.ts';
import { runCli } from '../helpers/cli.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';

const DIR = join(projectRoot(), '.github', 'workflows');
const read = (f: string) => readFileSync(join(DIR, f), 'utf8');
const load = (f: string) => parse(read(f)) as Workflow;

// The only actions the workflows may use, at pinned major versions.
const PINNED = new Set(['actions/checkout@v4', 'actions/setup-node@v4', 'actions/upload-artifact@v4', 'actions/download-artifact@v4']);
// The CLI as the lead implements it (harness/cli): commands and the flags each accepts.
const CLI: Record<string, Set<string>> = {
  run: new Set(['--profile', '--target', '--shard', '--reports', '--parallelism', '--load', '--baseline', '--fail-on-regression', '--workers', '--load-image']),
  load: new Set(['--profile', '--target', '--shard', '--reports', '--parallelism', '--baseline', '--fail-on-regression', '--workers', '--load-image']),
  'report merge': new Set(['--out']),
  doctor: new Set(['--target']),
};
const VALUELESS = new Set(['--fail-on-regression', '--load']);

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

/** The run/load invocations of a job with the `if:` of their step (steps under complementary ifs never both run). */
function deployments(job: Job): Array<{ inv: Invocation; if?: string }> {
  return (job.steps ?? []).flatMap((s) => invocations({ steps: [s] }).filter((i) => i.command === 'run' || i.command === 'load').map((inv) => ({ inv, ...(s.if ? { if: s.if } : {}) })));
}

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

    it('uploads results and diagnostics whatever happened (a cancelled or timed-out job too), and writes the job summary', () => {
      for (const [name, job] of Object.entries(wf.jobs)) {
        const ss = job.steps ?? [];
        if (!invocations(job).some((i) => i.command === 'run' || i.command === 'load')) continue;
        const uploads = ss.filter((s) => s.uses === 'actions/upload-artifact@v4');
        const results = uploads.find((s) => String(s.with?.path).includes('reports/') && !String(s.with?.path).startsWith('reports/*/diagnostics'));
        // `!cancelled()` and `failure()` are false in a cancelled job: the shard that ran long would upload nothing.
        expect(results?.if, name).toBe('${{ always() }}');
        expect(String(results?.with?.path), name).toContain('!reports/latest');
        const diagnostics = uploads.find((s) => String(s.with?.path) === 'reports/*/diagnostics/');
        expect(diagnostics?.if, name).toBe('${{ always() }}');
        const summary = ss.find((s) => s.run?.includes('>> "$GITHUB_STEP_SUMMARY"'));
        expect(summary?.if, name).toBe('${{ always() }}');
      }
    });

    it('leaves the job summary and the failure annotations to the harness (GITHUB_ACTIONS=true): no step copies summary.md too', () => {
      for (const [name, job] of Object.entries(wf.jobs))
        for (const s of job.steps ?? []) expect(s.run ?? '', `${name}: ${s.name}`).not.toMatch(/cat [^|>]*summary\.md[^|]*>> "\$GITHUB_STEP_SUMMARY"/);
    });

    it('checks the runner with doctor --target kind before any kind run, and gives each run step its own time limit below the job\'s', () => {
      for (const [name, job] of Object.entries(wf.jobs)) {
        const ss = job.steps ?? [];
        const runs = ss.filter((s) => invocations({ steps: [s] }).some((i) => (i.command === 'run' || i.command === 'load') && i.flags.get('--target') === 'kind'));
        if (runs.length === 0) continue;
        const doctor = ss.findIndex((s) => invocations({ steps: [s] }).some((i) => i.command === 'doctor' && i.flags.get('--target') === 'kind'));
        expect(doctor, name).toBeGreaterThan(-1);
        for (const r of runs) {
          expect(doctor, name).toBeLessThan(ss.indexOf(r));
          expect(Number(r['timeout-minutes']), `${name}: ${r.name}`).toBeGreaterThan(0);
          expect(Number(r['timeout-minutes']), `${name}: ${r.name}`).toBeLessThan(Number(job['timeout-minutes']));
        }
      }
    });
  });

  describe('time limits derived from the plan (npm run workflows:timeouts)', () => {
    let derived: JobTimeout[];
    it('every kind job and run step has exactly the timeout-minutes the plan derives from its slowest shard', async () => {
      derived = await deriveTimeouts();
      expect(derived.map((d) => `${d.file} ${d.job}`)).toEqual(['nightly.yml e2e', 'release.yml conformance']);
      expect(timeoutMismatches(derived)).toEqual([]);
    });
    it('each kind invocation passes --parallelism (the runner decides it otherwise)', () => {
      for (const file of files)
        for (const job of Object.values(load(file).jobs))
          for (const { inv } of deployments(job)) if (inv.flags.get('--target') === 'kind') expect(Number(inv.flags.get('--parallelism'))).toBeGreaterThan(0);
    });
    it('every shard fits: its estimate with headroom, in the harness, fits the run step; runner steps and uploads fit the rest of the job', async () => {
      derived ??= await deriveTimeouts();
      for (const d of derived)
        for (const s of d.steps)
          for (const { shard, estimate: e } of s.shards) {
            expect((e.total - e.runnerSetUp) * e.constants.headroom, `${d.file} shard ${shard}`).toBeLessThanOrEqual(s.minutes);
            expect(e.timeoutMinutes, `${d.file} shard ${shard}`).toBeLessThanOrEqual(d.minutes);
          }
    });
    it("they are `plan --host 4,16`'s: the runner's shape (runs-on ubuntu-24.04), not the deriving machine's, which would give other suite workers", async () => {
      derived ??= await deriveTimeouts();
      for (const file of files) for (const job of Object.values(load(file).jobs)) if (deployments(job).some(({ inv }) => inv.flags.get('--target') === 'kind')) expect(job['runs-on']).toBe('ubuntu-24.04');
      expect(RUNNER_HOST).toBe('4,16');
      // `plan --shards 4` with the workflow's flags prints every shard's time: the derived ones, shard for shard.
      const nightly = derived.find((d) => d.file === 'nightly.yml')!.steps[0]!.shards;
      const plan = async (host: string) => {
        const r = await runCli(['plan', '--target', 'kind', '--profile', 'nightly', '--shards', '4', '--load', '--parallelism', '2', '--host', host, '--json']);
        expect(r.code, r.stderr).toBe(0);
        return JSON.parse(r.stdout) as { shards: Array<{ shard: string; estimate: { total: number; suiteWorkers: number[] } }>; steps: Array<{ step: string }> };
      };
      const runner = await plan(RUNNER_HOST);
      expect(runner.shards.map((s) => [s.shard, s.estimate.total, s.estimate.suiteWorkers])).toEqual(nightly.map((s) => [s.shard, s.estimate.total, s.estimate.suiteWorkers]));
      expect(runner.steps[0]!.step).toBe('size the run for a host of 4 CPU(s), 16 GiB (--host)');
      // Another machine plans other times (shard 2/4 ends with a batch of 1 variant; 2 CPUs give 1 worker to both): not vacuous.
      const small = await plan('2,8');
      expect(small.shards[1]!.estimate.total).toBeGreaterThan(nightly[1]!.estimate.total);
    }, 120_000);
    it("README's duration table is the plan's (the figures the README quotes come from plan)", async () => {
      derived ??= await deriveTimeouts();
      const readme = readFileSync(join(projectRoot(), 'README.md'), 'utf8');
      expect(withDurationsTable(readme, derived) === readme, `README.md's duration table differs from the plan: ${REGENERATE}`).toBe(true);
    });
    it('is not vacuous: a workflow whose limits differ from the plan is flagged, naming the job, the step, both numbers and the command', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'ae2e-workflows-'));
      writeFileSync(join(dir, 'nightly.yml'), read('nightly.yml').replace(/^    timeout-minutes: \d+$/m, '    timeout-minutes: 30').replace(/^        timeout-minutes: \d+$/m, '        timeout-minutes: 500'));
      const problems = timeoutMismatches(await deriveTimeouts({ dir }), dir);
      expect(problems).toHaveLength(2);
      expect(problems[0]).toMatch(/^nightly\.yml job e2e: timeout-minutes 30, the plan derives \d+ \(regenerate: npm run workflows:timeouts -- --write\)$/);
      expect(problems[1]).toMatch(/^nightly\.yml job e2e step "Conformance suites, .*": timeout-minutes 500, the plan derives \d+ \(regenerate: npm run workflows:timeouts -- --write\)$/);
    });
    it('the old release design (the load phase of all 38 variants on one runner) could not fit: 7.6 hours of measurement alone', async () => {
      const sel = await select({ profile: 'release', target: 'kind', variant: [], suite: [], parallelism: 2 }, 'run');
      const everyVariant = { ...sel.profile.load!, variants: undefined };
      const e = sel.target.estimate!(sel.variants, { suites: [], load: everyVariant });
      expect(e.load).toBeGreaterThan(38 * 6 * 2);
      expect(e.timeoutMinutes).toBeGreaterThan(360);
    });
  });

  describe.each(files)('%s: one deployment per shard', (file) => {
    const wf = load(file);
    it('a single run (suites and load phase together) per job, or alternatives under complementary ifs', () => {
      for (const [name, job] of Object.entries(wf.jobs)) {
        const ds = deployments(job);
        if (ds.length <= 1) continue;
        expect(ds.map((d) => d.if).sort(), name).toEqual(["${{ inputs.baseline-run-id != '' }}", "${{ inputs.baseline-run-id == '' }}"]);
      }
    });
  });

  describe('nightly.yml', () => {
    const wf = load('nightly.yml');
    it('runs the nightly profile on kind in sharded jobs, then merges the shards’ artifacts', () => {
      const e2e = invocations(wf.jobs.e2e!);
      expect(e2e.map((i) => [i.command, i.flags.get('--profile'), i.flags.get('--target'), i.flags.get('--load')])).toEqual([
        ['doctor', undefined, 'kind', undefined],
        ['run', 'nightly', 'kind', true],
      ]);
      expect(wf.on).toHaveProperty('schedule');
      const report = wf.jobs.report!;
      expect(report.needs).toBe('e2e');
      // A cancelled shard still uploaded its results: the merge runs in a cancelled workflow too.
      expect(report.if).toBe('${{ always() }}');
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
    it('runs the full release profile, suites then the load phase of its representative variants per shard, against a baseline that fails on regression', () => {
      const runs = invocations(wf.jobs.conformance!).filter((i) => i.command !== 'doctor');
      expect(runs.map((i) => [i.command, i.flags.get('--profile'), i.flags.get('--target'), i.flags.get('--load')])).toEqual([
        ['run', 'release', 'kind', true],
        ['run', 'release', 'kind', true],
      ]);
      const compared = runs.find((i) => i.flags.has('--baseline'))!;
      expect(compared.flags.get('--fail-on-regression')).toBe(true);
      const steps = wf.jobs.conformance!.steps!;
      const baseline = steps.find((s) => s.uses === 'actions/download-artifact@v4')!;
      // The baseline run's shard artifacts, under the names the shards upload.
      const upload = steps.find((s) => s.uses === 'actions/upload-artifact@v4' && String(s.with?.path).includes('reports/'))!;
      expect(baseline.with).toMatchObject({ pattern: 'alternator-e2e-shard-*', 'run-id': '${{ inputs.baseline-run-id }}', 'github-token': '${{ github.token }}' });
      expect(String(upload.with?.name).replace('${{ matrix.shard }}', '1')).toMatch(new RegExp(`^${String(baseline.with?.pattern).replace('*', '.*')}$`));
      // Their load reports gathered where --baseline reads them (a directory of <variant>.json).
      const gather = steps.find((s) => s.run?.includes('find '))!;
      expect(gather.run).toContain(`find ${String(baseline.with?.path)} -path '*/load/*.json' -exec cp {} ${String(compared.flags.get('--baseline'))}/ \\;`);
      expect(wf.permissions).toEqual({ contents: 'read', actions: 'read' });
      expect(Object.keys(wf.jobs)).toEqual(['conformance', 'report']);
      expect(wf.jobs.report!.needs).toBe('conformance');
      const [merge] = invocations(wf.jobs.report!);
      expect(merge!.positional).toEqual(['shards/*/']);
    });

    it('builds the load image and runs the load phase as in-cluster workers from it, before any run', async () => {
      const steps = wf.jobs.conformance!.steps!;
      const build = steps.findIndex((s) => s.run?.includes('docker build'));
      expect(steps[build]!.run).toMatch(/^docker build -f fixtures\/load\/Dockerfile -t (\S+) \.$/);
      const tag = /-t (\S+)/.exec(steps[build]!.run!)![1]!;
      const runs = steps.map((s, i) => ({ i, inv: invocations({ steps: [s] }).find((x) => x.command === 'run') })).filter((x) => x.inv);
      expect(runs).toHaveLength(2);
      for (const { i, inv } of runs) {
        expect(i).toBeGreaterThan(build);
        expect(inv!.flags.get('--load-image')).toBe(tag);
        expect(Number(inv!.flags.get('--workers'))).toBeGreaterThanOrEqual(1);
      }
      // A local image is what the kind target loads into the cluster itself (`kind load docker-image`) before the first Job.
      const { isLocalImage } = await import('../../harness/targets/kind/kind-target.ts');
      expect(isLocalImage(tag)).toBe(true);
      // The flags are accepted together by the CLI (load phase, kind target).
      const { checkWorkers } = await import('../../harness/cli/run-command.ts');
      const flags: RunFlags = { profile: 'release', target: 'kind', variant: [], suite: [], load: true, workers: 1, loadImage: tag, parallelism: 2 };
      const sel = await select(flags);
      expect(() => checkWorkers(flags, sel.target, loadRequest(flags, sel.profile, false))).not.toThrow();
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
    ['a misspelt job key', nightly.replace(/runs-on: ubuntu-24\.04\n    timeout-minutes: (\d+)/, 'runs_on: ubuntu-24.04\n    timeout-minutes: $1'), /Unexpected value 'runs_on'[\s\S]*Required property is missing: runs-on/],
    ['a broken expression', nightly.replace('${{ matrix.shard }}/4 --parallelism', '${{ matrix.shard + }}/4 --parallelism'), /workflow-parser: .*(Unexpected|expression)/i],
    ['an unknown context', nightly.replace("if: ${{ needs.e2e.result != 'success' }}", "if: ${{ nedds.e2e.result != 'success' }}"), /Unrecognized named-value: 'nedds'/],
    ['a needs naming no job', nightly.replace('needs: e2e', 'needs: e2e-shards'), /needs "e2e-shards", which is not a job/],
    ['a step with neither run nor uses', nightly.replace('      - name: Install dependencies\n        run: npm ci', '      - name: Install dependencies\n        runs: npm ci'), /Unexpected value 'runs'/],
  ])('flags %s', async (_what, text, expected) => {
    expect(text).not.toBe(nightly);
    const problems = await lintWorkflow('nightly.yml', text);
    expect(problems.join('\n')).toMatch(expected);
  });
});
