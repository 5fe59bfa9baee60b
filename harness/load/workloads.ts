// YCSB core workloads A, B, C, F plus two that matter for Alternator: `conditional` (workload A with
// conditional updates, so comparing it with A shows what LWT costs) and `batch` (BatchWriteItem of 25).
import { ConfigError } from '../util/errors.ts';
import type { Rng } from './rng.ts';
import type { KeyChooser } from './key-choosers.ts';
import { BATCH_SIZE, fieldName, recordKey, type OperationName, type OperationTemplates } from './operations.ts';
import type { RequestTemplate } from './request-template.ts';

export type WorkloadName = 'A' | 'B' | 'C' | 'F' | 'conditional' | 'batch';
export const WORKLOAD_NAMES: readonly WorkloadName[] = ['A', 'B', 'C', 'F', 'conditional', 'batch'];

export interface WorkloadDefinition {
  name: WorkloadName;
  description: string;
  /** Operation mix; proportions sum to 1. */
  mix: ReadonlyArray<{ op: OperationName; proportion: number }>;
}

export const WORKLOADS: Record<WorkloadName, WorkloadDefinition> = {
  A: { name: 'A', description: 'update heavy: 50% read, 50% update', mix: [{ op: 'read', proportion: 0.5 }, { op: 'update', proportion: 0.5 }] },
  B: { name: 'B', description: 'read mostly: 95% read, 5% update', mix: [{ op: 'read', proportion: 0.95 }, { op: 'update', proportion: 0.05 }] },
  C: { name: 'C', description: 'read only', mix: [{ op: 'read', proportion: 1 }] },
  F: { name: 'F', description: 'read-modify-write: 50% read, 50% read then update of the same record', mix: [{ op: 'read', proportion: 0.5 }, { op: 'read-modify-write', proportion: 0.5 }] },
  conditional: {
    name: 'conditional',
    description: '50% read, 50% conditional update (ConditionExpression attribute_exists): workload A with LWT writes',
    mix: [{ op: 'read', proportion: 0.5 }, { op: 'conditional-update', proportion: 0.5 }],
  },
  batch: { name: 'batch', description: `BatchWriteItem of ${BATCH_SIZE} records`, mix: [{ op: 'batch-write', proportion: 1 }] },
};

function findWorkload(value: string): WorkloadName | undefined {
  const v = value.trim().toLowerCase().replace(/^workload[-_]?/, '');
  return WORKLOAD_NAMES.find((w) => w.toLowerCase() === v);
}

export function isWorkloadName(value: string): boolean {
  return findWorkload(value) !== undefined;
}

/** Accepts `A`, `a`, `workloada`, `workload-a`, `conditional`, `batch`. */
export function parseWorkloadName(value: string, field = 'workload'): WorkloadName {
  const found = findWorkload(value);
  if (!found)
    throw new ConfigError('unknown load workload', { field, value, allowed: WORKLOAD_NAMES, fix: 'use one of the YCSB letters or conditional/batch' });
  return found;
}

/** One request on the wire. */
export interface PreparedCall {
  template: RequestTemplate;
  slots: string[];
}

/** One operation as the report counts it: one call, or several in sequence (read-modify-write). */
export interface Step {
  op: OperationName;
  calls: PreparedCall[];
  /** Names recorded for the inner calls of a multi-call step (YCSB records the read and the update of F too);
   * they contain a `/` and are not counted in totals. */
  innerOps?: string[];
}

const ALNUM = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** A pool of random field values made before the run, so a request only picks one. */
export function valuePool(rng: Rng, fieldLength: number, size = 64): string[] {
  return Array.from({ length: size }, () => {
    let s = '';
    for (let i = 0; i < fieldLength; i++) s += ALNUM[rng.int(ALNUM.length)];
    return s;
  });
}

/** A whole record's slots (insert, batch write): its key, then a pool value per field. */
export function recordSlots(key: string, fieldCount: number, values: readonly string[], rng: Rng): string[] {
  const s = [key];
  for (let f = 0; f < fieldCount; f++) s.push(values[rng.int(values.length)]!);
  return s;
}

export interface StepSourceOptions {
  workload: WorkloadName;
  templates: OperationTemplates;
  keys: KeyChooser;
  rng: Rng;
  fieldCount: number;
  recordCount: number;
  values: readonly string[];
}

/** Produces the next step of a workload: the operation by its proportion, the record by the key chooser. */
export function stepSource(o: StepSourceOptions): () => Step {
  const def = WORKLOADS[o.workload];
  const cumulative: Array<[number, OperationName]> = [];
  let acc = 0;
  for (const m of def.mix) cumulative.push([(acc += m.proportion), m.op]);
  const pickOp = (): OperationName => {
    const u = o.rng.next() * acc;
    for (const [c, op] of cumulative) if (u < c) return op;
    return cumulative[cumulative.length - 1]![1];
  };
  const value = () => o.values[o.rng.int(o.values.length)]!;
  const updateSlots = (k: string) => [k, fieldName(o.rng.int(o.fieldCount)), value()];
  const t = o.templates;
  return () => {
    const op = pickOp();
    switch (op) {
      case 'read':
        return { op, calls: [{ template: t.read, slots: [recordKey(o.keys.next())] }] };
      case 'update':
        return { op, calls: [{ template: t.update, slots: updateSlots(recordKey(o.keys.next())) }] };
      case 'conditional-update':
        return { op, calls: [{ template: t.conditionalUpdate, slots: updateSlots(recordKey(o.keys.next())) }] };
      case 'read-modify-write': {
        const k = recordKey(o.keys.next());
        return { op, calls: [{ template: t.read, slots: [k] }, { template: t.update, slots: updateSlots(k) }], innerOps: ['read-modify-write/read', 'read-modify-write/update'] };
      }
      case 'batch-write': {
        // DynamoDB rejects a batch that names one key twice: draw until BATCH_SIZE distinct records.
        // With a small, skewed key space, after many draws take the next unused record instead.
        const seen = new Set<number>();
        const slots: string[] = [];
        for (let draws = 0; seen.size < BATCH_SIZE; draws++) {
          let n = o.keys.next();
          if (draws > 50 * BATCH_SIZE) while (seen.has(n)) n = (n + 1) % o.recordCount;
          if (seen.has(n)) continue;
          seen.add(n);
          slots.push(...recordSlots(recordKey(n), o.fieldCount, o.values, o.rng));
        }
        return { op, calls: [{ template: t.batchWrite, slots }] };
      }
    }
  };
}
