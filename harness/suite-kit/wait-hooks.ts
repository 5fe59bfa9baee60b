// Loaded by every suite project (vitest setupFiles, harness/run/vitest-runner.ts): the time a suite file spent in
// waits (harness/suite-kit/timing.ts) goes to the report through the file task's meta, which vitest sends with the
// file's result once its last afterAll has run (harness/run/collector.ts reads it as the file's `waitedMs`).
import { afterAll } from 'vitest';
import { resetWaited, waited } from './timing.ts';

declare module 'vitest' {
  interface TaskMeta {
    /** On a suite file's task: milliseconds its waits took (summed: waits of concurrent cases each count). */
    waitedMs?: number;
  }
}

// A setup file runs again before each suite file of the worker.
resetWaited();

// Registered first, so it runs after the file's own afterAll hooks (vitest runs them in reverse order: stack), and
// their waits count too. vitest hands a hook its fixtures first (an object pattern, which it insists on), the suite second.
// eslint-disable-next-line no-empty-pattern
afterAll(({}, file) => {
  file.meta.waitedMs = Math.round(waited());
});
