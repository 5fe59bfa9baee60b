// Cheap first checks, linear in the history, that name lost updates in words people act on (the linearizability
// check says "no valid order exists", this says "12 increments were lost on k3").
//
// Both checks need the workload's counter discipline: every CAS writes something larger than what it expected,
// so a register never returns to an old value and each value is one "version". Keys that break it (unconditional
// writes, non-increasing CAS) are reported as not applicable and left to the linearizability check.
import { describeOp, groupByKey, validateHistory, type CasOp, type History, type Op, type ReadOp, type Value } from './history.ts';

export type CounterFindingKind =
  | 'lost-update' // two successful CAS from the same expected version
  | 'below-successes' // final value < successful increments (Jepsen counter lower bound)
  | 'above-attempts' // final value > attempted increments (an increment applied twice, or from nowhere)
  | 'not-applicable';

export interface CounterFinding {
  kind: CounterFindingKind;
  key: string;
  /** How many lost updates / how far outside the bound / 0 for not-applicable. */
  count: number;
  message: string;
  /** The ops involved (for lost updates: every successful CAS that expected the duplicated version). */
  opIds: number[];
}

export interface CounterReport {
  /** No anomaly found (not-applicable findings are not anomalies). */
  ok: boolean;
  counts: {
    keys: number;
    checkedKeys: number;
    lostUpdates: number;
    boundViolations: number;
    cas: { ok: number; fail: number; unknown: number };
  };
  findings: CounterFinding[];
}

const before = (e: Value) => (e === null ? -Infinity : e);
const isIncrement = (op: CasOp) => op.next === (op.expected ?? 0) + 1;

export function checkCounters(history: History): CounterReport {
  validateHistory(history);
  const byKey = groupByKey(history);
  const findings: CounterFinding[] = [];
  const counts: CounterReport['counts'] = {
    keys: byKey.size,
    checkedKeys: 0,
    lostUpdates: 0,
    boundViolations: 0,
    cas: { ok: 0, fail: 0, unknown: 0 },
  };

  for (const [key, ops] of byKey) {
    const cas = ops.filter((o): o is CasOp => o.f === 'cas');
    for (const o of cas) counts.cas[o.outcome]++;
    const writes = ops.filter((o) => o.f === 'write' && o.outcome !== 'fail');
    const nonMonotone = cas.filter((o) => o.next <= before(o.expected));
    if (writes.length || nonMonotone.length) {
      const why = writes.length ? `${writes.length} unconditional write(s)` : `non-increasing ${describeOp(nonMonotone[0]!)}`;
      findings.push({ kind: 'not-applicable', key, count: 0, message: `${key}: counter checks skipped (${why})`, opIds: [] });
      continue;
    }
    counts.checkedKeys++;

    // Lost update: in a register that only grows, a given version is current during one interval, so at most one
    // CAS can succeed from it. Every extra success overwrote a sibling's write without seeing it.
    const okByExpected = new Map<Value, CasOp[]>();
    for (const o of cas) if (o.outcome === 'ok') okByExpected.set(o.expected, [...(okByExpected.get(o.expected) ?? []), o]);
    for (const [expected, winners] of okByExpected) {
      if (winners.length < 2) continue;
      counts.lostUpdates += winners.length - 1;
      findings.push({
        kind: 'lost-update',
        key,
        count: winners.length - 1,
        message: `${key}: ${winners.length} CAS succeeded from version ${expected ?? 'nil'} (${winners.map(describeOp).join(', ')})`,
        opIds: winners.map((o) => o.id),
      });
    }

    // Counter bounds need a final value read once the key was quiet and every increment to be +1.
    const final = finalRead(ops);
    if (!final || !cas.every(isIncrement)) {
      const why = !final ? 'no read after every operation completed' : 'not every CAS is a +1 increment';
      findings.push({ kind: 'not-applicable', key, count: 0, message: `${key}: counter bounds skipped (${why})`, opIds: [] });
      continue;
    }
    const value = final.value ?? 0;
    const succeeded = cas.filter((o) => o.outcome === 'ok').length;
    const attempted = succeeded + cas.filter((o) => o.outcome === 'unknown').length;
    if (value < succeeded) {
      counts.boundViolations++;
      findings.push({
        kind: 'below-successes',
        key,
        count: succeeded - value,
        message: `${key}: final value ${value} < ${succeeded} successful increments (${succeeded - value} lost)`,
        opIds: [final.id],
      });
    }
    if (value > attempted) {
      counts.boundViolations++;
      findings.push({
        kind: 'above-attempts',
        key,
        count: value - attempted,
        message: `${key}: final value ${value} > ${attempted} attempted increments`,
        opIds: [final.id],
      });
    }
  }
  const ok = findings.every((f) => f.kind === 'not-applicable');
  return { ok, counts, findings };
}

/** The latest ok read invoked after every definite op on the key had completed. */
function finalRead(ops: Op[]): ReadOp | undefined {
  const reads = ops.filter((o): o is ReadOp => o.f === 'read' && o.outcome === 'ok');
  const last = reads.reduce<ReadOp | undefined>((a, o) => (!a || o.invoke > a.invoke ? o : a), undefined);
  if (!last) return undefined;
  const quiet = ops.every((o) => o === last || o.outcome === 'unknown' || o.complete <= last.invoke);
  return quiet ? last : undefined;
}

export function renderCounterReport(r: CounterReport): string {
  const c = r.counts;
  const head =
    `counter checks: ${r.ok ? 'no anomaly' : 'ANOMALIES'} — ${c.checkedKeys}/${c.keys} keys checked, ` +
    `${c.lostUpdates} lost update(s), ${c.boundViolations} bound violation(s); ` +
    `cas ok ${c.cas.ok} / fail ${c.cas.fail} / unknown ${c.cas.unknown}`;
  return [head, ...r.findings.map((f) => `  [${f.kind}] ${f.message}`)].join('\n');
}
