// `--target kind`: creates a kind cluster from a versioned config (or reuses one), installs cert-manager and
// the operator, and deletes what it created unless --keep.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { RunContext } from '../target.ts';
import { ConfigError, ProvisionError } from '../../util/errors.ts';
import { KindOptions, parseOptions, type KindOptionsInput } from '../kubernetes/options.ts';
import { planResources, realHost } from '../kubernetes/resources.ts';
import { KubernetesTarget, type ClusterLifecycle } from '../kubernetes/kubernetes-target.ts';
import { realDeps, type ClusterSession, type KubernetesDeps } from '../kubernetes/session.ts';
import type { PlanEntry } from '../kubernetes/plan.ts';
import { KindCli, type ClusterProvider } from './cluster-provider.ts';
import { loadKindConfig } from './kind-config.ts';
import { projectRoot } from '../../util/paths.ts';
import { secondsSince } from '../kubernetes/wait.ts';

export interface KindTargetDeps extends Partial<KubernetesDeps> {
  provider?: ClusterProvider;
}

/** kind cluster names become container names (<name>-control-plane): lowercase and short. */
export const defaultClusterName = (runId: string): string => `ae2e-${runId.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.slice(0, 41).replace(/-+$/, '');

/** A locally built image (`alternator-e2e:dev`, `localhost/alternator-e2e:dev`): no registry can serve it to kind's nodes. */
export function isLocalImage(image: string): boolean {
  return !image.includes('/') || image.startsWith('localhost/');
}

export function createKindTarget(input: KindOptionsInput = {}, deps: KindTargetDeps = {}): KubernetesTarget {
  const options = parseOptions(KindOptions, input, 'kind');
  const kindConfig = loadKindConfig(options.kindConfigFile);
  const provider = deps.provider ?? new KindCli(options.kindBinary);
  const full: KubernetesDeps = { ...realDeps, ...deps };
  const nameFor = (runId: string) => options.reuse ?? options.clusterName ?? defaultClusterName(runId);
  let created: string | undefined;
  let kubeconfigDir: string | undefined;

  const lifecycle: ClusterLifecycle = {
    targetName: 'kind',
    installsOperator: true,
    mayAlreadyRunOperator: options.reuse !== undefined,
    createsCluster: options.reuse === undefined,
    planEntries(runId, images): PlanEntry[] {
      const name = nameFor(runId);
      const entries: PlanEntry[] = options.reuse
        ? [{ step: `reuse kind cluster ${name} (never created nor deleted by this run)`, detail: `kubeconfig: kind get kubeconfig --name ${name}` }]
        : [
            {
              step: `create kind cluster ${name}`,
              detail: `kind create cluster --name ${name} --config - --image ${options.nodeImage} --retain --wait ${options.timeouts.clusterCreate}s\nconfig: ${relative(projectRoot(), kindConfig.file)} (${kindConfig.scyllaNodes} ScyllaDB worker(s) labelled and tainted, ${kindConfig.otherWorkers} worker(s) for cert-manager and the operator)\non failure: kind export logs to reports/${runId}/diagnostics/_setup/nodes, then delete the cluster`,
              file: { name: '00-kind-cluster.yaml', text: kindConfig.text },
            },
          ];
      if (options.operator.image) entries.push({ step: `load the locally built operator image ${options.operator.image} into ${name}`, detail: `kind load docker-image ${options.operator.image} --name ${name}` });
      if (images.length)
        entries.push({
          step: `pre-pull ${images.length} image(s) on the host and load them into ${name}`,
          detail: [
            ...images.map((i) => `docker pull ${i} && kind load docker-image ${i} --name ${name}`),
            `why: one pull per image and run from the host, not one per kind node (Docker Hub rate-limits anonymous pulls); the operator's containers and the ScyllaDB pods' are PullIfNotPresent, so the nodes use the loaded images`,
            `a failed pull or load is a warning: the nodes then pull the image themselves`,
          ].join('\n'),
        });
      return entries;
    },
    teardownEntries(runId): PlanEntry[] {
      const name = nameFor(runId);
      return [
        {
          step: 'tear down (also after Ctrl-C)',
          detail: [
            options.keep ? 'keep the namespaces of every variant' : `delete the namespaces of every variant and wait until they are gone (at most ${options.timeouts.teardown}s)`,
            options.reuse ? `keep kind cluster ${name} (reused)` : options.keep ? `keep kind cluster ${name} (--keep)` : `kind delete cluster --name ${name}`,
            ...(options.reuse || options.keep ? [] : ['after Ctrl-C or a cancelled job: no namespace deletion nor wait (deleting the cluster removes them)']),
            'results.json, junit.xml and the summary are written before teardown and rewritten after it; a second signal writes them as they stand and exits',
          ].join('\n'),
        },
      ];
    },
    async up(ctx: RunContext): Promise<ClusterSession> {
      const name = nameFor(ctx.runId);
      if (options.reuse) {
        if (!(await provider.exists(name)))
          throw new ConfigError('no kind cluster with that name', { field: '--reuse', value: name, fix: 'run `kind get clusters`, or drop --reuse to create one' });
        ctx.progress.step(`reusing kind cluster ${name}`);
      } else {
        const t0 = Date.now();
        ctx.progress.step(`creating kind cluster ${name} (${options.nodeImage})`);
        created = name; // set first: an interrupted create leaves nodes behind (--retain) that teardown must delete
        const created0 = full.clock.now();
        try {
          await provider.create({ name, config: kindConfig.text, image: options.nodeImage, waitSeconds: options.timeouts.clusterCreate, signal: ctx.signal });
          if (ctx.phases) ctx.phases.clusterCreate = secondsSince(full.clock, created0);
        } catch (e) {
          if (!ctx.signal.aborted) await provider.exportLogs(name, join(ctx.reportsDir, ctx.runId, 'diagnostics', '_setup', 'nodes')).catch(() => undefined);
          throw e instanceof ProvisionError ? e : new ProvisionError((e as Error).message, 'create kind cluster', { cause: e });
        }
        ctx.progress.done(`kind cluster ${name} created`, t0);
      }
      const kubeconfig = await provider.kubeconfig(name);
      if (options.operator.image) {
        ctx.progress.step(`loading ${options.operator.image} into kind cluster ${name}`);
        await provider.loadImage(name, options.operator.image);
      }
      // kubectl (the operator page's own steps) needs the kubeconfig as a file: a private one, removed in down(),
      // never the user's ~/.kube/config (`kind export kubeconfig` would change their current context).
      kubeconfigDir = mkdtempSync(join(tmpdir(), 'alte2e-kind-'));
      const kubeconfigFile = join(kubeconfigDir, 'kubeconfig');
      writeFileSync(kubeconfigFile, kubeconfig, { mode: 0o600 });
      return { ...full.connect({ yaml: kubeconfig }, options.fieldManager), kubectl: { kubeconfigFile } };
    },
    async down(ctx: RunContext, keep: boolean): Promise<void> {
      if (kubeconfigDir) rmSync(kubeconfigDir, { recursive: true, force: true });
      kubeconfigDir = undefined;
      if (!created) return;
      if (keep) {
        ctx.progress.warn(`kept kind cluster ${created}: \`kind export kubeconfig --name ${created}\` to use it, \`kind delete cluster --name ${created}\` to remove it`);
        return;
      }
      ctx.progress.step(`deleting kind cluster ${created}`);
      await provider.delete(created);
      created = undefined;
    },
    async preloadImages(images, ctx) {
      const name = nameFor(ctx.runId);
      ctx.progress.step(`pulling ${images.length} image(s) on the host and loading them into kind cluster ${name}`);
      const pulled = await Promise.all(
        images.map((image) =>
          provider.pullImage(image).then(
            () => true,
            (e: Error) => (ctx.progress.warn(`${e.message.split('\n')[0]}: the nodes will pull ${image} themselves`), false),
          ),
        ),
      );
      for (const [i, image] of images.entries()) {
        if (!pulled[i] || ctx.signal.aborted) continue;
        await provider.loadImage(name, image).catch((e: Error) => ctx.progress.warn(`${e.message.split('\n')[0]}: the nodes will pull ${image} themselves`));
      }
    },
    async provideImage(image, ctx) {
      // A registry image is pulled by the nodes; a locally built one must be loaded into kind.
      if (!isLocalImage(image)) return;
      const name = nameFor(ctx.runId);
      ctx.progress.step(`loading load image ${image} into kind cluster ${name}`);
      await provider.loadImage(name, image);
    },
    exportNodeLogs: async (dir) => {
      const name = created ?? options.reuse;
      if (name) await provider.exportLogs(name, dir);
    },
  };
  return new KubernetesTarget(options, lifecycle, full, planResources(options.host ?? realHost(), options.parallelism, options.host ? '--host' : 'this machine'));
}
