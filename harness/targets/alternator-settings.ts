// Alternator settings every target that deploys ScyllaDB (kind, kubeconfig, container) puts in scylla.yaml, and
// declares to the suites through the endpoint contract, so they know what they may observe.
export const ALTERNATOR_SCYLLA_CONFIG = {
  /** db/config.cc alternator_ttl_period_in_seconds (24 h by default, read at start-up): expiry within a run. */
  ttlScanPeriodSeconds: 1,
  /** db/config.cc alternator_streams_increased_compatibility (false by default): exact INSERT/MODIFY events. */
  streamsIncreasedCompatibility: true,
} as const;
