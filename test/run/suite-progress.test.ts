// Progress of the suites phase, driven by a fake clock (no wall-clock assertion): a line per finished suite file, a
// heartbeat at least every 10 s, and the open files named when nothing finishes for the stall time.
import { describe, expect, it } from 'vitest';
import { SuiteProgress } from '../../harness/run/suite-progress.ts';
import type { Progress, Ticker } from '../../harness/util/progress.ts';
import type { CaseResult, SuiteResult } from '../../harness/report/results.ts';

class FakeTicker implements Ticker {
  time = 1_000_000;
  private timers: Array<{ ms: number; next: number; fn: () => void }> = [];
  now = () => this.time;
  every(ms: number, fn: () => void) {
    const t = { ms, next: this.time + ms, fn };
    this.timers.push(t);
    return () => void (this.timers = this.timers.filter((x) => x !== t));
  }
  /** Moves the clock, firing each timer as often as it falls due. */
  advance(ms: number) {
    const end = this.time + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.time = due.next;
      due.next += due.ms;
      due.fn();
    }
    this.time = end;
  }
  get active() {
    return this.timers.length;
  }
}

function recorder() {
  const lines: Array<{ at: number; kind: string; text: string }> = [];
  let clock: FakeTicker;
  const progress: Progress = {
    step: (m) => lines.push({ at: clock.time, kind: 'step', text: m }),
    waiting: (m) => lines.push({ at: clock.time, kind: 'waiting', text: m }),
    done: (m) => lines.push({ at: clock.time, kind: 'done', text: m }),
    warn: (m) => lines.push({ at: clock.time, kind: 'warn', text: m }),
  };
  return { lines, progress, use: (c: FakeTicker) => (clock = c) };
}

const ok: CaseResult = { name: 'a', status: 'passed', outcome: 'passed', durationMs: 1 };
const bad: CaseResult = { name: 'b', status: 'failed', outcome: 'failed', durationMs: 1, failure: { message: 'x' } };
const suite = (variant: string, id: string, cases: CaseResult[]): SuiteResult => ({ variant, suite: id, file: `${id}.test.ts`, cases, durationMs: 1 });

describe('suite progress', () => {
  it('one line per finished file with files done/total, cases, failed so far, elapsed and an estimate of what is left', () => {
    const clock = new FakeTicker();
    const r = recorder();
    r.use(clock);
    const p = new SuiteProgress({ files: 4, progress: r.progress, ticker: clock });
    p.start();
    p.fileStarted('defaults', 'api/items');
    p.caseFinished('defaults', 'api/items', ok);
    p.caseFinished('defaults', 'api/items', bad);
    clock.advance(4_000);
    p.fileFinished('defaults', 'api/items', suite('defaults', 'api/items', [ok, bad]));
    expect(r.lines).toEqual([{ at: 1_004_000, kind: 'done', text: 'defaults api/items: 2 case(s), 1 failed · suites: 1/4 files, 2 cases, 1 failed, 4 s elapsed, about 12 s left' }]);
    p.stop();
    expect(clock.active).toBe(0);
  });

  it('a heartbeat at least every 10 s while nothing else is printed, none when lines come often enough', () => {
    const clock = new FakeTicker();
    const r = recorder();
    r.use(clock);
    const p = new SuiteProgress({ files: 10, progress: r.progress, ticker: clock, stallMs: 600_000 });
    p.start();
    p.fileStarted('defaults', 'api/streams');
    for (let i = 0; i < 35; i++) {
      clock.advance(1_000);
      p.caseFinished('defaults', 'api/streams', ok);
    }
    const beats = r.lines.filter((l) => l.kind === 'step');
    expect(beats.map((l) => l.at - 1_000_000)).toEqual([10_000, 20_000, 30_000]);
    expect(beats[2]!.text).toBe('suites: 0/10 files, 29 cases, 0 failed, 30 s elapsed, time left estimated after the first file; 1 file(s) running');
    // Files finishing every 4 s say enough: no heartbeat in between.
    const before = r.lines.length;
    for (let i = 0; i < 4; i++) {
      clock.advance(4_000);
      p.fileFinished('defaults', `api/f${i}`, suite('defaults', `api/f${i}`, [ok]));
    }
    expect(r.lines.slice(before).map((l) => l.kind)).toEqual(['done', 'done', 'done', 'done']);
    // Every gap between two lines is at most 10 s (+ the 1 s tick).
    const gaps = r.lines.slice(1).map((l, i) => l.at - r.lines[i]!.at);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(10_000);
    p.stop();
  });

  it('names the files still open when no test finished for the stall time, and again each stall period', () => {
    const clock = new FakeTicker();
    const r = recorder();
    r.use(clock);
    const p = new SuiteProgress({ files: 3, progress: r.progress, ticker: clock, stallMs: 30_000 });
    p.start();
    p.fileStarted('defaults', 'api/ttl-expiry');
    clock.advance(5_000);
    p.fileStarted('http-noauth', 'isolation/concurrency');
    p.caseFinished('http-noauth', 'isolation/concurrency', ok);
    clock.advance(29_000);
    expect(r.lines.filter((l) => l.kind === 'warn')).toEqual([]);
    clock.advance(1_000);
    const warnings = () => r.lines.filter((l) => l.kind === 'warn').map((l) => l.text);
    expect(warnings()).toEqual(['no test finished for 30 s; still open: defaults api/ttl-expiry (open 35 s), http-noauth isolation/concurrency (open 30 s)']);
    clock.advance(30_000);
    expect(warnings()).toHaveLength(2);
    expect(warnings()[1]).toBe('no test finished for 60 s; still open: defaults api/ttl-expiry (open 65 s), http-noauth isolation/concurrency (open 60 s)');
    // Progress again: no warning until the next stall.
    p.caseFinished('defaults', 'api/ttl-expiry', ok);
    clock.advance(29_000);
    expect(warnings()).toHaveLength(2);
    p.stop();
  });
});
