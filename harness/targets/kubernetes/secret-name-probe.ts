// Notices when the operator starts honouring spec.alternator.servingCertificate.userManagedOptions.secretName
// (scylladb/scylla-operator#2248). UserManaged variants must name the Secret the operator mounts today, so their
// own pods cannot tell; a zero-member ScyllaCluster asking for another name can: the rack's StatefulSet pod template
// names the Secret a member would mount (pkg/controller/scylladbdatacenter/resource.go StatefulSetForRack, volume
// "scylladb-alternator-serving-certs"). Suites report the observation as a documented limitation (reproduced or lifted).
// One probe answers for the whole run (one operator): the first UserManaged variant carries it, the others share it.
import type { SecretNameObservation } from '../../endpoint/contract.ts';
import { alternatorServingCertSecretName } from '../../variant/naming.ts';
import type { KubeApi } from './kube-api.ts';
import type { KubeObject } from './kube-types.ts';
import { SECRET_NAME_PROBE, SECRET_NAME_PROBE_REQUESTED, type DatacenterUnit } from './manifests.ts';
import { pollUntil, type Clock } from './wait.ts';

/** The volume StatefulSetForRack gives the Alternator serving certificate (v1.21.1 and HEAD). */
export const ALTERNATOR_CERTS_VOLUME = 'scylladb-alternator-serving-certs';

/** The operator's StatefulSet name for a rack: `<cluster>-<datacenter>-<rack>` (pkg/naming StatefulSetNameForRack). */
export const probeStatefulSetName = (u: DatacenterUnit): string => `${SECRET_NAME_PROBE}-${u.dc.name}-${u.rack}`;

/** The Secret a StatefulSet's pod template mounts as the Alternator serving certificate, if it has that volume. */
export function mountedAlternatorSecret(sts: KubeObject | undefined): string | undefined {
  const volumes = (sts?.spec as { template?: { spec?: { volumes?: Array<{ name?: string; secret?: { secretName?: string } }> } } } | undefined)?.template?.spec?.volumes;
  return volumes?.find((v) => v.name === ALTERNATOR_CERTS_VOLUME)?.secret?.secretName;
}

export interface ProbeContext {
  kube: KubeApi;
  clock: Clock;
  pollIntervalMs: number;
  /** Upstream's e2e allows a sync loop 2 minutes (test/e2e/utils/config.go SyncTimeout). */
  timeoutMs: number;
  signal?: AbortSignal;
}

/** Reads the probe's StatefulSet; never fails the variant: what could not be seen is said in `problem`. */
export async function observeSecretName(c: ProbeContext, u: DatacenterUnit, applyProblem?: string): Promise<SecretNameObservation> {
  const name = probeStatefulSetName(u);
  const base: SecretNameObservation = {
    requested: SECRET_NAME_PROBE_REQUESTED,
    defaultName: alternatorServingCertSecretName(SECRET_NAME_PROBE),
    source: `StatefulSet ${u.namespace}/${name} spec.template.spec.volumes[${ALTERNATOR_CERTS_VOLUME}].secret.secretName (ScyllaCluster ${SECRET_NAME_PROBE}, 0 members, userManagedOptions.secretName ${SECRET_NAME_PROBE_REQUESTED})`,
  };
  if (applyProblem) return { ...base, problem: applyProblem };
  try {
    const mounted = await pollUntil(
      `StatefulSet ${u.namespace}/${name}`,
      async () => {
        const sts = await c.kube.get({ apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: u.namespace, name });
        const secret = mountedAlternatorSecret(sts);
        return { done: secret !== undefined, status: sts ? `no ${ALTERNATOR_CERTS_VOLUME} Secret volume in its pod template` : 'not created yet', value: secret };
      },
      { timeoutMs: c.timeoutMs, intervalMs: c.pollIntervalMs, clock: c.clock, step: `probe ${u.namespace}`, ...(c.signal ? { signal: c.signal } : {}) },
    );
    return { ...base, mounted: mounted! };
  } catch (e) {
    return { ...base, problem: (e as Error).message };
  }
}

/**
 * One secret-name probe per run: the first caller carries it (applies and observes the probe in its namespace); the
 * others get that observation. When the carrier fails (an interruption), the next caller carries it instead.
 */
export class SecretNameProbeOnce {
  private pending: Promise<SecretNameObservation> | undefined;

  async observe(carry: () => Promise<SecretNameObservation>): Promise<SecretNameObservation> {
    for (;;) {
      if (!this.pending) {
        const p = carry();
        this.pending = p;
        p.catch(() => {
          if (this.pending === p) this.pending = undefined;
        });
        return p;
      }
      try {
        return await this.pending;
      } catch {
        // The carrier failed before observing: the loop lets this caller carry it.
      }
    }
  }
}
