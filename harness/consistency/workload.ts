// A concurrent compare-and-set workload: N workers over K keys, each repeatedly reading a key and trying to
// increment it with a CAS from the value it read, recording every call and outcome in a History. The history then
// goes to checkCounters (lost updates, counter bounds) and checkLinearizability.
//
// It knows nothing about DynamoDB. The isolation suite adapts its client to RegisterClient, for example
// (attribute `v` of item {pk: key} in a fresh table, or fresh keys per run, so every register starts absent = null):
//
//   read(key):   GetItem { Key: {pk: {S: key}}, ConsistentRead: true, ProjectionExpression: '#v' }
//                → { value: Item?.v ? Number(Item.v.N) : null }
//   cas(key, expected, next):
//                UpdateItem { Key, UpdateExpression: 'SET #v = :next',
//                             ConditionExpression: expected === null ? 'attribute_not_exists(#v)' : '#v = :expected' }
//                → 'ok'; ConditionalCheckFailedException → 'fail'; anything else: throw (recorded as unknown).
//   write(key, value) (optional, only if writeRatio > 0): PutItem or UpdateItem without a condition.
//
// Rules for the adapter, or the checker reports anomalies the database did not commit:
// - No client-side retries (SDK maxAttempts: 1): a CAS whose first attempt applied but whose response was lost
//   would be retried, fail its condition, and be recorded as a definite 'fail'.
// - Only ConditionalCheckFailedException means 'fail'; every other error (timeouts, throttling, 5xx, resets) may or
//   may not have applied: throw it.
// - Under forbid_rmw every CAS is refused (ValidationException, thrown, so all unknown): do not run it there.
// - Reads must be strongly consistent (ConsistentRead). If the suite does not hold reads to linearizability, check
//   `history.filter((o) => o.f !== 'read')`: CAS outcomes alone still expose lost updates.
import { HistoryRecorder, monotonicMs, type Call, type History, type Op, type Value } from './history.ts';
import { pick, seededRandom } from './random.ts';
import { ConfigError } from '../util/errors.ts';

export interface RegisterClient {
  read(key: string): Promise<{ value: number | null }>;
  cas(key: string, expected: number | null, next: number): Promise<'ok' | 'fail'>;
  write?(key: string, value: number): Promise<void>;
}

export interface WorkloadOptions {
  keys: readonly string[];
  workers: number;
  /** Total operations the workers may start (the final reads come on top). */
  maxOps: number;
  /** No new operation starts after this long; in-flight ones finish or time out. */
  maxDurationMs: number;
  /** An operation not answered by then is recorded as unknown. Default 5000. */
  opTimeoutMs?: number;
  /** Seeds key and operation choice. Default 1. */
  seed?: number;
  /** Share of standalone reads besides the read before each CAS. Default 0.1. */
  readRatio?: number;
  /** Share of unconditional writes (needs client.write; makes the counter checks skip those keys). Default 0. */
  writeRatio?: number;
  /** Read every key once all workers stopped, so the counter check has final values. Default true. */
  finalRead?: boolean;
  /** Monotonic milliseconds. Default process.hrtime. */
  clock?: () => number;
}

export interface WorkloadResult {
  history: History;
  stats: { ops: number; ok: number; fail: number; unknown: number; durationMs: number; stoppedBy: 'ops' | 'time' };
}

/** Sends one call: a read resolves to the value read, a CAS to 'ok' or 'fail', a write to nothing. */
type Exec = () => Promise<Value | 'ok' | 'fail' | void>;

export async function runWorkload(client: RegisterClient, options: WorkloadOptions): Promise<WorkloadResult> {
  const o = validate(options, client);
  const clock = o.clock ?? monotonicMs;
  const rec = new HistoryRecorder(clock);
  const rand = seededRandom(o.seed ?? 1);
  const timeoutMs = o.opTimeoutMs ?? 5000;
  const readRatio = o.readRatio ?? 0.1;
  const writeRatio = o.writeRatio ?? 0;
  const t0 = clock();
  let started = 0;
  let writes = 0;
  let stoppedBy: 'ops' | 'time' = 'ops';
  // A process is sequential; after an unknown op its request may still be in flight, so the worker continues as a
  // new process (Jepsen's convention, which offline checkers such as Knossos rely on).
  let nextProcess = o.workers;

  const mayStart = (): boolean => {
    if (started >= o.maxOps) return false;
    if (clock() - t0 >= o.maxDurationMs) {
      stoppedBy = 'time';
      return false;
    }
    started++;
    return true;
  };

  const readValue = (key: string): Exec => async () => (await client.read(key)).value;

  async function perform(process: number, key: string, call: Call, exec: Exec): Promise<Op> {
    const p = rec.invoke(process, key, call);
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      const r = await Promise.race([exec(), timeout]);
      // An adapter bug must not pass for an answer: only the documented results count.
      if (call.f === 'read' && r !== null && typeof r !== 'number') return rec.unknown(p, `adapter bug: read returned ${String(r)}`);
      if (call.f === 'cas' && r !== 'ok' && r !== 'fail') return rec.unknown(p, `adapter bug: cas returned ${String(r)}`);
      if (r === 'fail') return rec.fail(p);
      return call.f === 'read' ? rec.ok(p, r as Value) : rec.ok(p);
    } catch (e) {
      return rec.unknown(p, describeError(e));
    } finally {
      clearTimeout(timer);
    }
  }

  async function worker(w: number): Promise<void> {
    let process = w;
    const run = async (key: string, call: Call, exec: Exec) => {
      const op = await perform(process, key, call, exec);
      if (op.outcome === 'unknown') process = nextProcess++;
      return op;
    };
    while (mayStart()) {
      const key = o.keys[pick(rand, o.keys.length)]!;
      const dice = rand();
      if (dice < readRatio) {
        await run(key, { f: 'read' }, readValue(key));
      } else if (dice < readRatio + writeRatio && client.write) {
        // Far from the counters, and distinct, so a read names the write it saw.
        const value = 1_000_000 * ++writes;
        await run(key, { f: 'write', value }, () => client.write!(key, value));
      } else {
        const read = await run(key, { f: 'read' }, readValue(key));
        if (read.f !== 'read' || read.outcome !== 'ok' || !mayStart()) continue;
        const expected = read.value ?? null;
        const next = (expected ?? 0) + 1;
        await run(key, { f: 'cas', expected, next }, () => client.cas(key, expected, next));
      }
    }
  }

  await Promise.all(Array.from({ length: o.workers }, (_, w) => worker(w)));
  if (o.finalRead ?? true) {
    const process = nextProcess++;
    for (const key of o.keys) await perform(process, key, { f: 'read' }, readValue(key));
  }
  const history = rec.history();
  const count = (x: Op['outcome']) => history.filter((op) => op.outcome === x).length;
  return {
    history,
    stats: { ops: history.length, ok: count('ok'), fail: count('fail'), unknown: count('unknown'), durationMs: clock() - t0, stoppedBy },
  };
}

function describeError(e: unknown): string {
  const s = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
  return s.length > 200 ? `${s.slice(0, 197)}...` : s;
}

function validate(o: WorkloadOptions, client: RegisterClient): WorkloadOptions {
  const bad = (field: string, fix: string, value: unknown) => {
    throw new ConfigError('invalid workload option', { field: `workload.${field}`, value, fix });
  };
  if (!o.keys.length || new Set(o.keys).size !== o.keys.length) bad('keys', 'give at least one key, no duplicates', o.keys);
  if (!Number.isInteger(o.workers) || o.workers < 1) bad('workers', 'a positive integer', o.workers);
  if (!Number.isInteger(o.maxOps) || o.maxOps < 1) bad('maxOps', 'a positive integer', o.maxOps);
  if (!(o.maxDurationMs > 0)) bad('maxDurationMs', 'a positive number of milliseconds', o.maxDurationMs);
  if (o.opTimeoutMs !== undefined && !(o.opTimeoutMs > 0)) bad('opTimeoutMs', 'a positive number of milliseconds', o.opTimeoutMs);
  const r = o.readRatio ?? 0.1;
  const w = o.writeRatio ?? 0;
  if (!(r >= 0 && w >= 0 && r + w <= 1)) bad('readRatio/writeRatio', 'shares in [0, 1] that sum to at most 1', [r, w]);
  if (w > 0 && !client.write) bad('writeRatio', 'the client has no write(); set writeRatio to 0 or provide write', w);
  return o;
}
