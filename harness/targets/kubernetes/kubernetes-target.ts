// The Target both Kubernetes targets share; what differs (where the cluster comes from, and whether it is
// created and deleted) is a ClusterLifecycle: kind/ creates or reuses a kind cluster, kubeconfig/ connects.
import { join } from 'node:path';
import type { Deployment, PlanStep, RunContext, Target } from '../target.ts';
import type { Variant } from '../../variant/model.ts';
import { ConfigError, ProvisionError } from '../../util/errors.ts';
import type { CommonOptions } from './options.ts';
import type { ClusterSession, KubernetesDeps } from './session.ts';
import { Limiter } from './limiter.ts';
import { manifestSettings, deployVariant } from './variant-deploy.ts';
import { setUpCluster } from './setup.ts';
import { agentVersionOf, variantManifests, nodeConfigManifest, secretNameProbeManifest, toYaml, datacenterUnits, NODE_CONFIG_NAME, SCYLLA_CONFIG_MAP, SECRET_NAME_PROBE, SECRET_NAME_PROBE_REQUESTED } from './manifests.ts';
import { alternatorServingCertSecretName, clusterName } from '../../variant/naming.ts';
import { rolloutTimeoutSeconds } from './options.ts';
import { waitNamespacesGone } from './namespaces.ts';
import { blockedOnTuningSeconds, failedSchedulingSeconds } from './variant-deploy.ts';
import { validateManifests, formatIssues } from './validate.ts';
import { certManagerUrl, operatorManifestUrl, operatorReleaseImage } from './operator-install.ts';
import { planDir, writePlan, type PlanEntry } from './plan.ts';
import { withDeadline } from './wait.ts';
import { loadClusterFor } from './cluster-load.ts';
import { runImages } from './images.ts';
import { SecretNameProbeOnce } from './secret-name-probe.ts';
import { secondsSince } from './wait.ts';
import { suiteWorkersFor, type ResourcePlan } from './resources.ts';
import { estimateJob, type EstimateCalibration, type JobEstimate, type JobWork } from './estimate.ts';

export interface ClusterLifecycle {
  readonly targetName: 'kind' | 'kubeconfig';
  /** Whether cert-manager and the operator are installed by the run (else only verified). */
  readonly installsOperator: boolean;
  /** A reused cluster may already run the operator: then installing is skipped. */
  readonly mayAlreadyRunOperator: boolean;
  /** The run creates (and deletes) the cluster. */
  readonly createsCluster: boolean;
  planEntries(runId: string, images: readonly string[]): PlanEntry[];
  teardownEntries(runId: string): PlanEntry[];
  up(ctx: RunContext): Promise<ClusterSession>;
  down(ctx: RunContext, keep: boolean): Promise<void>;
  /** Node-level logs after a failed set-up (kind export logs). */
  exportNodeLogs?(dir: string): Promise<void>;
  /** Gives the nodes the run's images from the host (kind: docker pull, kind load docker-image); absent: nodes pull them. */
  preloadImages?(images: readonly string[], ctx: RunContext): Promise<void>;
  /** Makes the load pods' image available to the nodes (kind: loads a local image); absent: nodes pull it. */
  provideImage?(image: string, ctx: RunContext): Promise<void>;
}

export class KubernetesTarget implements Target {
  readonly name: 'kind' | 'kubeconfig';
  readonly clusterLoad = true;
  private session: ClusterSession | undefined;
  private readonly limiter: Limiter;
  /** The run deploys, tests and stops variants in batches of this size: ScyllaDB members hold memory. */
  readonly maxLiveDeployments: number;
  private readonly live = new Set<Deployment>();
  /** Namespaces created by this run and not yet deleted. */
  private readonly namespaces = new Set<string>();
  /** Which Secret the operator mounts for a UserManaged certificate: one probe answers for the run. */
  private readonly secretNameProbe = new SecretNameProbeOnce();
  /** Load images made available to the nodes, once per run. */
  private readonly images = new Map<string, Promise<void>>();

  constructor(
    private readonly options: CommonOptions,
    private readonly lifecycle: ClusterLifecycle,
    private readonly deps: KubernetesDeps,
    /** What the run asks of this host (resources.ts): variants at once, each member's memory, suite workers. */
    readonly resources: ResourcePlan,
  ) {
    this.name = lifecycle.targetName;
    this.limiter = new Limiter(resources.parallelism);
    this.maxLiveDeployments = resources.parallelism;
  }

  /** Suite files at once while `live` variants are deployed (run.ts hands it to vitest as maxWorkers). */
  suiteWorkers(live: number): number {
    return suiteWorkersFor(this.resources.host, live);
  }

  /** Highest number of variants that rolled out at once (tests, reports). */
  get peakParallelRollouts(): number {
    return this.limiter.peak;
  }

  supports(variant: Variant): { ok: true } | { ok: false; reason: string } {
    const pinned = this.options.operator.version;
    if (pinned && variant.versions.operator !== pinned)
      return { ok: false, reason: `needs operator ${variant.versions.operator}; this run installs ${pinned}` };
    const reasons: string[] = [];
    const cert = variant.alternator.servingCertificate;
    const mounted = alternatorServingCertSecretName(clusterName(variant));
    let checked = variant;
    if (cert?.type === 'UserManaged' && cert.userManagedOptions.secretName !== mounted) {
      reasons.push(
        `userManagedOptions.secretName "${cert.userManagedOptions.secretName}": the operator (v1.21.1 and HEAD) ignores it and always mounts Secret "${mounted}" (pkg/controller/scylladbdatacenter/resource.go StatefulSetForRack; scylladb/scylla-operator#2248); name that Secret to deploy a UserManaged certificate`,
      );
      // Judge the rest of the variant as it would be with the name that works.
      checked = { ...variant, alternator: { ...variant.alternator, servingCertificate: { type: 'UserManaged', userManagedOptions: { secretName: mounted } } } };
    }
    const issues = validateManifests(
      variantManifests(checked, manifestSettings(this.options, 'support-check')).flatMap((g) => g.objects),
      { allowPlaceholders: true },
    );
    const rejected = [...new Set(issues.map((i) => `${i.field}: ${i.message}`))];
    if (rejected.length) reasons.push(`the operator would reject it: ${rejected.join('; ')}`);
    return reasons.length === 0 ? { ok: true } : { ok: false, reason: reasons.join('; ') };
  }

  estimate(variants: readonly Variant[], work: JobWork, calibration?: EstimateCalibration): JobEstimate {
    return estimateJob(
      variants,
      {
        maxLiveDeployments: this.maxLiveDeployments,
        suiteWorkers: (live) => this.suiteWorkers(live),
        supports: (v) => this.supports(v),
        createsCluster: this.lifecycle.createsCluster,
        // A reused cluster that already runs the operator skips the install; the estimate cannot know: it counts it.
        installsOperator: this.lifecycle.installsOperator,
      },
      work,
      calibration,
    );
  }

  operatorVersionFor(variants: readonly Variant[]): string {
    if (this.options.operator.version) return this.options.operator.version;
    const versions = [...new Set(variants.map((v) => v.versions.operator))];
    if (versions.length === 1) return versions[0]!;
    throw new ConfigError(versions.length ? 'variants ask for different operator versions; one cluster runs one operator' : 'no operator version', {
      field: 'operator.version',
      ...(versions.length ? { value: versions } : {}),
      fix: 'pass the operator version to install (the profile\'s versions.operator)',
    });
  }

  async plan(variants: readonly Variant[], ctx: Pick<RunContext, 'runId' | 'reportsDir'>): Promise<PlanStep[]> {
    const o = this.options;
    const supported = variants.filter((v) => this.supports(v).ok);
    const opVersion = this.operatorVersionFor(supported.length ? supported : variants);
    const settings = manifestSettings(o, ctx.runId);
    const entries: PlanEntry[] = [
      { step: `size the run for ${this.resources.why[0]!.replace(/^host: /, 'a host of ')}`, detail: this.resources.why.slice(1).join('\n') },
      ...this.lifecycle.planEntries(ctx.runId, this.imagesFor(supported, opVersion)),
    ];
    if (this.lifecycle.installsOperator) {
      const cm = o.operator.certManagerManifests ?? certManagerUrl(o.operator.certManagerVersion);
      entries.push({
        step: `install cert-manager ${o.operator.certManagerVersion} (server-side apply)`,
        detail: `manifests: ${cm}\nwait: CRDs Established, Deployments cert-manager/{cert-manager,cert-manager-cainjector,cert-manager-webhook} rolled out, server-side dry run of an Issuer accepted (webhook answers)\ntimeout: ${o.timeouts.certManager}s`,
      });
      const opSource = o.operator.manifests ?? operatorManifestUrl(opVersion);
      entries.push({
        step: `install ScyllaDB Operator ${opVersion} (server-side apply)`,
        detail: `manifests: ${opSource}\nimage: ${o.operator.image ?? operatorReleaseImage(opVersion)}${o.operator.image ? ' (locally built)' : ' (pinned; the manifests carry a rolling tag)'}\nwait: CRDs scyllaclusters/nodeconfigs Established, Deployments scylla-operator/{scylla-operator,webhook-server} rolled out (a crash-looping pod fails the run at once)\ntimeout: ${o.timeouts.operator}s`,
      });
    } else
      entries.push({ step: `verify the cluster runs the ScyllaDB Operator (${opVersion} expected)`, detail: 'Deployments scylla-operator/{scylla-operator,webhook-server} rolled out, CRDs Established' });
    if (o.applyNodeConfig) {
      const onKind = this.name === 'kind';
      const sysctls = Object.entries(o.nodeSysctls).map(([k, v]) => `${k}=${v}`).join(', ');
      entries.push({
        step: `apply NodeConfig ${NODE_CONFIG_NAME}; wait for Reconciled`,
        detail: [
          `node tuning: ${o.nodeTuning ? `on: a privileged perftune Job per ScyllaDB node (perftune.py --tune=system --tune-clock, ${onKind ? "the HOST's" : 'the node\'s'} /sys/class and /sys/devices read-write, retried forever); ScyllaDB pods wait for it` : 'off (disableOptimizations: true)'}`,
          `sysctls: ${sysctls || 'none'}${onKind && sysctls ? ' (not namespaced: on kind this changes the HOST kernel values)' : ''}`,
          `timeout: ${o.timeouts.nodeConfig}s (hack/ci-deploy.sh waits 10m)`,
        ].join('\n'),
        file: { name: '10-nodeconfig.yaml', text: toYaml([nodeConfigManifest(settings)]) },
      });
    } else if (this.name === 'kind')
      entries.push({
        step: 'no NodeConfig: nothing on the host is tuned or changed',
        detail: `as upstream's kind CI (hack/kind/run-e2e-tests.sh; hack/ci-deploy.sh skips the NodeConfig without SO_NODECONFIG_PATH): ScyllaDB runs with spec.scyllaArgs "${settings.scyllaArgs}"${o.scyllaArgs ? '' : ' (its default reactor backend)'}, which needs no raised fs.aio-max-nr (kind nodes share the host's kernel)`,
      });
    let n = 20;
    let probeCarrier: string | undefined;
    const problems: string[] = [];
    for (const v of variants) {
      const support = this.supports(v);
      if (!support.ok) {
        entries.push({ step: `skip variant ${v.name}: not applicable`, detail: support.reason });
        continue;
      }
      const groups = variantManifests(v, settings);
      const all = groups.flatMap((g) => g.objects);
      const issues = validateManifests(all, { allowPlaceholders: true });
      if (issues.length) problems.push(formatIssues(issues));
      const dcs = groups.map((g) => `${g.unit.dc.name} (${g.unit.dc.members} member(s)) in namespace ${g.unit.namespace}, rollout timeout ${rolloutTimeoutSeconds(g.unit.dc.members, o.timeouts.rollout, g.unit.index > 0)}s`);
      const userManaged = v.alternator.servingCertificate?.type === 'UserManaged';
      // One probe per run, carried by the first UserManaged variant (secret-name-probe.ts SecretNameProbeOnce).
      const probe = userManaged && !probeCarrier ? secretNameProbeManifest(groups[0]!.unit, settings) : undefined;
      if (probe) probeCarrier = v.name;
      entries.push({
        step: `deploy variant ${v.name} (rollout slot: at most ${this.limiter.limit} at once)`,
        detail: [
          `datacenters, in order: ${dcs.join('; ')}`,
          `per datacenter: wait out a namespace of that name still terminating; apply Namespace, ConfigMap ${SCYLLA_CONFIG_MAP}; server-side dry run, then apply, the ScyllaCluster${groups.length > 1 ? ' (later datacenters: externalSeeds = pod IPs of the first)' : ''}${userManaged ? `; once the operator has given Service ${clusterName(v)}-client its ClusterIP, Secret ${alternatorServingCertSecretName(clusterName(v))} (the UserManaged certificate, signed by a CA the run creates, naming that ClusterIP for the operator page's https://<clusterIP>:8043 and the Service's DNS names, under the name the operator mounts: scylladb/scylla-operator#2248)` : ''}`,
          ...(probe
            ? [`probe (once per run, after the rollout): ScyllaCluster ${SECRET_NAME_PROBE} with 0 members asking for Secret ${SECRET_NAME_PROBE_REQUESTED}; its StatefulSet's pod template shows which Secret the operator mounts (reported by suite limitations/operator of every UserManaged variant)`]
            : userManaged
              ? [`probe: none of its own; the run's probe (carried by variant ${probeCarrier}) says which Secret the operator mounts`]
              : []),
          `wait: observedGeneration caught up, Available=True, Progressing=False, Degraded=False (the operator's e2e budget: 2 min + 7.5 min per member + 1 min; +15 min per member for a datacenter joining through externalSeeds); fail at once on the scylla container's CrashLoopBackOff or more than ${o.maxRestarts} restarts (the sidecars' restarts do not count), an image the registry does not have (any container), a pod no node takes for ${failedSchedulingSeconds(o, this.name)}s, a FailedMount whose Secret/ConfigMap still does not exist after ${o.timeouts.failedMount}s (${o.timeouts.failedMountOperatorObject}s per cluster rolling out at once for one the operator creates), or node tuning blocking a pod for ${blockedOnTuningSeconds(o, this.name)}s (the cluster's own words in the status line and the JUnit)`,
          `endpoint per datacenter: CA bundle ${userManaged ? `= the run's CA (the operator makes no ConfigMap ${clusterName(v)}-alternator-local-serving-ca for a UserManaged certificate: pkg/controller/scylladbdatacenter/sync_certs.go syncCerts)` : `from ConfigMap ${clusterName(v)}-alternator-local-serving-ca (ca-bundle.crt)`}; secret = salted_hash of role cassandra (cqlsh --no-color in the scylla container; a value that is not a bare hash is refused); port-forward to 8043${v.alternator.insecureEnableHTTP || v.alternator.port ? ' and the HTTP port' : ' (and 8000, to check it is closed)'}; TLS server name <sc>-client.<ns>.svc`,
          `on failure: diagnostics to reports/${ctx.runId}/diagnostics/${v.name}/ before the namespaces are deleted`,
        ].join('\n'),
        file: { name: `${n++}-${v.name}.yaml`, text: toYaml([...all, ...(probe ? [probe] : [])]) },
      });
    }
    if (problems.length) throw new ConfigError(problems.join('\n'));
    entries.push(...this.lifecycle.teardownEntries(ctx.runId));
    return writePlan(planDir(ctx.reportsDir, ctx.runId), `Plan: target ${this.name}, run ${ctx.runId}`, entries);
  }

  async setUp(ctx: RunContext, variants: readonly Variant[] = []): Promise<void> {
    const operatorVersion = this.options.operator.version;
    if (!operatorVersion)
      throw new ConfigError('the operator version to install is not set', { field: 'operator.version', fix: "pass the profile's versions.operator" });
    this.session = await this.lifecycle.up(ctx);
    const clock = this.deps.clock;
    if (this.lifecycle.preloadImages) {
      const t0 = clock.now();
      await this.lifecycle.preloadImages(this.imagesFor(variants.filter((v) => this.supports(v).ok), operatorVersion), ctx);
      if (ctx.phases) ctx.phases.imagePreload = secondsSince(clock, t0);
    }
    const t0 = clock.now();
    try {
      await setUpCluster({
        ctx,
        session: this.session,
        options: this.options,
        deps: this.deps,
        operatorVersion,
        install: this.lifecycle.installsOperator,
        skipInstallIfPresent: this.lifecycle.mayAlreadyRunOperator,
      });
      if (ctx.phases) ctx.phases.operatorInstall = secondsSince(clock, t0);
    } catch (e) {
      if (!ctx.signal.aborted && this.lifecycle.exportNodeLogs)
        await this.lifecycle.exportNodeLogs(join(ctx.reportsDir, ctx.runId, 'diagnostics', '_setup', 'nodes')).catch(() => undefined);
      throw e;
    }
  }

  async deploy(variant: Variant, ctx: RunContext): Promise<Deployment> {
    const session = this.session;
    if (!session) throw new ProvisionError('deploy called before setUp', 'deploy');
    const support = this.supports(variant);
    if (!support.ok) throw new ConfigError(`variant ${variant.name} is not applicable: ${support.reason}`);
    const d = await this.limiter.run(
      () =>
        deployVariant({
          variant,
          ctx,
          session,
          options: this.options,
          deps: this.deps,
          targetName: this.name,
          settings: manifestSettings(this.options, ctx.runId),
          track: (ns) => this.namespaces.add(ns),
          rollingOut: () => this.limiter.running,
          resources: this.resources.why,
          release: (nss) => this.releaseNamespaces(nss, ctx),
          secretNameProbe: this.secretNameProbe,
        }),
      ctx.signal,
    );
    const stop = d.stop;
    const tracked: Deployment = {
      ...d,
      loadCluster: loadClusterFor({
        kube: session.kube,
        clock: this.deps.clock,
        pollIntervalMs: this.options.pollIntervalMs,
        signal: ctx.signal,
        image: this.options.loadImage,
        units: datacenterUnits(variant, ctx.runId),
        endpoint: d.endpoint,
        prepareImage: (image) => this.provideImage(image, ctx),
      }),
      stop: async () => {
        this.live.delete(tracked);
        await stop();
      },
    };
    this.live.add(tracked);
    return tracked;
  }

  /** Runs after an interruption too: never waits on the run's (aborted) signal. */
  async tearDown(ctx: RunContext): Promise<void> {
    const errors: string[] = [];
    const ms = this.options.timeouts.teardown * 1000;
    const stops = Promise.all([...this.live].map((d) => d.stop().catch((e) => errors.push((e as Error).message))));
    // Bounded twice: waitNamespacesGone by the run's clock, withDeadline in wall time (an API server that hangs).
    await withDeadline(stops.then(() => this.releaseNamespaces([...this.namespaces], ctx)), ms, 'deleting the namespaces of the run', 'teardown').catch((e) => errors.push((e as Error).message));
    if (this.options.keep) ctx.progress.warn('keeping the cluster and namespaces (--keep)');
    const t0 = this.deps.clock.now();
    await withDeadline(this.lifecycle.down(ctx, this.options.keep), ms, 'removing the cluster', 'teardown').catch((e) => errors.push((e as Error).message));
    if (ctx.phases && this.lifecycle.createsCluster && !this.options.keep) ctx.phases.clusterDelete = secondsSince(this.deps.clock, t0);
    if (errors.length) throw new ProvisionError(`teardown incomplete: ${errors.join('; ')}`, 'teardown');
  }

  /** What the nodes will run: ScyllaDB, the agent, and the released operator (a locally built one is loaded on its own). */
  private imagesFor(variants: readonly Variant[], operatorVersion: string): string[] {
    const operator = this.options.operator.image ? [] : [operatorReleaseImage(operatorVersion)];
    return runImages(variants, (v) => agentVersionOf(v, this.options), operator);
  }

  private provideImage(image: string, ctx: RunContext): Promise<void> {
    const provide = this.lifecycle.provideImage;
    if (!provide) return Promise.resolve();
    let p = this.images.get(image);
    if (!p) {
      p = provide(image, ctx);
      this.images.set(image, p);
      p.catch(() => this.images.delete(image));
    }
    return p;
  }

  /**
   * Deletes the namespaces and waits until they are gone (bounded by the teardown timeout, with progress): the next
   * batch then has the memory back, and a back-to-back run on the same cluster never meets them terminating.
   * Never waits on the run's signal, except where the run deletes the cluster anyway: there an interrupted run
   * neither deletes nor waits (deleting the cluster removes them), since a cancelled CI job has seconds left.
   */
  private async releaseNamespaces(nss: string[], ctx: RunContext): Promise<void> {
    if (this.options.keep || !this.session) return;
    const goesWithCluster = this.lifecycle.createsCluster;
    const kube = this.session.kube;
    const mine = nss.filter((ns) => this.namespaces.has(ns));
    if (mine.length === 0) return;
    if (goesWithCluster && ctx.signal.aborted) {
      ctx.progress.step(`interrupted: not waiting for namespace(s) ${mine.join(', ')} (deleting the cluster removes them)`);
      return;
    }
    await Promise.all(
      mine.map(async (ns) => {
        await kube.deleteNamespace(ns);
        this.namespaces.delete(ns);
      }),
    );
    try {
      await waitNamespacesGone(
        { kube, clock: this.deps.clock, pollIntervalMs: this.options.pollIntervalMs, progress: ctx.progress, ...(goesWithCluster ? { signal: ctx.signal } : {}) },
        mine,
        this.options.timeouts.teardown * 1000,
        'teardown',
      );
    } catch (e) {
      if (!(goesWithCluster && ctx.signal.aborted)) throw e;
      ctx.progress.step('interrupted: no longer waiting for namespaces (deleting the cluster removes them)');
    }
  }
}
