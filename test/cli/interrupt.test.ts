// Ctrl-C / SIGTERM at any moment of `npm start` (the smoke profile on the local target): while the CLI loads, while
// variants deploy, while vitest starts its workers, in the middle of the suites, while deployments stop. Each time the
// run ends with 130 / 143, writes a valid partial JUnit that says what was interrupted, and leaves nothing listening
// and no worker running. The machine is kept busy meanwhile (a CPU burner on all cores but one; `npm test` runs another test file beside this
// one), as CI machines often are. The
// bound on how long stopping may take is a liveness check against hangs (the issue saw one of 10 minutes), not a speed
// assertion: `npm run bench:interrupt` measures the time to exit.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import net from 'node:net';
import { availableParallelism } from 'node:os';
import { readFileSync } from 'node:fs';
import { spawn, type ChildProcess } from 'node:child_process';
import { runCli } from '../helpers/cli.ts';
import { validateJUnit } from '../helpers/junit-schema.ts';
import { descendants } from '../../harness/util/processes.ts';

/** A run still alive this long after the signal is hung. */
const HANG_MS = 60_000;

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/**
 * Whether the CLI catches signals yet: bin/alternator-e2e.mjs sets its process title right after installing its
 * listeners (Node's own startup handler would just die of the signal). Where /proc is missing, assume so.
 */
function catchesSignals(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').startsWith('alternator-e2e');
  } catch {
    return true;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** The moment to signal: when stderr shows `line` (after `afterMs` more), or `afterMs` after spawning. */
interface Moment {
  name: string;
  line?: RegExp;
  /** Wait until the CLI catches signals (its process title is set). */
  catches?: boolean;
  afterMs: number;
  signal: 'SIGINT' | 'SIGTERM';
  /** The phase the report must name (undefined: the signal may land while loading, before any phase). */
  phase?: RegExp;
  env?: NodeJS.ProcessEnv;
}

const MOMENTS: Moment[] = [
  // As soon as the process can catch SIGINT at all (bin/alternator-e2e.mjs, before the TypeScript modules load).
  { name: 'while the CLI loads', afterMs: 0, catches: true, signal: 'SIGINT', phase: /start/ },
  { name: 'while variants deploy', line: /deploying variant defaults/, afterMs: 0, signal: 'SIGTERM', phase: /deploy|start/ },
  { name: 'while vitest starts its workers', line: /running \d+ suite file/, afterMs: 0, signal: 'SIGINT', phase: /suites/ },
  { name: 'in the middle of the suites', line: /running \d+ suite file/, afterMs: 4_000, signal: 'SIGINT', phase: /suites/ },
  { name: 'in the middle of the suites', line: /running \d+ suite file/, afterMs: 6_000, signal: 'SIGTERM', phase: /suites/ },
  // The path a loaded machine takes when vitest does not cancel in time: its workers are killed at once. vitest,
  // closing in the background, then set process.exitCode = 1 after the report was written (exit 1, not 130).
  // Early in the suites, workers still starting and killed at once: vitest's pool then wrote to a dead worker and its
  // EPIPE, re-emitted as an 'error' nobody listened to, crashed the run (exit 1, no report; seen by hand at 3 s).
  {
    name: 'early in the suites, workers killed at once',
    line: /running \d+ suite file/,
    afterMs: 3_000,
    signal: 'SIGINT',
    phase: /suites/,
    env: { ALTERNATOR_E2E_STOP_GRACE_MS: '0' },
  },
  {
    name: 'mid-suite, workers killed at once',
    line: /running \d+ suite file/,
    afterMs: 4_000,
    signal: 'SIGINT',
    phase: /suites/,
    env: { ALTERNATOR_E2E_STOP_GRACE_MS: '0' },
  },
];

describe('interrupting npm start at any moment', { timeout: 180_000 }, () => {
  const burners: ChildProcess[] = [];
  beforeAll(() => {
    for (let i = 0; i < Math.max(1, availableParallelism() - 1); i++) burners.push(spawn(process.execPath, ['-e', 'for(;;){}'], { stdio: 'ignore' }));
  });
  afterAll(() => {
    for (const b of burners) b.kill('SIGKILL');
  });

  it.each(MOMENTS)('$signal $name: exit 128+n, a valid partial JUnit naming the phase, nothing left running', async (m) => {
    let sentAt: number | undefined;
    const workers = new Set<number>();
    const r = await runCli(['run'], {
      timeoutMs: 170_000,
      ...(m.env ? { env: m.env } : {}),
      onSpawn: (child, out) => {
        const spawnedAt = Date.now();
        // The run's vitest workers, seen while it runs (once it exits, orphans would no longer be its children).
        const watch = setInterval(() => descendants(/vitest/, child.pid).forEach((p) => workers.add(p)), 500);
        let seenAt: number | undefined;
        const timer = setInterval(() => {
          if (sentAt) return;
          if (m.line && seenAt === undefined && m.line.test(out.stderr())) seenAt = Date.now();
          if (m.catches && !catchesSignals(child.pid!)) return;
          const from = m.line ? seenAt : spawnedAt;
          if (from !== undefined && Date.now() - from >= m.afterMs) {
            sentAt = Date.now();
            child.kill(m.signal);
            setTimeout(() => child.exitCode === null && child.kill('SIGKILL'), HANG_MS).unref();
          }
        }, 10);
        child.on('exit', () => (clearInterval(timer), clearInterval(watch)));
      },
    });
    expect(sentAt, 'the moment never came').toBeDefined();
    expect(r.signal, r.signal === 'SIGKILL' ? `the run hung: killed ${HANG_MS / 1000} s after ${m.signal}` : `the run died of ${r.signal} without handling it`).toBeNull();
    expect(r.code, r.stderr.slice(-2000)).toBe(m.signal === 'SIGINT' ? 130 : 143);
    const results = r.results();
    expect(results.interrupted).toBe(true);
    expect(results.interruption?.signal).toBe(m.signal);
    if (m.phase) expect(results.interruption?.phase).toMatch(m.phase);
    const junit = r.junit();
    expect((await validateJUnit(junit)).valid).toBe(true);
    expect(junit).toMatch(new RegExp(`<testcase classname="run\\.interruption" name="interrupted by ${m.signal} during [a-z -]+">`));
    // Interruption is not failure (issue 22): cases cut short are "interrupted" (JUnit: skipped with that reason), what
    // vitest reported while being stopped is no escaped error, the closing line says 0 failed, and the partial run
    // takes no part in new/fixed/flaky history.
    expect(r.stdout).toMatch(/^\d+ passed, 0 failed, \d+ skipped$/m);
    expect(r.stdout).not.toMatch(/ESCAPED ERROR|NEW FAIL|✗ FAIL/);
    expect(r.cases().filter((c) => c.status === 'failed').map((c) => `${c.variant} ${c.suite} › ${c.name}: ${c.failure?.message}`)).toEqual([]);
    expect(results.escapedErrors ?? []).toEqual([]);
    expect(results.history).toBeUndefined();
    expect(r.stdout).toContain('History: not compared: an interrupted run takes no part in new, fixed or flaky');
    expect(junit).not.toMatch(/<failure|<error/);
    for (const c of r.cases().filter((x) => x.outcome === 'interrupted')) {
      expect(c.status).toBe('skipped');
      expect(c.reason).toMatch(new RegExp(`^interrupted by ${m.signal}: `));
      expect(junit).toContain(`<skipped message="interrupted by ${m.signal}: `);
    }
    // Every variant either ran some suites or says, in its lifecycle testcase, that it was interrupted.
    for (const v of results.variants) expect(v.suites.length > 0 || v.provisioning?.status === 'interrupted', v.name).toBe(true);
    // Nothing the run opened is still listening, and no vitest worker of it survives.
    const ports = [...r.stderr.matchAll(/ready at https:\/\/127\.0\.0\.1:(\d+)/g)].map((x) => Number(x[1]));
    for (const p of ports) expect(await listening(p), `port ${p}`).toBe(false);
    expect([...workers].filter(alive), 'vitest workers still running after the run exited').toEqual([]);
  });
});
