// Sharding a run across machines: `--shard i/n` deals variants round-robin in profile order (shard i of n
// gets positions i-1, i-1+n, ...), deterministically on every machine; harness/report/merge.ts deals them back.
import { ConfigError } from '../util/errors.ts';

export interface Shard {
  index: number;
  count: number;
}

const SHARD_FIX = 'use the form i/n with 1 ≤ i ≤ n, e.g. --shard 2/4 for the second of four shards';

function invalidShard(value: string): ConfigError {
  return new ConfigError('invalid shard', { field: '--shard', value, fix: SHARD_FIX });
}

/** Parses `--shard i/n`. */
export function parseShard(text: string): Shard {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (!m) throw invalidShard(text);
  const shard = { index: Number(m[1]), count: Number(m[2]) };
  validateShard(shard.index, shard.count);
  return shard;
}

function validateShard(index: number, count: number): void {
  if (!Number.isSafeInteger(index) || !Number.isSafeInteger(count) || count < 1 || index < 1 || index > count) throw invalidShard(`${index}/${count}`);
}

/** The variants shard `index` of `count` runs (1-based), deterministically: round-robin over the given order. */
export function shardVariants<T extends { name: string }>(variants: T[], index: number, count: number): T[] {
  validateShard(index, count);
  return variants.filter((_, position) => position % count === index - 1);
}

