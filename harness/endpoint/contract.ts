// The endpoint contract: everything a target hands to a suite, and the only thing a suite may use.
// It is plain JSON so it can cross into vitest workers through provide/inject.
import type { Promises, Variant, Versions } from '../variant/model.ts';
import type { VersionsSource } from '../report/results.ts';

export interface Credentials {
  /** Alternator: the CQL role name. */
  accessKeyId: string;
  /** Alternator: the role's salted_hash. Never printed, never written to a report. */
  secretAccessKey: string;
}

/** A second role for authorization tests, with what it may do (CQL permissions on Alternator tables). */
export interface ExtraRole extends Credentials {
  description: string;
  /**
   * Permissions the role holds ON ALL KEYSPACES (so on every table); `undefined` = unknown (the target cannot say).
   * Grants on single tables are not declared: suite tables are created per run, and a role holding CREATE gets
   * its own tables' permissions through Alternator's auto-grant (the RBAC suite relies on that).
   */
  permissions?: string[];
  /** false: the role was created WITH LOGIN = false, so authentication must refuse it. Absent: a login role. */
  login?: boolean;
}

export interface DatacenterEndpoint {
  datacenter: string;
  /** Where to connect for HTTPS (may be a forwarded local address). */
  httpsUrl: string;
  /** Hostname to verify the certificate against when the URL's host is only a forwarded address (SNI too). */
  tlsServerName?: string;
  /** The CA bundle the deployment publishes (`<sc>-alternator-local-serving-ca` / `ca-bundle.crt`). */
  caBundlePem: string;
  /** Where the DynamoDB Streams API is served when not at `httpsUrl` (AWS: its own endpoint). */
  streamsUrl?: string;
  /** Plain HTTP, present only when the variant enables it. */
  httpUrl?: string;
  /** HTTP address checked to be closed when the variant disables HTTP (where the target can name one). */
  httpProbeUrl?: string;
  credentials?: Credentials;
  extraRoles?: ExtraRole[];
  /** Names and addresses clients use, which the serving certificate must cover (besides the variant's additional ones). */
  clientNames: { dnsNames: string[]; ipAddresses: string[] };
  /** UserManaged: the certificate in the user's Secret, which must be exactly the one served. */
  userCertificatePem?: string;
  /**
   * ScyllaDB's Prometheus endpoints (`http://<node>:9180/metrics`), one per node serving this datacenter, ALL of them:
   * a request is counted on the node that coordinated it, so suites sum a metric over every URL. Absent: the target
   * gives no access to metrics.
   */
  metricsUrls?: string[];
  /** Kubernetes targets: where the operator page's own kubectl steps find this datacenter (suites/docs). */
  operatorPage?: OperatorPageAccess;
}

/**
 * What the operator's Alternator page needs to run its kubectl commands against this datacenter's ScyllaCluster:
 * the cluster (kubeconfig file and context, never the user's current one), namespace, ScyllaCluster name, the CQL
 * role of its Step 2 and the password cqlsh asks for in its Step 3 (redacted in reports), and the client Service's
 * HTTPS port its Step 1 URL names.
 */
export interface OperatorPageAccess {
  kubeconfigFile: string;
  context?: string;
  namespace: string;
  clusterName: string;
  cqlUser: string;
  cqlPassword: string;
  httpsPort: number;
}

/** What a user's endpoint may declare beyond its address: extra roles, the TTL scan period, metrics URLs. */
export type Declaration = 'extraRoles' | 'ttlScanPeriod' | 'metricsUrls';

export type ApiProfile = 'alternator' | 'dynamodb';
/** What actually stores the data; documented differences are keyed on it and on the API profile. */
export type DataPlane = 'scylladb' | 'dynalite' | 'dynamodb' | 'dynamodb-local' | 'unknown';

export interface Endpoint {
  runId: string;
  target: string;
  variant: Variant;
  promises: Promises;
  apiProfile: ApiProfile;
  dataPlane: DataPlane;
  versions: Versions;
  /**
   * Where `versions` come from: deployed by the target, declared by the user, emulated (nothing of ScyllaDB ran), or
   * not-run (another DynamoDB implementation served the API: the versions are placeholders, see `servedBy`).
   */
  versionsSource: VersionsSource;
  /** Set with versionsSource 'not-run': what served the API instead of ScyllaDB (e.g. "AWS DynamoDB Local 1.25.1"). */
  servedBy?: string;
  /**
   * Set when this project's own code produces the Alternator behaviour the suites observe (the local target's front
   * door): what emulates it. Limitations observed there are "emulated", never "reproduced".
   */
  emulatedBy?: string;
  datacenters: DatacenterEndpoint[];
  /** Table name prefix for this run; every suite table starts with it (cleanup relies on this). */
  tablePrefix: string;
  /** Signing region suites use; Alternator takes it from the request itself. */
  region: string;
  /** Where the run writes artifacts (diagnostics, histories). */
  artifactsDir: string;
  /** Outcome policy for documented limitations found lifted. */
  failOnLiftedLimitation: boolean;
  /** Outcome policy for a documentation page found to disagree with the deployment (suites/docs); absent: report only. */
  failOnDocumentationDiffers?: boolean;
  /**
   * false (`run --no-shared-tables`): a suite file that would join the deployment's shared table of a key schema
   * (harness/endpoint/shared-tables.ts) creates and deletes its own, as before sharing; to measure what sharing saves.
   * Absent: shared.
   */
  sharedTables?: boolean;
  /** Multi-DC: what the deployment promises about sharing between its datacenters (absent: nothing promised). */
  datacenterSharing?: DatacenterSharing;
  /**
   * Alternator's expiration scan period (scylla.yaml alternator_ttl_period_in_seconds), when the target knows it: a
   * Kubernetes variant that sets it in the ScyllaCluster's scylla config, the local front door's emulated scan.
   * Absent: the ScyllaDB default (86400 s) is assumed and TTL expiry is not waited for.
   */
  ttlScanPeriodSeconds?: number;
  /**
   * Declarations the user could have made and did not (endpoint target): how to make each, so a case that needs it
   * names the flag or variable in its "not applicable" reason. Targets that provide everything leave it absent.
   */
  undeclared?: Partial<Record<Declaration, string>>;
  /** scylla.yaml alternator_streams_increased_compatibility is true (ScyllaDB 2026.1+); absent: not promised. */
  streamsIncreasedCompatibility?: boolean;
  /**
   * scylla.yaml experimental_features the deployment enables (db/config.cc experimental_features_t), e.g.
   * "alternator-streams", which Alternator Streams need before 2026.2.0. Absent: none known to be enabled.
   */
  experimentalFeatures?: string[];
  /** What the target saw the operator do, for suites to report on (Kubernetes targets only). */
  operatorObservations?: OperatorObservations;
}

/**
 * UserManaged serving certificate: which Secret the operator's StatefulSet mounts for a ScyllaCluster whose
 * userManagedOptions.secretName names another one (scylladb/scylla-operator#2248: v1.21.1 mounts `defaultName`).
 * `mounted` is absent when it could not be observed (`problem` says why).
 */
export interface SecretNameObservation {
  requested: string;
  defaultName: string;
  mounted?: string;
  /** Where it was read (object and field), for the report. */
  source: string;
  problem?: string;
}

export interface OperatorObservations {
  userManagedSecretName?: SecretNameObservation;
}

/**
 * 'datacenter-local': each datacenter has its own (separate ScyllaClusters, as the operator docs describe);
 * 'shared': the user configured the same in every datacenter. A missing field promises nothing, and the documented
 * DC-local behaviour is then checked as a limitation (reproduced or lifted).
 */
export interface DatacenterSharing {
  credentials?: 'datacenter-local' | 'shared';
  servingCA?: 'datacenter-local' | 'shared';
}

export const PROVIDE_KEY = 'alternatorEndpoint' as const;

declare module 'vitest' {
  export interface ProvidedContext {
    [PROVIDE_KEY]: Endpoint;
  }
}

/** A copy safe for logs and reports: secrets replaced. */
export function redactEndpoint(e: Endpoint): Endpoint {
  const redact = <T extends { secretAccessKey: string }>(c: T): T => ({ ...c, secretAccessKey: '<redacted>' });
  return {
    ...e,
    datacenters: e.datacenters.map((d) => ({
      ...d,
      credentials: d.credentials && redact(d.credentials),
      extraRoles: d.extraRoles?.map(redact),
      ...(d.operatorPage ? { operatorPage: { ...d.operatorPage, cqlPassword: '<redacted>' } } : {}),
    })),
  };
}

/**
 * Every secret an endpoint carries (secret keys and salted hashes of every role, the operator page's CQL password), for
 * the run to remember (harness/util/redact.ts). A password equal to a name the endpoint shows anyway (the default
 * superuser cassandra/cassandra) is left out: hiding it would hide the role's name everywhere and protect nothing.
 */
export function endpointSecrets(e: Endpoint): string[] {
  return e.datacenters.flatMap((d) => {
    const names = new Set([d.credentials?.accessKeyId, d.operatorPage?.cqlUser, ...(d.extraRoles ?? []).map((r) => r.accessKeyId)]);
    const secrets = [d.credentials?.secretAccessKey, ...(d.extraRoles ?? []).map((r) => r.secretAccessKey), d.operatorPage?.cqlPassword];
    return secrets.filter((s): s is string => s !== undefined && s !== '' && !names.has(s));
  });
}
