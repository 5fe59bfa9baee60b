// Version ranges of documented differences. A difference holds from `since` (inclusive) to `until` (exclusive:
// the first version where it no longer holds). ScyllaDB's versions come in three lines: open source 4.x-6.x,
// enterprise 2022.x-2024.x (each branched from an open-source release), and the unified 2025.1+ line; an
// enterprise version is compared as the open-source release it was branched from, so one range covers both.
//
// A change that ends (or begins) a difference may reach older release branches as a backport before or after its
// first mainline release: `until: ['2025.1.4', '2025.2.0', '2025.3.0']` reads "fixed in 2025.1.4 on the 2025.1
// branch, in 2025.2.0 on 2025.2, and from 2025.3.0 on everywhere" (the highest version is the mainline one).
import semver from 'semver';

export type Product = 'scylladb' | 'scylla-operator' | 'dynalite' | 'dynamodb-local' | 'dynamodb';

/**
 * The first versions that have a change: one version, or one per release branch that got it as a backport and,
 * highest, the mainline release it first shipped in (every later branch has it).
 */
export type FirstVersions = string | readonly [string, ...string[]];

export interface VersionRange {
  product: Product;
  /** First version(s) the difference holds for. */
  since: FirstVersions;
  /** First version(s) it no longer holds for (exclusive); absent: it still holds in the newest version checked. */
  until?: FirstVersions;
  /**
   * The upstream commit that begins or ends the difference, where one is findable: its tags (and those of its
   * cherry-picks) are what `since`/`until` must say (test/differences/fix-releases.test.ts checks them).
   */
  sinceCommit?: string;
  untilCommit?: string;
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

/** The versions of a FirstVersions, as a list. */
export function firstVersionList(f: FirstVersions): readonly string[] {
  return typeof f === 'string' ? [f] : f;
}

/** The release branch of a comparable version: "2025.1" for 2025.1.4. */
export const releaseBranch = (comparableVersion: string): string => `${semver.major(comparableVersion)}.${semver.minor(comparableVersion)}`;

/** Whether a (comparable) version has the change: from the mainline version on, or on a backport's branch from it on. */
export function hasChange(product: Product, first: FirstVersions, v: string): boolean {
  const firsts = firstVersionList(first).map((f) => comparable(product, f)!);
  const mainline = firsts.reduce((a, b) => (semver.gt(a, b) ? a : b));
  if (semver.gte(v, mainline)) return true;
  return firsts.some((f) => releaseBranch(f) === releaseBranch(v) && semver.gte(v, f));
}

/** Whether a version lies in the range; an unreadable version is "unknown" (undefined). */
export function inRange(range: VersionRange, version: string): boolean | undefined {
  const v = comparable(range.product, version);
  if (v === undefined) return undefined;
  if (!hasChange(range.product, range.since, v)) return false;
  return range.until === undefined || !hasChange(range.product, range.until, v);
}

/** The mainline version of a FirstVersions and its backports ("2025.1.4 on 2025.1"). */
export function describeFirst(product: Product, first: FirstVersions): { mainline: string; backports: string } {
  const list = firstVersionList(first);
  const mainline = list.reduce((a, b) => (semver.gt(comparable(product, a)!, comparable(product, b)!) ? a : b));
  const backports = list.filter((f) => f !== mainline).map((f) => `${f} on ${releaseBranch(comparable(product, f)!)}`);
  return { mainline, backports: backports.length ? `backports: ${backports.join(', ')}` : '' };
}

/** "scylladb 2025.4.0 and later", "scylladb 4.0.0 up to 2025.3.0 (exclusive; backports: 2025.1.4 on 2025.1, 2025.2.0 on 2025.2)". */
export function describeRange(r: VersionRange): string {
  const since = describeFirst(r.product, r.since);
  const from = `${r.product} ${since.mainline}${since.backports ? ` (${since.backports})` : ''}`;
  if (r.until === undefined) return `${from} and later`;
  const until = describeFirst(r.product, r.until);
  return `${from} up to ${until.mainline} (exclusive${until.backports ? `; ${until.backports}` : ''})`;
}
