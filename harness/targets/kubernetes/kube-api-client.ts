// KubeApi on @kubernetes/client-node 1.4 (ESM, object-parameter APIs): the thin real side of the boundary the
// fake stands in for. No cluster here: its HTTP calls never run in this project's tests; exec runs on the
// library's own Exec with a faked WebSocket (test/kubernetes/client-websockets.test.ts).
import { Writable } from 'node:stream';
import { ApiException, CoreV1Api, Exec, KubeConfig, KubernetesObjectApi, PatchStrategy, loadYaml, type V1Status, type KubernetesObject } from '@kubernetes/client-node';
import type { ExecResult, KubeApi, KubeEvent, KubeNamespace, Pod } from './kube-api.ts';
import { KubeApiError, isNotFound } from './kube-api.ts';
import type { KubeObject, ObjectRef } from './kube-types.ts';

export function kubeConfigFrom(o: { yaml?: string; file?: string; context?: string }): KubeConfig {
  const kc = new KubeConfig();
  if (o.yaml !== undefined) kc.loadFromString(o.yaml);
  else if (o.file !== undefined) kc.loadFromFile(o.file);
  else kc.loadFromDefault();
  if (o.context) kc.setCurrentContext(o.context);
  return kc;
}

/** Reduces client-node errors to status + the API server's message (never the request body). */
export function toKubeApiError(thrown: unknown): Error {
  const e = unwrapErrorEvent(thrown);
  if (e instanceof ApiException) {
    const body = e.body as unknown;
    let message = `HTTP ${e.code}`;
    let reason: string | undefined;
    try {
      const parsed = (typeof body === 'string' ? JSON.parse(body) : body) as { message?: string; reason?: string } | undefined;
      if (parsed?.message) message = parsed.message;
      reason = parsed?.reason;
    } catch {
      if (typeof body === 'string' && body.length < 500) message = body;
    }
    return new KubeApiError(e.code, message, reason);
  }
  // Discovery does not list a kind yet (its CRD was just created): the same as the API server's "no matches".
  if (e instanceof Error && /Unrecognized API version and kind/.test(e.message)) return new KubeApiError(404, `no matches for kind: ${e.message}`);
  if (e instanceof Error && /ECONN|ETIMEDOUT|EAI_AGAIN|socket hang up/.test(`${(e as NodeJS.ErrnoException).code ?? ''} ${e.message}`))
    return new KubeApiError(0, e.message);
  return e instanceof Error ? e : new Error(String(e));
}

/**
 * A failed WebSocket (exec, port-forward) rejects with the ws library's ErrorEvent, not an Error: its
 * `error` (e.g. ECONNREFUSED) or `message` ("Unexpected server response: 404") is what explains it.
 */
function unwrapErrorEvent(e: unknown): unknown {
  if (e instanceof Error || typeof e !== 'object' || e === null) return e;
  const ev = e as { error?: unknown; message?: unknown };
  if (ev.error instanceof Error) return ev.error;
  return typeof ev.message === 'string' ? new Error(ev.message) : e;
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw toKubeApiError(e);
  }
}

class Collector extends Writable {
  text = '';
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: () => void) {
    this.text += chunk.toString();
    cb();
  }
}

export class ClientKubeApi implements KubeApi {
  private readonly objects: KubernetesObjectApi;
  private readonly core: CoreV1Api;

  constructor(
    kc: KubeConfig,
    private readonly fieldManager: string,
    /** Replaceable so a test can fake the API server's WebSocket while the library code runs. */
    private readonly execApi = new Exec(kc),
  ) {
    this.objects = KubernetesObjectApi.makeApiClient(kc);
    this.core = kc.makeApiClient(CoreV1Api);
  }

  async apply(obj: KubeObject, opts: { dryRun?: boolean } = {}): Promise<KubeObject> {
    // patch() serializes through the generated model classes, which read TypeScript property names: a plain
    // object loses fields such as `x-kubernetes-validations` or `default` in CRDs. loadYaml() turns the plain
    // object (JSON is YAML) into those classes first, so nothing is dropped.
    const typed = loadYaml(JSON.stringify(obj)) as KubernetesObject;
    const out = await call(() =>
      this.objects.patch(typed, undefined, opts.dryRun ? 'All' : undefined, this.fieldManager, true, PatchStrategy.ServerSideApply),
    );
    return out as unknown as KubeObject;
  }

  async get(ref: ObjectRef): Promise<KubeObject | undefined> {
    try {
      const header = { apiVersion: ref.apiVersion, kind: ref.kind, metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) } };
      return (await call(() => this.objects.read(header))) as unknown as KubeObject;
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  async list(apiVersion: string, kind: string, opts: { namespace?: string; labelSelector?: string } = {}): Promise<KubeObject[]> {
    try {
      const r = await call(() => this.objects.list(apiVersion, kind, opts.namespace, undefined, undefined, undefined, undefined, opts.labelSelector));
      return r.items as unknown as KubeObject[];
    } catch (e) {
      // The kind is not served (e.g. no NodeConfig CRD on this cluster): nothing of it exists.
      if (isNotFound(e)) return [];
      throw e;
    }
  }

  async listPods(namespace: string, labelSelector?: string): Promise<Pod[]> {
    return (await call(() => this.core.listNamespacedPod({ namespace, ...(labelSelector ? { labelSelector } : {}) }))).items;
  }

  async listNamespaces(labelSelector: string): Promise<KubeNamespace[]> {
    return (await call(() => this.core.listNamespace({ labelSelector }))).items;
  }

  async listEvents(namespace: string): Promise<KubeEvent[]> {
    return (await call(() => this.core.listNamespacedEvent({ namespace }))).items;
  }

  podLogs(namespace: string, pod: string, container: string, opts: { previous?: boolean; tailLines?: number } = {}): Promise<string> {
    return call(() =>
      this.core.readNamespacedPodLog({ name: pod, namespace, container, ...(opts.previous ? { previous: true } : {}), ...(opts.tailLines ? { tailLines: opts.tailLines } : {}) }),
    );
  }

  exec(namespace: string, pod: string, container: string, command: string[], o: { timeoutMs: number; signal?: AbortSignal }): Promise<ExecResult> {
    const stdout = new Collector();
    const stderr = new Collector();
    return new Promise<ExecResult>((resolve, reject) => {
      let settled = false;
      let status: V1Status | undefined;
      let socket: { close(): void } | undefined;
      const finish = (err?: Error) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        o.signal?.removeEventListener('abort', onAbort);
        if (err) {
          socket?.close();
          return reject(err);
        }
        resolve({ stdout: stdout.text, stderr: stderr.text, exitCode: exitCodeOf(status) });
      };
      const timer = setTimeout(() => finish(new KubeApiError(0, `exec in ${namespace}/${pod}/${container} timed out after ${o.timeoutMs} ms`)), o.timeoutMs);
      const onAbort = () => finish(new Error('interrupted'));
      o.signal?.addEventListener('abort', onAbort, { once: true });
      // The status callback is not always called; the socket closing also ends the exec.
      this.execApi
        .exec(namespace, pod, container, command, stdout, stderr, null, false, (s) => {
          status = s;
          finish();
        })
        .then((ws) => {
          // Timed out or interrupted while connecting: nobody will close this stream later.
          if (settled) return ws.close();
          socket = ws;
          ws.on('close', () => setTimeout(() => finish(), 50));
        })
        .catch((e) => finish(toKubeApiError(e)));
    });
  }

  async deleteNamespace(name: string): Promise<void> {
    try {
      await call(() => this.core.deleteNamespace({ name }));
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}

function exitCodeOf(s: V1Status | undefined): number | undefined {
  if (!s) return undefined;
  if (s.status === 'Success') return 0;
  const cause = s.details?.causes?.find((c) => c.reason === 'ExitCode');
  return cause?.message !== undefined ? Number(cause.message) : 1;
}
