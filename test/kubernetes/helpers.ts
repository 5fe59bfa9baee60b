// Wiring of the Kubernetes targets to the fakes, and small builders shared by the tests.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { Variant, type AlternatorSpec } from '../../harness/variant/model.ts';
import type { RunContext } from '../../harness/targets/target.ts';
import type { Progress } from '../../harness/util/progress.ts';
import type { ClusterProvider } from '../../harness/targets/kind/cluster-provider.ts';
import { createKindTarget } from '../../harness/targets/kind/kind-target.ts';
import { createKubeconfigTarget } from '../../harness/targets/kubeconfig/kubeconfig-target.ts';
import type { KindOptionsInput, KubeconfigOptionsInput } from '../../harness/targets/kubernetes/options.ts';
import { FakeForwarder, FakeKube } from './fake-kube.ts';
import { VirtualClock } from './virtual-clock.ts';

export const VERSIONS = { scylla: '2026.1.3', operator: 'v1.21.1' } as const;

export function variant(name: string, alternator: AlternatorSpec = {}, datacenters?: Array<{ name: string; members?: number }>): Variant {
  return Variant.parse({ name, alternator, versions: VERSIONS, ...(datacenters ? { topology: { datacenters } } : {}) });
}

export class FakeProvider implements ClusterProvider {
  readonly calls: string[] = [];
  readonly clusters = new Set<string>();
  /** 'hang' waits until the signal aborts, like a long `kind create` interrupted by Ctrl-C. */
  createBehaviour: 'ok' | 'fail' | 'hang' = 'ok';
  async create(o: { name: string; config: string; image: string; signal?: AbortSignal }) {
    this.calls.push(`create ${o.name} ${o.image}`);
    this.clusters.add(o.name); // --retain: nodes exist even when create fails
    if (this.createBehaviour === 'fail') throw new Error('kind create failed: node did not become ready');
    if (this.createBehaviour === 'hang')
      await new Promise<void>((_, reject) => o.signal?.addEventListener('abort', () => reject(new Error('kind create killed')), { once: true }));
  }
  async exists(name: string) {
    this.calls.push(`exists ${name}`);
    return this.clusters.has(name);
  }
  async list() {
    this.calls.push('list');
    return [...this.clusters];
  }
  async kubeconfig(name: string) {
    this.calls.push(`kubeconfig ${name}`);
    return 'apiVersion: v1\nkind: Config\n';
  }
  async loadImage(name: string, image: string) {
    this.calls.push(`load ${image} ${name}`);
  }
  /** Images `docker pull` fails for (a rate limit, a tag that does not exist). */
  readonly unpullable = new Set<string>();
  async pullImage(image: string) {
    this.calls.push(`pull ${image}`);
    if (this.unpullable.has(image)) throw new Error(`docker pull ${image} failed (exit 1):\ntoomanyrequests: You have reached your unauthenticated pull rate limit`);
  }
  async exportLogs(name: string, dir: string) {
    this.calls.push(`export-logs ${name} ${dir}`);
  }
  async delete(name: string) {
    this.calls.push(`delete ${name}`);
    this.clusters.delete(name);
  }
}

/** A provider that fails the test on any call: proves `plan` touches no Docker and no kind. */
export const noDocker: ClusterProvider = new Proxy({} as ClusterProvider, {
  get: (_t, p) => () => {
    throw new Error(`plan must not call the cluster provider (${String(p)})`);
  },
});

const deployment = (namespace: string, name: string) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name, namespace },
  spec: { replicas: 1, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name, image: name === 'cert-manager' ? 'quay.io/jetstack/cert-manager-controller:v1.21.1' : 'docker.io/scylladb/scylla-operator:latest', env: [{ name: 'IMAGE', value: 'docker.io/scylladb/scylla-operator:latest' }] }] } } },
});
const crd = (name: string) => ({ apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name }, spec: {} });
const ns = (name: string) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name } });

export const CERT_MANAGER_YAML = [crd('certificates.cert-manager.io'), crd('issuers.cert-manager.io'), ns('cert-manager'), ...['cert-manager', 'cert-manager-cainjector', 'cert-manager-webhook'].map((d) => deployment('cert-manager', d))]
  .map((o) => stringify(o))
  .join('---\n');
export const OPERATOR_YAML = [ns('scylla-operator'), crd('scyllaclusters.scylla.scylladb.com'), crd('nodeconfigs.scylla.scylladb.com'), deployment('scylla-operator', 'scylla-operator'), deployment('scylla-operator', 'webhook-server')]
  .map((o) => stringify(o))
  .join('---\n');

export interface Harness {
  kube: FakeKube;
  forwarder: FakeForwarder;
  clock: VirtualClock;
  provider: FakeProvider;
  fetched: string[];
  progress: string[];
  controller: AbortController;
  ctx: RunContext;
  reportsDir: string;
}

export function fakes(): Harness {
  const reportsDir = mkdtempSync(join(tmpdir(), 'ae2e-k8s-'));
  const progress: string[] = [];
  const rec: Progress = {
    step: (m) => progress.push(`step ${m}`),
    waiting: (m) => progress.push(`waiting ${m}`),
    done: (m) => progress.push(`done ${m}`),
    warn: (m) => progress.push(`warn ${m}`),
  };
  const controller = new AbortController();
  const clock = new VirtualClock();
  const kube = new FakeKube();
  // The fake cluster's time (event stamps, preStop drains) is the run's clock.
  kube.now = () => clock.now();
  return {
    kube,
    forwarder: new FakeForwarder(),
    clock,
    provider: new FakeProvider(),
    fetched: [],
    progress,
    controller,
    reportsDir,
    ctx: { runId: 'run-1', reportsDir, progress: rec, signal: controller.signal, failOnLiftedLimitation: false },
  };
}

/** The machine the tests' targets size their runs for (resources.ts), whatever machine runs the tests. */
export const TEST_HOST = { cpus: 4, memoryBytes: 16 * 1024 ** 3 };

const fast = { pollIntervalMs: 1000, retryDelayMs: 1000, host: TEST_HOST, timeouts: { rollout: 120, certManager: 60, operator: 60, nodeConfig: 60, endpoint: 60 } };

export function kindTarget(h: Harness, o: KindOptionsInput = {}) {
  return createKindTarget(
    { operator: { version: VERSIONS.operator }, parallelism: 2, ...fast, ...o },
    {
      provider: h.provider,
      clock: h.clock,
      connect: () => ({ kube: h.kube, forwarder: h.forwarder }),
      fetchText: async (source) => {
        h.fetched.push(source);
        return source.includes('cert-manager') ? CERT_MANAGER_YAML : OPERATOR_YAML;
      },
    },
  );
}

/** A kind target set up on the fakes, the fake cluster's events stamped by the run's clock. */
export async function readyKindTarget(h: Harness, o: KindOptionsInput = {}) {
  h.kube.now = () => h.clock.now();
  const t = kindTarget(h, o);
  await t.setUp(h.ctx);
  return t;
}

export function kubeconfigTarget(h: Harness, o: KubeconfigOptionsInput = {}) {
  return createKubeconfigTarget(
    { operator: { version: VERSIONS.operator }, kubeconfigPath: join(h.reportsDir, 'kubeconfig'), ...fast, ...o },
    {
      clock: h.clock,
      connect: () => ({ kube: h.kube, forwarder: h.forwarder }),
      fetchText: async (source) => {
        h.fetched.push(source);
        return source.includes('cert-manager') ? CERT_MANAGER_YAML : OPERATOR_YAML;
      },
    },
  );
}

/**
 * The estimate's work for `files` suite files that each cost the endpoint `counts` (a fixed suite-cost profile, so the
 * suites' minutes are plain arithmetic: harness/targets/kubernetes/suite-estimate.ts).
 */
export function fixedSuiteWork(files: number, counts: Record<string, number>, waitedMs?: number) {
  const ids = Array.from({ length: files }, (_, i) => `fixed/f${i}`);
  const file = { counts, sharedTables: [], ...(waitedMs !== undefined ? { waitedMs } : {}) };
  return {
    suites: ids,
    costs: { measured: { command: 'fixed', date: '2026-12-08', commit: '0000000', target: 'local', variant: 'defaults' }, files: Object.fromEntries(ids.map((id) => [id, file])) },
  };
}
