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

// tsx's loader hooks run on another thread: every module loaded after register() costs a round trip there (vitest's
// graph alone: 0.3 CPU-s loaded plainly, 1.1 through tsx). A run loads these packages anyway: load them first,
// plainly (1.3 of 3.8 CPU-s saved on a one-suite run). The TypeScript that imports them later gets the same instances.
if (process.argv[2] === 'run') {
  const args = process.argv.slice(3);
  const at = args.findIndex((a) => a === '--target' || a === '-t');
  const target = at >= 0 ? args[at + 1] : args.find((a) => a.startsWith('--target='))?.slice('--target='.length);
  const local = target === undefined || target === 'local';
  // Only a head start: a package that fails to load here fails again, with its error, where the harness imports it.
  await Promise.allSettled(
    ['vitest/node', 'commander', 'yaml', 'zod', 'semver', 'xmlbuilder2', '@smithy/signature-v4', '@smithy/protocol-http', '@smithy/hash-node', ...(local ? ['dynalite'] : [])].map(
      (m) => import(m),
    ),
  );
  // @peculiar/x509 needs the Reflect polyfill first (harness/tls/ca.ts).
  await import('reflect-metadata')
    .then(() => import('@peculiar/x509'))
    .catch(() => undefined);
}
const { register } = await import('tsx/esm/api');
register();
await import('../harness/cli/main.ts');
