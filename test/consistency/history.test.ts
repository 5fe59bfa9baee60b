import { describe, expect, it } from 'vitest';
import { HistoryRecorder, parseJsonLines, toEvents, toJsonLines, validateHistory } from '../../harness/consistency/history.ts';
import { checkLinearizability } from '../../harness/consistency/linearizability.ts';
import { ConfigError } from '../../harness/util/errors.ts';
import { cas, history, read, write } from './build.ts';

describe('HistoryRecorder', () => {
  it('records calls and outcomes in invocation order, pending ones as unknown', () => {
    let t = 0;
    const rec = new HistoryRecorder(() => ++t);
    const a = rec.invoke(0, 'k', { f: 'read' });
    const b = rec.invoke(1, 'k', { f: 'cas', expected: null, next: 1 });
    const c = rec.invoke(2, 'k', { f: 'write', value: 7 });
    rec.ok(b);
    rec.ok(a, null);
    const h = rec.history();
    expect(h.map((o) => [o.id, o.f, o.outcome])).toEqual([
      [a.id, 'read', 'ok'],
      [b.id, 'cas', 'ok'],
      [c.id, 'write', 'unknown'],
    ]);
    expect(h[0]).toMatchObject({ invoke: 1, complete: 5, value: null });
    expect(h[2]!.info).toMatch(/pending/);
  });

  it('refuses an ok read without its value and a second completion', () => {
    const rec = new HistoryRecorder(() => 0);
    const a = rec.invoke(0, 'k', { f: 'read' });
    expect(() => rec.ok(a)).toThrow(/needs the value/);
    rec.unknown(a, 'timeout');
    expect(() => rec.fail(a)).toThrow(/completed twice/);
  });

  it('validateHistory names the bad op and field', () => {
    const bad = history(read(0, 'k', null, [5, 1]));
    expect(() => validateHistory(bad)).toThrow(ConfigError);
    expect(() => validateHistory(bad)).toThrow(/history op #\d+\.complete/);
  });
});

describe('JSON lines', () => {
  const h = history(
    write(0, 'a', 1, [0, 2]),
    cas(1, 'a', 1, 2, [1, 3]),
    cas(2, 'a', 5, 6, [1, 4], 'fail'),
    read(0, 'a', 2, [4, 6]),
    { ...cas(3, 'b', null, 1, [2, 9], 'unknown'), info: 'timeout' },
  );

  it('writes Jepsen-shaped events in time order with independent [key, value] tuples', () => {
    const ev = toEvents(h);
    expect(ev.map((e) => e.index)).toEqual(ev.map((_, i) => i));
    expect(ev.map((e) => e.time)).toEqual([...ev.map((e) => e.time)].sort((x, y) => x - y));
    expect(ev[0]).toEqual({ index: 0, op: h[0]!.id, process: 0, type: 'invoke', f: 'write', value: ['a', 1], time: 0 });
    expect(ev.find((e) => e.f === 'cas' && e.type === 'fail')?.value).toEqual(['a', [5, 6]]);
    expect(ev.find((e) => e.f === 'read' && e.type === 'invoke')?.value).toEqual(['a', null]);
    expect(ev.find((e) => e.f === 'read' && e.type === 'ok')?.value).toEqual(['a', 2]);
    expect(ev.find((e) => e.type === 'info')).toMatchObject({ error: 'timeout', time: 9_000_000 });
  });

  it('round-trips through parseJsonLines', () => {
    const back = parseJsonLines(toJsonLines(h));
    expect(back).toEqual([...h].sort((a, b) => a.invoke - b.invoke || a.id - b.id));
  });

  it('reads Jepsen histories without op ids (paired by process), open invocations as unknown', () => {
    const text = [
      { process: 0, type: 'invoke', f: 'cas', value: ['k', [null, 1]], time: 0 },
      { process: 1, type: 'invoke', f: 'read', value: ['k', null], time: 1 },
      { process: 0, type: 'ok', f: 'cas', value: ['k', [null, 1]], time: 2 },
      { process: 1, type: 'ok', f: 'read', value: ['k', 1], time: 3 },
      { process: 0, type: 'invoke', f: 'write', value: ['k', 3], time: 4 },
    ]
      .map((e) => JSON.stringify(e))
      .join('\n');
    const ops = parseJsonLines(text);
    expect(ops.map((o) => [o.f, o.outcome])).toEqual([
      ['cas', 'ok'],
      ['read', 'ok'],
      ['write', 'unknown'],
    ]);
    expect(ops[1]).toMatchObject({ value: 1 });
  });

  it('names the line and field of bad input', () => {
    const good = JSON.stringify({ op: 1, process: 0, type: 'invoke', f: 'cas', value: ['k', [null, 1]], time: 0 });
    expect(() => parseJsonLines(`${good}\n{oops`, 'h.jsonl')).toThrow(/h\.jsonl: line 2.*fix:/);
    const badType = JSON.stringify({ process: 0, type: 'maybe', f: 'read', value: ['k', null], time: 0 });
    expect(() => parseJsonLines(badType)).toThrow(/line 1: type/);
    const badCas = JSON.stringify({ op: 1, process: 0, type: 'invoke', f: 'cas', value: ['k', 3], time: 0 });
    expect(() => parseJsonLines(`${badCas}\n${badCas.replace('invoke', 'ok')}`)).toThrow(/\[expected/);
  });

  it('keeps the verdict: a non-linearizable history is still flagged after export and import', () => {
    const lost = history(cas(0, 'k', null, 1, [0, 2]), cas(1, 'k', null, 1, [1, 3]));
    expect(checkLinearizability(lost).valid).toBe(false);
    expect(checkLinearizability(parseJsonLines(toJsonLines(lost))).valid).toBe(false);
  });
});
