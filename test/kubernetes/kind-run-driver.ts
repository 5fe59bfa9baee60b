// `run --target kind` in this process exactly as the CLI runs it (runSelection: the same stop signals, checkpoints
// and reports), with the kind target on the fakes: FakeProvider for kind, FakeKube for the API server, FakeForwarder.
// test/kubernetes/interrupt-teardown.test.ts spawns it and signals it as GitHub cancels a job.
// argv: <reports dir> <kind call log>. Time runs CLOCK_SCALE times faster than the wall clock (1 s = 50 ms), so
// the namespace wait of teardown (300 s) lasts 15 s of wall time and a 7.5 s gap between signals falls inside it.
import { appendFileSync } from 'node:fs';
import { loadProfile } from '../../harness/variant/profile.ts';
import { discoverSuites } from '../../harness/run/suites.ts';
import { runSelection } from '../../harness/cli/run-command.ts';
import { realClock, type Clock } from '../../harness/targets/kubernetes/wait.ts';
import { createKindTarget } from '../../harness/targets/kind/kind-target.ts';
import { FakeForwarder, FakeKube } from './fake-kube.ts';
import { CERT_MANAGER_YAML, FakeProvider, OPERATOR_YAML, VERSIONS, variant } from './helpers.ts';
import { join } from 'node:path';
import { projectRoot } from '../../harness/util/paths.ts';

const CLOCK_SCALE = 0.05;
const [reportsDir, callLog] = process.argv.slice(2) as [string, string];

/** kind as the test sees it: every call in a log file; `kind delete cluster` takes longer than the job has left. */
class LoggedProvider extends FakeProvider {
  constructor() {
    super();
    const push = this.calls.push.bind(this.calls);
    this.calls.push = (...items: string[]) => {
      for (const i of items) appendFileSync(callLog, `${i}\n`);
      return push(...items);
    };
  }
  override async delete(name: string): Promise<void> {
    this.calls.push(`delete ${name}`);
    // As the real kind child process does, the pending deletion keeps the process alive.
    await new Promise<void>(() => setInterval(() => undefined, 60_000));
  }
}

const started = performance.now();
const clock: Clock = { now: () => (performance.now() - started) / CLOCK_SCALE, sleep: (ms, signal) => realClock.sleep(ms * CLOCK_SCALE, signal) };
const kube = new FakeKube();
kube.now = clock.now;
// Namespaces that stay Terminating (finalizers, a preStop drain): teardown would wait its whole timeout.
kube.namespaceTerminationGets = 1_000_000;
const forwarder = new FakeForwarder();
const target = createKindTarget(
  { operator: { version: VERSIONS.operator }, parallelism: 2, host: { cpus: 4, memoryBytes: 16 * 1024 ** 3 }, pollIntervalMs: 1000, retryDelayMs: 1000, timeouts: { rollout: 120, certManager: 60, operator: 60, nodeConfig: 60, endpoint: 60, teardown: 300 } },
  {
    provider: new LoggedProvider(),
    clock,
    connect: () => ({ kube, forwarder }),
    fetchText: async (source) => (source.includes('cert-manager') ? CERT_MANAGER_YAML : OPERATOR_YAML),
  },
);
const flags = { profile: 'smoke', target: 'kind', variant: [], suite: [], reports: reportsDir };
const suites = discoverSuites(join(projectRoot(), 'test', 'fixtures', 'suites')).filter((s) => s.id.startsWith('red/'));
const code = await runSelection({ profile: loadProfile('smoke'), variants: [variant('red')], suites, target, versionWarnings: [] }, flags);
process.exit(code);
