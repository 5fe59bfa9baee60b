// Multi-datacenter limitations of Alternator as the operator deploys it (one ScyllaCluster per datacenter, joined
// through externalSeeds); suites/limitations/multidc reproduces them and reports them lifted when a deployment
// behaves otherwise. Manual multi-DC deployments exist since operator v1.11; the page's "Multi-datacenter limitations"
// section since v1.21.0; operator-managed Alternator serving CAs since v1.12.0 (pkg/controller/scyllacluster/
// sync_certs.go there, pkg/controller/scylladbdatacenter/sync_certs.go from the ScyllaDBDatacenter migration on).
import type { Difference, DifferenceSubject } from './difference.ts';
import { operatorDoc, operatorSource, scyllaSource } from './references.ts';

const alternator = (e: DifferenceSubject) => e.apiProfile === 'alternator';
const PAGE = 'docs/source/connect-your-app/alternator.md';
const SINCE = 'v1.11.0';

export const OPERATOR_DIFFERENCES: Difference[] = [
  {
    id: 'operator-multidc-per-dc-endpoints',
    title:
      'Alternator endpoints are per datacenter: nothing routes DynamoDB API requests across datacenters, and /localnodes (without ?dc=) lists only the local datacenter',
    references: [operatorDoc(PAGE, 'Multi-datacenter limitations: No built-in cross-DC routing'), scyllaSource('alternator/server.cc', 'local_nodelist_handler')],
    holds: { product: 'scylla-operator', since: SINCE },
    appliesTo: alternator,
    removes: [],
  },
  {
    id: 'operator-multidc-dc-local-credentials',
    // A claim of the operator's page that ScyllaDB's source contradicts: Alternator reads credentials from
    // system.roles (alternator/auth.cc get_key_from_roles), one table for the whole cluster, and ScyllaClusters joined
    // through externalSeeds form one cluster. A real deployment is expected to show it lifted: the report says so.
    title: "Alternator credentials are DC-local (the operator's page): each ScyllaCluster has its own, so one datacenter's are refused by another",
    references: [operatorDoc(PAGE, 'Multi-datacenter limitations: Authentication tokens are DC-local'), scyllaSource('alternator/auth.cc', 'get_key_from_roles (reads system.roles)')],
    holds: { product: 'scylla-operator', since: SINCE },
    appliesTo: alternator,
    removes: [],
  },
  {
    // The page's "Connect with AWS CLI" Step 4 reads this ConfigMap whatever the certificate type; the operator makes it
    // only in its OperatorManaged branch. With UserManaged the user holds the CA that signed their certificate.
    id: 'operator-alternator-serving-ca-operator-managed-only',
    title:
      "the operator publishes the Alternator serving CA (configmap/<cluster-name>-alternator-local-serving-ca, the page's Step 4) only for an OperatorManaged certificate: with a UserManaged one there is no such ConfigMap and the user's own CA validates Alternator HTTPS",
    references: [
      operatorSource('pkg/controller/scylladbdatacenter/sync_certs.go', 'syncCerts ("Setup Alternator certificates": ManageCertificates only when servingCertificate is unset or OperatorManaged)'),
      operatorDoc(PAGE, 'Connect with AWS CLI, Step 4: Download the TLS CA bundle'),
    ],
    holds: { product: 'scylla-operator', since: 'v1.12.0', sinceCommit: 'a8730d98b' },
    appliesTo: alternator,
    removes: [],
  },
  {
    id: 'operator-multidc-dc-local-serving-ca',
    title: "each ScyllaCluster has its own Alternator serving CA, so one datacenter's CA bundle does not validate another's certificate",
    references: [
      operatorDoc(PAGE, 'TLS certificate resources (configmap/<cluster-name>-alternator-local-serving-ca, one per ScyllaCluster)'),
      operatorDoc(PAGE, 'Multi-datacenter limitations'),
    ],
    holds: { product: 'scylla-operator', since: 'v1.12.0', sinceCommit: 'a8730d98b' },
    appliesTo: alternator,
    removes: [],
  },
];
