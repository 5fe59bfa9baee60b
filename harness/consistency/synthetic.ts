// Valid histories on demand, for the checker's own tests and benchmark: a simulated atomic store where each op
// takes effect at a random instant between its call and its return, so overlaps are realistic and the history is
// linearizable by construction. Processes run the workload's pattern (read a key, CAS it from what was read).
import type { History, Op, Value } from './history.ts';
import { pick, seededRandom } from './random.ts';

export interface SyntheticOptions {
  ops: number;
  keys: number;
  processes: number;
  seed: number;
  /** Share of ops whose outcome is unknown (half of them take effect). Default 0. */
  unknownRate?: number;
  /** Share of unconditional writes. Default 0. */
  writeRatio?: number;
}

export function generateValidHistory(o: SyntheticOptions): History {
  const rand = seededRandom(o.seed);
  const between = (a: number, b: number) => a + rand() * (b - a);
  const state = new Map<string, Value>();
  const history: Op[] = [];
  let nextProcess = o.processes;
  let writes = 0;
  // Each process's planned op; the one with the earliest effect instant is applied next, so the store sees effects
  // in time order while calls and returns overlap freely.
  type Plan = { process: number; key: string; invoke: number; effect: number; kind: 'read' | 'cas' | 'write'; expected: Value };
  const plan = (process: number, at: number, key?: string, expected: Value = null, kind?: Plan['kind']): Plan => {
    const invoke = at + between(0, 0.5);
    const k = key ?? `k${pick(rand, o.keys)}`;
    const f = kind ?? (rand() < (o.writeRatio ?? 0) ? 'write' : 'read');
    return { process, key: k, invoke, effect: invoke + between(0.05, 2), kind: f, expected };
  };
  const plans = Array.from({ length: o.processes }, (_, p) => plan(p, 0));

  while (history.length < o.ops) {
    let i = 0;
    for (let j = 1; j < plans.length; j++) if (plans[j]!.effect < plans[i]!.effect) i = j;
    const p = plans[i]!;
    const unknown = rand() < (o.unknownRate ?? 0);
    const applies = !unknown || rand() < 0.5;
    const complete = unknown ? p.effect + 5 : p.effect + between(0.05, 2);
    const cur = state.get(p.key) ?? null;
    const base = { id: history.length, process: p.process, key: p.key, invoke: p.invoke, complete };
    let op: Op;
    if (p.kind === 'read') {
      op = unknown ? { ...base, f: 'read', outcome: 'unknown', info: 'timeout' } : { ...base, f: 'read', outcome: 'ok', value: cur };
    } else if (p.kind === 'write') {
      const value = 1_000_000 * ++writes;
      if (applies) state.set(p.key, value);
      op = { ...base, f: 'write', value, outcome: unknown ? 'unknown' : 'ok' };
    } else {
      const next = (p.expected ?? 0) + 1;
      const ok = cur === p.expected;
      if (ok && applies) state.set(p.key, next);
      op = { ...base, f: 'cas', expected: p.expected, next, outcome: unknown ? 'unknown' : ok ? 'ok' : 'fail' };
    }
    history.push(op);
    const process = unknown ? nextProcess++ : p.process;
    // A successful read is followed by a CAS from what it read, on the same key.
    plans[i] = op.f === 'read' && op.outcome === 'ok' ? plan(process, complete, p.key, op.value ?? null, 'cas') : plan(process, complete);
  }
  return history;
}
