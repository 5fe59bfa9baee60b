// The registry of documented differences: every entry traceable (a reference with a link, a version range), and
// the version-ranged gates the suites rely on (RBAC, signing date and scope, table name limits, Streams on tablets).
import { describe, it, expect } from 'vitest';
import { DIFFERENCES, feature, differencesFor, type DifferenceSubject } from '../../harness/differences/registry.ts';
import { comparable, inRange, firstVersionList, releaseBranch, describeRange } from '../../harness/differences/versions.ts';

const scylla = (version: string): DifferenceSubject => ({ apiProfile: 'alternator', dataPlane: 'scylladb', versions: { scylla: version, operator: 'v1.21.1' } });
const ids = (e: DifferenceSubject) => differencesFor(e).map((d) => d.id);

describe('every documented difference is traceable', () => {
  it('has a unique id, a title, at least one reference with text and an https link, and a readable version range', () => {
    expect(new Set(DIFFERENCES.map((d) => d.id)).size).toBe(DIFFERENCES.length);
    for (const d of DIFFERENCES) {
      expect(d.id, d.id).toMatch(/^(alternator|operator|local|dynamodb-local|dynamodb)-[a-z0-9-]+$/);
      expect(d.title.length, d.id).toBeGreaterThan(20);
      expect(d.references.length, `${d.id}: no reference`).toBeGreaterThan(0);
      for (const r of d.references) {
        expect(r.text.trim().length, `${d.id}: empty reference text`).toBeGreaterThan(10);
        expect(() => new URL(r.url), `${d.id}: ${r.url}`).not.toThrow();
        expect(new URL(r.url).protocol, `${d.id}: ${r.url}`).toBe('https:');
      }
      const since = firstVersionList(d.holds.since);
      const until = d.holds.until === undefined ? [] : firstVersionList(d.holds.until);
      for (const v of [...since, ...until]) expect(comparable(d.holds.product, v), `${d.id}: ${v}`).toBeDefined();
      // Each version list names one version per release branch (backports), and the range holds at each since, never at an until.
      for (const list of [since, until]) expect(new Set(list.map((v) => releaseBranch(comparable(d.holds.product, v)!))).size, `${d.id}: one version per branch`).toBe(list.length);
      for (const v of until) expect(inRange(d.holds, v), `${d.id}: until ${v} must be after since`).toBe(false);
      for (const v of since) expect(inRange(d.holds, v), `${d.id}: holds at its own since ${v}`).toBe(true);
    }
  });

  it('a skip reason names the difference with its reference link', () => {
    const r = feature(scylla('2026.2.4'), 'transactions');
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toMatch(/^not applicable: .*\[alternator-no-transactions: .*<https:\/\/github\.com\/scylladb\/scylladb\/[^>]+>/);
  });
});

describe('version ranges', () => {
  it('compares enterprise releases as the open-source release they branched from', () => {
    expect(comparable('scylladb', '2024.1.12')).toBe('5.4.0');
    expect(comparable('scylladb', '2024.2.3')).toBe('6.0.0');
    expect(comparable('scylladb', '2025.4')).toBe('2025.4.0');
    expect(comparable('scylladb', 'nonsense')).toBeUndefined();
    expect(comparable('scylla-operator', 'v1.21.1')).toBe('1.21.1');
  });

  it('RBAC over Alternator from 6.2.0 on (open source 6.2, then the unified line); absent before', () => {
    for (const v of ['6.2.0', '6.2.3', '2025.1.0', '2026.2.4']) expect(feature(scylla(v), 'rbac').ok, v).toBe(true);
    for (const v of ['6.1.3', '5.4.9', '2024.2.0', '2024.1.12']) {
      const r = feature(scylla(v), 'rbac');
      expect(r.ok, v).toBe(false);
      expect(r.ok ? '' : r.reason).toMatch(/alternator-no-rbac/);
    }
    // The local front door emulates a version with RBAC whatever the variant says.
    expect(feature({ apiProfile: 'alternator', dataPlane: 'dynalite', versions: { scylla: '6.0.0', operator: 'v1.21.1' } }, 'rbac').ok).toBe(true);
  });

  it('the signing date is checked everywhere (no difference takes it away); the signing scope is not on Alternator', () => {
    expect(feature(scylla('2026.2.4'), 'signature-expiry').ok).toBe(true);
    expect(feature({ apiProfile: 'dynamodb', dataPlane: 'dynamodb' }, 'signature-expiry').ok).toBe(true);
    expect(feature(scylla('2026.2.4'), 'signature-scope-enforced').ok).toBe(false);
    expect(feature({ apiProfile: 'dynamodb', dataPlane: 'dynamodb' }, 'signature-scope-enforced').ok).toBe(true);
  });

  it('table names: 222 characters before 2025.4, 192 from 2025.4 on', () => {
    expect(ids(scylla('2025.3.2'))).toContain('alternator-table-name-222');
    expect(ids(scylla('2025.3.2'))).not.toContain('alternator-table-name-192');
    expect(ids(scylla('2025.4.0'))).toContain('alternator-table-name-192');
    expect(ids(scylla('2025.4.0'))).not.toContain('alternator-table-name-222');
  });

  it('Streams on tablets: refused before 2026.2.0, allowed from it on', () => {
    expect(ids(scylla('2026.1.3'))).toContain('alternator-streams-need-vnodes');
    expect(ids(scylla('2026.2.0'))).not.toContain('alternator-streams-need-vnodes');
  });

  it('compressed requests and responses from 2026.1.0; multi-buffer compressed responses not run on 2026.1.0-2026.2.4 (CUSTOMER-623)', () => {
    for (const v of ['2025.4.3', '6.2.0']) {
      expect(feature(scylla(v), 'request-compression').ok, v).toBe(false);
      expect(feature(scylla(v), 'response-compression').ok, v).toBe(false);
    }
    for (const v of ['2026.1.0', '2026.1.11', '2026.2.0', '2026.2.4']) {
      expect(feature(scylla(v), 'response-compression').ok, v).toBe(true);
      const r = feature(scylla(v), 'large-compressed-responses');
      expect(r.ok, v).toBe(false);
      expect(r.ok ? '' : r.reason, v).toMatch(/KNOWN CRASH \(CUSTOMER-623\).*\[alternator-response-compression-overflow:/);
    }
    for (const v of ['2026.2.5', '2026.3.0']) expect(feature(scylla(v), 'large-compressed-responses').ok, v).toBe(true);
    // The local front door cannot overflow: it runs the cases whatever version it emulates.
    expect(feature({ apiProfile: 'alternator', dataPlane: 'dynalite', versions: { scylla: '2026.2.4', operator: 'v1.21.1' } }, 'large-compressed-responses').ok).toBe(true);
    // DynamoDB Local has no content codings at all.
    expect(feature({ apiProfile: 'dynamodb', dataPlane: 'dynamodb-local' }, 'request-compression').ok).toBe(false);
    expect(feature({ apiProfile: 'dynamodb', dataPlane: 'dynamodb' }, 'large-compressed-responses').ok).toBe(true);
  });

  it('limits by version: 4096-byte expressions from 5.4.0, name lengths from 2025.2.0, empty names refused from 2026.2.0; the Server header by version', () => {
    expect(feature(scylla('5.2.0'), 'expression-size-limit-4kb').ok).toBe(false);
    expect(feature(scylla('5.4.0'), 'expression-size-limit-4kb').ok).toBe(true);
    expect(feature(scylla('2025.1.0'), 'attribute-name-length-limit').ok).toBe(false);
    expect(feature(scylla('2025.2.0'), 'attribute-name-length-limit').ok).toBe(true);
    expect(feature(scylla('2026.1.3'), 'empty-attribute-name-refused').ok).toBe(false);
    expect(feature(scylla('2026.2.0'), 'empty-attribute-name-refused').ok).toBe(true);
    expect(feature(scylla('2026.2.4'), 'expression-operator-limit-300').ok).toBe(false);
    expect(feature({ apiProfile: 'dynamodb', dataPlane: 'dynamodb' }, 'expression-operator-limit-300').ok).toBe(true);
    expect(ids(scylla('2026.2.4'))).toContain('alternator-server-header-seastar');
    expect(ids(scylla('2026.3.0'))).toContain('alternator-server-header-optional');
    expect(ids(scylla('2026.3.0'))).not.toContain('alternator-server-header-seastar');
  });

  it('an endpoint that does not say its version gets every difference of its kind (the conservative side)', () => {
    expect(ids({ apiProfile: 'alternator', dataPlane: 'scylladb' })).toContain('alternator-streams-need-vnodes');
  });
});

describe('gates of issue 16 (Streams, TTL expiry, indexes, capacity)', () => {
  it('TTL expiry is waited for on Alternator only where the deployment declares a short scan period; never on AWS', () => {
    expect(feature(scylla('2026.2.4'), 'ttl-expiry').ok).toBe(false);
    expect(feature({ ...scylla('2026.2.4'), ttlScanPeriodSeconds: 86400 }, 'ttl-expiry').ok).toBe(false);
    expect(feature({ ...scylla('2026.2.4'), ttlScanPeriodSeconds: 1 }, 'ttl-expiry').ok).toBe(true);
    expect(feature({ apiProfile: 'alternator', dataPlane: 'dynalite', ttlScanPeriodSeconds: 0.5 }, 'ttl-expiry').ok).toBe(true);
    expect(feature({ apiProfile: 'dynamodb', dataPlane: 'dynamodb' }, 'ttl-expiry').ok).toBe(false);
    expect(feature({ apiProfile: 'dynamodb', dataPlane: 'dynamodb-local' }, 'ttl-expiry').ok).toBe(true);
  });

  it('exact stream event types: DynamoDB always, Alternator only with alternator_streams_increased_compatibility from 2026.1', () => {
    expect(feature({ apiProfile: 'dynamodb', dataPlane: 'dynamodb-local' }, 'streams-exact-event-types').ok).toBe(true);
    expect(feature(scylla('2026.2.4'), 'streams-exact-event-types').ok).toBe(false);
    expect(feature({ ...scylla('2026.2.4'), streamsIncreasedCompatibility: true }, 'streams-exact-event-types').ok).toBe(true);
    expect(feature({ ...scylla('2025.4.0'), streamsIncreasedCompatibility: true }, 'streams-exact-event-types').ok).toBe(false);
  });

  it('Streams need the experimental flag before 2026.2; disabled streams stay readable only from 2026.3', () => {
    expect(feature(scylla('2026.1.3'), 'streams').ok).toBe(false);
    expect(feature(scylla('2026.2.4'), 'streams').ok).toBe(true);
    expect(feature(scylla('2026.2.4'), 'streams-disabled-readable').ok).toBe(false);
    expect(feature(scylla('2026.3.0'), 'streams-disabled-readable').ok).toBe(true);
  });

  it('ReturnConsumedCapacity: single items from 2025.1, batches from 2025.2, BatchGetItem exact from 2025.3.3', () => {
    expect(feature(scylla('6.2.0'), 'consumed-capacity').ok).toBe(false);
    expect(feature(scylla('2025.1.0'), 'consumed-capacity').ok).toBe(true);
    expect(feature(scylla('2025.1.0'), 'consumed-capacity-batch').ok).toBe(false);
    expect(feature(scylla('2025.2.0'), 'consumed-capacity-batch').ok).toBe(true);
    expect(feature(scylla('2025.3.2'), 'consumed-capacity-batch-get-exact').ok).toBe(false);
    expect(feature(scylla('2025.3.3'), 'consumed-capacity-batch-get-exact').ok).toBe(true);
    expect(feature(scylla('2026.2.4'), 'consumed-capacity-query-scan').ok).toBe(false);
    expect(feature({ apiProfile: 'dynamodb', dataPlane: 'dynamodb' }, 'consumed-capacity-query-scan').ok).toBe(true);
  });

  it('ReturnValuesOnConditionCheckFailure from 6.0.0', () => {
    expect(feature(scylla('5.4.9'), 'return-values-on-condition-check-failure').ok).toBe(false);
    expect(feature(scylla('6.0.0'), 'return-values-on-condition-check-failure').ok).toBe(true);
  });
});

describe('per-branch ranges (backports)', () => {
  const fixed = { product: 'scylladb' as const, since: '4.0.0', until: ['2025.1.4', '2025.2.0', '2025.3.0'] as const };

  it('a fix backported to older branches ends the range on each branch at its own version', () => {
    const holds = (v: string) => inRange(fixed, v);
    expect(['6.2.3', '2025.1.0', '2025.1.3'].map(holds)).toEqual([true, true, true]);
    expect(['2025.1.4', '2025.1.14', '2025.2.0', '2025.2.5', '2025.3.0', '2026.2.4'].map(holds)).toEqual([false, false, false, false, false, false]);
    // A branch without a backport keeps the difference until the mainline release.
    const onlyOld = { product: 'scylladb' as const, since: '4.0.0', until: ['2025.1.4', '2025.3.0'] as const };
    expect(inRange(onlyOld, '2025.2.9')).toBe(true);
    expect(inRange(onlyOld, '2025.1.4')).toBe(false);
  });

  it('a difference that begins by a backport begins on each branch at its own version', () => {
    const begins = { product: 'scylladb' as const, since: ['2025.2.3', '2025.3.1', '2025.4.0'] as const };
    expect(['2025.2.2', '2025.3.0', '2025.1.14'].map((v) => inRange(begins, v))).toEqual([false, false, false]);
    expect(['2025.2.3', '2025.3.1', '2025.4.0', '2026.1.0'].map((v) => inRange(begins, v))).toEqual([true, true, true, true]);
  });

  it('is described with its backports', () => {
    expect(describeRange(fixed)).toBe('scylladb 4.0.0 up to 2025.3.0 (exclusive; backports: 2025.1.4 on 2025.1, 2025.2.0 on 2025.2)');
    expect(describeRange({ product: 'scylladb', since: ['2025.2.3', '2025.4.0'] })).toBe('scylladb 2025.4.0 (backports: 2025.2.3 on 2025.2) and later');
  });

  it('the TTL tag is invisible from 2025.1.4 on 2025.1 and on all of 2025.2 (6cbcabd100 and its backports)', () => {
    for (const v of ['2025.1.3', '2024.2.1', '6.2.0']) expect(feature(scylla(v), 'ttl-tag-invisible').ok, v).toBe(false);
    for (const v of ['2025.1.4', '2025.2.0', '2025.3.0']) expect(feature(scylla(v), 'ttl-tag-invisible').ok, v).toBe(true);
  });

  it('#23233 is checked from 2025.3.0, #25701 from 2025.2.3, 2025.3.1 and 2025.4.0', () => {
    expect(feature(scylla('2025.2.9'), 'batch-write-payload-validated').ok).toBe(false);
    expect(feature(scylla('2025.3.0'), 'batch-write-payload-validated').ok).toBe(true);
    for (const v of ['2025.1.14', '2025.2.2', '2025.3.0']) expect(feature(scylla(v), 'base64-0xff-refused').ok, v).toBe(false);
    for (const v of ['2025.2.3', '2025.3.1', '2025.4.0']) expect(feature(scylla(v), 'base64-0xff-refused').ok, v).toBe(true);
  });
});

describe('Streams follow experimental_features, not the version alone', () => {
  const withStreams = (v: string): DifferenceSubject => ({ ...scylla(v), experimentalFeatures: ['alternator-streams'] });

  it('2025.1 to 2026.1 with experimental_features: [alternator-streams] offer Streams; without it they are not applicable, naming the difference', () => {
    for (const v of ['2025.1.0', '2025.1.4', '2025.4.2', '2026.1.3', '6.2.0', '4.3.0']) {
      expect(feature(withStreams(v), 'streams').ok, v).toBe(true);
      const r = feature(scylla(v), 'streams');
      expect(r.ok, v).toBe(false);
      expect(r.ok ? '' : r.reason).toMatch(/experimental_features: \[alternator-streams\].*\[alternator-streams-experimental: /);
    }
    expect(feature(scylla('2026.2.0'), 'streams').ok).toBe(true);
    // Before 4.3.0 there are no Streams whatever the configuration.
    expect(feature(withStreams('4.2.3'), 'streams').ok).toBe(false);
  });

  it('cases needing later fixes keep their own gates on 2025.1 with Streams enabled', () => {
    const e = withStreams('2025.1.4');
    expect(feature(e, 'streams').ok).toBe(true);
    for (const f of ['stream-shard-filter', 'stream-arn-names-table', 'list-streams-arn-cookie', 'streams-disabled-readable'] as const) expect(feature(e, f).ok, f).toBe(false);
    expect(feature(e, 'get-records-limit-1000').ok).toBe(true); // 84fd52315f, backported to 2025.1.2
    expect(feature(withStreams('2025.1.1'), 'get-records-limit-1000').ok).toBe(false);
  });
});

