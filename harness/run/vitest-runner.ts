// Runs the selected suite files against deployed variants in ONE vitest invocation: one vitest project
// per variant, each given its endpoint through `provide` (suites read it with inject()).
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createVitest, type Vitest } from 'vitest/node';
import { projectRoot } from '../util/paths.ts';
import { PROVIDE_KEY, type Endpoint } from '../endpoint/contract.ts';
import type { SuiteFile } from './suites.ts';
import { planProjects } from './projects.ts';
import type { ResultCollector } from './collector.ts';
import { descendants, killAll } from '../util/processes.ts';
import { caseNamePattern } from './case-filter.ts';

export interface SuiteRunOptions {
  endpoints: Endpoint[];
  suites: SuiteFile[];
  collector: ResultCollector;
  signal: AbortSignal;
  /** Parallel suite files (vitest workers). */
  maxWorkers?: number;
  /** `--case NAME`: only the cases whose name is NAME or ends with ` > NAME`. */
  caseNames?: readonly string[];
}

/** Every suite project loads it: each case records its requests and answers (harness/suite-kit/evidence-hooks.ts). */
const EVIDENCE_HOOKS = join(projectRoot(), 'harness', 'suite-kit', 'evidence-hooks.ts');
/** Every suite project loads it: each file's time spent waiting reaches the report (harness/suite-kit/wait-hooks.ts). */
const WAIT_HOOKS = join(projectRoot(), 'harness', 'suite-kit', 'wait-hooks.ts');

/**
 * After an interruption, how long vitest may take to cancel and close before its workers are killed: 6 s, or
 * ALTERNATOR_E2E_STOP_GRACE_MS (0 kills them at once; a test takes that path on purpose).
 */
function stopGraceMs(): number {
  const v = process.env.ALTERNATOR_E2E_STOP_GRACE_MS;
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : 6_000;
}

/**
 * Runs the suites; when `signal` aborts, vitest is asked to cancel, and if it has not stopped within a few seconds
 * (a worker busy in a long request, or stuck while starting) its worker processes are killed and this returns
 * anyway, so an interrupted run still stops its deployments and writes its report in time.
 */
export async function runSuites(o: SuiteRunOptions): Promise<void> {
  const run = runVitest(o);
  // Settles only on an abort whose grace period ran out; never rejects.
  const giveUp = new Promise<'gave-up'>((resolve) => {
    const arm = () => {
      // vitest rejects its own pending work while it cancels and once its workers are gone; the run is being torn
      // down and reported as interrupted, so those rejections are noted, never allowed to crash it (exit 1).
      process.on('unhandledRejection', (e) => process.stderr.write(`after the interruption, vitest: ${e instanceof Error ? e.message : String(e)}\n`));
      // Its pool also writes to workers that were just killed: the child process's EPIPE is re-emitted as an 'error'
      // nobody listens to, which crashed the run (exit 1, no report; seen with SIGINT 3 s into the suites and the
      // workers killed at once). Only that plumbing is noted; any other uncaught error still ends the process.
      process.on('uncaughtException', (e) => {
        if (!isStoppedWorkerError(e)) throw e;
        process.stderr.write(`after the interruption, vitest: ${e.message}\n`);
      });
      setTimeout(() => resolve('gave-up'), stopGraceMs()).unref();
    };
    if (o.signal.aborted) arm();
    else o.signal.addEventListener('abort', arm, { once: true });
  });
  const first = await Promise.race([run.then(() => 'done' as const), giveUp]);
  if (first === 'gave-up') {
    run.catch(() => undefined);
    killAll(descendants(/vitest/));
  }
}

/** An error of vitest's pool talking to a worker process that is gone (EPIPE, a closed IPC channel, a reset pipe). */
export function isStoppedWorkerError(e: unknown): e is Error {
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  return e instanceof Error && (code === 'EPIPE' || code === 'ERR_IPC_CHANNEL_CLOSED' || code === 'ECONNRESET') && /vitest/.test(e.stack ?? '');
}

async function runVitest(o: SuiteRunOptions): Promise<void> {
  if (o.endpoints.length === 0 || o.suites.length === 0) return;
  const root = projectRoot();
  let vitest: Vitest | undefined;
  const onAbort = () => void vitest?.cancelCurrentRun('keyboard-input');
  o.signal.addEventListener('abort', onAbort, { once: true });
  try {
    vitest = await withoutProcessHandlers(() => createVitest(
      'test',
      {
        config: false,
        root,
        watch: false,
        reporters: [o.collector],
        // e2e timeouts: one request can wait on Paxos or a slow cluster.
        testTimeout: 120_000,
        hookTimeout: 120_000,
        teardownTimeout: 60_000,
        // One more worker than cores: suite files spend part of their time waiting on the endpoint (measured on 2 cores:
        // 49 s with 2 workers, 44 s with 3, 42 s with 4 at more CPU).
        maxWorkers: o.maxWorkers ?? availableParallelism() + 1,
        // One worker process runs many suite files of ONE variant (vitest reuses a runner only within its project,
        // so variants never share a process): isolating every file in a fresh process cost half the run's CPU in
        // module loading and transfer (profiled: issue 15). Suite files keep no module-level state between runs.
        isolate: false,
        // `ALTERNATOR_E2E_CPU_PROF_DIR=DIR`: a V8 CPU profile per worker process (profile the main process with
        // `node --cpu-prof bin/alternator-e2e.mjs run`).
        ...(process.env.ALTERNATOR_E2E_CPU_PROF_DIR ? { execArgv: ['--cpu-prof', `--cpu-prof-dir=${process.env.ALTERNATOR_E2E_CPU_PROF_DIR}`] } : {}),
        passWithNoTests: true,
        ...(o.caseNames?.length ? { testNamePattern: caseNamePattern(o.caseNames) } : {}),
        // Files that run alone get projects (and sequence groups) of their own: harness/run/projects.ts.
        projects: planProjects(
          o.endpoints.map((e) => e.variant.name),
          o.suites,
        ).map((p) => ({
          test: {
            name: p.name,
            root,
            include: p.files,
            provide: { [PROVIDE_KEY]: o.endpoints.find((e) => e.variant.name === p.variant)! },
            sequence: { groupOrder: p.groupOrder },
            setupFiles: [EVIDENCE_HOOKS, WAIT_HOOKS],
            testTimeout: 120_000,
            hookTimeout: 120_000,
          },
        })),
      } as Parameters<typeof createVitest>[1],
    ));
    if (o.signal.aborted) return;
    await vitest.start();
  } finally {
    o.signal.removeEventListener('abort', onAbort);
    await vitest?.close();
  }
}

/**
 * vitest's logger registers SIGINT/SIGTERM handlers that exit the process at once, and an unhandledRejection handler
 * that exits it with code 1. The run owns those events: it must stop deployments and write the partial report, and
 * cancels vitest itself. After an interruption vitest's own cancelled work rejects (its workers are killed): its handler
 * made such a run exit 1, without a report, instead of 130 (seen once in npm test). So registrations of these
 * listeners made while vitest is created are dropped.
 */
export async function withoutProcessHandlers<T>(create: () => Promise<T>): Promise<T> {
  const owned = new Set<string | symbol>(['SIGINT', 'SIGTERM', 'unhandledRejection']);
  const originals = { on: process.on, once: process.once, addListener: process.addListener };
  for (const k of Object.keys(originals) as Array<keyof typeof originals>) {
    const orig = originals[k];
    process[k] = function (this: NodeJS.Process, event: string | symbol, listener: (...a: any[]) => void) {
      return owned.has(event) ? this : orig.call(this, event as any, listener);
    } as any;
  }
  try {
    return await create();
  } finally {
    Object.assign(process, originals);
  }
}
