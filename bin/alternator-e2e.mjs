#!/usr/bin/env node
// Runs the TypeScript CLI in this same process through tsx's loader, so the package works from a clone
// without a build step and Ctrl-C / SIGTERM reach the run directly (it tears down and writes its report).
// Loading takes seconds: a signal that arrives meanwhile is remembered here (not the default exit), and the run
// that starts afterwards stops at once and still writes its partial report (harness/cli/signals.ts).
const EARLY = Symbol.for('alternator-e2e.early-signal');
const remember = (sig) => {
  globalThis[EARLY] ??= sig;
};
process.on('SIGINT', remember);
process.on('SIGTERM', remember);
globalThis[Symbol.for('alternator-e2e.early-signal-listener')] = remember;
// `ps` shows the command by name; it also tells a test the signals are caught from here on.
process.title = 'alternator-e2e';

const { register } = await import('tsx/esm/api');
register();
await import('../harness/cli/main.ts');
