import { describe, expect, it } from 'vitest';
import { checkCounters } from '../../harness/consistency/counter-check.ts';
import { toJsonLines } from '../../harness/consistency/history.ts';
import { checkLinearizability } from '../../harness/consistency/linearizability.ts';
import { runWorkload, type RegisterClient, type WorkloadOptions } from '../../harness/consistency/workload.ts';
import { ConfigError } from '../../harness/util/errors.ts';
import { atomicRegisters, racyRegisters, SeededScheduler } from './fakes.ts';

const base = { keys: ['a', 'b', 'c'], workers: 6, maxOps: 600, maxDurationMs: 1e9 } satisfies WorkloadOptions;

async function seeded(seed: number, make: (s: SeededScheduler) => RegisterClient, extra: Partial<WorkloadOptions> = {}) {
  const s = new SeededScheduler(seed);
  return s.run(runWorkload(make(s), { ...base, seed, clock: s.clock, ...extra }));
}

describe('runWorkload against in-memory registers (seeded interleaving)', () => {
  it('an atomic register yields a linearizable history with no lost update, and the final reads match the store', async () => {
    const s = new SeededScheduler(7);
    const regs = atomicRegisters(s);
    const { history, stats } = await s.run(runWorkload(regs, { ...base, seed: 7, clock: s.clock }));
    expect(stats).toMatchObject({ ops: 600 + 3, unknown: 0, stoppedBy: 'ops' });
    expect(stats.fail).toBeGreaterThan(0); // there was contention, so the check below means something
    expect(checkLinearizability(history).valid).toBe(true);
    const counters = checkCounters(history);
    expect(counters).toMatchObject({ ok: true, counts: { checkedKeys: 3, lostUpdates: 0, boundViolations: 0 } });
    const finals = history.slice(-3);
    expect(finals.map((o) => (o.f === 'read' ? o.value : 'x'))).toEqual(base.keys.map((k) => regs.store.get(k) ?? null));
  });

  it('a racy register (check, then write a tick later) yields detected lost updates', async () => {
    const { history } = await seeded(7, racyRegisters);
    const counters = checkCounters(history);
    expect(counters.ok).toBe(false);
    expect(counters.counts.lostUpdates).toBeGreaterThan(0);
    expect(counters.counts.boundViolations).toBeGreaterThan(0);
    const lin = checkLinearizability(history);
    expect(lin.valid).toBe(false);
    const w = lin.failures[0]!.witness!;
    expect(w.ops.length).toBeLessThanOrEqual(4);
    expect(checkLinearizability(w.ops, { initial: w.initial, shrink: false }).valid).toBe(false);
  });

  it('is reproducible from the seed', async () => {
    const a = toJsonLines((await seeded(3, racyRegisters)).history);
    const b = toJsonLines((await seeded(3, racyRegisters)).history);
    const c = toJsonLines((await seeded(4, racyRegisters)).history);
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it('mixes in unconditional writes when asked, and the history stays linearizable', async () => {
    const { history } = await seeded(5, atomicRegisters, { writeRatio: 0.2 });
    expect(history.some((o) => o.f === 'write')).toBe(true);
    expect(checkLinearizability(history).valid).toBe(true);
  });
});

describe('runWorkload bounds, timeouts and errors', () => {
  it('records timeouts and errors as unknown and continues under a new process id', async () => {
    let casCalls = 0;
    let value: number | null = null;
    const client: RegisterClient = {
      async read() {
        return { value };
      },
      cas(_key, expected, next) {
        casCalls++;
        if (casCalls === 2) return new Promise(() => {}); // never answers
        if (casCalls === 3) return Promise.reject(new Error('ECONNRESET'));
        if (expected !== value) return Promise.resolve('fail');
        value = next;
        return Promise.resolve('ok');
      },
    };
    const options = { keys: ['k'], workers: 1, maxOps: 10, maxDurationMs: 60_000, opTimeoutMs: 20, readRatio: 0 };
    const { history, stats } = await runWorkload(client, options);
    const unknown = history.filter((o) => o.outcome === 'unknown');
    expect(unknown.map((o) => o.info)).toEqual(['Error: no answer within 20 ms', 'Error: ECONNRESET']);
    expect(stats.unknown).toBe(2);
    const processes = history.map((o) => o.process);
    expect(new Set(processes).size).toBe(4); // worker 0, two replacements, the final reader
    expect(checkLinearizability(history).valid).toBe(true);
    expect(checkCounters(history).ok).toBe(true);
  });

  it('records an adapter answer outside the contract as unknown, not as success', async () => {
    const client = {
      read: async () => ({ value: null }),
      cas: async () => true as unknown as 'ok',
    } satisfies RegisterClient;
    const options = { keys: ['k'], workers: 1, maxOps: 2, maxDurationMs: 60_000, readRatio: 0, finalRead: false };
    const { history } = await runWorkload(client, options);
    expect(history.map((o) => [o.f, o.outcome])).toEqual([
      ['read', 'ok'],
      ['cas', 'unknown'],
    ]);
    expect(history[1]!.info).toMatch(/adapter bug: cas returned true/);
  });

  it('stops starting operations when the time budget is spent', async () => {
    let t = 0;
    const s = new SeededScheduler(1);
    const { stats } = await s.run(runWorkload(atomicRegisters(s), { ...base, maxDurationMs: 100, clock: () => (t += 1) }));
    expect(stats.stoppedBy).toBe('time');
    expect(stats.ops).toBeLessThan(base.maxOps);
  });

  it('rejects bad options naming the field and the fix', async () => {
    const s = new SeededScheduler(1);
    const regs = racyRegisters(s);
    await expect(runWorkload(regs, { ...base, workers: 0 })).rejects.toThrow(ConfigError);
    await expect(runWorkload(regs, { ...base, keys: [] })).rejects.toThrow(/workload\.keys/);
    await expect(runWorkload(regs, { ...base, writeRatio: 0.5 })).rejects.toThrow(/workload\.writeRatio.*fix: the client has no write/);
    await expect(runWorkload(regs, { ...base, readRatio: 0.8, writeRatio: 0.5 })).rejects.toThrow(/readRatio\/writeRatio/);
  });
});
