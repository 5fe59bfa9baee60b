// Terse constructors for hand-written histories: times are [invoke, complete] in ms.
import type { History, Op, Outcome, Value } from '../../harness/consistency/history.ts';

let nextId = 0;
type Span = [number, number];
const base = (p: number, key: string, [invoke, complete]: Span, outcome: Outcome) => ({
  id: nextId++,
  process: p,
  key,
  invoke,
  complete,
  outcome,
});

export const read = (p: number, key: string, value: Value, t: Span): Op => ({ ...base(p, key, t, 'ok'), f: 'read', value });
export const write = (p: number, key: string, value: number, t: Span, outcome: Outcome = 'ok'): Op => ({
  ...base(p, key, t, outcome),
  f: 'write',
  value,
});
export const cas = (p: number, key: string, expected: Value, next: number, t: Span, outcome: Outcome = 'ok'): Op => ({
  ...base(p, key, t, outcome),
  f: 'cas',
  expected,
  next,
});
export const history = (...ops: Op[]): History => ops;
