// Every known difference between DynamoDB, Alternator, the operator's deployment and the data planes this
// project runs against, named ONCE with where it is written down and the versions it holds for. Suites never
// test `endpoint.target`; they ask for a feature or a difference by name here.
import type { Endpoint } from '../endpoint/contract.ts';
import { formatReference, type Reference } from './references.ts';
import { inRange, describeRange, type Product, type VersionRange } from './versions.ts';
import { ALTERNATOR_DIFFERENCES } from './alternator.ts';
import { OPERATOR_DIFFERENCES } from './operator.ts';
import { LOCAL_DATA_PLANE_DIFFERENCES } from './local-data-plane.ts';
import { DYNAMODB_LOCAL_DIFFERENCES } from './dynamodb-local.ts';
import { DYNAMODB_DIFFERENCES } from './dynamodb.ts';
import type { Feature } from './features.ts';

export type { Feature } from './features.ts';
export type { Reference } from './references.ts';
export type { VersionRange } from './versions.ts';

export interface Difference {
  id: string;
  title: string;
  /** Where it is written down: upstream file and function, a test/alternator test, an issue, an AWS page. */
  references: [Reference, ...Reference[]];
  /** The versions of the product that differs for which it holds. */
  holds: VersionRange;
  /** Which deployments it concerns (API profile, data plane); the version range is checked besides. */
  appliesTo(e: DifferenceSubject): boolean;
  /** Features this difference takes away. */
  removes: Feature[];
  /** For an operation documented as unimplemented: how a run observes it answering after all (suite-kit/lifted.ts). */
  liftProbe?: LiftProbe;
}

/**
 * A request the unimplemented operation would answer if it were implemented. It names a table that does not exist,
 * so it changes nothing and needs no table: an implementation answers HTTP 200 or ResourceNotFoundException (the
 * operation's own error for a missing table, AWS API Reference), Alternator refuses the operation itself first
 * (server.cc handle_api_request looks the operation up before reading the request: UnknownOperationException).
 */
export interface LiftProbe {
  operation: string;
  request(missingTable: string): Record<string, unknown>;
}

/** What a difference may depend on; the optional fields may be missing, so callers holding only the profile still work. */
export type DifferenceSubject = Pick<Endpoint, 'apiProfile' | 'dataPlane'> &
  Partial<Pick<Endpoint, 'versions' | 'versionsSource' | 'ttlScanPeriodSeconds' | 'streamsIncreasedCompatibility' | 'experimentalFeatures'>>;

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
