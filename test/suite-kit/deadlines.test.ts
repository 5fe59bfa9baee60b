// Deadlines come from the endpoint's settings where it declares them, and say so.
import { describe, it, expect } from 'vitest';
import { ttlExpiry, ttlPollMs, streamRecords, indexBuild, type EndpointSettings } from '../../harness/suite-kit/deadlines.ts';

const alternator = (over: Partial<EndpointSettings> = {}): EndpointSettings => ({ target: 'kind', apiProfile: 'alternator', dataPlane: 'scylladb', ...over });

describe('wait deadlines', () => {
  it('TTL expiry: three scan periods and 10 s of the declared alternator_ttl_period_in_seconds, at least 10 s', () => {
    const declared = ttlExpiry(alternator({ target: 'endpoint', ttlScanPeriodSeconds: 60 }));
    expect(declared.ms).toBe(190_000);
    expect(declared.from).toBe('alternator_ttl_period_in_seconds = 60 s (declared with --ttl-period-seconds or ALTERNATOR_E2E_TTL_PERIOD_SECONDS): three scan periods and 10 s, at least 10 s');
    const deployed = ttlExpiry(alternator({ ttlScanPeriodSeconds: 1 }));
    expect(deployed.ms).toBe(13_000);
    expect(deployed.from).toContain('set in scylla.yaml by the kind target');
    expect(ttlExpiry(alternator({ target: 'local', dataPlane: 'dynalite', ttlScanPeriodSeconds: 0.5, emulatedBy: 'the local front door' })).ms).toBe(11_500);
    expect(ttlExpiry(alternator({ target: 'local', ttlScanPeriodSeconds: 0.5, emulatedBy: 'x' })).from).toContain('the emulated scan of the local target');
  });

  it('TTL expiry without a declared period: two minutes, saying no period was declared', () => {
    const d = ttlExpiry({ target: 'dynamodb-local', apiProfile: 'dynamodb', dataPlane: 'dynamodb-local', servedBy: 'AWS DynamoDB Local 1.25.1' });
    expect(d).toEqual({ ms: 120_000, from: 'no TTL scan period declared (AWS DynamoDB Local 1.25.1, which expires items on its own schedule): two minutes' });
  });

  it('TTL polls twice a scan period, between 100 ms and 1 s', () => {
    expect(ttlPollMs(alternator({ ttlScanPeriodSeconds: 1 }))).toBe(500);
    expect(ttlPollMs(alternator({ ttlScanPeriodSeconds: 0.1 }))).toBe(100);
    expect(ttlPollMs(alternator({ ttlScanPeriodSeconds: 60 }))).toBe(1000);
  });

  it('stream records on Alternator wait out alternator_streams_time_window_s; a GSI on AWS may take half an hour', () => {
    expect(streamRecords(alternator())).toMatchObject({ ms: 60_000, from: expect.stringContaining('alternator_streams_time_window_s = 10 s') });
    expect(indexBuild({ target: 'endpoint', apiProfile: 'dynamodb', dataPlane: 'dynamodb' }).ms).toBe(1_800_000);
    expect(indexBuild(alternator()).from).toContain('wait_for_gsi');
  });
});
