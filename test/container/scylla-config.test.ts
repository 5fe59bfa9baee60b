import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { Variant } from '../../harness/variant/model.ts';
import { scyllaContainerConfig, redactedYamlFragment, CONTAINER_PATHS } from '../../harness/targets/container/scylla-config.ts';
import { alternatorScyllaConfig } from '../../harness/targets/alternator-settings.ts';

const versions = { scylla: '2026.2.4', operator: 'v1.21.1' };
const variant = (name: string, alternator: Record<string, unknown> = {}) => Variant.parse({ name, versions, alternator });
const superuser = { name: 'alternator_e2e', saltedPassword: '$6$abcdefgh12345678$L2o6s6hu7zHfUdrJREK7JA7OP5N3AdB2.eYEwlzH8P5wSmBis7wQRaghPkVpBKoKnYaxWR3UPHvoi9wmR8kjn.' };

// Option names as declared in scylladb/scylladb db/config.cc (alternator_*, authenticator, authorizer) and the
// create-superuser docs (auth_superuser_*): the mapping may use no other name.
const SCYLLA_OPTION_NAMES = new Set([
  'alternator_port', 'alternator_https_port', 'alternator_address', 'alternator_enforce_authorization',
  'alternator_write_isolation', 'alternator_encryption_options', 'authenticator', 'authorizer',
  'auth_superuser_name', 'auth_superuser_salted_password', 'alternator_ttl_period_in_seconds', 'alternator_streams_increased_compatibility',
  'experimental_features',
]);
// Flags of the image's entrypoint (dist/docker/commandlineparser.py).
const ENTRYPOINT_FLAGS = new Set(['--smp', '--memory', '--overprovisioned', '--developer-mode', '--alternator-address']);

describe('scyllaContainerConfig: variant → ScyllaDB configuration', () => {
  it('maps the operator defaults: HTTPS 8043 only, authorization enforced, password auth, ScyllaDB default isolation written out', () => {
    const c = scyllaContainerConfig({ variant: variant('plain'), superuser });
    expect(c.image).toBe('docker.io/scylladb/scylla:2026.2.4');
    expect(c.settings).toEqual({
      alternator_https_port: 8043,
      alternator_encryption_options: { certificate: CONTAINER_PATHS.certificate, keyfile: CONTAINER_PATHS.keyfile },
      alternator_write_isolation: 'always_use_lwt',
      alternator_enforce_authorization: true,
      authenticator: 'PasswordAuthenticator',
      authorizer: 'CassandraAuthorizer',
      auth_superuser_name: 'alternator_e2e',
      auth_superuser_salted_password: superuser.saltedPassword,
      alternator_ttl_period_in_seconds: 1,
      alternator_streams_increased_compatibility: true,
    });
    expect(c.exposedPorts).toEqual([8043]);
    expect(c.httpPort).toBeUndefined();
    expect(c.command).toEqual(['--smp', '1', '--memory', '750M', '--overprovisioned', '1', '--developer-mode', '1', '--alternator-address', '0.0.0.0']);
  });

  it('turns experimental_features: [alternator-streams] on where Streams are experimental (4.3.0 up to 2026.2.0), as test/alternator/run does, and declares it to the suites', () => {
    for (const scylla of ['2025.1.4', '2025.4.2', '2026.1.3', '6.2.0']) {
      const c = scyllaContainerConfig({ variant: Variant.parse({ name: 'old', versions: { scylla, operator: 'v1.21.1' } }), superuser });
      expect(c.settings.experimental_features, scylla).toEqual(['alternator-streams']);
      expect(parse(c.yamlFragment).experimental_features, scylla).toEqual(['alternator-streams']);
      expect(alternatorScyllaConfig(scylla).experimentalFeatures).toEqual(['alternator-streams']);
    }
    // Graduated in 2026.2.0 (bdd0b764db): nothing to turn on.
    const c = scyllaContainerConfig({ variant: variant('new'), superuser });
    expect(c.settings.experimental_features).toBeUndefined();
    expect(c.yamlFragment).not.toMatch(/experimental_features/);
    expect(alternatorScyllaConfig('2026.2.4').experimentalFeatures).toEqual([]);
  });

  it.each([
    ['always_use_lwt'], ['only_rmw_uses_lwt'], ['forbid_rmw'], ['unsafe_rmw'], ['f'], ['always'],
  ])('passes write isolation %s through in the variant’s own spelling', (mode) => {
    const c = scyllaContainerConfig({ variant: variant('wi', { writeIsolation: mode }), superuser });
    expect(c.settings.alternator_write_isolation).toBe(mode);
    expect(parse(c.yamlFragment).alternator_write_isolation).toBe(mode);
  });

  it('enables plain HTTP on 8000 only with insecureEnableHTTP, and turns enforcement off with insecureDisableAuthorization', () => {
    const c = scyllaContainerConfig({ variant: variant('http', { insecureEnableHTTP: true, insecureDisableAuthorization: true }), superuser });
    expect(c.settings.alternator_port).toBe(8000);
    expect(c.settings.alternator_enforce_authorization).toBe(false);
    expect(c.exposedPorts).toEqual([8043, 8000]);
    expect(c.httpPort).toBe(8000);
    const off = scyllaContainerConfig({ variant: variant('nohttp', { insecureEnableHTTP: false }), superuser });
    expect(off.settings.alternator_port).toBeUndefined();
    expect(off.yamlFragment).not.toMatch(/^alternator_port:/m);
  });

  it('follows the operator for the deprecated port: that HTTP port, and authorization disabled unless set explicitly', () => {
    const legacy = scyllaContainerConfig({ variant: variant('legacy', { port: 8080 }), superuser });
    expect(legacy.settings.alternator_port).toBe(8080);
    expect(legacy.settings.alternator_enforce_authorization).toBe(false);
    expect(legacy.exposedPorts).toEqual([8043, 8080]);
    const enforced = scyllaContainerConfig({ variant: variant('legacy2', { port: 8080, insecureDisableAuthorization: false }), superuser });
    expect(enforced.settings.alternator_enforce_authorization).toBe(true);
  });

  it('uses only ScyllaDB option names and entrypoint flags that exist upstream', () => {
    const c = scyllaContainerConfig({ variant: variant('names', { insecureEnableHTTP: true, writeIsolation: 'forbid_rmw' }), superuser });
    for (const key of Object.keys(parse(c.yamlFragment) as object)) expect(SCYLLA_OPTION_NAMES).toContain(key);
    for (const flag of c.command.filter((a) => a.startsWith('--'))) expect(ENTRYPOINT_FLAGS).toContain(flag);
  });

  it('keeps the salted password off the command line and out of the redacted copy', () => {
    const c = scyllaContainerConfig({ variant: variant('secret'), superuser });
    expect(JSON.stringify([c.entrypoint, c.command])).not.toContain(superuser.saltedPassword);
    expect(parse(c.yamlFragment).auth_superuser_salted_password).toBe(superuser.saltedPassword);
    expect(redactedYamlFragment(c)).not.toContain(superuser.saltedPassword);
    expect(parse(redactedYamlFragment(c)).auth_superuser_salted_password).toBe('<redacted>');
  });

  it('appends the fragment to the image’s scylla.yaml and then runs the image’s entrypoint with the flags', () => {
    const c = scyllaContainerConfig({ variant: variant('entry'), superuser });
    expect(c.entrypoint.slice(0, 2)).toEqual(['/bin/sh', '-c']);
    expect(c.entrypoint[2]).toBe(`cat ${CONTAINER_PATHS.yamlFragment} >> /etc/scylla/scylla.yaml && exec /docker-entrypoint.py "$@"`);
    // A base file without a trailing newline still yields valid YAML with both its keys and ours.
    const merged = parse(`cluster_name: 'Test Cluster'${c.yamlFragment}`) as Record<string, unknown>;
    expect(merged.cluster_name).toBe('Test Cluster');
    expect(merged.alternator_https_port).toBe(8043);
  });

  it('lets the caller choose the image and the resources', () => {
    const c = scyllaContainerConfig({ variant: variant('img'), superuser, image: 'mirror.local/scylla@sha256:abc', resources: { smp: 2, memory: '2G' } });
    expect(c.image).toBe('mirror.local/scylla@sha256:abc');
    expect(c.command.slice(0, 4)).toEqual(['--smp', '2', '--memory', '2G']);
  });
});
