// What a load pod receives: the specs of every worker of its Job without secrets (the pod picks its own
// by JOB_COMPLETION_INDEX); the CA bundle once; credentials come from a Secret through the environment.
import type { InsertSpec } from '../load-phase.ts';
import type { ShardSpec } from '../shard-spec.ts';

export type WorkerPhase = 'insert' | 'run';

export const ENV = {
  phase: 'LOAD_WORKER_PHASE',
  plan: 'LOAD_WORKER_PLAN',
  index: 'JOB_COMPLETION_INDEX',
  accessKeyId: 'LOAD_ACCESS_KEY_ID',
  secretAccessKey: 'LOAD_SECRET_ACCESS_KEY',
} as const;

type Public<T> = T extends { endpoint: infer E } ? Omit<T, 'endpoint'> & { endpoint: Omit<E, 'credentials' | 'caPem'> } : never;

export interface WorkerPlan {
  phase: WorkerPhase;
  caPem?: string;
  insert?: Array<Public<InsertSpec>>;
  run?: Array<Public<ShardSpec>>;
}

function strip<T extends { endpoint: { credentials: unknown; caPem?: string } }>(s: T): Public<T> {
  const { credentials: _c, caPem: _ca, ...endpoint } = s.endpoint;
  return { ...s, endpoint } as unknown as Public<T>;
}

export function insertPlan(specs: InsertSpec[]): WorkerPlan {
  return { phase: 'insert', caPem: specs[0]?.endpoint.caPem, insert: specs.map(strip) };
}

export function runPlan(specs: ShardSpec[]): WorkerPlan {
  return { phase: 'run', caPem: specs[0]?.endpoint.caPem, run: specs.map(strip) };
}

type Env = Record<string, string | undefined>;

function credentialsFrom(env: Env) {
  const accessKeyId = env[ENV.accessKeyId];
  const secretAccessKey = env[ENV.secretAccessKey];
  if (!accessKeyId || !secretAccessKey) throw new Error(`${ENV.accessKeyId} and ${ENV.secretAccessKey} must be set (from the credentials Secret)`);
  return { accessKeyId, secretAccessKey };
}

/** In the pod: this worker's spec, with the CA and credentials put back. */
export function specForPod(env: Env): { phase: 'insert'; spec: InsertSpec } | { phase: 'run'; spec: ShardSpec } {
  const raw = env[ENV.plan];
  if (!raw) throw new Error(`${ENV.plan} is not set: this program runs inside a load Job`);
  const plan = JSON.parse(raw) as WorkerPlan;
  const index = Number(env[ENV.index] ?? '0');
  const list = plan.phase === 'insert' ? plan.insert : plan.run;
  const s = list?.[index];
  if (!s) throw new Error(`no ${plan.phase} spec for completion index ${index} (plan has ${list?.length ?? 0})`);
  const endpoint = { ...s.endpoint, caPem: plan.caPem, credentials: credentialsFrom(env) };
  return plan.phase === 'insert' ? { phase: 'insert', spec: { ...(s as Public<InsertSpec>), endpoint } } : { phase: 'run', spec: { ...(s as Public<ShardSpec>), endpoint } };
}
