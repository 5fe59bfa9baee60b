// `--target kubeconfig`: the same orchestration against an existing cluster that already runs the operator
// (nothing is created at cluster level; cert-manager and the operator only when asked), for users whose
// matrix outgrows one machine.
import { planResources, realHost } from '../kubernetes/resources.ts';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '../../util/errors.ts';
import { KubeconfigOptions, parseOptions, type KubeconfigOptionsInput } from '../kubernetes/options.ts';
import { KubernetesTarget, type ClusterLifecycle } from '../kubernetes/kubernetes-target.ts';
import { realDeps, type KubernetesDeps } from '../kubernetes/session.ts';

export function kubeconfigPathOf(o: { kubeconfigPath?: string }, env: NodeJS.ProcessEnv = process.env): string {
  return o.kubeconfigPath ?? env.KUBECONFIG?.split(':').find(Boolean) ?? join(homedir(), '.kube', 'config');
}

export function createKubeconfigTarget(input: KubeconfigOptionsInput = {}, deps: Partial<KubernetesDeps> = {}): KubernetesTarget {
  const options = parseOptions(KubeconfigOptions, input, 'kubeconfig');
  const full: KubernetesDeps = { ...realDeps, ...deps };
  const file = kubeconfigPathOf(options);
  const where = `${file}${options.context ? ` (context ${options.context})` : ' (current context)'}`;
  const lifecycle: ClusterLifecycle = {
    targetName: 'kubeconfig',
    installsOperator: options.installOperator,
    mayAlreadyRunOperator: true,
    createsCluster: false,
    planEntries: () => [{ step: `connect to the cluster of kubeconfig ${where}`, detail: 'no cluster-level object is created except what is listed below; one namespace per variant and datacenter' }],
    teardownEntries: () => [
      {
        step: 'tear down (also after Ctrl-C)',
        detail: `${options.keep ? 'keep the namespaces of every variant' : `delete the namespaces of every variant and wait until they are gone (at most ${options.timeouts.teardown}s)`}; the cluster, cert-manager and the operator stay`,
      },
    ],
    async up(ctx) {
      if (!existsSync(file)) throw new ConfigError('kubeconfig not found', { field: 'kubeconfig', value: file, fix: 'pass --kubeconfig PATH or set KUBECONFIG' });
      ctx.progress.step(`connecting to the cluster of ${where}`);
      const context = options.context ? { context: options.context } : {};
      return { ...full.connect({ file, ...context }, options.fieldManager), kubectl: { kubeconfigFile: file, ...context } };
    },
    async down() {
      /* the cluster is not ours */
    },
  };
  // The cluster's nodes are not this machine: 4 variants at once unless told; the suite workers still share this host.
  return new KubernetesTarget(options, lifecycle, full, planResources(options.host ?? realHost(), options.parallelism ?? 4, options.host ? '--host' : 'this machine'));
}
