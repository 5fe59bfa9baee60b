// The fake CQL behind the fake Kubernetes API's cqlsh (fake-cql.ts) does what ScyllaDB's auth does and no more: it
// knows only the roles the cluster was configured or asked to create, and refuses a wrong login.
import { describe, it, expect } from 'vitest';
import { stringify } from 'yaml';
import { FakeCqlCluster } from './fake-cql.ts';
import { sha512Crypt } from '../../harness/util/sha512-crypt.ts';
import { cqlsh, parseSaltedHash, SUPERUSER } from '../../harness/targets/kubernetes/credentials.ts';
import { extraRolesCql } from '../../harness/targets/extra-roles.ts';
import { expectSameSecret } from '../helpers/secrets.ts';

const configured = sha512Crypt(SUPERUSER.password, 'configuredsalt12');
const yaml = (extra: Record<string, unknown> = {}) => stringify({ authenticator: 'PasswordAuthenticator', authorizer: 'CassandraAuthorizer', ...extra });
/** What a salted_hash read gave, by kind only ('hash', 'missing', 'refused'): a failed expect never prints a hash. */
const readKind = (stdout: string) => Object.keys(parseSaltedHash(stdout))[0];
const select = (role: string) => cqlsh(`SELECT salted_hash FROM system.roles WHERE role = '${role}'`);

describe('the fake cluster behind cqlsh', () => {
  it('the superuser is the configured one, with the configured salted_hash (what the harness signs with)', () => {
    const c = new FakeCqlCluster(yaml({ auth_superuser_name: 'cassandra', auth_superuser_salted_password: configured }), '2026.1.3');
    const r = c.cqlsh(select('cassandra'));
    expect(r.exitCode).toBe(0);
    const read = parseSaltedHash(r.stdout);
    expectSameSecret('hash' in read ? read.hash : undefined, configured, 'the salted_hash read');
  });

  it('a role nobody created has no row; CREATE ROLE makes one, GRANT needs the role to exist', () => {
    const c = new FakeCqlCluster(yaml({ auth_superuser_name: 'cassandra', auth_superuser_salted_password: configured }), '2026.1.3');
    expect(readKind(c.cqlsh(select('alternator_reader')).stdout)).toBe('missing');
    const grant = c.cqlsh(cqlsh('GRANT SELECT ON ALL KEYSPACES TO alternator_reader'));
    expect([grant.exitCode, grant.stderr]).toEqual([2, expect.stringMatching(/Role alternator_reader doesn't exist/)]);
    expect(c.cqlsh(cqlsh(extraRolesCql((r) => `pw-${r}`))).exitCode).toBe(0);
    expect(readKind(c.cqlsh(select('alternator_reader')).stdout)).toBe('hash');
    expect(c.permissionsOf('alternator_reader')).toEqual(['SELECT']);
    // IF NOT EXISTS: running the harness's statements again changes nothing.
    expect(c.cqlsh(cqlsh(extraRolesCql((r) => `other-${r}`))).exitCode).toBe(0);
  });

  it('a wrong password, an unknown user and a statement the fake was not taught are refused', () => {
    const c = new FakeCqlCluster(yaml({ auth_superuser_name: 'cassandra', auth_superuser_salted_password: configured }), '2026.1.3');
    const wrong = c.cqlsh(['cqlsh', '--user', 'cassandra', '--password', 'not-the-password', '-e', 'SELECT salted_hash FROM system.roles WHERE role = \'cassandra\'']);
    expect([wrong.exitCode, wrong.stderr]).toEqual([1, expect.stringMatching(/AuthenticationFailed.*Username and\/or password are incorrect/)]);
    expect(c.cqlsh(['cqlsh', '--user', 'nobody', '--password', 'x', '-e', 'SELECT 1']).exitCode).toBe(1);
    expect(c.cqlsh(cqlsh('DROP ROLE cassandra'))).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/not taught/) });
    expect(c.cqlsh(cqlsh("SELECT salted_hash FROM system_auth.roles WHERE role = 'cassandra'"))).toMatchObject({ exitCode: 2, stderr: expect.stringMatching(/unconfigured table roles/) });
  });

  it('the default cassandra/cassandra superuser exists before 2026.2.0 only (c7d3f80863), and has a salted_hash only with PasswordAuthenticator', () => {
    expect(new FakeCqlCluster(yaml(), '2026.1.3').cqlsh(select('cassandra')).exitCode).toBe(0);
    expect(new FakeCqlCluster(yaml(), '2025.1.4').cqlsh(select('cassandra')).exitCode).toBe(0);
    expect(new FakeCqlCluster(yaml(), '2026.2.4').cqlsh(select('cassandra')).exitCode).toBe(1);
    // AllowAllAuthenticator: the login is accepted, the superuser role has no salted_hash, so there is no secret to read.
    for (const c of [new FakeCqlCluster(stringify({ authorizer: 'CassandraAuthorizer' }), '2026.1.3'), new FakeCqlCluster(undefined, '2026.1.3')]) {
      const r = c.cqlsh(select('cassandra'));
      expect(r.exitCode).toBe(0);
      expect(readKind(r.stdout)).toBe('missing');
    }
  });
});
