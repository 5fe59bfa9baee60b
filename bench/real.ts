// `npm run bench:real -- RESULTS_JSON`: the suite time each variant of a run would take on a real Alternator,
// predicted from the operations its endpoint counted (variants[].endpointOperations) with the constants of
// harness/run/latency-model.ts. Reads a results.json written by `run` (it does not run the suites itself yet).
import { readFileSync } from 'node:fs';
import type { RunResult } from '../harness/report/results.ts';
import { DEFAULT_LATENCY, describePrediction, lwtWriteShareFor, predictSuiteTime } from '../harness/run/latency-model.ts';

const path = process.argv[2];
if (!path) {
  console.error('usage: npm run bench:real -- RESULTS_JSON (a results.json written by `run`)');
  process.exit(2);
}
const run = JSON.parse(readFileSync(path, 'utf8')) as RunResult;
for (const v of run.variants) {
  if (!v.endpointOperations) {
    console.log(`${v.name}: no endpoint operation counts (the endpoint has no metrics URLs)`);
    continue;
  }
  const isolation = (v.options.alternator as { writeIsolation?: string } | undefined)?.writeIsolation;
  const share = lwtWriteShareFor(isolation);
  const note = share === 0 && ['o', 'only_rmw_uses_lwt'].includes(isolation ?? '') ? ' (conditional writes through LWT not counted)' : '';
  console.log(describePrediction(v.name, predictSuiteTime(v.endpointOperations.counts, 0, { ...DEFAULT_LATENCY, lwtWriteShare: share })) + note);
}
