// DynamoDB Local's differences from DynamoDB: each named once, for the dynamodb-local data plane only, with an AWS
// reference; and the subject DynamoDB Local presents (placeholder ScyllaDB versions marked 'not-run') is matched by
// the DynamoDB-API differences whatever those placeholders say.
import { describe, it, expect } from 'vitest';
import { DIFFERENCES, feature, differencesFor, type DifferenceSubject } from '../../harness/differences/registry.ts';

const ddbLocal: DifferenceSubject = { apiProfile: 'dynamodb', dataPlane: 'dynamodb-local', versionsSource: 'not-run', versions: { scylla: '0.0.0', operator: 'v0.0.0' } };
const aws: DifferenceSubject = { apiProfile: 'dynamodb', dataPlane: 'dynamodb' };
const reasonOf = (r: ReturnType<typeof feature>) => (r.ok ? '' : r.reason);

describe('dynamodb-local differences', () => {
  const mine = DIFFERENCES.filter((d) => d.id.startsWith('dynamodb-local-'));

  it('hold for DynamoDB Local 1.25.1 and cite an AWS page', () => {
    expect(mine.length).toBeGreaterThanOrEqual(10);
    for (const d of mine) {
      expect(d.holds, d.id).toEqual({ product: 'dynamodb-local', since: '1.25.1' });
      expect(d.references.some((r) => r.url.startsWith('https://docs.aws.amazon.com/amazondynamodb/')), d.id).toBe(true);
    }
  });

  it('apply to the dynamodb-local data plane only: not to DynamoDB, Alternator or dynalite', () => {
    const others: DifferenceSubject[] = [aws, { apiProfile: 'alternator', dataPlane: 'scylladb' }, { apiProfile: 'alternator', dataPlane: 'dynalite' }];
    for (const d of mine) {
      expect(d.appliesTo(ddbLocal), d.id).toBe(true);
      for (const o of others) expect(d.appliesTo(o), `${d.id} on ${o.dataPlane}`).toBe(false);
    }
  });

  it('take away what DynamoDB Local lacks, naming the difference and its reference in the skip reason', () => {
    for (const [f, id] of [
      ['tags', 'dynamodb-local-no-tagging'],
      ['tls', 'dynamodb-local-plain-http-only'],
      ['signature-verified', 'dynamodb-local-no-authentication'],
      ['rbac', 'dynamodb-local-no-authentication'],
      ['health-check', 'dynamodb-local-no-health-check'],
      ['table-id-uuid', 'dynamodb-local-no-table-id'],
      ['multi-datacenter', 'dynamodb-local-no-regions'],
    ] as const) {
      expect(reasonOf(feature(ddbLocal, f)), f).toMatch(new RegExp(`^not applicable: .*\\[${id}: .*<https://docs\\.aws\\.amazon\\.com/[^>]+>`));
      expect(feature(aws, f).ok, `${f} on DynamoDB`).toBe(true);
    }
  });

  it("Alternator's own settings are missing on any DynamoDB API, even where placeholder ScyllaDB versions (0.0.0) come with it", () => {
    expect(reasonOf(feature(ddbLocal, 'write-isolation'))).toMatch(/\[alternator-own-settings: /);
    expect(feature(aws, 'write-isolation').ok).toBe(false);
    expect(feature({ apiProfile: 'alternator', dataPlane: 'scylladb', versions: { scylla: '2026.2.4', operator: 'v1.21.1' } }, 'write-isolation').ok).toBe(true);
    // No Alternator difference is taken for DynamoDB Local's: they concern the Alternator API only.
    expect(differencesFor(ddbLocal).filter((d) => d.id.startsWith('alternator-')).map((d) => d.id)).toEqual(['alternator-own-settings']);
  });
});
