#!/usr/bin/env node
// alternator-e2e: the command line. Every command validates its input before starting anything
// (exit 2 on bad input), and maps errors to the documented exit codes.
import { Command, CommanderError, Option } from 'commander';
import type { RunFlags } from './run-command.ts';
import type { CleanupFlags } from './cleanup-command.ts';
import { ConfigError, ProvisionError } from '../util/errors.ts';
import { EXIT } from './exit-codes.ts';
import { earlySignal, exitCodeOf } from './signals.ts';
import { historyConsoleLines } from '../report/history-text.ts';
import { totals } from '../report/results.ts';
import { TARGET_NAMES, CLEANUP_TARGETS } from '../targets/target.ts';
import { listProfiles } from '../variant/profile.ts';
import { guardConsole, rememberEnvironmentSecrets } from '../util/redact.ts';
import { FAULT_NAMES } from '../targets/local/faults.ts';

const collect = (v: string, prev: string[]) => [...prev, v];

function withRunOptions(c: Command): Command {
  return c
    .option('-p, --profile <name|file>', `profile name (${listProfiles().join(', ')}) or YAML path`, 'smoke')
    .addOption(new Option('-t, --target <target>', 'where to run').choices([...TARGET_NAMES]).default('local'))
    .option('--variant <name>', 'only this variant (repeatable)', collect, [])
    .option('--suite <name>', 'only this suite or suite family, e.g. api or api/items (repeatable)', collect, [])
    .option('--reports <dir>', 'reports directory (default: ./reports of the project)')
    .option('--shard <i/n>', 'run only shard i of n of the variants')
    .option('--fail-on-lifted', 'fail when a documented limitation is found lifted')
    .option('--fail-on-documentation-differs', "fail when the operator's documentation and the deployment disagree (suites/docs)")
    .option('--quiet', 'no progress lines')
    .option('--suites-dir <dir>', 'run suite files from this directory instead of suites/ (<family>/<name>.test.ts, written with harness/suite-kit)')
    .addOption(new Option('--inject-fault <name>', 'local target only: inject a deliberate deviation (proves suites can fail)').choices(FAULT_NAMES))
    .option('--endpoint <url>', 'endpoint target: HTTPS URL (default $AWS_ENDPOINT_URL_DYNAMODB)')
    .option('--ca-bundle <file>', 'endpoint target: CA bundle PEM (default $AWS_CA_BUNDLE)')
    .option('--access-key-id <id>', 'endpoint target: access key id / role (default $AWS_ACCESS_KEY_ID; the secret only from $AWS_SECRET_ACCESS_KEY)')
    .option('--http-endpoint <url>', 'endpoint target: plain HTTP URL, when the deployment serves HTTP')
    .option('--tls-server-name <name>', 'endpoint target: hostname to verify when the URL is a forwarded address')
    .option('--write-isolation <mode>', 'endpoint target: the write isolation the endpoint promises')
    .addOption(new Option('--authorization <mode>', 'endpoint target: what the endpoint promises').choices(['enforced', 'disabled']))
    .addOption(new Option('--api-profile <profile>', 'endpoint target: which API the endpoint follows').choices(['alternator', 'dynamodb']))
    .option('--region <region>', 'endpoint target: signing region (default $AWS_REGION or us-east-1)')
    .option('--endpoints-file <file>', 'endpoint target: YAML file with one endpoint per datacenter')
    .option('--scylla-version <version>', 'endpoint target: the ScyllaDB version behind the endpoint, e.g. 2025.4.1 (default: read from --metrics-url, scylla_scylladb_current_version; required without it for --api-profile alternator); documented differences with a version range follow it')
    .option('--experimental-feature <name>', "endpoint target: an experimental_features entry of the cluster's scylla.yaml (repeatable), e.g. alternator-streams, which Streams need before ScyllaDB 2026.2.0", collect, [])
    .option('--metrics-url <url>', "endpoint target: a node's Prometheus metrics, http://<node>:9180/metrics (repeat for every node)", collect, [])
    .option('--extra-role <name[:perms][:nologin]>', 'endpoint target: a role of the cluster for the authorization suites, e.g. alternator_reader or my_role:SELECT+MODIFY (repeatable; default $ALTERNATOR_E2E_EXTRA_ROLES); its salted_hash only from $ALTERNATOR_E2E_ROLE_SECRET_<NAME>', collect, [])
    .option('--ttl-period-seconds <n>', "endpoint target: the cluster's alternator_ttl_period_in_seconds, so TTL expiry is waited for (default $ALTERNATOR_E2E_TTL_PERIOD_SECONDS)")
    .option('--reuse <cluster>', 'kind: use this existing kind cluster (never created nor deleted)')
    .option('--keep', 'kind/kubeconfig: keep what the run created (cluster, namespaces) for inspection')
    .option('--node-image <image>', 'kind: node image (default pinned kindest/node)')
    .option('--operator-image <image>', 'kind/kubeconfig: a locally built operator image (loaded into kind)')
    .option('--operator-version <version>', "kind/kubeconfig: operator release to install (default: the profile's versions.operator)")
    .option('--parallelism <n>', 'kind/kubeconfig: variants rolling out at once', (v) => Number(v))
    .option('--kubeconfig <path>', 'kubeconfig: path (default $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig: context (default: current)')
    .option('--install-operator', 'kubeconfig: also install cert-manager and the operator');
}

const num = (v: string) => Number(v);
function withLoadOptions(c: Command): Command {
  return c
    .option('--workload <name>', 'load: workload a|b|c|f|conditional|batch (repeatable; default: the profile\'s)', collect, [])
    .option('--duration <seconds>', 'load: measured seconds per workload', num)
    .option('--concurrency <n>', 'load: connections (lanes)', num)
    .option('--records <n>', 'load: records inserted first', num)
    .option('--rate <ops>', 'load: open loop at this rate (ops/s); latency from the intended start', num)
    .addOption(new Option('--distribution <d>', 'load: key choice').choices(['uniform', 'zipfian']))
    .addOption(new Option('--mode <m>', 'load: open or closed loop').choices(['open', 'closed']))
    .addOption(new Option('--client <c>', 'load: raw (fast) or sdk (@aws-sdk/client-dynamodb)').choices(['raw', 'sdk']))
    .option('--threads <n>', 'load: worker threads on this machine', num)
    .option('--workers <n>', 'load, kind/kubeconfig only: run the workers as a Kubernetes Job of N pods in the cluster', num)
    .option('--load-image <image>', 'load, with --workers: image of the worker pods (default localhost/alternator-e2e:dev, built from fixtures/load/Dockerfile)')
    .option('--baseline <file-or-dir>', 'load: compare with an earlier run (its directory, load/ or one <variant>.json)')
    .option('--fail-on-regression', 'load: exit 1 when a regression beyond the thresholds is found');
}

export function buildProgram(setExit: (code: number) => void): Command {
  const program = new Command('alternator-e2e')
    .description('End-to-end conformance harness for ScyllaDB Alternator as the ScyllaDB Operator deploys it')
    .exitOverride()
    .showHelpAfterError();

  withLoadOptions(withRunOptions(program.command('run').description("deploy the profile's variants on a target and run the suites against them")))
    .option('--load', "after the suites, run the profile's load phase on the same deployments")
    .option('--history <dir>', 'also compare with the earlier runs below DIR (e.g. downloaded CI artifacts; repeatable); the reports directory is always searched', collect, [])
    .option('--stall-warning <seconds>', 'when no test has finished for this long, say which suite files are still open (default 60)', num)
    .action(async (o: RunFlags) => setExit(await (await import('./run-command.ts')).runCommand(o, 'run')));
  withLoadOptions(withRunOptions(program.command('load').description("deploy the profile's variants and run its load phase (throughput, latency percentiles, errors)"))).action(
    async (o: RunFlags) => setExit(await (await import('./run-command.ts')).runCommand(o, 'load')),
  );
  withRunOptions(program.command('plan').description('print what `run` would do, starting nothing (kind/kubeconfig also write the manifests under reports/<run>/plan/ and print the expected wall time)'))
    .option('--load', "count the profile's load phase, as `run --load` runs it")
    .option('--json', 'machine-readable plan')
    .option('--calibrate <results>', "kind/kubeconfig: replace the estimate's constants with the durations a real run measured (its results.json or run directory)")
    .action(async (o: RunFlags & { json?: boolean; calibrate?: string }) => setExit(await (await import('./run-command.ts')).planCommand(o)));
  program
    .command('doctor')
    .description('check what a target needs and say what is missing')
    .addOption(new Option('-t, --target <target>').choices([...TARGET_NAMES]).default('local'))
    .option('--endpoint <url>')
    .option('--ca-bundle <file>')
    .option('-p, --profile <name|file>', 'kind/kubeconfig: check the versions this profile deploys against the operator\'s support matrix', 'smoke')
    .option('--operator-version <version>', 'kind/kubeconfig: the operator release to install (default: the profile\'s versions.operator)')
    .action(async (o: { target: string; endpoint?: string; caBundle?: string; profile: string; operatorVersion?: string }) => {
      const { doctor, printChecks } = await import('./doctor.ts');
      const ok = printChecks(await doctor(o.target, { url: o.endpoint, caBundleFile: o.caBundle }, { profile: o.profile, ...(o.operatorVersion ? { operatorVersion: o.operatorVersion } : {}) }));
      setExit(ok ? EXIT.ok : EXIT.provision);
    });
  program
    .command('cleanup')
    .description(
      "delete leftovers of crashed runs, only what carries the harness's marks: endpoint tables with its prefix, kind clusters named ae2e-<run id>, namespaces labelled app.kubernetes.io/managed-by=alternator-e2e (do not run it while a run is in progress)",
    )
    .addOption(new Option('-t, --target <target>').choices([...CLEANUP_TARGETS]).default('endpoint'))
    .option('--dry-run', 'only list what would be deleted')
    .option('--run-id <id>', 'kind/kubeconfig: only what this run created')
    .option('--all', 'kind: delete every harness cluster (without it, and without --run-id, kind clusters are only listed); one younger than the longest CI job timeout is never deleted')
    .option('--endpoint <url>', 'endpoint: HTTPS URL (default $AWS_ENDPOINT_URL_DYNAMODB)')
    .option('--ca-bundle <file>', 'endpoint: CA bundle PEM (default $AWS_CA_BUNDLE)')
    .option('--endpoints-file <file>', 'endpoint: YAML file with one endpoint per datacenter')
    .option('--region <region>', 'endpoint: signing region (default $AWS_REGION or us-east-1)')
    .option('--kubeconfig <path>', 'kubeconfig: path (default $KUBECONFIG or ~/.kube/config)')
    .option('--context <name>', 'kubeconfig: context (default: current)')
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
    .description('what changed from run A to run B: new failures, still failing, fixed, changed outcomes, not run (exit 1 only when B has new failures)')
    .argument('<RUN_A>', "the earlier run: its directory (reports/<run-id>, or a directory of its shards) or its results.json")
    .argument('<RUN_B>', 'the later run, the same way')
    .action(async (a: string, b: string) => setExit((await import('./report-command.ts')).diffCommand(a, b)));
  return program;
}

export async function main(argv: string[]): Promise<number> {
  // Before anything can print: no console line of this process carries a secret of the environment or of the run.
  rememberEnvironmentSecrets();
  guardConsole(process.stdout);
  guardConsole(process.stderr);
  let code: number = EXIT.ok;
  const program = buildProgram((c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) return e.exitCode === 0 ? EXIT.ok : EXIT.usage;
    if (e instanceof ConfigError) {
      process.stderr.write(`error: ${e.message}\n`);
      return EXIT.usage;
    }
    if (e instanceof ProvisionError) {
      process.stderr.write(`error: target could not be provisioned${e.step ? ` (${e.step})` : ''}: ${e.message}\n`);
      return EXIT.provision;
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
