// Runs the selected suite files against deployed variants in ONE vitest invocation: one vitest project
// per variant, each given its endpoint through `provide` (suites read it with inject()).
import { createVitest, type Vitest } from 'vitest/node';
import { projectRoot } from '../util/paths.ts';
import { PROVIDE_KEY, type Endpoint } from '../endpoint/contract.ts';
import type { SuiteFile } from './suites.ts';
import type { ResultCollector } from './collector.ts';

export interface SuiteRunOptions {
  endpoints: Endpoint[];
  suites: SuiteFile[];
  collector: ResultCollector;
  signal: AbortSignal;
  /** Parallel suite files (vitest workers). */
  maxWorkers?: number;
}

export async function runSuites(o: SuiteRunOptions): Promise<void> {
  if (o.endpoints.length === 0 || o.suites.length === 0) return;
  const root = projectRoot();
  const include = o.suites.map((s) => s.file);
  let vitest: Vitest | undefined;
  const onAbort = () => void vitest?.cancelCurrentRun('keyboard-input');
  o.signal.addEventListener('abort', onAbort, { once: true });
  try {
    vitest = await withoutSignalHandlers(() => createVitest(
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
        maxWorkers: o.maxWorkers ?? 2,
        passWithNoTests: true,
        projects: o.endpoints.map((e) => ({
          test: {
            name: e.variant.name,
            root,
            include,
            provide: { [PROVIDE_KEY]: e },
            // Suite files share worker processes: starting a fresh process and module graph per file cost more CPU
            // than the tests themselves on the local target. Suites keep no global state (no mocks, no env writes);
            // each file's endpoint still comes through its own project's provide.
            isolate: false,
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
 * vitest's logger registers SIGINT/SIGTERM handlers that exit the process at once. The run owns those signals
 * (it must stop deployments and write the partial report) and cancels vitest itself, so registrations of
 * signal listeners made while vitest is created are dropped.
 */
async function withoutSignalHandlers<T>(create: () => Promise<T>): Promise<T> {
  const signals = new Set<string | symbol>(['SIGINT', 'SIGTERM']);
  const originals = { on: process.on, once: process.once, addListener: process.addListener };
  for (const k of Object.keys(originals) as Array<keyof typeof originals>) {
    const orig = originals[k];
    process[k] = function (this: NodeJS.Process, event: string | symbol, listener: (...a: any[]) => void) {
      return signals.has(event) ? this : orig.call(this, event as any, listener);
    } as any;
  }
  try {
    return await create();
  } finally {
    Object.assign(process, originals);
  }
}
