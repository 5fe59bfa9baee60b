// The load report: one workload run against one variant. Documented in harness/load/SCHEMA.md; bump
// LOAD_SCHEMA_VERSION on any change that is not a pure addition of optional fields.
import { z } from 'zod';

export const LOAD_SCHEMA_VERSION = 1;
export const LOAD_REPORT_KIND = 'alternator-e2e/load-report';
export const LOAD_FILE_KIND = 'alternator-e2e/load-variant';

const Latency = z.object({
  min: z.number(),
  mean: z.number(),
  p50: z.number(),
  p90: z.number(),
  p99: z.number(),
  p999: z.number(),
  max: z.number(),
});

const SeriesPoint = z.object({
  /** Seconds since `start`. */
  t: z.number().int(),
  count: z.number().int(),
  errors: z.number().int(),
  p50: z.number(),
  p99: z.number(),
  max: z.number(),
});

export const OperationReport = z.object({
  count: z.number().int(),
  errorCount: z.number().int(),
  errors: z.record(z.string(), z.number().int()),
  throughput: z.number(),
  latencyMs: Latency,
  histogram: z.object({ encoding: z.string(), unit: z.literal('us'), data: z.string() }),
  timeSeries: z.array(SeriesPoint),
  unprocessedItems: z.number().int().optional(),
});
export type OperationReport = z.infer<typeof OperationReport>;

export const LoadParameters = z.object({
  mode: z.enum(['open', 'closed']),
  rate: z.number().optional(),
  concurrency: z.number().int(),
  durationSeconds: z.number(),
  recordCount: z.number().int(),
  distribution: z.enum(['uniform', 'zipfian']),
  client: z.enum(['raw', 'sdk']),
  threads: z.number().int(),
  workers: z.number().int(),
  seed: z.number().int(),
  fieldCount: z.number().int(),
  fieldLength: z.number().int(),
  consistentRead: z.boolean(),
  timeoutMs: z.number().int(),
  datacenter: z.string(),
  url: z.string(),
  table: z.string(),
});
export type LoadParameters = z.infer<typeof LoadParameters>;

export const LoadReport = z.object({
  schemaVersion: z.literal(LOAD_SCHEMA_VERSION),
  kind: z.literal(LOAD_REPORT_KIND),
  runId: z.string(),
  target: z.string(),
  variant: z.object({ name: z.string(), writeIsolation: z.string().optional(), options: z.record(z.string(), z.unknown()) }),
  workload: z.string(),
  workloadDescription: z.string(),
  parameters: LoadParameters,
  /**
   * The machine class the load ran on (harness/load/runner-class.ts); a baseline is compared only with the same
   * class. Absent in reports written before it was recorded: such a baseline compares with nothing.
   */
  runner: z.object({ class: z.string(), cpus: z.number().int(), memoryGiB: z.number(), environment: z.string().optional() }).optional(),
  /** ISO time the measured phase started. */
  start: z.string(),
  durationSeconds: z.number(),
  loadPhase: z
    .object({ records: z.number().int(), durationSeconds: z.number(), recordsPerSecond: z.number(), errors: z.record(z.string(), z.number().int()) })
    .optional(),
  totals: z.object({ count: z.number().int(), errorCount: z.number().int(), throughput: z.number(), scheduled: z.number().int(), missed: z.number().int(), connects: z.number().int() }),
  operations: z.record(z.string(), OperationReport),
  /** Notes for the reader: missed operations, reconnects, unprocessed batch items. */
  warnings: z.array(z.string()),
});
export type LoadReport = z.infer<typeof LoadReport>;

/** reports/<run>/load/<variant>.json */
export const LoadVariantFile = z.object({
  schemaVersion: z.literal(LOAD_SCHEMA_VERSION),
  kind: z.literal(LOAD_FILE_KIND),
  runId: z.string(),
  target: z.string(),
  variant: z.string(),
  reports: z.array(LoadReport),
});
export type LoadVariantFile = z.infer<typeof LoadVariantFile>;
