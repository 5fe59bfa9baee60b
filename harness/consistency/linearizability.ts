// Linearizability of a history of compare-and-set registers (history.ts), Wing & Gong's search with Lowe's
// memoisation, as Porcupine does it:
//
// - P-compositionality: a history is linearizable iff each key's sub-history is, so each key is searched alone
//   (the search is exponential in concurrency, so small independent searches are what makes 10k ops cheap).
// - Calls and returns are laid out in time order in a doubly linked list. The search linearizes a "minimal" op (one
//   whose call comes before any pending return), lifts it out of the list, and backtracks when it meets the return
//   of an op it has not linearized. A (linearized set, register state) pair already explored is never explored
//   again: the set is a bitset with an incrementally kept Zobrist hash.
// - `unknown` ops return at +infinity and may take effect at most once, at any time after their call; since
//   nothing observes what they did after everything else, the search succeeds as soon as every definite op is
//   linearized, and an unknown op is only linearized where it takes effect (a no-op is the same as never).
// - Equal times count as concurrent (calls sort before returns): a coarse clock must not invent an order.
//
// On failure the key's sub-history is shrunk with moves that keep it a proof (see shrink()), and rendered.
import { describeOp, groupByKey, validateHistory, type History, type Op, type Value } from './history.ts';
import { seededRandom } from './random.ts';

export type Verdict = true | false | 'unknown';
/** `any`: the state before the first op is unknown (a key that existed before the history started). */
export type Initial = Value | 'any';

export interface LinearizabilityOptions {
  /** Register state before the history; default null (item absent). */
  initial?: Initial;
  /** Search budget per key (loop steps); beyond it the key's verdict is 'unknown'. Default 5,000,000. */
  maxSteps?: number;
  /**
   * Shrink at most `maxKeys` failing keys (default 3), each with at most `maxChecks` searches (default 400) and
   * `maxSteps` search steps in all (default 20,000,000), so a pathological history cannot stall a report.
   */
  shrink?: { maxKeys?: number; maxChecks?: number; maxSteps?: number } | false;
}

export interface Witness {
  key: string;
  initial: Initial;
  ops: Op[];
  /** False when the shrink budget ran out: a smaller witness may exist. (True: no move applies any more.) */
  minimal: boolean;
  /** Searches the shrink spent. */
  searches: number;
  text: string;
}

export interface KeyResult {
  key: string;
  ops: number;
  valid: Verdict;
  steps: number;
  witness?: Witness;
}

export interface LinearizabilityReport {
  /** false if any key is not linearizable; 'unknown' if none is false but a search ran out of budget. */
  valid: Verdict;
  keys: KeyResult[];
  failures: KeyResult[];
}

export function checkLinearizability(history: History, options: LinearizabilityOptions = {}): LinearizabilityReport {
  validateHistory(history);
  const initial = options.initial ?? null;
  const maxSteps = options.maxSteps ?? 5_000_000;
  const byKey = new Map([...groupByKey(history)].map(([key, all]) => [key, relevant(all)]));
  const keys: KeyResult[] = [];
  for (const [key, ops] of byKey) {
    const r = search(ops, initial, maxSteps);
    keys.push({ key, ops: ops.length, valid: r.valid, steps: r.steps });
  }
  const failures = keys.filter((k) => k.valid === false);
  if (options.shrink !== false) {
    const { maxKeys = 3, maxChecks = 400, maxSteps: shrinkSteps = 20_000_000 } = options.shrink ?? {};
    for (const f of failures.slice(0, maxKeys)) f.witness = shrink(f.key, byKey.get(f.key) ?? [], initial, shrinkSteps, maxChecks);
  }
  const valid: Verdict = failures.length ? false : keys.some((k) => k.valid === 'unknown') ? 'unknown' : true;
  return { valid, keys, failures };
}

/** Reads that did not answer and writes that were refused carry no information and change nothing. */
function relevant(ops: Op[]): Op[] {
  return ops.filter((o) => !(o.f === 'read' && o.outcome !== 'ok') && !(o.f === 'write' && o.outcome === 'fail'));
}

// ---------------------------------------------------------------------------------------------------------------
// The search

/**
 * ANY stands for "the initial state, not yet observed". Treating it as unconstrained after a failed CAS (where the
 * truth is "anything but `expected`") makes the check more permissive, never less: a `false` under ANY is still a
 * proof that no initial state works, which is all the shrinker relies on.
 */
const ANY = Symbol('any');
type State = Value | typeof ANY;

/** The register's sequential spec. Returns the state after `op`, or undefined if `op` cannot happen in `s`. */
function step(op: Op, s: State): State | undefined {
  if (op.f === 'write') return op.value;
  if (op.f === 'read') return s === ANY || op.value === s ? op.value! : undefined;
  if (op.outcome === 'fail') return s !== op.expected ? s : undefined;
  return s === ANY || s === op.expected ? op.next : undefined; // ok, or unknown taking effect
}

function stateHash(s: State): number {
  if (s === ANY) return 0x2545f491;
  if (s === null) return 0x5bd1e995;
  return Math.imul((s | 0) ^ ((s / 4294967296) | 0) ^ (Math.round((s % 1) * 1e9) | 0), 0x9e3779b1) >>> 0;
}

function search(ops: Op[], initial: Initial, maxSteps: number): { valid: Verdict; steps: number } {
  const n = ops.length;
  // Entries 1..2n (0 is the list head). Call entry of op i, then its return entry; sorted by time, calls first.
  const order: { time: number; call: boolean; op: number }[] = [];
  ops.forEach((o, i) => {
    order.push({ time: o.invoke, call: true, op: i });
    order.push({ time: o.outcome === 'unknown' ? Infinity : o.complete, call: false, op: i });
  });
  order.sort((a, b) => a.time - b.time || (a.call === b.call ? 0 : a.call ? -1 : 1));
  const size = 2 * n + 1;
  const next = new Int32Array(size).fill(-1);
  const prev = new Int32Array(size).fill(-1);
  const opOf = new Int32Array(size);
  const isCall = new Uint8Array(size);
  const ret = new Int32Array(size); // call entry -> its return entry
  const callOf = new Int32Array(n);
  order.forEach((e, k) => {
    const node = k + 1;
    opOf[node] = e.op;
    isCall[node] = e.call ? 1 : 0;
    prev[node] = k;
    next[k] = node;
    if (e.call) callOf[e.op] = node;
    else ret[callOf[e.op]!] = node;
  });

  const rand = seededRandom(0x1234567);
  const zobrist = Uint32Array.from({ length: n }, () => (rand() * 4294967296) >>> 0);
  const bits = new Uint32Array((n >>> 5) + 1);
  let hash = 0;
  const cache = new Map<number, { bits: Uint32Array; state: State }[]>();
  const seenOrAdd = (s: State): boolean => {
    const h = (hash ^ stateHash(s)) >>> 0;
    const bucket = cache.get(h);
    if (bucket) {
      outer: for (const e of bucket) {
        if (e.state !== s) continue;
        for (let w = 0; w < bits.length; w++) if (e.bits[w] !== bits[w]) continue outer;
        return true;
      }
      bucket.push({ bits: bits.slice(), state: s });
    } else cache.set(h, [{ bits: bits.slice(), state: s }]);
    return false;
  };
  const flip = (i: number) => {
    bits[i >>> 5]! ^= 1 << (i & 31);
    hash ^= zobrist[i]!;
  };
  const unlink = (x: number) => {
    next[prev[x]!] = next[x]!;
    if (next[x]! !== -1) prev[next[x]!] = prev[x]!;
  };
  const relink = (x: number) => {
    next[prev[x]!] = x;
    if (next[x]! !== -1) prev[next[x]!] = x;
  };

  let definite = ops.reduce((c, o) => c + (o.outcome === 'unknown' ? 0 : 1), 0);
  let state: State = initial === 'any' ? ANY : initial;
  const stackNode: number[] = [];
  const stackState: State[] = [];
  let entry = next[0]!;
  let steps = 0;
  while (definite > 0) {
    if (++steps > maxSteps) return { valid: 'unknown', steps };
    if (entry === -1) return { valid: false, steps }; // unreachable: every call is followed by its return
    const i = opOf[entry]!;
    const op = ops[i]!;
    if (isCall[entry]) {
      const after = step(op, state);
      if (after !== undefined) {
        flip(i);
        if (!seenOrAdd(after)) {
          stackNode.push(entry);
          stackState.push(state);
          state = after;
          unlink(entry);
          unlink(ret[entry]!);
          if (op.outcome !== 'unknown') definite--;
          entry = next[0]!;
          continue;
        }
        flip(i);
      }
      entry = next[entry]!;
    } else {
      // The return of an op not yet linearized: everything after it must come later, so undo the last choice.
      const top = stackNode.pop();
      if (top === undefined) return { valid: false, steps };
      state = stackState.pop()!;
      const j = opOf[top]!;
      flip(j);
      relink(ret[top]!);
      relink(top);
      if (ops[j]!.outcome !== 'unknown') definite++;
      entry = next[top]!;
    }
  }
  return { valid: true, steps };
}

// ---------------------------------------------------------------------------------------------------------------
// Shrinking. A smaller sub-history is only worth showing if its failure proves the whole history's, so every move
// keeps "sub-history not linearizable ⇒ history not linearizable" (dropping ops blindly does not: drop the write a
// read saw and the read looks impossible). Moves, each accepted only if the search still fails:
//  1. drop observers (ok reads, failed CAS): a linearization of the whole, minus them, stays valid;
//  2. drop writers (writes, ok/unknown CAS) whose values no remaining op reads or expects, provided no remaining
//     failed CAS could have run while their value was current: without them the register keeps its previous value
//     during their intervals, which nobody remaining could tell apart;
//  3. cut a prefix at a time t that no definite writer straddles: everything completed before t precedes everything
//     after it, so the rest is checked from ANY initial state (unknown ops invoked earlier stay, as optional).
// Moves 1-2 run as delta debugging (ddmin-style halving chunks); move 3 as a binary search over cut times.

const isObserver = (o: Op) => o.f === 'read' || (o.f === 'cas' && o.outcome === 'fail');
const written = (o: Op): number | undefined => (o.f === 'write' ? o.value : o.f === 'cas' && o.outcome !== 'fail' ? o.next : undefined);

function droppable(removed: Set<Op>, rest: Op[]): boolean {
  const values = new Set<number>();
  let firstInvoke = Infinity;
  for (const o of removed) {
    const v = written(o);
    if (v === undefined) continue;
    values.add(v);
    firstInvoke = Math.min(firstInvoke, o.invoke);
  }
  if (!values.size) return true;
  return rest.every((o) => {
    if (o.f === 'read') return !values.has(o.value!);
    if (o.f === 'cas' && o.outcome === 'fail') return o.complete <= firstInvoke;
    return o.f !== 'cas' || o.expected === null || !values.has(o.expected);
  });
}

function shrink(key: string, ops: Op[], initial: Initial, maxSteps: number, maxChecks: number): Witness {
  let checks = 0;
  let steps = 0;
  let exhausted = false;
  const fails = (s: Op[], init: Initial) => {
    if (checks >= maxChecks || steps >= maxSteps) return !(exhausted = true);
    checks++;
    const r = search(s, init, maxSteps - steps);
    steps += r.steps;
    if (r.valid === 'unknown') exhausted = true;
    return r.valid === false;
  };
  // An op that is impossible on its own (a read of a value nobody wrote) is the best witness there is.
  if (initial !== 'any') {
    for (const o of ops) {
      if (search([o], initial, 10).valid !== false) continue;
      const others = new Set(ops.filter((x) => x !== o));
      if (droppable(others, [o])) return witness(key, [o], initial, true, 0);
    }
  }
  let cur = ops;
  let init = initial;
  for (let round = 0; round < 8; round++) {
    const before = `${cur.length}/${String(init)}`;
    [cur, init] = cutPrefix(cur, init, fails);
    cur = ddmin(cur, (rest, removed) => droppable(removed, rest) && fails(rest, init));
    if (`${cur.length}/${String(init)}` === before) break;
  }
  return witness(key, cur, init, !exhausted, checks);
}

function witness(key: string, ops: Op[], initial: Initial, minimal: boolean, searches: number): Witness {
  const sorted = [...ops].sort((a, b) => a.invoke - b.invoke || a.id - b.id);
  return { key, initial, ops: sorted, minimal, searches, text: renderTimeline(key, sorted, initial) };
}

/** Halving chunks over the ops, latest first (suffixes are the likeliest to be droppable), until single ops. */
function ddmin(cur: Op[], accept: (rest: Op[], removed: Set<Op>) => boolean): Op[] {
  let cands = [...cur].sort((a, b) => b.invoke - a.invoke);
  for (let size = cands.length; size >= 1; size = size === 1 ? 0 : Math.ceil(size / 2)) {
    for (let i = 0; i < cands.length; ) {
      const chunk = new Set(cands.slice(i, i + size));
      const rest = cur.filter((o) => !chunk.has(o));
      if (rest.length && accept(rest, chunk)) {
        cur = rest;
        cands = cands.filter((o) => !chunk.has(o));
      } else i += size;
    }
  }
  return cur;
}

/** The latest valid cut that still fails, by binary search (not monotone in general, so each cut is re-checked). */
function cutPrefix(cur: Op[], init: Initial, fails: (s: Op[], i: Initial) => boolean): [Op[], Initial] {
  const restAt = (t: number): Op[] | undefined => {
    const rest = cur.filter((o) => o.invoke >= t || o.outcome === 'unknown' || (o.complete >= t && !isObserver(o)));
    const straddles = rest.some((o) => o.invoke < t && o.outcome !== 'unknown');
    return straddles || rest.length === cur.length ? undefined : rest;
  };
  const cuts = [...new Set(cur.map((o) => o.invoke))].sort((a, b) => a - b).filter((t) => restAt(t) !== undefined);
  if (!cuts.length || !fails(cur, 'any')) return [cur, init];
  let lo = -1; // index of the latest cut known to fail (-1: no cut, known to fail under ANY)
  let hi = cuts.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (fails(restAt(cuts[mid]!)!, 'any')) lo = mid;
    else hi = mid;
  }
  return lo < 0 ? [cur, 'any'] : [restAt(cuts[lo]!)!, 'any'];
}

// ---------------------------------------------------------------------------------------------------------------
// Rendering: one row per op, bars placed by the rank of their times (real gaps would squash short ops to nothing).

export function renderTimeline(key: string, ops: Op[], initial: Initial): string {
  const times = [...new Set(ops.flatMap((o) => (o.outcome === 'unknown' ? [o.invoke] : [o.invoke, o.complete])))].sort((a, b) => a - b);
  const col = (t: number) => 1 + 3 * times.indexOf(t);
  const width = 3 * times.length + 3;
  const labels = ops.map((o) => `#${o.id} ${describeOp(o)}`);
  const pad = Math.max(...labels.map((l) => l.length));
  const t0 = times[0] ?? 0;
  const rows = ops.map((o, k) => {
    const a = col(o.invoke);
    const bar =
      o.outcome === 'unknown' ? `[${'·'.repeat(Math.max(1, width - a - 2))}?` : `[${'='.repeat(Math.max(0, col(o.complete) - a - 1))}]`;
    const span = `${(o.invoke - t0).toFixed(1)}–${o.outcome === 'unknown' ? '?' : (o.complete - t0).toFixed(1)} ms`;
    return `  ${labels[k]!.padEnd(pad)} ${' '.repeat(a)}${bar}`.padEnd(pad + width + 4) + `  ${span}`;
  });
  const from = initial === 'any' ? 'whatever the state before them' : `from initial state ${initial === null ? 'nil' : initial}`;
  const claim =
    ops.length === 1
      ? `this op cannot happen in a compare-and-set register (${from})`
      : `no order of these ${ops.length} ops respects both real time and a compare-and-set register (${from})`;
  return [
    `key ${key}: ${claim}:`,
    ...rows,
    `  ([==] call to return; [··? outcome unknown, may take effect any time after its call)`,
  ].join('\n');
}

export function renderLinearizabilityReport(r: LinearizabilityReport): string {
  const verdict = r.valid === true ? 'linearizable' : r.valid === false ? 'NOT linearizable' : 'unknown (search budget exhausted)';
  const undecided = r.keys.filter((k) => k.valid === 'unknown').length;
  const head = `linearizability: ${verdict} — ${r.keys.length} key(s), ${r.failures.length} failing, ${undecided} undecided`;
  return [head, ...r.failures.map((f) => f.witness?.text ?? `key ${f.key}: not linearizable (not shrunk)`)].join('\n');
}
