// One datacenter's endpoint once its ScyllaCluster rolled out: CA bundle, credentials, forwarded ports.
import type { DatacenterEndpoint } from '../../endpoint/contract.ts';
import type { Promises } from '../../variant/model.ts';
import { alternatorCAConfigMapName, clientServiceDNS, clientServiceName, memberServiceName, CA_BUNDLE_KEY, ALTERNATOR_HTTPS_PORT, ALTERNATOR_HTTP_PORT } from '../../variant/naming.ts';
import type { KubeApi } from './kube-api.ts';
import type { DatacenterUnit } from './manifests.ts';
import { podReady } from './conditions.ts';
import { pollOptions, pollUntil, type Clock } from './wait.ts';
import { readSaltedHash, ensureExtraRoles, SUPERUSER, type CqlshContext } from './credentials.ts';
import { EXTRA_ROLES, extraRoleCredentials } from '../extra-roles.ts';
import type { Progress } from '../../util/progress.ts';
import type { Forward, PortForwarder } from './port-forward.ts';
import { splitPemBundle } from '../../tls/ca.ts';

/** ScyllaDB's Prometheus port on each node. */
const SCYLLA_METRICS_PORT = 9180;

/** Label the operator puts on every ScyllaDB pod of a ScyllaCluster. */
export const CLUSTER_LABEL = 'scylla/cluster';

export interface EndpointContext {
  kube: KubeApi;
  forwarder: PortForwarder;
  clock: Clock;
  signal?: AbortSignal;
  timeoutMs: number;
  pollIntervalMs: number;
  retryDelayMs: number;
  attempts: number;
  /** How kubectl reaches the cluster: the endpoint then names what the operator page's own steps need. */
  kubectl?: { kubeconfigFile: string; context?: string };
  /** Where port-forward re-resolutions are told (the run's progress). */
  progress?: Progress;
}

export async function readyPods(kube: KubeApi, u: DatacenterUnit) {
  return (await kube.listPods(u.namespace, `${CLUSTER_LABEL}=${u.scName}`)).filter(podReady);
}

/** IPs of a datacenter's ScyllaDB pods: the seeds of the datacenters after it (multi-DC guide). */
export async function podIPs(kube: KubeApi, u: DatacenterUnit): Promise<string[]> {
  return (await readyPods(kube, u)).map((p) => p.status?.podIP).filter((ip): ip is string => !!ip).sort();
}

export interface BuiltEndpoint {
  endpoint: DatacenterEndpoint;
  forwards: Forward[];
}

export async function buildDatacenterEndpoint(
  c: EndpointContext,
  u: DatacenterUnit,
  promises: Promises,
  userManaged?: { caPem: string; certPem: string },
  /** 'create' the suites' extra roles (first datacenter; roles are cluster-wide), 'read' their hashes, or 'none'. */
  reader: 'create' | 'read' | 'none' = 'none',
): Promise<BuiltEndpoint> {
  const step = `endpoint ${u.namespace}`;
  const poll = pollOptions(c, c.timeoutMs, step);
  const pod = await pollUntil(
    `a ready ScyllaDB pod in ${u.namespace}`,
    async () => {
      const ready = await readyPods(c.kube, u);
      return { done: ready.length > 0, status: `${ready.length} ready pod(s)`, value: ready[0]?.metadata?.name };
    },
    poll,
  );
  const caBundlePem = userManaged
    ? userManaged.caPem
    : await pollUntil(
        `ConfigMap ${u.namespace}/${alternatorCAConfigMapName(u.scName)}`,
        async () => {
          const cm = await c.kube.get({ apiVersion: 'v1', kind: 'ConfigMap', namespace: u.namespace, name: alternatorCAConfigMapName(u.scName) });
          const pem = (cm?.data as Record<string, string> | undefined)?.[CA_BUNDLE_KEY];
          const n = pem ? splitPemBundle(pem).length : 0;
          return { done: n > 0, status: cm ? `${CA_BUNDLE_KEY} holds ${n} certificate(s)` : 'not found', value: pem };
        },
        poll,
      );
  const svc = await c.kube.get({ apiVersion: 'v1', kind: 'Service', namespace: u.namespace, name: clientServiceName(u.scName) });
  const clusterIP = (svc?.spec as { clusterIP?: string } | undefined)?.clusterIP;
  const cql: CqlshContext = {
    kube: c.kube,
    namespace: u.namespace,
    pod: pod!,
    timeoutMs: 60_000,
    clock: c.clock,
    attempts: c.attempts,
    retryDelayMs: c.retryDelayMs,
    step,
    ...(c.signal ? { signal: c.signal } : {}),
  };
  const secretAccessKey = await readSaltedHash(cql, SUPERUSER.role);
  const rolesExist = reader === 'read' || (reader === 'create' && (await ensureExtraRoles(cql).catch(() => false)));
  const hashes = new Map<string, string>();
  if (rolesExist)
    for (const r of EXTRA_ROLES) {
      const hash = await readSaltedHash({ ...cql, attempts: Math.min(cql.attempts, 5) }, r.name).catch(() => undefined);
      if (hash) hashes.set(r.name, hash);
    }
  const extraRoles = extraRoleCredentials((role) => hashes.get(role));
  const resolvePod = async () => {
    const ready = await readyPods(c.kube, u);
    if (!ready[0]?.metadata?.name) throw new Error(`no ready ScyllaDB pod in ${u.namespace}`);
    return ready[0].metadata.name;
  };
  const forwards: Forward[] = [];
  try {
    const log = c.progress ? (m: string) => c.progress!.warn(m) : undefined;
    const https = await c.forwarder.forward({ namespace: u.namespace, resolvePod, port: ALTERNATOR_HTTPS_PORT, ...(log ? { log } : {}) });
    forwards.push(https);
    // With HTTP off the forwarded port stands for "the HTTP port", which the suites check is closed.
    const http = await c.forwarder.forward({ namespace: u.namespace, resolvePod, port: promises.httpEnabled && portOf(u) ? portOf(u)! : ALTERNATOR_HTTP_PORT, ...(log ? { log } : {}) });
    forwards.push(http);
    // Metrics are counted on the node that coordinated a request: every member's Prometheus port (9180, which the
    // operator gives each scylla container: pkg/controller/scylladbdatacenter/resource.go, v1.21.1), so suites can sum.
    for (let i = 0; i < u.dc.members; i++) {
      const pod = memberServiceName(u.scName, u.dc.name, u.rack, i);
      forwards.push(await c.forwarder.forward({ namespace: u.namespace, resolvePod: async () => pod, port: SCYLLA_METRICS_PORT }));
    }
    const metricsUrls = forwards.slice(2).map((f) => `http://127.0.0.1:${f.localPort}/metrics`);
    const clientDNS = clientServiceDNS(u.scName, u.namespace);
    const members = Array.from({ length: u.dc.members }, (_, i) => `${memberServiceName(u.scName, u.dc.name, u.rack, i)}.${u.namespace}.svc`);
    const endpoint: DatacenterEndpoint = {
      datacenter: u.dc.name,
      httpsUrl: `https://127.0.0.1:${https.localPort}`,
      tlsServerName: clientDNS,
      caBundlePem: caBundlePem!,
      ...(promises.httpEnabled ? { httpUrl: `http://127.0.0.1:${http.localPort}` } : { httpProbeUrl: `http://127.0.0.1:${http.localPort}` }),
      credentials: { accessKeyId: SUPERUSER.role, secretAccessKey },
      ...(extraRoles.length ? { extraRoles } : {}),
      clientNames: { dnsNames: [clientDNS, ...members], ipAddresses: clusterIP && clusterIP !== 'None' ? [clusterIP] : [] },
      ...(userManaged ? { userCertificatePem: userManaged.certPem } : {}),
      metricsUrls,
      ...(c.kubectl
        ? {
            operatorPage: {
              ...c.kubectl,
              namespace: u.namespace,
              clusterName: u.scName,
              cqlUser: SUPERUSER.role,
              cqlPassword: SUPERUSER.password,
              httpsPort: ALTERNATOR_HTTPS_PORT,
            },
          }
        : {}),
    };
    return { endpoint, forwards };
  } catch (e) {
    await Promise.all(forwards.map((f) => f.close()));
    throw e;
  }
}

/** The deprecated manual port replaces 8000 as the HTTP port (operator managed config). */
const portOf = (u: DatacenterUnit): number | undefined => (u.variant.alternator.port ? u.variant.alternator.port : undefined);
