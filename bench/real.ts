// `npm run bench:real [-- [--profile P] [--variant NAME]...]`: the suite time each variant would take on a real
// Alternator, with and without the shared tables. Runs every suite on the local target twice (as it is, and with
// `run --no-shared-tables`), then predicts each variant's time from the operations its endpoint counted
// (results.json variants[].endpointOperations) and the time its suites waited (variants[].waitedMs), with the
// constants of harness/run/latency-model.ts. A benchmark, not a test.
//   `npm run bench:real -- RESULTS_JSON [RESULTS_JSON]`: predicts from runs already made (one with shared tables,
//   one with --no-shared-tables, or either) instead of running the suites.
//   `npm run bench:real -- --write-profile`: runs each suite file alone on the `defaults` variant and writes what each
//   costs the endpoint to fixtures/suite-costs.json, which `plan` predicts from (harness/run/suite-costs.ts).
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { projectRoot } from '../harness/util/paths.ts';
import { harnessInfo } from '../harness/util/harness-info.ts';
import { totals, type RunResult } from '../harness/report/results.ts';
import { DEFAULT_LATENCY, LATENCY_SOURCES } from '../harness/run/latency-model.ts';
import { predictionLines } from '../harness/run/predicted-time.ts';
import { discoverSuites } from '../harness/run/suites.ts';
import { SUITE_COSTS_FILE, suiteCostOf, type SuiteCostProfile } from '../harness/run/suite-costs.ts';

const USAGE = 'usage: npm run bench:real [-- [--profile P] [--variant NAME]... | RESULTS_JSON [RESULTS_JSON] | --write-profile]';
function usage(problem: string): never {
  console.error(`bench:real: ${problem}\n${USAGE}`);
  process.exit(2);
}
function args() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        profile: { type: 'string', default: 'smoke' },
        variant: { type: 'string', multiple: true, default: [] },
        'write-profile': { type: 'boolean', default: false },
      },
    });
  } catch (e) {
    return usage((e as Error).message);
  }
}
const { values, positionals } = args();

/**
 * One `run` on the local target; its results.json. A red run still has one (a failed case is not a failed bench), and
 * so has a file none of whose cases applies to the variant (exit 2, "No test ran"): what it sent is still its cost.
 */
function run(args: string[]): Promise<RunResult> {
  const reports = mkdtempSync(join(tmpdir(), 'alte2e-bench-real-'));
  return new Promise((resolve, reject) => {
    // The run's own output goes to stderr: stdout is the prediction.
    const child = spawn(process.execPath, ['bin/alternator-e2e.mjs', 'run', '--quiet', '--reports', reports, ...args], { cwd: projectRoot(), stdio: ['ignore', 2, 2] });
    child.on('error', reject);
    child.on('exit', (code) => {
      const results = join(reports, 'latest', 'results.json');
      if (!existsSync(results)) return reject(new Error(`run ${args.join(' ')} exited ${code} without results`));
      resolve(JSON.parse(readFileSync(realpathSync(results), 'utf8')) as RunResult);
    });
  });
}

function printConstants() {
  console.log('constants (harness/run/latency-model.ts):');
  for (const [k, v] of Object.entries(DEFAULT_LATENCY)) console.log(`  ${k} ${v}: ${LATENCY_SOURCES[k as keyof typeof LATENCY_SOURCES]}`);
}

async function writeProfile() {
  const variant = 'defaults';
  const files: SuiteCostProfile['files'] = {};
  const queue = discoverSuites().map((s) => s.id);
  // Two at a time: each run is its own deployment, so their counts do not mix.
  const worker = async () => {
    for (let id = queue.shift(); id; id = queue.shift()) {
      const r = await run(['--profile', 'smoke', '--variant', variant, '--suite', id]);
      const cost = suiteCostOf(r.variants[0]!);
      if (!cost) throw new Error(`${id}: the local endpoint counted nothing`);
      files[id] = cost;
      console.error(`bench:real: ${id} measured`);
    }
  };
  await Promise.all([worker(), worker()]);
  const profile: SuiteCostProfile = {
    measured: {
      command: 'npm run bench:real -- --write-profile',
      date: new Date().toISOString().slice(0, 10),
      commit: harnessInfo().commit ?? 'unknown',
      target: 'local',
      variant,
    },
    files: Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b))),
  };
  writeFileSync(SUITE_COSTS_FILE(), `${JSON.stringify(profile, null, 2)}\n`);
  console.log(`wrote ${SUITE_COSTS_FILE()}: ${Object.keys(files).length} suite files measured on ${variant}`);
}

async function main() {
  if (values['write-profile']) return writeProfile();
  let runs: RunResult[];
  if (positionals.length > 2) usage('at most two results.json files (one with shared tables, one without)');
  else if (positionals.length) {
    runs = positionals.map((p) => {
      try {
        return JSON.parse(readFileSync(p, 'utf8')) as RunResult;
      } catch (e) {
        return usage(`${p}: not a results.json that can be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
      }
    });
  } else {
    const selection = ['--profile', values.profile!, ...values.variant!.flatMap((v) => ['--variant', v])];
    // One after the other: the machine is shared, and each run's counts are its own endpoint's.
    runs = [await run(selection), await run([...selection, '--no-shared-tables'])];
  }
  printConstants();
  console.log('\nruns (a red run\'s counts may be short of a green one\'s):');
  for (const r of runs) {
    const t = totals(r);
    console.log(`  ${r.runId} ${r.sharedTables === false ? 'without' : 'with'} shared tables, commit ${r.harness?.commit ?? 'unknown'}: ${t.tests} cases, ${t.failed} failed`);
  }
  console.log('\npredicted suite time on a real Alternator per variant (the sum over its suite files):');
  for (const l of predictionLines(runs)) console.log(l);
}

main().catch((e: unknown) => {
  console.error(`bench:real: ${e instanceof Error ? e.message : String(e)}`);
  process.exit(1);
});
