// An Endpoint contract pointing at a fake endpoint, for load tests.
import type { Endpoint } from '../../harness/endpoint/contract.ts';
import { Variant, promisesOf } from '../../harness/variant/model.ts';

export function endpointFor(
  url: string,
  o: { caPem?: string; tlsServerName?: string; credentials?: { accessKeyId: string; secretAccessKey: string }; variant?: string; writeIsolation?: string } = {},
): Endpoint {
  const variant = Variant.parse({
    name: o.variant ?? 'v1',
    alternator: o.writeIsolation ? { writeIsolation: o.writeIsolation } : {},
    versions: { scylla: '2026.1.0', operator: 'v1.20.0' },
  });
  return {
    runId: 'test-run',
    target: 'local',
    variant,
    promises: promisesOf(variant),
    apiProfile: 'alternator',
    dataPlane: 'unknown',
    versions: variant.versions,
    versionsSource: 'declared',
    datacenters: [
      {
        datacenter: 'dc1',
        httpsUrl: url,
        tlsServerName: o.tlsServerName,
        caBundlePem: o.caPem ?? '',
        credentials: o.credentials,
        clientNames: { dnsNames: [], ipAddresses: [] },
      },
    ],
    tablePrefix: 'e2e_',
    region: 'us-east-1',
    artifactsDir: '/tmp',
    failOnLiftedLimitation: false,
  };
}
