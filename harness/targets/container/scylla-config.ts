// The ONE place that turns a variant into ScyllaDB's own configuration names for the container target.
// Checked against scylladb/scylladb:
// - db/config.cc: `alternator_port`, `alternator_https_port`, `alternator_address`,
//   `alternator_enforce_authorization` (bool), `alternator_write_isolation` (string),
//   `alternator_encryption_options` (string map: `certificate`, `keyfile`).
// - docs (operating-scylla/security/create-superuser): `auth_superuser_name` and `auth_superuser_salted_password`
//   (a crypt(3) hash, "cleartext is not allowed"); from ScyllaDB 2026.2.0 (c7d3f80863, scylladb#27215)
//   no default cassandra/cassandra superuser exists any more, so the role must come from configuration.
// - dist/docker/commandlineparser.py + scyllasetup.py: the image's entrypoint owns `--smp`, `--memory`,
//   `--overprovisioned`, `--developer-mode` and ALWAYS passes `--alternator-address <listen address>` to scylla
//   (a command-line value beats scylla.yaml), unknown flags go to scylla unchanged; the image's ENTRYPOINT is
//   /docker-entrypoint.py (dist/docker/debian/build_docker.sh).
// - docs/alternator/alternator.md: Alternator needs `alternator_write_isolation` set (mandatory since 4.1).
// Secrets (the salted password) go into the YAML fragment only: never on a command line, which `ps` and
// `docker inspect` show.
import { ALTERNATOR_SCYLLA_CONFIG, experimentalFeaturesSetting } from '../alternator-settings.ts';
import { stringify } from 'yaml';
import { redact } from '../../util/redact.ts';
import type { Variant } from '../../variant/model.ts';
import { promisesOf, SCYLLA_DEFAULT_WRITE_ISOLATION } from '../../variant/model.ts';
import { ALTERNATOR_HTTPS_PORT, ALTERNATOR_HTTP_PORT } from '../../variant/naming.ts';

export const SCYLLA_IMAGE_REPOSITORY = 'docker.io/scylladb/scylla';
export const scyllaImage = (version: string, repository = SCYLLA_IMAGE_REPOSITORY): string => `${repository}:${version}`;

/** Paths inside the container. The serving certificate is mounted like the operator mounts it (a directory of its own). */
export const CONTAINER_PATHS = {
  scyllaYaml: '/etc/scylla/scylla.yaml',
  yamlFragment: '/etc/scylla/alternator-e2e.yaml',
  certificate: '/etc/scylla/alternator-e2e/tls.crt',
  keyfile: '/etc/scylla/alternator-e2e/tls.key',
  imageEntrypoint: '/docker-entrypoint.py',
} as const;

/** Small enough for a CI runner, as ScyllaDB's Docker docs suggest for tests. */
export const DEFAULT_RESOURCES = { smp: 1, memory: '750M' } as const;

export interface SuperuserConfig {
  name: string;
  /** SHA-512 crypt hash of the role's password: also the role's salted_hash, i.e. its Alternator secret. */
  saltedPassword: string;
}

export interface ScyllaConfigInput {
  variant: Variant;
  superuser: SuperuserConfig;
  resources?: { smp: number; memory: string };
  image?: string;
}

/** scylla.yaml keys (ScyllaDB's names) this harness sets. */
export interface ScyllaYamlSettings {
  alternator_https_port: number;
  alternator_port?: number;
  alternator_encryption_options: { certificate: string; keyfile: string };
  alternator_write_isolation: string;
  alternator_enforce_authorization: boolean;
  authenticator: 'PasswordAuthenticator';
  authorizer: 'CassandraAuthorizer';
  auth_superuser_name: string;
  auth_superuser_salted_password: string;
  alternator_ttl_period_in_seconds: number;
  alternator_streams_increased_compatibility: boolean;
  /** Only where the version needs one (alternator-settings.ts experimentalFeaturesFor). */
  experimental_features?: string[];
}

export interface ScyllaContainerConfig {
  image: string;
  settings: ScyllaYamlSettings;
  /** Appended to the image's own scylla.yaml, so every other default of the image stays. */
  yamlFragment: string;
  entrypoint: string[];
  command: string[];
  httpsPort: number;
  httpPort?: number;
  /** Container ports published to the host; the runtime waits for all of them to listen. */
  exposedPorts: number[];
}

export function scyllaContainerConfig(input: ScyllaConfigInput): ScyllaContainerConfig {
  const { variant, superuser } = input;
  const p = promisesOf(variant);
  const resources = input.resources ?? DEFAULT_RESOURCES;
  // The operator's deprecated `port` names Alternator's HTTP port; otherwise HTTP is 8000 (operator docs).
  const httpPort = p.httpEnabled ? (variant.alternator.port ?? ALTERNATOR_HTTP_PORT) : undefined;
  const settings: ScyllaYamlSettings = {
    alternator_https_port: ALTERNATOR_HTTPS_PORT,
    ...(httpPort !== undefined ? { alternator_port: httpPort } : {}),
    alternator_encryption_options: { certificate: CONTAINER_PATHS.certificate, keyfile: CONTAINER_PATHS.keyfile },
    // The variant's own spelling (ScyllaDB accepts the short forms too); unset = ScyllaDB's documented default,
    // written out because images before 2026 refuse to start Alternator without it.
    alternator_write_isolation: variant.alternator.writeIsolation ?? SCYLLA_DEFAULT_WRITE_ISOLATION,
    alternator_enforce_authorization: p.authorization === 'enforced',
    // As the operator's docs do it for Alternator authorization: password authentication + CQL authorizer.
    authenticator: 'PasswordAuthenticator',
    authorizer: 'CassandraAuthorizer',
    auth_superuser_name: superuser.name,
    auth_superuser_salted_password: superuser.saltedPassword,
    alternator_ttl_period_in_seconds: ALTERNATOR_SCYLLA_CONFIG.ttlScanPeriodSeconds,
    alternator_streams_increased_compatibility: ALTERNATOR_SCYLLA_CONFIG.streamsIncreasedCompatibility,
    ...experimentalFeaturesSetting(variant.versions.scylla),
  };
  const yamlFragment = `\n# --- appended by alternator-e2e (container target) for variant ${variant.name} ---\n${stringify(settings)}`;
  const command = [
    '--smp', String(resources.smp),
    '--memory', resources.memory,
    '--overprovisioned', '1',
    '--developer-mode', '1',
    // Listen on every interface: the published ports reach the container's address, and in-container checks use localhost.
    '--alternator-address', '0.0.0.0',
  ];
  return {
    image: input.image ?? scyllaImage(variant.versions.scylla),
    settings,
    yamlFragment,
    // Append the fragment to the image's scylla.yaml, then hand over to the image's own entrypoint with our flags.
    entrypoint: [
      '/bin/sh',
      '-c',
      `cat ${CONTAINER_PATHS.yamlFragment} >> ${CONTAINER_PATHS.scyllaYaml} && exec ${CONTAINER_PATHS.imageEntrypoint} "$@"`,
      'alternator-e2e-entrypoint',
    ],
    command,
    httpsPort: ALTERNATOR_HTTPS_PORT,
    ...(httpPort !== undefined ? { httpPort } : {}),
    exposedPorts: httpPort !== undefined ? [ALTERNATOR_HTTPS_PORT, httpPort] : [ALTERNATOR_HTTPS_PORT],
  };
}

/** The fragment as it may appear in diagnostics and plans: the salted password replaced. */
export function redactedYamlFragment(c: ScyllaContainerConfig): string {
  return redact(c.yamlFragment, [c.settings.auth_superuser_salted_password]);
}
