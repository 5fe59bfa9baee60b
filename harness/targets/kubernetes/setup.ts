// Once per run: make the cluster reachable, install (or verify) cert-manager and the operator, tune the
// ScyllaDB nodes. Any failure is a ProvisionError (exit 3), with diagnostics written first.
import { join } from 'node:path';
import type { RunContext } from '../target.ts';
import { ProvisionError } from '../../util/errors.ts';
import type { CommonOptions } from './options.ts';
import type { ClusterSession, KubernetesDeps } from './session.ts';
import {
  CERT_MANAGER,
  OPERATOR,
  applyNodeConfig,
  certManagerUrl,
  installCertManager,
  installOperator,
  operatorManifestUrl,
  operatorReleaseImage,
  overrideOperatorImage,
  parseManifests,
  waitCRDs,
  waitOperatorReady,
  type InfraContext,
} from './operator-install.ts';
import { nodeConfigManifest } from './manifests.ts';
import { collectDiagnostics } from './diagnostics.ts';
import { InterruptedError, DiagnosedProvisionError } from './wait.ts';

export interface SetupRequest {
  ctx: RunContext;
  session: ClusterSession;
  options: CommonOptions;
  deps: KubernetesDeps;
  operatorVersion: string;
  /** Install cert-manager and the operator (else verify the cluster already runs them). */
  install: boolean;
  /** A reused cluster may already run the operator: then it is only verified. */
  skipInstallIfPresent: boolean;
}

export function infraContext(r: Pick<SetupRequest, 'session' | 'options' | 'deps'>, ctx: RunContext, signal: AbortSignal | undefined = ctx.signal): InfraContext {
  return {
    kube: r.session.kube,
    clock: r.deps.clock,
    ...(signal ? { signal } : {}),
    progress: ctx.progress,
    pollIntervalMs: r.options.pollIntervalMs,
    applyAttempts: r.options.applyAttempts,
    retryDelayMs: r.options.retryDelayMs,
    maxRestarts: r.options.maxRestarts,
  };
}

export async function setUpCluster(r: SetupRequest): Promise<void> {
  const c = infraContext(r, r.ctx);
  const t = r.options.timeouts;
  const operatorDeployment = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: OPERATOR.namespace, name: OPERATOR.deployments[0]! };
  try {
    const present = r.skipInstallIfPresent && (await r.session.kube.get(operatorDeployment)) !== undefined;
    if (r.install && !present) {
      const certSource = r.options.operator.certManagerManifests ?? certManagerUrl(r.options.operator.certManagerVersion);
      r.ctx.progress.step(`installing cert-manager ${r.options.operator.certManagerVersion} from ${certSource}`);
      await installCertManager(c, parseManifests(await r.deps.fetchText(certSource), certSource), t.certManager * 1000);
      const opSource = r.options.operator.manifests ?? operatorManifestUrl(r.operatorVersion);
      const image = r.options.operator.image ?? operatorReleaseImage(r.operatorVersion);
      r.ctx.progress.step(`installing ScyllaDB Operator ${r.operatorVersion} (${image}) from ${opSource}`);
      await installOperator(c, overrideOperatorImage(parseManifests(await r.deps.fetchText(opSource), opSource), image), t.operator * 1000);
    } else {
      r.ctx.progress.step('verifying that the cluster runs the ScyllaDB Operator');
      if (!present && !(await r.session.kube.get(operatorDeployment)))
        throw new ProvisionError(
          `the cluster does not run the ScyllaDB Operator (no Deployment ${OPERATOR.namespace}/${OPERATOR.deployments[0]}); install it, or let the harness do it (installOperator: true)`,
          'verify operator',
        );
      await waitCRDs(c, OPERATOR.crds, t.operator * 1000, 'verify operator');
      await waitOperatorReady(c, t.operator * 1000);
    }
    if (r.options.applyNodeConfig) {
      r.ctx.progress.step('applying NodeConfig on the ScyllaDB nodes');
      await applyNodeConfig(c, nodeConfigManifest(r.options), t.nodeConfig * 1000);
    }
  } catch (e) {
    if (!(e instanceof InterruptedError) && !r.ctx.signal.aborted) {
      const dir = join(r.ctx.reportsDir, r.ctx.runId, 'diagnostics', '_setup');
      await collectDiagnostics({
        kube: r.session.kube,
        dir,
        namespaces: [],
        scyllaClusters: [],
        operatorNamespaces: [CERT_MANAGER.namespace, OPERATOR.namespace],
        reason: (e as Error).message,
      }).catch(() => undefined);
      const step = e instanceof ProvisionError ? e.step : 'target set-up';
      throw new DiagnosedProvisionError((e as Error).message, step, dir, { cause: e });
    }
    throw e;
  }
}
