// The registry's gates the auth suites rely on: which deployments offer RBAC over Alternator, check the signing
// date, and enforce the signing scope.
import { describe, it, expect } from 'vitest';
import { feature, scyllaHasAlternatorRbac } from '../../harness/differences/registry.ts';

const scylla = (version: string) => ({ apiProfile: 'alternator' as const, dataPlane: 'scylladb' as const, versions: { scylla: version, operator: 'v1.21.1' } });

describe('registry gates for the auth suites', () => {
  it('RBAC over Alternator: from the unified 2025.1 release on; not the 6.x open-source or 2024.x enterprise lines', () => {
    expect(['2025.1.0', '2025.4', '2026.2.4'].map(scyllaHasAlternatorRbac)).toEqual([true, true, true]);
    expect(['6.2.1', '6.1.3', '5.4.9', '2024.2.0', '2024.1.12', 'nonsense'].map(scyllaHasAlternatorRbac)).toEqual([false, false, false, false, false, false]);
  });

  it('feature rbac: absent on an old ScyllaDB (naming the difference), present on a new one and on the local front door', () => {
    const old = feature(scylla('6.1.0'), 'rbac');
    expect(old.ok).toBe(false);
    expect(old.ok ? '' : old.reason).toMatch(/^not applicable: .*alternator-no-rbac/);
    expect(feature(scylla('2025.1.0'), 'rbac').ok).toBe(true);
    expect(feature({ apiProfile: 'alternator', dataPlane: 'dynalite', versions: { scylla: '6.0.0', operator: 'v1.21.1' } }, 'rbac').ok).toBe(true);
  });

  it('signing date and scope: Alternator checks neither (documented differences), DynamoDB checks both', () => {
    for (const f of ['signature-expiry', 'signature-scope-enforced'] as const) {
      expect(feature(scylla('2026.2.4'), f).ok, f).toBe(false);
      expect(feature({ apiProfile: 'dynamodb', dataPlane: 'dynamodb' }, f).ok, f).toBe(true);
    }
  });
});
