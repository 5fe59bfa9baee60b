// Version ranges of documented differences. A difference holds from `since` (inclusive) to `until` (exclusive:
// the first version where it no longer holds). ScyllaDB's versions come in three lines: open source 4.x-6.x,
// enterprise 2022.x-2024.x (each branched from an open-source release), and the unified 2025.1+ line; an
// enterprise version is compared as the open-source release it was branched from, so one range covers both.
import semver from 'semver';

export type Product = 'scylladb' | 'scylla-operator' | 'dynalite' | 'dynamodb-local' | 'dynamodb';

export interface VersionRange {
  product: Product;
  /** First version the difference holds for. */
  since: string;
  /** First version it no longer holds for (exclusive); absent: it still holds in the newest version checked. */
  until?: string;
}

/**
 * Enterprise release → the open-source release it was branched from (ScyllaDB's release notes,
 * docs.scylladb.com "ScyllaDB Enterprise vs. Open Source Matrix").
 */
const ENTERPRISE_BASE: Record<string, string> = {
  '2022.1': '5.0.0',
  '2022.2': '5.1.0',
  '2023.1': '5.2.0',
  '2024.1': '5.4.0',
  '2024.2': '6.0.0',
};

/** A comparable semver for a product version ("2025.4", "v1.21.1", "2026.2.0-rc1"), or undefined when unreadable. */
export function comparable(product: Product, version: string): string | undefined {
  const v = semver.coerce(version, { includePrerelease: false });
  if (!v) return undefined;
  if (product === 'scylladb') {
    const base = ENTERPRISE_BASE[`${v.major}.${v.minor}`];
    if (base) return base;
    if (v.major >= 2022 && v.major <= 2024) return undefined;
  }
  return v.version;
}

/** Whether a version lies in the range; an unreadable version is "unknown" (undefined). */
export function inRange(range: VersionRange, version: string): boolean | undefined {
  const v = comparable(range.product, version);
  if (v === undefined) return undefined;
  const since = comparable(range.product, range.since)!;
  if (semver.lt(v, since)) return false;
  return range.until === undefined || semver.lt(v, comparable(range.product, range.until)!);
}

/** "since 2025.4.0", "6.0.0 up to 2026.2.0 (exclusive)". */
export function describeRange(r: VersionRange): string {
  return r.until === undefined ? `${r.product} ${r.since} and later` : `${r.product} ${r.since} up to ${r.until} (exclusive)`;
}
