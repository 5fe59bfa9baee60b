// The flags of `run`, `plan` and `load`, declared once: the help groups them by the target that reads them, a flag
// given to a target that ignores it is a usage error naming it, and a failed case's rerun keeps the flags that shape
// the deployment (RunResult.command).
import { Option, type Command } from 'commander';
import { TARGET_NAMES, type TargetName } from '../targets/target.ts';
import { listProfiles } from '../variant/profile.ts';
import { FAULT_NAMES } from '../targets/local/faults.ts';
import { ConfigError } from '../util/errors.ts';

const collect = (v: string, prev: string[]) => [...prev, v];
const num = (v: string) => Number(v);

export const HELP_GROUPS = {
  selection: 'What runs:',
  reports: 'Reports and verdict:',
  local: 'Target local (the default: emulated on this machine):',
  endpoint: 'Target endpoint (an Alternator or DynamoDB endpoint you give):',
  kube: 'Targets kind and kubeconfig:',
  kind: 'Target kind:',
  kubeconfig: 'Target kubeconfig:',
  load: 'Load phase:',
} as const;

interface RunOption {
  /** commander's flags, e.g. '--ca-bundle <file>'. */
  flags: string;
  description: string;
  group: keyof typeof HELP_GROUPS;
  /** Targets that read it; absent: every target. */
  targets?: readonly TargetName[];
  /** A failed case's rerun keeps it (it shapes the deployment or the verdict, not the selection or output). */
  rerun?: boolean;
  repeatable?: boolean;
  number?: boolean;
  choices?: readonly string[];
  default?: string;
  /** Commands that take it (default: run, plan and load). */
  commands?: ReadonlyArray<'run' | 'plan' | 'load'>;
}

const ENDPOINT: readonly TargetName[] = ['endpoint'];
const KUBE: readonly TargetName[] = ['kind', 'kubeconfig'];

export const RUN_OPTIONS: readonly RunOption[] = [
  { flags: '-p, --profile <name|file>', description: `profile name (${listProfiles().join(', ')}) or YAML path`, group: 'selection', default: 'smoke', rerun: true },
  { flags: '-t, --target <target>', description: 'where to run', group: 'selection', choices: TARGET_NAMES, default: 'local', rerun: true },
  { flags: '--variant <name>', description: 'only this variant (repeatable)', group: 'selection', repeatable: true },
  { flags: '--suite <name>', description: 'only this suite or suite family, e.g. api or api/items (repeatable)', group: 'selection', repeatable: true },
  { flags: '--case <name>', description: 'only the test case of this name as reports write it (describe blocks and test joined with " > "), or the cases whose name ends with " > <name>" (repeatable)', group: 'selection', repeatable: true, commands: ['run'] },
  { flags: '--shard <i/n>', description: 'run only shard i of n of the variants', group: 'selection' },
  { flags: '--shards <n>', description: "also print each of n shards' expected time (--shard i/n each), as a sharded CI runs them", group: 'selection', targets: KUBE, number: true, commands: ['plan'] },
  { flags: '--no-shared-tables', description: "each suite file creates its own table where it would join the deployment's shared one (harness/endpoint/shared-tables.ts): what a run costs without sharing (npm run bench:real compares both)", group: 'selection', rerun: true, commands: ['run'] },
  { flags: '--suites-dir <dir>', description: 'run suite files from this directory instead of suites/ (<family>/<name>.test.ts, written with harness/suite-kit)', group: 'selection', rerun: true },
  { flags: '--reports <dir>', description: 'reports directory (default: ./reports of the project)', group: 'reports' },
  { flags: '--quiet', description: 'no progress lines', group: 'reports' },
  { flags: '--fail-on-lifted', description: 'fail when a documented limitation is found lifted', group: 'reports', rerun: true },
  { flags: '--fail-on-documentation-differs', description: "fail when the operator's documentation and the deployment disagree (suites/docs)", group: 'reports', rerun: true },
  { flags: '--inject-fault <name>', description: 'inject a deliberate deviation (proves suites can fail)', group: 'local', targets: ['local'], choices: FAULT_NAMES, rerun: true },
  { flags: '--endpoint <url>', description: 'HTTPS URL (default $AWS_ENDPOINT_URL_DYNAMODB)', group: 'endpoint', targets: ENDPOINT, rerun: true },
  { flags: '--ca-bundle <file>', description: 'CA bundle PEM (default $AWS_CA_BUNDLE)', group: 'endpoint', targets: ENDPOINT, rerun: true },
  { flags: '--access-key-id <id>', description: 'access key id / role (default $AWS_ACCESS_KEY_ID; the secret only from $AWS_SECRET_ACCESS_KEY)', group: 'endpoint', targets: ENDPOINT, rerun: true },
  { flags: '--http-endpoint <url>', description: 'plain HTTP URL, when the deployment serves HTTP', group: 'endpoint', targets: ENDPOINT, rerun: true },
  { flags: '--tls-server-name <name>', description: 'hostname to verify when the URL is a forwarded address', group: 'endpoint', targets: ENDPOINT, rerun: true },
  { flags: '--write-isolation <mode>', description: 'the write isolation the endpoint promises', group: 'endpoint', targets: ENDPOINT, rerun: true },
  { flags: '--authorization <mode>', description: 'what the endpoint promises', group: 'endpoint', targets: ENDPOINT, choices: ['enforced', 'disabled'], rerun: true },
  { flags: '--api-profile <profile>', description: 'which API the endpoint follows', group: 'endpoint', targets: ENDPOINT, choices: ['alternator', 'dynamodb'], rerun: true },
  { flags: '--region <region>', description: 'signing region (default $AWS_REGION or us-east-1)', group: 'endpoint', targets: ENDPOINT, rerun: true },
  { flags: '--endpoints-file <file>', description: 'YAML file with one endpoint per datacenter', group: 'endpoint', targets: ENDPOINT, rerun: true },
  { flags: '--scylla-version <version>', description: 'the ScyllaDB version behind the endpoint, e.g. 2025.4.1 (default: read from --metrics-url, scylla_scylladb_current_version; required without it for --api-profile alternator; with it, the nodes must report the same version); documented differences with a version range follow it', group: 'endpoint', targets: ENDPOINT, rerun: true },
  { flags: '--experimental-feature <name>', description: "an experimental_features entry of the cluster's scylla.yaml (repeatable), e.g. alternator-streams, which Streams need before ScyllaDB 2026.2.0", group: 'endpoint', targets: ENDPOINT, repeatable: true, rerun: true },
  { flags: '--metrics-url <url>', description: "a node's Prometheus metrics, http://<node>:9180/metrics (repeat for every node)", group: 'endpoint', targets: ENDPOINT, repeatable: true, rerun: true },
  { flags: '--extra-role <name[:perms][:nologin]>', description: 'a role of the cluster for the authorization suites, e.g. alternator_reader or my_role:SELECT+MODIFY (repeatable; default $ALTERNATOR_E2E_EXTRA_ROLES); its salted_hash only from $ALTERNATOR_E2E_ROLE_SECRET_<NAME>', group: 'endpoint', targets: ENDPOINT, repeatable: true, rerun: true },
  { flags: '--ttl-period-seconds <n>', description: "the cluster's alternator_ttl_period_in_seconds, so TTL expiry is waited for (default $ALTERNATOR_E2E_TTL_PERIOD_SECONDS)", group: 'endpoint', targets: ENDPOINT, rerun: true },
  { flags: '--operator-version <version>', description: "operator release to install (default: the profile's versions.operator); endpoint: the release declared to have deployed it", group: 'kube', targets: [...KUBE, 'endpoint'], rerun: true },
  { flags: '--operator-image <image>', description: 'a locally built operator image (loaded into kind)', group: 'kube', targets: KUBE, rerun: true },
  { flags: '--keep', description: 'keep what the run created (cluster, namespaces) for inspection', group: 'kube', targets: KUBE },
  { flags: '--parallelism <n>', description: 'variants rolling out at once', group: 'kube', targets: KUBE, number: true },
  { flags: '--host <cpus,GiB>', description: "plan for a machine of this shape instead of this one, e.g. 4,16 (GitHub's standard Linux runner, which the workflows' timeouts assume)", group: 'kube', targets: KUBE, commands: ['plan'] },
  { flags: '--reuse <cluster>', description: 'use this existing kind cluster (never created nor deleted)', group: 'kind', targets: ['kind'], rerun: true },
  { flags: '--node-image <image>', description: 'node image (default pinned kindest/node)', group: 'kind', targets: ['kind'], rerun: true },
  { flags: '--kubeconfig <path>', description: 'path (default $KUBECONFIG or ~/.kube/config)', group: 'kubeconfig', targets: ['kubeconfig'], rerun: true },
  { flags: '--context <name>', description: 'context (default: current)', group: 'kubeconfig', targets: ['kubeconfig'], rerun: true },
  { flags: '--install-operator', description: 'also install cert-manager and the operator', group: 'kubeconfig', targets: ['kubeconfig'] },
];

export const LOAD_OPTIONS: readonly RunOption[] = [
  { flags: '--workload <name>', description: "workload a|b|c|f|conditional|batch (repeatable; default: the profile's)", group: 'load', repeatable: true },
  { flags: '--duration <seconds>', description: 'measured seconds per workload', group: 'load', number: true },
  { flags: '--concurrency <n>', description: 'connections (lanes)', group: 'load', number: true },
  { flags: '--records <n>', description: 'records inserted first', group: 'load', number: true },
  { flags: '--rate <ops>', description: 'open loop at this rate (ops/s); latency from the intended start', group: 'load', number: true },
  { flags: '--distribution <d>', description: 'key choice', group: 'load', choices: ['uniform', 'zipfian'] },
  { flags: '--mode <m>', description: 'open or closed loop', group: 'load', choices: ['open', 'closed'] },
  { flags: '--client <c>', description: 'raw (fast) or sdk (@aws-sdk/client-dynamodb)', group: 'load', choices: ['raw', 'sdk'] },
  { flags: '--threads <n>', description: 'worker threads on this machine', group: 'load', number: true },
  // Checked with its own message (checkWorkers): which targets, and that a load phase runs.
  { flags: '--workers <n>', description: 'kind/kubeconfig only: run the workers as a Kubernetes Job of N pods in the cluster', group: 'load', number: true },
  { flags: '--load-image <image>', description: 'with --workers: image of the worker pods (default localhost/alternator-e2e:dev, built from fixtures/load/Dockerfile)', group: 'load', targets: KUBE },
  { flags: '--baseline <file-or-dir>', description: 'compare with an earlier run (its directory, load/ or one <variant>.json)', group: 'load' },
  { flags: '--fail-on-regression', description: 'exit 1 when a regression beyond the thresholds is found', group: 'load' },
];

function toOption(o: RunOption, helpTarget?: string): Option {
  const opt = new Option(o.flags, o.description).helpGroup(HELP_GROUPS[o.group]);
  if (helpTarget && o.targets && !o.targets.includes(helpTarget as TargetName)) opt.hideHelp();
  if (o.choices) opt.choices(o.choices);
  if (o.repeatable) opt.argParser(collect).default([]);
  else if (o.number) opt.argParser(num);
  if (o.default !== undefined) opt.default(o.default);
  return opt;
}

/**
 * Adds the options of `command` (run, plan or load) from the tables, grouped in its help. `helpTarget` (a --target
 * given with --help): the help shows only the flags that target reads.
 */
export function addRunOptions(c: Command, command: 'run' | 'plan' | 'load', o: { load: boolean; helpTarget?: string }): Command {
  for (const opt of [...RUN_OPTIONS, ...(o.load ? LOAD_OPTIONS : [])]) if (!opt.commands || opt.commands.includes(command)) c.addOption(toOption(opt, o.helpTarget));
  c.addHelpText('before', o.helpTarget ? `Flags of target ${o.helpTarget} only (drop --target to see every target's):\n` : 'Flags of one target only: add --target <target> to --help.\n');
  return c;
}

/** The --target of a command line that asks for help, if any (so the help can show that target's flags only). */
export function helpTargetOf(argv: readonly string[]): string | undefined {
  if (!argv.includes('--help') && !argv.includes('-h')) return undefined;
  const i = argv.findIndex((a) => a === '--target' || a === '-t');
  const v = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--target='))?.slice('--target='.length);
  return v && (TARGET_NAMES as readonly string[]).includes(v) ? v : undefined;
}

const attributeOf = (o: RunOption) => new Option(o.flags).attributeName();
const longFlag = (o: RunOption) => new Option(o.flags).long!;

/**
 * A flag given on the command line to a target that does not read it is a usage error naming it: the run would
 * otherwise quietly do something else than asked.
 */
export function checkFlagsApply(c: Command, target: string): void {
  for (const o of [...RUN_OPTIONS, ...LOAD_OPTIONS]) {
    if (!o.targets || o.targets.includes(target as TargetName)) continue;
    if (c.getOptionValueSource(attributeOf(o)) !== 'cli') continue;
    throw new ConfigError(`applies to target ${o.targets.join(' or ')}, not ${target}`, {
      field: longFlag(o),
      fix: `drop ${longFlag(o)}, or add --target ${o.targets[0]}`,
    });
  }
}

/** The flags given that shape the deployment or the verdict, as a command line: a failed case's rerun starts from it. */
export function rerunBase(c: Command, command: string): string[] {
  const out = [command];
  for (const o of RUN_OPTIONS) {
    if (!o.rerun) continue;
    const source = c.getOptionValueSource(attributeOf(o));
    const v = c.getOptionValue(attributeOf(o)) as unknown;
    // The target and profile always: a rerun must not depend on defaults that may change.
    if (source !== 'cli' && !['profile', 'target'].includes(attributeOf(o))) continue;
    const flag = longFlag(o);
    if (v === true) out.push(flag);
    else if (v === false && new Option(o.flags).negate) out.push(flag);
    else if (Array.isArray(v)) for (const x of v) out.push(flag, String(x));
    else if (v !== undefined && v !== false) out.push(flag, String(v));
  }
  return out;
}
