// `npm test`: the harness's own tests (test/**). The suites under suites/ run only through `alternator-e2e run`.
import { defineConfig } from 'vitest/config';
import ClosingLineReporter from './test/helpers/closing-line-reporter.ts';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Suite files used as fixtures run only through the spawned CLI (--suites-dir), never as the harness's tests.
    exclude: ['test/fixtures/**', '**/node_modules/**'],
    // Hang guards, never speed assertions: many tests spawn whole runs, which a loaded 2-core CI machine can take
    // minutes to finish.
    testTimeout: 600_000,
    hookTimeout: 60_000,
    teardownTimeout: 30_000,
    pool: 'forks',
    // Test files share a worker's module cache (no test mocks modules or keeps state in them): fresh module graphs per
    // file cost about a tenth of npm test's CPU.
    isolate: false,
    maxWorkers: 2,
    reporters: ['default', new ClosingLineReporter()],
  },
});
