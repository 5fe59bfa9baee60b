// What `runLoad` accepts, its defaults, and validation that names the field and the fix.
import { ConfigError } from '../util/errors.ts';
import type { Endpoint, DatacenterEndpoint } from '../endpoint/contract.ts';
import type { LoadPhase } from '../variant/profile.ts';
import type { Progress } from '../util/progress.ts';
import { DISTRIBUTIONS, type Distribution } from './key-choosers.ts';
import { LOOP_MODES, type LoopMode } from './shard-spec.ts';
import { CLIENT_KINDS, UNUSED_CREDENTIALS, type ClientKind, type LoadEndpoint } from './transport.ts';
import { parseWorkloadName, type WorkloadName } from './workloads.ts';
import { BATCH_SIZE } from './operations.ts';
import type { ClusterLoadOptions } from './kubernetes/orchestrate.ts';

export interface LoadOptions {
  endpoint: Endpoint;
  /** A, B, C, F, conditional, batch (case-insensitive, `workload-a` accepted). */
  workload: string;
  /** Datacenter to load; the first one by default. */
  datacenter?: string;
  distribution?: Distribution;
  recordCount?: number;
  durationSeconds?: number;
  /** Lanes: connections (raw client) or requests in flight (SDK client), over all threads/workers. */
  concurrency?: number;
  /** Operations per second over all threads/workers; implies the open loop. */
  rate?: number;
  /** Default: open when a rate is given, closed otherwise. */
  mode?: LoopMode;
  client?: ClientKind;
  /** Worker threads on this machine (each gets a share of lanes and rate). */
  threads?: number;
  seed?: number;
  fieldCount?: number;
  fieldLength?: number;
  consistentRead?: boolean;
  timeoutMs?: number;
  /** Open loop: how long queued operations may still be sent after the duration. Default: the duration, at least 5 s. */
  drainSeconds?: number;
  /** Use this table instead of `<tablePrefix>load-<workload>`; it is then never deleted. */
  table?: string;
  /** Do not create the table nor insert records (they exist from an earlier run). */
  skipLoadPhase?: boolean;
  keepTable?: boolean;
  /** Send plain HTTP to the datacenter's httpUrl (variants that enable it). */
  useHttp?: boolean;
  /** Run the workers as a Kubernetes Job inside the cluster instead of here. */
  cluster?: ClusterLoadOptions;
  progress?: Progress;
  signal?: AbortSignal;
}

export interface ResolvedLoadOptions {
  endpoint: Endpoint;
  datacenter: DatacenterEndpoint;
  loadEndpoint: LoadEndpoint;
  workload: WorkloadName;
  distribution: Distribution;
  recordCount: number;
  durationSeconds: number;
  concurrency: number;
  rate?: number;
  mode: LoopMode;
  client: ClientKind;
  threads: number;
  seed: number;
  fieldCount: number;
  fieldLength: number;
  consistentRead: boolean;
  timeoutMs: number;
  drainSeconds: number;
  table: string;
  ownTable: boolean;
  skipLoadPhase: boolean;
  keepTable: boolean;
  cluster?: ClusterLoadOptions;
}

function int(value: number | undefined, field: string, def: number, min: number, max: number): number {
  const v = value ?? def;
  if (!Number.isInteger(v) || v < min || v > max)
    throw new ConfigError(`must be an integer from ${min} to ${max}`, { field, value: v });
  return v;
}

export function resolveLoadOptions(o: LoadOptions): ResolvedLoadOptions {
  const workload = parseWorkloadName(o.workload);
  const dcs = o.endpoint.datacenters;
  const dc = o.datacenter ? dcs.find((d) => d.datacenter === o.datacenter) : dcs[0];
  if (!dc)
    throw new ConfigError('no such datacenter in the endpoint', { field: 'datacenter', value: o.datacenter, allowed: dcs.map((d) => d.datacenter) });
  if (o.useHttp && !dc.httpUrl)
    throw new ConfigError('the variant does not enable plain HTTP', { field: 'useHttp', value: true, fix: 'load over HTTPS, or load a variant with insecureEnableHTTP: true' });
  const distribution = o.distribution ?? 'zipfian';
  if (!DISTRIBUTIONS.includes(distribution)) throw new ConfigError('unknown key distribution', { field: 'distribution', value: distribution, allowed: DISTRIBUTIONS });
  const client = o.client ?? 'raw';
  if (!CLIENT_KINDS.includes(client)) throw new ConfigError('unknown load client', { field: 'client', value: client, allowed: CLIENT_KINDS });
  const mode = o.mode ?? (o.rate !== undefined ? 'open' : 'closed');
  if (!LOOP_MODES.includes(mode)) throw new ConfigError('unknown loop mode', { field: 'mode', value: mode, allowed: LOOP_MODES });
  if (mode === 'open' && !(o.rate !== undefined && o.rate > 0))
    throw new ConfigError('the open loop needs a target rate', { field: 'rate', value: o.rate, fix: 'give a rate in operations per second > 0, or use the closed loop' });
  if (mode === 'closed' && o.rate !== undefined)
    throw new ConfigError('a rate applies to the open loop only', { field: 'rate', value: o.rate, fix: 'drop the rate or use mode open' });
  const threads = int(o.threads, 'threads', 1, 1, 64);
  const concurrency = int(o.concurrency, 'concurrency', 16, 1, 4096);
  if (concurrency < threads)
    throw new ConfigError('every thread needs at least one lane', { field: 'concurrency', value: concurrency, fix: `use a concurrency of at least ${threads} (the thread count)` });
  const recordCount = int(o.recordCount, 'recordCount', 1000, 1, 2 ** 32 - 1);
  if (workload === 'batch' && recordCount < 2 * BATCH_SIZE)
    throw new ConfigError(`the batch workload needs at least ${2 * BATCH_SIZE} records`, { field: 'recordCount', value: recordCount, fix: 'raise recordCount' });
  const durationSeconds = o.durationSeconds ?? 10;
  if (!(durationSeconds > 0 && durationSeconds <= 24 * 3600)) throw new ConfigError('must be > 0 and at most a day', { field: 'durationSeconds', value: durationSeconds });
  const timeoutMs = int(o.timeoutMs, 'timeoutMs', 10_000, 1, 600_000);
  const table = o.table ?? `${o.endpoint.tablePrefix}load-${workload.toLowerCase()}`;
  if (!/^[a-zA-Z0-9_.-]{3,222}$/.test(table))
    throw new ConfigError('not a valid table name', { field: 'table', value: table, fix: '3 to 222 characters from a-z A-Z 0-9 _ . -' });
  const url = o.useHttp ? dc.httpUrl! : dc.httpsUrl;
  return {
    endpoint: o.endpoint,
    datacenter: dc,
    loadEndpoint: {
      url,
      caPem: url.startsWith('https:') ? dc.caBundlePem : undefined,
      servername: url.startsWith('https:') ? dc.tlsServerName : undefined,
      credentials: dc.credentials ?? UNUSED_CREDENTIALS,
      region: o.endpoint.region,
    },
    workload,
    distribution,
    recordCount,
    durationSeconds,
    concurrency,
    rate: o.rate,
    mode,
    client,
    threads,
    seed: int(o.seed, 'seed', 1, 0, 2 ** 31 - 1),
    fieldCount: int(o.fieldCount, 'fieldCount', 10, 1, 100),
    fieldLength: int(o.fieldLength, 'fieldLength', 100, 1, 10_000),
    consistentRead: o.consistentRead ?? false,
    timeoutMs,
    drainSeconds: o.drainSeconds ?? Math.max(5, durationSeconds),
    table,
    ownTable: o.table === undefined,
    skipLoadPhase: o.skipLoadPhase ?? false,
    keepTable: o.keepTable ?? false,
    cluster: o.cluster,
  };
}

/** One LoadOptions per workload a profile's load phase names. */
export function loadOptionsFromPhase(phase: LoadPhase, endpoint: Endpoint, over: Partial<LoadOptions> = {}): LoadOptions[] {
  return phase.workloads.map((w, i) => {
    parseWorkloadName(w, `load.workloads[${i}]`);
    return {
      endpoint,
      workload: w,
      durationSeconds: phase.durationSeconds,
      concurrency: phase.concurrency,
      recordCount: phase.recordCount,
      rate: phase.rate,
      distribution: phase.distribution,
      ...(phase.mode ? { mode: phase.mode } : {}),
      ...(phase.client ? { client: phase.client } : {}),
      ...(phase.threads ? { threads: phase.threads } : {}),
      ...(phase.seed !== undefined ? { seed: phase.seed } : {}),
      ...over,
    };
  });
}

/** Splits a total (lanes, rate) over n workers as evenly as possible. */
export function splitEvenly(total: number, n: number, i: number): number {
  return Math.floor(total / n) + (i < total % n ? 1 : 0);
}
