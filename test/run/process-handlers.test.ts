// vitest, created inside the run's process, must not take over the events the run owns. Its logger's
// unhandledRejection handler exited the process with 1 and no report when vitest's cancelled work rejected after an
// interruption (seen in npm test: SIGINT mid-suite gave exit 1 instead of 130).
import { describe, it, expect } from 'vitest';
import { isStoppedWorkerError, withoutProcessHandlers } from '../../harness/run/vitest-runner.ts';

describe('withoutProcessHandlers', () => {
  it('drops SIGINT, SIGTERM and unhandledRejection listeners registered while creating, keeps others, restores process', async () => {
    const events = ['SIGINT', 'SIGTERM', 'unhandledRejection', 'beforeExit'] as const;
    const before = Object.fromEntries(events.map((e) => [e, process.listenerCount(e)])) as Record<(typeof events)[number], number>;
    const listener = () => undefined;
    await withoutProcessHandlers(async () => {
      process.on('SIGINT', listener);
      process.once('SIGTERM', listener);
      process.addListener('unhandledRejection', listener);
      process.on('beforeExit', listener);
    });
    expect(Object.fromEntries(events.map((e) => [e, process.listenerCount(e)]))).toEqual({ ...before, beforeExit: before.beforeExit + 1 });
    process.off('beforeExit', listener);
    process.on('SIGINT', listener);
    expect(process.listenerCount('SIGINT')).toBe(before.SIGINT + 1);
    process.off('SIGINT', listener);
  });
});

describe('isStoppedWorkerError', () => {
  const error = (code: string, stack: string) => Object.assign(new Error(`write ${code}`), { code, stack: `Error: write ${code}\n${stack}` });
  it("is vitest's pool writing to a worker that is gone, and nothing else", () => {
    expect(isStoppedWorkerError(error('EPIPE', '    at ForksPoolWorker.send (file:///x/node_modules/vitest/dist/chunks/cli-api.js:3148:13)'))).toBe(true);
    expect(isStoppedWorkerError(error('ERR_IPC_CHANNEL_CLOSED', '    at PoolRunner.postMessage (file:///x/node_modules/vitest/dist/chunks/cli-api.js:2929:63)'))).toBe(true);
    // The same code from the run's own sockets, or another error from vitest, still ends the process.
    expect(isStoppedWorkerError(error('EPIPE', '    at Socket._write (node:net:930:8)'))).toBe(false);
    expect(isStoppedWorkerError(Object.assign(new TypeError('x is undefined'), { stack: 'TypeError\n    at file:///x/node_modules/vitest/dist/index.js:1:1' }))).toBe(false);
    expect(isStoppedWorkerError('EPIPE')).toBe(false);
  });
});
