// Every known difference between DynamoDB, Alternator and the local target's data plane, named ONCE with
// its reference. Suites never test `endpoint.target`; they ask for a feature or a difference by name here.
import type { Endpoint } from '../endpoint/contract.ts';

export type Feature =
  | 'transactions'
  | 'partiql'
  | 'streams'
  | 'ttl'
  | 'ttl-expiry'
  | 'gsi-update'
  | 'tags'
  | 'rbac'
  | 'signature-expiry'
  | 'provisioned-throughput-enforced'
  | 'exact-error-messages'
  | 'rmw-anomalies-reproducible';

export interface Difference {
  id: string;
  title: string;
  /** Where it is documented (document#section or issue). */
  reference: string;
  appliesTo(e: Pick<Endpoint, 'apiProfile' | 'dataPlane'>): boolean;
  /** Features this difference takes away. */
  removes: Feature[];
}

const alternator = (e: Pick<Endpoint, 'apiProfile'>) => e.apiProfile === 'alternator';
const dynalite = (e: Pick<Endpoint, 'dataPlane'>) => e.dataPlane === 'dynalite';
const COMPAT = 'scylladb/scylladb docs/alternator/compatibility.md';

export const DIFFERENCES: Difference[] = [
  {
    id: 'alternator-no-transactions',
    title: 'TransactWriteItems and TransactGetItems are not implemented',
    reference: `${COMPAT} "Transactions"`,
    appliesTo: alternator,
    removes: ['transactions'],
  },
  {
    id: 'alternator-no-partiql',
    title: 'PartiQL (ExecuteStatement, BatchExecuteStatement, ExecuteTransaction) is not implemented',
    reference: `${COMPAT} "Unimplemented API features"`,
    appliesTo: alternator,
    removes: ['partiql'],
  },
  {
    id: 'alternator-ttl-period',
    title: 'expired items are removed by a periodic scan (alternator_ttl_period_in_seconds, 24 hours by default), not within minutes',
    reference: `${COMPAT} "Time To Live (TTL)"`,
    appliesTo: alternator,
    removes: ['ttl-expiry'],
  },
  {
    id: 'alternator-no-signature-expiry',
    title: 'the SigV4 signing date is not compared with the server clock (stale or replayed signatures are accepted)',
    reference: 'scylladb/scylladb alternator/server.cc verify_signature; alternator/auth.cc',
    appliesTo: alternator,
    removes: ['signature-expiry'],
  },
  {
    id: 'alternator-provisioned-throughput-ignored',
    title: 'BillingMode and ProvisionedThroughput are accepted but not enforced',
    reference: `${COMPAT} "Provisioning"`,
    appliesTo: alternator,
    removes: ['provisioned-throughput-enforced'],
  },
  {
    id: 'alternator-error-messages',
    title: 'error messages differ in wording from DynamoDB (types match)',
    reference: `${COMPAT} "Error messages"`,
    appliesTo: alternator,
    removes: ['exact-error-messages'],
  },
  {
    id: 'local-no-streams',
    title: 'the local data plane (dynalite) has no DynamoDB Streams',
    reference: 'dynalite README, "Problems"; harness/targets/local/data-plane.ts',
    appliesTo: dynalite,
    removes: ['streams'],
  },
  {
    id: 'local-no-gsi-update',
    title: 'the local data plane (dynalite) cannot add a GSI to an existing table with items backfilled',
    reference: 'dynalite actions/updateTable.js',
    appliesTo: dynalite,
    removes: ['gsi-update'],
  },
  {
    id: 'local-atomic-rmw',
    title: 'the local data plane applies every conditional write atomically, so unsafe_rmw anomalies cannot occur there',
    reference: 'dynalite db/index.js (per-item lock); harness/targets/local/front-door.ts',
    appliesTo: dynalite,
    removes: ['rmw-anomalies-reproducible'],
  },
];

export function differencesFor(e: Pick<Endpoint, 'apiProfile' | 'dataPlane'>): Difference[] {
  return DIFFERENCES.filter((d) => d.appliesTo(e));
}

export function differenceById(id: string): Difference {
  const d = DIFFERENCES.find((x) => x.id === id);
  if (!d) throw new Error(`unknown documented difference "${id}"`);
  return d;
}

/** Whether the deployment offers a feature, and if not, the skip reason naming the difference. */
export function feature(e: Pick<Endpoint, 'apiProfile' | 'dataPlane'>, f: Feature): { ok: true } | { ok: false; reason: string } {
  const d = differencesFor(e).find((x) => x.removes.includes(f));
  return d ? { ok: false, reason: `not applicable: ${d.title} [${d.id}: ${d.reference}]` } : { ok: true };
}
