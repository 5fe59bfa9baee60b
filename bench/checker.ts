// Benchmark of the consistency checker (not a test: times depend on the machine). Run: npm run bench:checker
// Goal from issue 4: a valid history of 10,000 operations on 10 keys is checked in under a second.
import { checkCounters } from '../harness/consistency/counter-check.ts';
import { checkLinearizability } from '../harness/consistency/linearizability.ts';
import { generateValidHistory, type SyntheticOptions } from '../harness/consistency/synthetic.ts';

const cases: (SyntheticOptions & { label: string })[] = [
  { label: '10,000 ops, 10 keys, 8 processes', ops: 10_000, keys: 10, processes: 8, seed: 1 },
  { label: '10,000 ops, 10 keys, 8 processes, 1% unknown', ops: 10_000, keys: 10, processes: 8, seed: 2, unknownRate: 0.01 },
  { label: '10,000 ops, 2 keys, 16 processes (harder)', ops: 10_000, keys: 2, processes: 16, seed: 3 },
];
const runs = 5;

for (const c of cases) {
  const history = generateValidHistory(c);
  const times: number[] = [];
  let verdict = '';
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    const lin = checkLinearizability(history);
    const counters = checkCounters(history);
    times.push(performance.now() - t);
    const steps = lin.keys.reduce((s, k) => s + k.steps, 0);
    verdict = `linearizable=${String(lin.valid)} counters=${counters.ok ? 'ok' : 'ANOMALY'} steps=${steps}`;
    if (lin.valid !== true) throw new Error(`${c.label}: a valid history was not accepted (${verdict})`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `${c.label}: first ${times[0]!.toFixed(0)} ms, median ${sorted[runs >> 1]!.toFixed(0)} ms over ${runs} runs (${verdict})`,
  );
}

// For information: the cost of a failing check, which searches exhaustively up to the anomaly and then shrinks.
{
  const history = generateValidHistory({ ops: 10_000, keys: 10, processes: 8, seed: 4 });
  const fails = history.filter((o) => o.f === 'cas' && o.outcome === 'fail');
  const flipped = fails[fails.length >> 1]!;
  const bad = history.map((o) => (o === flipped ? { ...o, outcome: 'ok' as const } : o));
  const t = performance.now();
  const lin = checkLinearizability(bad);
  const w = lin.failures[0]?.witness;
  console.log(
    `10,000 ops, 10 keys, one lost update injected: ${(performance.now() - t).toFixed(0)} ms to find and shrink ` +
      `(valid=${String(lin.valid)}, witness ${w?.ops.length ?? '-'} ops after ${w?.searches ?? '-'} searches)`,
  );
  if (lin.valid !== false) throw new Error('the injected lost update was not found');
}
