#!/usr/bin/env node
// alternator-e2e: the command line. Every command validates its input before starting anything
// (exit 2 on bad input), and maps errors to the documented exit codes.
import { Command, CommanderError, Option } from 'commander';
import type { RunFlags } from './run-command.ts';
import type { CleanupFlags } from './cleanup-command.ts';
import { ConfigError, ProvisionError, TargetUnavailableError } from '../util/errors.ts';
import { describeSystemError } from './system-errors.ts';
import { EXIT } from './exit-codes.ts';
import { earlySignal, exitCodeOf } from './signals.ts';
import { historyConsoleLines } from '../report/history-text.ts';
import { totals } from '../report/results.ts';
import { TARGET_NAMES, CLEANUP_TARGETS } from '../targets/target.ts';
import { addRunOptions, checkFlagsApply, helpTargetOf, rerunBase, HELP_GROUPS } from './run-options.ts';
import { describeHarness } from '../util/harness-info.ts';
import { guardConsole, rememberEnvironmentSecrets } from '../util/redact.ts';

const collect = (v: string, prev: string[]) => [...prev, v];

const EXAMPLES = {
  run: `
Examples:
  $ alternator-e2e run                                    # every suite of the smoke profile, local target
  $ alternator-e2e run --suite api/items --variant defaults
  $ alternator-e2e run --suite api/condition-expressions --case 'api condition expressions > PutItem with a failed condition'
  $ AWS_ENDPOINT_URL_DYNAMODB=https://host:8043 AWS_CA_BUNDLE=ca.crt AWS_ACCESS_KEY_ID=role AWS_SECRET_ACCESS_KEY=... \\
    alternator-e2e run --target endpoint --suite api
  $ alternator-e2e run --target kind --profile nightly --shard 1/4 --history downloaded-artifacts/`,
  plan: `
Examples:
  $ alternator-e2e plan --target kind --profile nightly --load
  $ alternator-e2e plan --json`,
  load: `
Examples:
  $ alternator-e2e load --workload a --duration 30
  $ alternator-e2e load --target kind --workers 4 --baseline reports/<run-id> --fail-on-regression`,
  doctor: `
Examples:
  $ alternator-e2e doctor --target kind
  $ alternator-e2e doctor --target endpoint --endpoint https://host:8043 --ca-bundle ca.crt`,
  cleanup: `
Examples:
  $ alternator-e2e cleanup --target endpoint --dry-run
  $ alternator-e2e cleanup --target kind --run-id 20260101T000000Z-ab12`,
  merge: `
Examples:
  $ alternator-e2e report merge --out reports/merged shard-1/ shard-2/ shard-3/ shard-4/`,
  diff: `
Examples:
  $ alternator-e2e report diff reports/<nightly-of-yesterday> reports/latest
  $ alternator-e2e report diff --fail-on-missing --markdown A/results.json B/ > comment.md`,
} as const;

/** The run's flags as parsed, the target checked against them (a flag the target ignores is refused). */
function runFlags(o: RunFlags, c: Command, command: 'run' | 'plan' | 'load'): RunFlags {
  checkFlagsApply(c, o.target);
  return { ...o, command: rerunBase(c, command) };
}

export function buildProgram(setExit: (code: number) => void, argv: readonly string[] = []): Command {
  const helpTarget = helpTargetOf(argv);
  const program = new Command('alternator-e2e')
    .description('End-to-end conformance harness for ScyllaDB Alternator as the ScyllaDB Operator deploys it')
    .version(describeHarness(), '-V, --version', 'print the harness version and git commit')
    .exitOverride()
    .showHelpAfterError();

  addRunOptions(program.command('run').description("deploy the profile's variants on a target and run the suites against them"), 'run', { load: true, helpTarget })
    .addOption(new Option('--load', "after the suites, run the profile's load phase on the same deployments").helpGroup(HELP_GROUPS.load))
    .addOption(
      new Option('--history <dir>', 'also compare with the earlier runs below DIR (e.g. downloaded CI artifacts; repeatable); the reports directory is always searched')
        .argParser(collect)
        .default([])
        .helpGroup(HELP_GROUPS.reports),
    )
    .addOption(new Option('--stall-warning <seconds>', 'when no test has finished for this long, say which suite files are still open (default 60)').argParser((v) => Number(v)).helpGroup(HELP_GROUPS.reports))
    .addHelpText('after', EXAMPLES.run)
    .action(async (o: RunFlags, c: Command) => setExit(await (await import('./run-command.ts')).runCommand(runFlags(o, c, 'run'), 'run')));
  addRunOptions(program.command('load').description("deploy the profile's variants and run its load phase (throughput, latency percentiles, errors)"), 'load', { load: true, helpTarget })
    .addHelpText('after', EXAMPLES.load)
    .action(async (o: RunFlags, c: Command) => setExit(await (await import('./run-command.ts')).runCommand(runFlags(o, c, 'load'), 'load')));
  addRunOptions(program.command('plan').description('print what `run` would do, starting nothing (kind/kubeconfig also write the manifests under reports/<run>/plan/ and print the expected wall time)'), 'plan', { load: false, helpTarget })
    .addOption(new Option('--load', "count the profile's load phase, as `run --load` runs it").helpGroup(HELP_GROUPS.load))
    .addOption(new Option('--json', 'machine-readable plan').helpGroup(HELP_GROUPS.reports))
    .addOption(
      new Option('--calibrate <results>', "replace the estimate's constants with the durations a real run measured (its results.json or run directory)").helpGroup(HELP_GROUPS.kube),
    )
    .addHelpText('after', EXAMPLES.plan)
    .action(async (o: RunFlags & { json?: boolean; calibrate?: string }, c: Command) => setExit(await (await import('./run-command.ts')).planCommand(runFlags(o, c, 'plan'))));
  program
    .command('doctor')
    .description('check what a target needs and say what is missing')
    .addOption(new Option('-t, --target <target>', 'the target to check').choices([...TARGET_NAMES]).default('local'))
    .addOption(new Option('--endpoint <url>', 'HTTPS URL (default $AWS_ENDPOINT_URL_DYNAMODB)').helpGroup(HELP_GROUPS.endpoint))
    .addOption(new Option('--ca-bundle <file>', 'CA bundle PEM (default $AWS_CA_BUNDLE)').helpGroup(HELP_GROUPS.endpoint))
    .addOption(new Option('-p, --profile <name|file>', "check the versions this profile deploys against the operator's support matrix").default('smoke').helpGroup(HELP_GROUPS.kube))
    .addOption(new Option('--operator-version <version>', "the operator release to install (default: the profile's versions.operator)").helpGroup(HELP_GROUPS.kube))
    .addHelpText('after', EXAMPLES.doctor)
    .action(async (o: { target: string; endpoint?: string; caBundle?: string; profile: string; operatorVersion?: string }, c: Command) => {
      for (const flag of ['endpoint', 'caBundle'] as const)
        if (c.getOptionValueSource(flag) === 'cli' && o.target !== 'endpoint')
          throw new ConfigError(`applies to target endpoint, not ${o.target}`, { field: flag === 'endpoint' ? '--endpoint' : '--ca-bundle', fix: 'drop it, or add --target endpoint' });
      const { doctor, printChecks } = await import('./doctor.ts');
      const ok = printChecks(await doctor(o.target, { url: o.endpoint, caBundleFile: o.caBundle }, { profile: o.profile, ...(o.operatorVersion ? { operatorVersion: o.operatorVersion } : {}) }));
      setExit(ok ? EXIT.ok : EXIT.provision);
    });
  program
    .command('cleanup')
    .description(
      "delete leftovers of crashed runs, only what carries the harness's marks: endpoint tables with its prefix, kind clusters named ae2e-<run id>, namespaces labelled app.kubernetes.io/managed-by=alternator-e2e (do not run it while a run is in progress)",
    )
    .addOption(new Option('-t, --target <target>', 'where the leftovers are').choices([...CLEANUP_TARGETS]).default('endpoint'))
    .option('--dry-run', 'only list what would be deleted')
    .addOption(new Option('--endpoint <url>', 'HTTPS URL (default $AWS_ENDPOINT_URL_DYNAMODB)').helpGroup(HELP_GROUPS.endpoint))
    .addOption(new Option('--ca-bundle <file>', 'CA bundle PEM (default $AWS_CA_BUNDLE)').helpGroup(HELP_GROUPS.endpoint))
    .addOption(new Option('--endpoints-file <file>', 'YAML file with one endpoint per datacenter').helpGroup(HELP_GROUPS.endpoint))
    .addOption(new Option('--region <region>', 'signing region (default $AWS_REGION or us-east-1)').helpGroup(HELP_GROUPS.endpoint))
    .addOption(new Option('--run-id <id>', 'only what this run created').helpGroup(HELP_GROUPS.kube))
    .addOption(
      new Option('--all', 'delete every harness cluster (without it, and without --run-id, kind clusters are only listed); one younger than the longest CI job timeout is never deleted').helpGroup(HELP_GROUPS.kind),
    )
    .addOption(new Option('--kubeconfig <path>', 'path (default $KUBECONFIG or ~/.kube/config)').helpGroup(HELP_GROUPS.kubeconfig))
    .addOption(new Option('--context <name>', 'context (default: current)').helpGroup(HELP_GROUPS.kubeconfig))
    .addHelpText('after', EXAMPLES.cleanup)
    .action(async (o: CleanupFlags) => {
      await (await import('./cleanup-command.ts')).runCleanup(o);
      setExit(EXIT.ok);
    });
  const report = program.command('report').description('work on written reports');
  report
    .command('merge')
    .description("join the shards' results (results.json below each DIR) into one report")
    .requiredOption('--out <dir>', 'where to write the merged report')
    .option('--history <dir>', 'compare the merged run with the earlier runs below DIR (repeatable)', collect, [])
    .argument('<dirs...>', 'directories holding the shards (searched recursively)')
    .addHelpText('after', EXAMPLES.merge)
    .action(async (dirs: string[], o: { out: string; history: string[] }) => {
      const merged = (await import('./report-command.ts')).mergeCommand(o.out, dirs, o.history);
      if (merged.history) process.stdout.write(`${historyConsoleLines(merged.history).join('\n')}\n`);
      process.stdout.write(`merged ${merged.variants.length} variant(s) into ${o.out}\n`);
      // An interrupted shard's results are partial: the merge must not read as a green run.
      if (merged.interrupted) process.stdout.write('at least one input run was INTERRUPTED: the merged report is partial\n');
      setExit(totals(merged).failed > 0 || totals(merged).provisioningFailures > 0 || merged.interrupted ? EXIT.failures : EXIT.ok);
    });
  report
    .command('diff')
    .description('what changed from run A to run B (new failures, still failing, fixed, changed outcomes, not run) and what of A has no result in B (variants, suite files, cases); exit 1 when B has new failures, or with --fail-on-missing when results vanished')
    .argument('<RUN_A>', "the earlier run: its directory (reports/<run-id>, or a directory of its shards) or its results.json")
    .argument('<RUN_B>', 'the later run, the same way')
    .option('--fail-on-missing', 'exit 1 when variants, suite files or cases of A have no result in B')
    .option('--json', 'print one JSON document (a, b, changes, missing, exitCode)')
    .option('--markdown', 'print markdown for a pull-request comment')
    .addHelpText('after', EXAMPLES.diff)
    .action(async (a: string, b: string, o: { failOnMissing?: boolean; json?: boolean; markdown?: boolean }) => setExit((await import('./report-command.ts')).diffCommand(a, b, o)));
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // Before anything can print: no console line of this process carries a secret of the environment or of the run.
  rememberEnvironmentSecrets();
  guardConsole(process.stdout);
  guardConsole(process.stderr);
  let code: number = EXIT.ok;
  const program = buildProgram((c) => (code = c), argv);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (e instanceof ConfigError) {
      process.stderr.write(`error: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof TargetUnavailableError) {
      process.stderr.write(`error: ${e.message}\n`);
      return EXIT.provision;
    }
    if (e instanceof ProvisionError) {
      process.stderr.write(`error: target could not be provisioned${e.step ? ` (${e.step})` : ''}: ${e.message}\n`);
      return EXIT.provision;
    }
    const system = describeSystemError(e);
    if (system) {
      process.stderr.write(`error: ${system.line}\n`);
      return system.exitCode;
    }
    process.stderr.write(`error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.failures;
  }
}

// `alternator-e2e plan | head` closes stdout early: that is not an error.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});
const result = await main(process.argv.slice(2));
// A signal no run took over (it came while loading, or during plan, doctor, ...) still ends the command as one.
const early = earlySignal();
const code = early ? exitCodeOf(early) : result;
// Let stdout drain; then leave even if a library kept a handle open. The command's code is final: vitest, still
// closing in the background after an interrupted run whose workers were killed, sets process.exitCode = 1 later.
process.on('exit', () => (process.exitCode = code));
setTimeout(() => process.exit(code), 200).unref();
