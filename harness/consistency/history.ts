// History of operations on a set of compare-and-set registers, one register per item key.
// The checkers (counter-check.ts, linearizability.ts) read it; the workload driver (workload.ts) writes it.
//
// Times are monotonic milliseconds (process.hrtime, not Date.now: wall-clock jumps would invent or hide overlaps).
// An `unknown` operation (timeout, connection reset, 5xx...) may or may not have taken effect, at any moment after
// its invocation: `complete` only records when the client gave up, and the checkers treat it as +infinity.
import { z } from 'zod';
import { ConfigError } from '../util/errors.ts';

/** A register's content: `null` = the item (or attribute) does not exist. */
export type Value = number | null;
export type Outcome = 'ok' | 'fail' | 'unknown';

export type Call = { f: 'read' } | { f: 'write'; value: number } | { f: 'cas'; expected: Value; next: number };

interface OpBase {
  /** Unique, in invocation order. */
  id: number;
  /** A process runs one operation at a time; after an `unknown` one the driver continues under a new process id. */
  process: number;
  key: string;
  invoke: number;
  complete: number;
  outcome: Outcome;
  /** Why the outcome is `unknown` (or why it failed), for people. */
  info?: string;
}
/** `value` is what the read returned; present exactly when `outcome` is `ok`. */
export type ReadOp = OpBase & { f: 'read'; value?: Value };
/** Unconditional write. `fail` = definitely not applied (the request was refused). */
export type WriteOp = OpBase & { f: 'write'; value: number };
/** `ok` = the condition held and `next` was written; `fail` = the condition did not hold, nothing written. */
export type CasOp = OpBase & { f: 'cas'; expected: Value; next: number };
export type Op = ReadOp | WriteOp | CasOp;
export type History = Op[];

export const monotonicMs = (): number => Number(process.hrtime.bigint()) / 1e6;

export interface PendingOp {
  readonly id: number;
  readonly process: number;
  readonly key: string;
  readonly call: Call;
  readonly invoke: number;
}

/** Records invocations and completions; ops still pending when the history is taken count as `unknown`. */
export class HistoryRecorder {
  private readonly ops: Op[] = [];
  private readonly pending = new Map<number, PendingOp>();
  private nextId = 0;

  constructor(private readonly clock: () => number = monotonicMs) {}

  invoke(process: number, key: string, call: Call): PendingOp {
    const p: PendingOp = { id: this.nextId++, process, key, call, invoke: this.clock() };
    this.pending.set(p.id, p);
    return p;
  }

  /** For a read, `readValue` is what it returned. */
  ok(p: PendingOp, readValue?: Value): Op {
    if (p.call.f === 'read' && readValue === undefined) throw new Error(`history: ok read #${p.id} needs the value it read`);
    return this.finish(p, 'ok', undefined, readValue);
  }

  fail(p: PendingOp, info?: string): Op {
    return this.finish(p, 'fail', info);
  }

  unknown(p: PendingOp, info: string): Op {
    return this.finish(p, 'unknown', info);
  }

  history(): History {
    const now = this.clock();
    const open = [...this.pending.values()].map((p) => toOp(p, now, 'unknown', 'still pending when the history was taken'));
    return [...this.ops, ...open].sort((a, b) => a.id - b.id);
  }

  private finish(p: PendingOp, outcome: Outcome, info?: string, readValue?: Value): Op {
    if (!this.pending.delete(p.id)) throw new Error(`history: operation #${p.id} completed twice`);
    const op = toOp(p, this.clock(), outcome, info, readValue);
    this.ops.push(op);
    return op;
  }
}

function toOp(p: PendingOp, complete: number, outcome: Outcome, info?: string, readValue?: Value): Op {
  const base = { id: p.id, process: p.process, key: p.key, invoke: p.invoke, complete, outcome, ...(info ? { info } : {}) };
  const c = p.call;
  if (c.f === 'read') return outcome === 'ok' ? { ...base, f: 'read', value: readValue ?? null } : { ...base, f: 'read' };
  if (c.f === 'write') return { ...base, f: 'write', value: c.value };
  return { ...base, f: 'cas', expected: c.expected, next: c.next };
}

/** Checkers call this first, so a malformed hand-made history fails loudly instead of being "linearizable". */
export function validateHistory(history: History): void {
  const ids = new Set<number>();
  for (const op of history) {
    const where = `history op #${op.id}`;
    if (ids.has(op.id)) throw new ConfigError('duplicate operation id', { field: `${where}.id`, fix: 'give each op a unique id' });
    ids.add(op.id);
    if (!Number.isFinite(op.invoke) || !Number.isFinite(op.complete) || op.complete < op.invoke)
      throw new ConfigError('invoke/complete must be finite and invoke <= complete', {
        field: `${where}.complete`,
        value: [op.invoke, op.complete],
        fix: 'record a monotonic time at invocation and at completion (unknown ops: when the client gave up)',
      });
    if (op.f === 'read' && op.outcome === 'ok' && op.value === undefined)
      throw new ConfigError('an ok read must carry the value it returned', { field: `${where}.value`, fix: 'use null for "absent"' });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// JSON lines, one event per line, in time order, in Jepsen's history shape so it converts line by line to EDN:
//
//   {"index":0,"op":7,"process":2,"type":"invoke","f":"cas","value":["k3",[4,5]],"time":1250000}
//   {"index":1,"op":7,"process":2,"type":"ok",    "f":"cas","value":["k3",[4,5]],"time":3100000}
//
// - type: invoke | ok | fail | info (info = outcome unknown; "error" then says why). time: integer nanoseconds.
// - value is a jepsen.independent tuple [key, v]: read v = null on invoke and the value read on ok; write v = the
//   value; cas v = [expected, next]. null = item absent, which is the initial value of Knossos' cas-register model,
//   so Knossos/Elle can check it with (independent/checker (checker/linearizable {:model (model/cas-register)})).
// - op pairs an invocation with its completion (Porcupine's Event.Id); when absent, the next completion of the same
//   process is paired, as Jepsen does. An invocation never completed is read as unknown.
// ---------------------------------------------------------------------------------------------------------------

export interface HistoryEvent {
  index: number;
  op: number;
  process: number;
  type: 'invoke' | 'ok' | 'fail' | 'info';
  f: Op['f'];
  value: [string, unknown];
  time: number;
  error?: string;
}

const TYPE_OF: Record<Outcome, HistoryEvent['type']> = { ok: 'ok', fail: 'fail', unknown: 'info' };
const toNs = (ms: number) => Math.round(ms * 1e6);

function eventValue(op: Op, completion: boolean): [string, unknown] {
  if (op.f === 'read') return [op.key, completion && op.outcome === 'ok' ? op.value : null];
  if (op.f === 'write') return [op.key, op.value];
  return [op.key, [op.expected, op.next]];
}

export function toEvents(history: History): HistoryEvent[] {
  const events: Omit<HistoryEvent, 'index'>[] = [];
  for (const op of history) {
    events.push({ op: op.id, process: op.process, type: 'invoke', f: op.f, value: eventValue(op, false), time: toNs(op.invoke) });
    events.push({
      op: op.id,
      process: op.process,
      type: TYPE_OF[op.outcome],
      f: op.f,
      value: eventValue(op, true),
      time: toNs(op.complete),
      ...(op.info ? { error: op.info } : {}),
    });
  }
  // Stable sort keeps each invocation ahead of its own completion when both carry the same time.
  events.sort((a, b) => a.time - b.time);
  return events.map((e, index) => ({ index, ...e }));
}

export function toJsonLines(history: History): string {
  return toEvents(history).map((e) => JSON.stringify(e)).join('\n') + '\n';
}

const valueSchema = z.union([z.number(), z.null()]);
const eventSchema = z.object({
  op: z.number().int().optional(),
  process: z.number().int(),
  type: z.enum(['invoke', 'ok', 'fail', 'info']),
  f: z.enum(['read', 'write', 'cas']),
  value: z.tuple([z.string(), z.unknown()]),
  time: z.number(),
  error: z.string().optional(),
});
type ParsedEvent = z.infer<typeof eventSchema>;

/** Reads the JSON lines written by toJsonLines (or a Jepsen history of the same shape) back into a History. */
export function parseJsonLines(text: string, source = 'history'): History {
  const open = new Map<string, { ev: ParsedEvent; line: number }>();
  const ops: Op[] = [];
  let lastTime = 0;
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    if (!raw.trim()) return;
    const line = i + 1;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      throw new ConfigError('not JSON', { file: source, field: `line ${line}`, fix: 'one JSON event per line' });
    }
    const parsed = eventSchema.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new ConfigError(issue?.message ?? 'invalid event', {
        file: source,
        field: `line ${line}: ${issue?.path.join('.') ?? ''}`,
        fix: 'see the format in harness/consistency/history.ts',
      });
    }
    const ev = parsed.data;
    lastTime = Math.max(lastTime, ev.time);
    const pairKey = ev.op !== undefined ? `op:${ev.op}` : `p:${ev.process}`;
    if (ev.type === 'invoke') {
      if (open.has(pairKey))
        throw new ConfigError('invoked again before completing', { file: source, field: `line ${line}`, fix: 'a process runs one op at a time' });
      open.set(pairKey, { ev, line });
      return;
    }
    const inv = open.get(pairKey);
    if (!inv) throw new ConfigError(`${ev.type} without an invocation`, { file: source, field: `line ${line}` });
    open.delete(pairKey);
    ops.push(fromEvents(inv.ev, ev, inv.line, source, ops.length));
  });
  for (const { ev, line } of open.values()) ops.push(fromEvents(ev, { ...ev, type: 'info', time: lastTime }, line, source, ops.length));
  ops.sort((a, b) => a.invoke - b.invoke || a.id - b.id);
  validateHistory(ops);
  return ops;
}

function fromEvents(inv: ParsedEvent, done: ParsedEvent, line: number, source: string, seq: number): Op {
  const outcome: Outcome = done.type === 'ok' ? 'ok' : done.type === 'fail' ? 'fail' : 'unknown';
  const base = {
    id: inv.op ?? seq,
    process: inv.process,
    key: inv.value[0],
    invoke: inv.time / 1e6,
    complete: done.time / 1e6,
    outcome,
    ...(done.error ? { info: done.error } : {}),
  };
  const bad = (what: string) =>
    new ConfigError(what, { file: source, field: `line ${line}: value`, fix: 'see the format in harness/consistency/history.ts' });
  if (inv.f === 'read') {
    if (outcome !== 'ok') return { ...base, f: 'read' };
    const v = valueSchema.safeParse(done.value[1]);
    if (!v.success) throw bad('a read returns a number or null');
    return { ...base, f: 'read', value: v.data };
  }
  if (inv.f === 'write') {
    if (typeof inv.value[1] !== 'number') throw bad('a write writes a number');
    return { ...base, f: 'write', value: inv.value[1] };
  }
  const cas = z.tuple([valueSchema, z.number()]).safeParse(inv.value[1]);
  if (!cas.success) throw bad('a cas value is [expected (number|null), next (number)]');
  return { ...base, f: 'cas', expected: cas.data[0], next: cas.data[1] };
}

export function groupByKey(history: History): Map<string, Op[]> {
  const m = new Map<string, Op[]>();
  for (const op of history) {
    const list = m.get(op.key);
    if (list) list.push(op);
    else m.set(op.key, [op]);
  }
  return m;
}

/** Short text for one op, used by the reports: `p3 cas(4→5) ok`. */
export function describeOp(op: Op): string {
  const v = (x: Value | undefined) => (x === null ? 'nil' : String(x));
  const call =
    op.f === 'read'
      ? op.outcome === 'ok'
        ? `read→${v(op.value)}`
        : 'read'
      : op.f === 'write'
        ? `write(${op.value})`
        : `cas(${v(op.expected)}→${op.next})`;
  const out = op.f === 'read' && op.outcome === 'ok' ? '' : ` ${op.outcome === 'unknown' ? '?' : op.outcome}`;
  return `p${op.process} ${call}${out}`;
}
