// Progress of the suites phase, so a slow run and a hung one look different: one line per finished suite file, a
// heartbeat at least every `heartbeatMs` (files done/total, cases, failed so far, elapsed, an estimate of what is
// left), and, when no test has finished for `stallMs`, which suite files are still open. Plain lines, the same on
// a terminal and in CI logs. Time comes from a Ticker, so tests drive it with a fake clock.
import type { CaseResult, SuiteResult } from '../report/results.ts';
import type { Progress } from '../util/progress.ts';
import { realTicker, type Ticker } from '../util/progress.ts';
import type { SuiteFileListener } from './collector.ts';

export const HEARTBEAT_MS = 10_000;
export const DEFAULT_STALL_MS = 60_000;
/** How often the clock is looked at; lines come at most this much later than due. */
const TICK_MS = 1_000;

export interface SuiteProgressOptions {
  /** Suite files to run: suite files × variants (each is one vitest module). */
  files: number;
  progress: Progress;
  ticker?: Ticker;
  heartbeatMs?: number;
  stallMs?: number;
}

const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

export class SuiteProgress implements SuiteFileListener {
  private readonly ticker: Ticker;
  private readonly heartbeatMs: number;
  private readonly stallMs: number;
  private startedAt = 0;
  private lastLineAt = 0;
  private lastActivityAt = 0;
  private lastStallWarningAt = 0;
  private filesDone = 0;
  private cases = 0;
  private failed = 0;
  /** "variant suite" → when it started. */
  private readonly open = new Map<string, number>();
  private stopTicking?: () => void;

  constructor(private readonly o: SuiteProgressOptions) {
    this.ticker = o.ticker ?? realTicker;
    this.heartbeatMs = o.heartbeatMs ?? HEARTBEAT_MS;
    this.stallMs = o.stallMs ?? DEFAULT_STALL_MS;
  }

  start(): void {
    this.startedAt = this.lastLineAt = this.lastActivityAt = this.lastStallWarningAt = this.ticker.now();
    this.stopTicking = this.ticker.every(Math.min(TICK_MS, this.heartbeatMs), () => this.tick());
  }

  stop(): void {
    this.stopTicking?.();
    this.stopTicking = undefined;
  }

  fileStarted(variant: string, suite: string): void {
    this.open.set(`${variant} ${suite}`, this.ticker.now());
    this.lastActivityAt = this.ticker.now();
  }

  caseFinished(_variant: string, _suite: string, c: CaseResult): void {
    this.cases++;
    if (c.status === 'failed') this.failed++;
    this.lastActivityAt = this.ticker.now();
  }

  fileFinished(variant: string, suite: string, s: SuiteResult): void {
    this.open.delete(`${variant} ${suite}`);
    this.filesDone++;
    if (s.error) this.failed++;
    const failed = s.cases.filter((c) => c.status === 'failed').length + (s.error ? 1 : 0);
    this.lastActivityAt = this.ticker.now();
    this.line(`${variant} ${suite}: ${s.cases.length} case(s), ${failed} failed · ${this.status()}`, 'done');
  }

  /** "suites: 14/52 files, 1031 cases, 2 failed, 12 s elapsed, about 33 s left" */
  status(): string {
    const elapsed = this.ticker.now() - this.startedAt;
    const left =
      this.filesDone === 0
        ? 'time left estimated after the first file'
        : this.filesDone >= this.o.files
          ? 'none left'
          : `about ${seconds((elapsed / this.filesDone) * (this.o.files - this.filesDone))} left`;
    return `suites: ${this.filesDone}/${this.o.files} files, ${this.cases} cases, ${this.failed} failed, ${seconds(elapsed)} elapsed, ${left}`;
  }

  private tick(): void {
    const now = this.ticker.now();
    if (now - this.lastLineAt >= this.heartbeatMs) this.line(`${this.status()}; ${this.open.size} file(s) running`, 'step');
    if (now - this.lastActivityAt >= this.stallMs && now - this.lastStallWarningAt >= this.stallMs) {
      this.lastStallWarningAt = now;
      const open = [...this.open].sort((a, b) => a[1] - b[1]).map(([file, since]) => `${file} (open ${seconds(now - since)})`);
      this.line(
        `no test finished for ${seconds(now - this.lastActivityAt)}; ${open.length ? `still open: ${open.join(', ')}` : 'no suite file is open (vitest is starting or closing)'}`,
        'warn',
      );
    }
  }

  private line(message: string, kind: 'step' | 'done' | 'warn'): void {
    this.lastLineAt = this.ticker.now();
    this.o.progress[kind](message);
  }
}
