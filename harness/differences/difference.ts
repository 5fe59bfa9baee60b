// What a documented difference is: the type every list (alternator.ts, operator.ts, dynamodb*.ts, local-data-plane.ts)
// declares and registry.ts collects. It lives below both, so the lists need nothing from the registry.
import type { Endpoint } from '../endpoint/contract.ts';
import type { Reference } from './references.ts';
import type { VersionRange } from './versions.ts';
import type { Feature } from './features.ts';

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
