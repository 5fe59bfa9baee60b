// Every known difference between DynamoDB, Alternator, the operator's deployment and the data planes this
// project runs against, named ONCE with where it is written down and the versions it holds for. Suites never
// test `endpoint.target`; they ask for a feature or a difference by name here.
import { formatReference } from './references.ts';
import { inRange, describeRange, type Product } from './versions.ts';
import { ALTERNATOR_DIFFERENCES } from './alternator.ts';
import { OPERATOR_DIFFERENCES } from './operator.ts';
import { LOCAL_DATA_PLANE_DIFFERENCES } from './local-data-plane.ts';
import { DYNAMODB_LOCAL_DIFFERENCES } from './dynamodb-local.ts';
import { DYNAMODB_DIFFERENCES } from './dynamodb.ts';
import type { Difference, DifferenceSubject } from './difference.ts';
import type { Feature } from './features.ts';

export type { Feature } from './features.ts';
export type { Difference, DifferenceSubject, LiftProbe } from './difference.ts';
export type { Reference } from './references.ts';
export type { VersionRange } from './versions.ts';

export const DIFFERENCES: readonly Difference[] = [
  ...ALTERNATOR_DIFFERENCES,
  ...OPERATOR_DIFFERENCES,
  ...LOCAL_DATA_PLANE_DIFFERENCES,
  ...DYNAMODB_DIFFERENCES,
  ...DYNAMODB_LOCAL_DIFFERENCES,
];

/** The subject's version of a product, when the endpoint says it (data planes' versions are pinned by the project). */
function versionOf(e: DifferenceSubject, product: Product): string | undefined {
  // Placeholders of a ScyllaDB and operator that did not run (DynamoDB Local) are no versions to compare.
  if (e.versionsSource === 'not-run') return undefined;
  if (product === 'scylladb') return e.versions?.scylla;
  if (product === 'scylla-operator') return e.versions?.operator;
  return undefined;
}

/** Whether the difference holds for the subject: its predicate, and its version range where the version is known. */
export function holdsFor(d: Difference, e: DifferenceSubject): boolean {
  if (!d.appliesTo(e)) return false;
  const v = versionOf(e, d.holds.product);
  return v === undefined || inRange(d.holds, v) !== false;
}

export function differencesFor(e: DifferenceSubject): Difference[] {
  return DIFFERENCES.filter((d) => holdsFor(d, e));
}

export function differenceById(id: string): Difference {
  const d = DIFFERENCES.find((x) => x.id === id);
  if (!d) throw new Error(`unknown documented difference "${id}"`);
  return d;
}

/** "id: title (reference <url>; holds for …)": what skip reasons and limitation notes carry. */
export function describeDifference(d: Difference): string {
  return `${d.id}: ${d.title} (${d.references.map(formatReference).join('; ')}; holds for ${describeRange(d.holds)})`;
}

/**
 * Whether the deployment offers a feature, and if not, the skip reason naming the difference. `lifted`: ids of
 * differences observed not to hold on this deployment after all (a documented limitation found lifted), which then
 * take nothing away.
 */
export function feature(e: DifferenceSubject, f: Feature, lifted: ReadonlySet<string> = new Set()): { ok: true } | { ok: false; reason: string } {
  const d = differencesFor(e).find((x) => x.removes.includes(f) && !lifted.has(x.id));
  return d ? { ok: false, reason: `not applicable: ${d.title} [${d.id}: ${d.references.map(formatReference).join('; ')}]` } : { ok: true };
}
