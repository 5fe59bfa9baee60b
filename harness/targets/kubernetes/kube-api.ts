// The narrow Kubernetes boundary the orchestration needs, and nothing more. The real implementation is
// kube-api-client.ts (@kubernetes/client-node); tests use a scripted fake (test/kubernetes/fake-kube.ts).
import type { CoreV1Event, V1Namespace, V1Pod } from '@kubernetes/client-node';
import type { KubeObject, ObjectRef } from './kube-types.ts';

export type Pod = V1Pod;
export type KubeEvent = CoreV1Event;
export type KubeNamespace = V1Namespace;

export interface ExecResult {
  stdout: string;
  stderr: string;
  /** 0 on success; undefined when the API server did not report a status. */
  exitCode: number | undefined;
}

export interface KubeApi {
  /** Server-side apply (force, with the harness's field manager); `dryRun` asks the server to validate only. */
  apply(obj: KubeObject, opts?: { dryRun?: boolean }): Promise<KubeObject>;
  /** The object, or undefined when it does not exist. */
  get(ref: ObjectRef): Promise<KubeObject | undefined>;
  /** Objects of one kind (cluster-wide for a cluster-scoped kind, or in `namespace`); [] when the kind is not served. */
  list(apiVersion: string, kind: string, opts?: { namespace?: string; labelSelector?: string }): Promise<KubeObject[]>;
  listPods(namespace: string, labelSelector?: string): Promise<Pod[]>;
  /** Namespaces matching a label selector (`k=v,k2=v2`), as `cleanup` finds what crashed runs left. */
  listNamespaces(labelSelector: string): Promise<KubeNamespace[]>;
  listEvents(namespace: string): Promise<KubeEvent[]>;
  podLogs(namespace: string, pod: string, container: string, opts?: { previous?: boolean; tailLines?: number }): Promise<string>;
  exec(namespace: string, pod: string, container: string, command: string[], opts: { timeoutMs: number; signal?: AbortSignal }): Promise<ExecResult>;
  /** Starts deletion; resolves once the API server accepted it (or the namespace is already gone). Gone later: see waitNamespacesGone. */
  deleteNamespace(name: string): Promise<void>;
}

/** An API error reduced to what the orchestration decides on. Never carries request bodies (they may hold secrets). */
export class KubeApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reason?: string,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

const WEBHOOK_NOT_READY = /failed calling webhook|no endpoints available for service|connection refused|context deadline exceeded|i\/o timeout|x509: certificate|tls: failed to verify|service unavailable|EOF$/i;
const NETWORK = /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EAI_AGAIN|socket hang up|network socket disconnected/i;

/**
 * Infrastructure errors worth retrying: a webhook whose backend is not serving yet (the operator's and
 * cert-manager's webhooks answer `failurePolicy: Fail` with HTTP 500 until their pods are ready), a CRD that
 * is not established yet, throttling, or a dropped connection. Rejections of the object itself (400/403/422,
 * "admission webhook ... denied the request") are not: retrying them would hide a real error.
 */
export function isRetryableInfraError(e: unknown): boolean {
  if (e instanceof KubeApiError) {
    if (/denied the request/i.test(e.message)) return false;
    if (e.status === 429 || e.status === 503 || e.status === 504) return true;
    if (e.status === 500 && WEBHOOK_NOT_READY.test(e.message)) return true;
    if (e.status === 404 && /no matches for kind|could not find the requested resource/i.test(e.message)) return true;
    if (e.status === 0) return NETWORK.test(e.message) || WEBHOOK_NOT_READY.test(e.message);
    return false;
  }
  return e instanceof Error && NETWORK.test(e.message);
}

export const isNotFound = (e: unknown): boolean => e instanceof KubeApiError && e.status === 404;
