// Alternator settings every target that deploys ScyllaDB (kind, kubeconfig, container) puts in scylla.yaml, and
// declares to the suites through the endpoint contract, so they know what they may observe.
import { differenceById } from '../differences/registry.ts';
import { ALTERNATOR_STREAMS_FEATURE } from '../differences/alternator.ts';
import { inRange } from '../differences/versions.ts';

export const ALTERNATOR_SCYLLA_CONFIG = {
  /** db/config.cc alternator_ttl_period_in_seconds (24 h by default, read at start-up): expiry within a run. */
  ttlScanPeriodSeconds: 1,
  /** db/config.cc alternator_streams_increased_compatibility (false by default): exact INSERT/MODIFY events. */
  streamsIncreasedCompatibility: true,
} as const;

/**
 * scylla.yaml experimental_features a ScyllaDB version needs for what the suites check: alternator-streams where
 * Streams are still experimental (difference alternator-streams-experimental: 4.3.0 up to 2026.2.0), as ScyllaDB's
 * own test/alternator/run turns it on. Not set from 2026.2.0 on, where db/config.cc maps the name to UNUSED; a version
 * that cannot be read gets it too (every release that knows the name accepts it).
 */
export function experimentalFeaturesFor(scyllaVersion: string): string[] {
  const experimental = inRange(differenceById('alternator-streams-experimental').holds, scyllaVersion);
  return experimental === false ? [] : [ALTERNATOR_STREAMS_FEATURE];
}

/** The settings above plus the experimental features of the version deployed, as the endpoint contract declares them. */
export function alternatorScyllaConfig(scyllaVersion: string) {
  return { ...ALTERNATOR_SCYLLA_CONFIG, experimentalFeatures: experimentalFeaturesFor(scyllaVersion) };
}

/** scylla.yaml's experimental_features for a version, omitted where it needs none. */
export function experimentalFeaturesSetting(scyllaVersion: string): { experimental_features?: string[] } {
  const features = experimentalFeaturesFor(scyllaVersion);
  return features.length ? { experimental_features: features } : {};
}
