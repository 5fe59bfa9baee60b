// The Kubernetes Job that runs load workers in the cluster: Indexed completion, parallelism = workers,
// no retries (a failed worker must fail the run rather than leave a silently partial report), a
// deadline, pods spread over nodes, and a locked-down container. The secret key is referenced from a
// Secret, never written into the manifest.
import type { V1Job } from '@kubernetes/client-node';
import { ENV, type WorkerPlan } from './worker-plan.ts';
import { UNUSED_CREDENTIALS } from '../transport.ts';

export interface SecretKeyRef {
  name: string;
  /** Keys in the Secret; defaults: accessKeyId, secretAccessKey. */
  accessKeyIdKey?: string;
  secretAccessKeyKey?: string;
}

export interface LoadJobOptions {
  name: string;
  namespace: string;
  workers: number;
  /** An image holding this project (node, node_modules, harness/). */
  image: string;
  /** Default: node --import tsx harness/load/worker-main.ts, in workingDir. */
  command?: string[];
  workingDir?: string;
  plan: WorkerPlan;
  /** Required when the deployment enforces authorization. */
  credentialsSecret?: SecretKeyRef;
  activeDeadlineSeconds: number;
  labels?: Record<string, string>;
  resources?: { cpu: string; memory: string };
  serviceAccountName?: string;
}

export const LOAD_JOB_LABEL = 'alternator-e2e.scylladb.com/load';
export const DEFAULT_WORKER_COMMAND = ['node', '--import', 'tsx', 'harness/load/worker-main.ts'];

/** RFC 1123 label from free text, at most `max` characters. */
export function dnsLabel(text: string, max = 52): string {
  const s = text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, max).replace(/-+$/, '');
  return s || 'load';
}

export function loadJobManifest(o: LoadJobOptions): V1Job {
  // The job-name label Kubernetes adds must stay a valid label value: 63 characters.
  if (!/^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/.test(o.name)) throw new Error(`job name ${JSON.stringify(o.name)} is not an RFC 1123 label of at most 63 characters`);
  if (!Number.isInteger(o.workers) || o.workers < 1) throw new Error(`workers must be an integer >= 1, got ${o.workers}`);
  const labels = { 'app.kubernetes.io/name': 'alternator-e2e-load', [LOAD_JOB_LABEL]: o.name, ...o.labels };
  const secret = o.credentialsSecret;
  const secretEnv = secret
    ? [
        { name: ENV.accessKeyId, valueFrom: { secretKeyRef: { name: secret.name, key: secret.accessKeyIdKey ?? 'accessKeyId' } } },
        { name: ENV.secretAccessKey, valueFrom: { secretKeyRef: { name: secret.name, key: secret.secretAccessKeyKey ?? 'secretAccessKey' } } },
      ]
    : [
        // Authorization disabled: requests are still signed, with credentials the server ignores.
        { name: ENV.accessKeyId, value: UNUSED_CREDENTIALS.accessKeyId },
        { name: ENV.secretAccessKey, value: UNUSED_CREDENTIALS.secretAccessKey },
      ];
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: o.name, namespace: o.namespace, labels },
    spec: {
      completionMode: 'Indexed',
      completions: o.workers,
      parallelism: o.workers,
      backoffLimit: 0,
      activeDeadlineSeconds: o.activeDeadlineSeconds,
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          ...(o.serviceAccountName ? { serviceAccountName: o.serviceAccountName } : {}),
          automountServiceAccountToken: false,
          securityContext: { runAsNonRoot: true, runAsUser: 65532, seccompProfile: { type: 'RuntimeDefault' } },
          affinity: {
            podAntiAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                { weight: 100, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: { [LOAD_JOB_LABEL]: o.name } } } },
              ],
            },
          },
          containers: [
            {
              name: 'load',
              image: o.image,
              command: o.command ?? DEFAULT_WORKER_COMMAND,
              ...(o.workingDir ? { workingDir: o.workingDir } : {}),
              env: [
                { name: ENV.phase, value: o.plan.phase },
                { name: ENV.plan, value: JSON.stringify(o.plan) },
                ...secretEnv,
              ],
              resources: {
                requests: { cpu: o.resources?.cpu ?? '1', memory: o.resources?.memory ?? '512Mi' },
                limits: { memory: o.resources?.memory ?? '512Mi' },
              },
              securityContext: { allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } },
              // tsx and node write caches under /tmp; the root filesystem stays read-only.
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '256Mi' } }],
        },
      },
    },
  };
}
