// How long each kind of wait in the suites may last, from the endpoint's settings where it declares them (the TTL scan
// period) and otherwise from the ScyllaDB default that bounds the wait, or the reference test's own bound, each named
// in `from` so a wait that runs out says why it waited that long. A wait ends as soon as its condition holds
// (harness/suite-kit/timing.ts), so a generous deadline costs nothing on a deployment that behaves.
import type { Endpoint } from '../endpoint/contract.ts';
import type { Deadline } from './timing.ts';

const SECOND = 1000;

/** What of the endpoint the deadlines read. */
export type EndpointSettings = Pick<Endpoint, 'target' | 'apiProfile' | 'dataPlane' | 'ttlScanPeriodSeconds' | 'emulatedBy' | 'servedBy'>;

/** Who set the endpoint's TTL scan period (for a deadline's `from`). */
function ttlPeriodDeclaredBy(e: EndpointSettings): string {
  if (e.emulatedBy) return `the emulated scan of the ${e.target} target`;
  if (e.target === 'endpoint') return 'declared with --ttl-period-seconds or ALTERNATOR_E2E_TTL_PERIOD_SECONDS';
  return `set in scylla.yaml by the ${e.target} target`;
}

/**
 * Expiry of an item whose TTL has passed: Alternator deletes it in the first background scan after that, one every
 * alternator_ttl_period_in_seconds (alternator/ttl.cc expiration_service::run; test_ttl.py waits for expiration
 * only where the period is at most 1 s). Three periods and 10 s: a scan that started just before the write, the
 * next one, and a scan of a loaded node running late. Without a declared period (DynamoDB Local, which expires on its
 * own schedule; Alternator cases are not applicable then), two minutes.
 */
export function ttlExpiry(e: EndpointSettings): Deadline {
  const period = e.ttlScanPeriodSeconds;
  if (period === undefined)
    return { ms: 120 * SECOND, from: `no TTL scan period declared (${e.servedBy ?? e.target}, which expires items on its own schedule): two minutes` };
  return {
    ms: Math.max(10 * SECOND, (3 * period + 10) * SECOND),
    from: `alternator_ttl_period_in_seconds = ${period} s (${ttlPeriodDeclaredBy(e)}): three scan periods and 10 s, at least 10 s`,
  };
}

/** How often to look for an expiry: twice a scan period, between 100 ms and 1 s. */
export function ttlPollMs(e: EndpointSettings): number {
  return Math.min(SECOND, Math.max(100, ((e.ttlScanPeriodSeconds ?? 2) * SECOND) / 2));
}

/**
 * ScyllaDB's alternator_streams_time_window_s (db/config.cc, 10 s by default; no target changes it, and ScyllaDB's own
 * test/alternator/run sets it to 0): GetRecords returns only records older than that window (alternator/streams.cc
 * executor::get_records, high_ts = now - confidence_interval).
 */
export const STREAMS_TIME_WINDOW_DEFAULT_S = 10;

/**
 * Stream records of writes just made: the time window, then test_streams.py fetch_and_compare_events' own 20 s
 * (with the window at 0), twice over for a loaded cluster. DynamoDB and DynamoDB Local publish within seconds.
 */
export function streamRecords(e: EndpointSettings): Deadline {
  if (e.apiProfile !== 'alternator') return { ms: 60 * SECOND, from: `${e.servedBy ?? e.target} publishes stream records within seconds; test_streams.py waits 20 s, three times that here` };
  return {
    ms: 2 * (STREAMS_TIME_WINDOW_DEFAULT_S + 20) * SECOND,
    from: `alternator_streams_time_window_s = ${STREAMS_TIME_WINDOW_DEFAULT_S} s (ScyllaDB's default, alternator/streams.cc get_records) plus test_streams.py's 20 s, doubled for a loaded cluster`,
  };
}

/**
 * A stream's status after it was enabled or disabled (ENABLED, DISABLED): Alternator changes it with the table's
 * schema, before UpdateTable answers; DynamoDB passes through ENABLING/DISABLING. test_streams.py
 * wait_for_active_stream waits 60 s.
 */
export function streamStatus(_e: EndpointSettings): Deadline {
  return { ms: 60 * SECOND, from: 'test_streams.py wait_for_active_stream (60 s): DynamoDB passes through ENABLING/DISABLING, Alternator switches with the schema change' };
}

/**
 * A GSI added to a live table becoming ACTIVE (backfill done), or a deleted one gone: test/alternator/util.py
 * wait_for_gsi allows 60 s off AWS and 1,800 s on DynamoDB ("adding a GSI, even to a tiny table, seems to take as
 * much as 20 minutes"). Off AWS four times the reference's 60 s: a view build on a loaded cluster of 1-CPU members.
 */
export function indexBuild(e: EndpointSettings): Deadline {
  if (e.dataPlane === 'dynamodb') return { ms: 1800 * SECOND, from: 'test/alternator/util.py wait_for_gsi on AWS (1,800 s: DynamoDB may take 20 minutes to add a GSI)' };
  return { ms: 240 * SECOND, from: 'test/alternator/util.py wait_for_gsi (60 s off AWS), four times over for a loaded cluster' };
}

/**
 * A write showing in a GSI: index updates are asynchronous (on Alternator a materialized view) and no setting bounds
 * their lag. test_gsi.py assert_index_query retries for 5 s; three times that here.
 */
export function indexRead(_e: EndpointSettings): Deadline {
  return { ms: 15 * SECOND, from: 'test_gsi.py assert_index_query (5 retries 1 s apart), three times over: GSI updates are asynchronous and no setting bounds their lag' };
}

/**
 * A changed permission taking effect: ScyllaDB caches permissions for permissions_validity_in_ms (db/config.cc, 10,000
 * ms by default, no target changes it), as test_cql_rbac.py's authorized()/unauthorized() note. Twice the validity.
 */
export const PERMISSIONS_VALIDITY_DEFAULT_MS = 10_000;
export function permissionsCache(_e: EndpointSettings): Deadline {
  return { ms: 2 * PERMISSIONS_VALIDITY_DEFAULT_MS, from: `permissions_validity_in_ms = ${PERMISSIONS_VALIDITY_DEFAULT_MS} (ScyllaDB's default permissions cache, db/config.cc), twice over` };
}

/**
 * Table metadata that follows an update on DynamoDB (tags, TTL status, stream specification): Alternator applies each
 * as a schema change before it answers, DynamoDB asynchronously (UpdateTimeToLive passes through ENABLING). No setting
 * bounds it; 60 s.
 */
export function tableMetadata(e: EndpointSettings): Deadline {
  return {
    ms: 60 * SECOND,
    from: e.apiProfile === 'alternator' ? 'none needed on Alternator (a schema change completes before the request answers); 60 s as on DynamoDB' : `${e.servedBy ?? e.target} applies table metadata asynchronously; no setting bounds it: 60 s`,
  };
}

/**
 * An eventually consistent read seeing a write just acknowledged: within a datacenter a read at LOCAL_ONE may reach a
 * replica the write has not reached yet; no setting bounds the lag. 5 s.
 */
export function eventualRead(_e: EndpointSettings): Deadline {
  return { ms: 5 * SECOND, from: 'an eventually consistent read (LOCAL_ONE) may reach a replica the write has not reached yet; no setting bounds it: 5 s' };
}
