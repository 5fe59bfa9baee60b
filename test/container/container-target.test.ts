import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { Variant } from '../../harness/variant/model.ts';
import type { RunContext } from '../../harness/targets/target.ts';
import type { Progress } from '../../harness/util/progress.ts';
import { ConfigError, ProvisionError } from '../../harness/util/errors.ts';
import { createContainerTarget, ALTERNATOR_ROLE } from '../../harness/targets/container/container-target.ts';
import { EXTRA_ROLES } from '../../harness/targets/extra-roles.ts';
import { CONTAINER_PATHS } from '../../harness/targets/container/scylla-config.ts';
import { httpsHealthProbe } from '../../harness/targets/container/health.ts';
import { certificateFacts } from '../../harness/tls/ca.ts';
import { FakeRuntime, type FakeOptions } from './fake-runtime.ts';
import { feature } from '../../harness/differences/registry.ts';

const versions = { scylla: '2026.2.4', operator: 'v1.21.1' };
const variant = (name: string, extra: Record<string, unknown> = {}) => Variant.parse({ name, versions, ...extra });

function context(signal = new AbortController().signal) {
  const lines: string[] = [];
  const progress: Progress = {
    step: (m) => lines.push(m),
    waiting: (m) => lines.push(m),
    done: (m) => lines.push(m),
    warn: (m) => lines.push(m),
  };
  const ctx: RunContext = { runId: 'run-1', reportsDir: mkdtempSync(join(tmpdir(), 'ctr-')), progress, signal, failOnLiftedLimitation: false };
  return { ctx, lines };
}

const fast = { healthTimeoutMs: 400, rolesTimeoutMs: 400, pollIntervalMs: 20 };
const target = (fake: FakeRuntime, extra = {}) => createContainerTarget({ runtime: fake, ...fast, ...extra });
/** Everything secret the fake saw: the configured salted password and every password passed to cqlsh. */
function secretsSeen(fake: FakeRuntime): string[] {
  const spec = fake.specs[0]!;
  const yaml = parse(spec.files.find((f) => f.path === CONTAINER_PATHS.yamlFragment)!.content);
  const passwords = fake.execs.map((c) => c[c.indexOf('-p') + 1]!);
  return [yaml.auth_superuser_salted_password, ...passwords];
}

describe('container target lifecycle (fake container runtime)', () => {
  it('starts ScyllaDB configured from the variant, waits for GET / over verified HTTPS, reads the salted hashes, hands over the endpoint', async () => {
    const fake = new FakeRuntime();
    const { ctx, lines } = context();
    const v = variant('http-on', {
      alternator: {
        insecureEnableHTTP: true,
        writeIsolation: 'forbid_rmw',
        servingCertificate: { type: 'OperatorManaged', operatorManagedOptions: { additionalDNSNames: ['scylla.operator.rocks'], additionalIPAddresses: ['42.42.42.42'] } },
      },
    });
    const d = await target(fake).deploy(v, ctx);
    const spec = fake.specs[0]!;
    expect(spec.image).toBe('docker.io/scylladb/scylla:2026.2.4');
    expect(spec.exposedPorts).toEqual([8043, 8000]);
    expect(spec.labels).toEqual({ 'alternator-e2e/run': 'run-1', 'alternator-e2e/variant': 'http-on' });
    expect(parse(spec.files.find((f) => f.path === CONTAINER_PATHS.yamlFragment)!.content).alternator_write_isolation).toBe('forbid_rmw');
    expect(spec.files.find((f) => f.path === CONTAINER_PATHS.keyfile)!.mode).toBe(0o600);

    const e = d.endpoint;
    expect(e).toMatchObject({ target: 'container', apiProfile: 'alternator', dataPlane: 'scylladb', versions, region: 'us-east-1', runId: 'run-1' });
    expect(e.promises.httpEnabled).toBe(true);
    const dc = e.datacenters[0]!;
    expect(e.datacenters).toHaveLength(1);
    expect(dc.datacenter).toBe('dc1');
    expect(dc.httpsUrl).toBe(`https://127.0.0.1:${new URL(dc.httpsUrl).port}`);
    expect(dc.httpUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(dc.tlsServerName).toBeUndefined();
    // The CA handed over verifies the served certificate (a real TLS handshake against the fake's server).
    expect(await httpsHealthProbe({ url: dc.httpsUrl, caPem: dc.caBundlePem, timeoutMs: 2000 })).toEqual({ ok: true, detail: 'HTTP 200: healthy: 127.0.0.1' });
    const served = certificateFacts(spec.files.find((f) => f.path === CONTAINER_PATHS.certificate)!.content);
    expect(served.dnsNames).toEqual(['localhost', 'scylla.operator.rocks']);
    expect(served.ipAddresses).toEqual(['127.0.0.1', '42.42.42.42']);
    expect(served.isCA).toBe(false);
    // Credentials are the roles' salted hashes as ScyllaDB stores them; the superuser's is the configured one.
    const yaml = parse(spec.files.find((f) => f.path === CONTAINER_PATHS.yamlFragment)!.content);
    expect(dc.credentials).toEqual({ accessKeyId: ALTERNATOR_ROLE, secretAccessKey: yaml.auth_superuser_salted_password });
    // The authorization suites' four roles, as the Kubernetes targets create them (harness/targets/extra-roles.ts).
    expect(dc.extraRoles!.map((r) => [r.accessKeyId, r.permissions, r.login])).toEqual(EXTRA_ROLES.map((r) => [r.name, r.permissions, r.login]));
    expect(dc.extraRoles!.map((r) => r.accessKeyId)).toEqual(['alternator_reader', 'alternator_writer', 'alternator_creator', 'alternator_alterer', 'alternator_nologin']);
    for (const r of dc.extraRoles!) expect(r.secretAccessKey).toMatch(/^\$6\$/);
    expect(dc.userCertificatePem).toBeUndefined();
    // Nothing secret reached the progress log.
    for (const s of secretsSeen(fake)) for (const l of lines) expect(l).not.toContain(s);

    await d.stop();
    await d.stop();
    expect(fake.stops).toBe(1);
  });

  it('stops the container and reports the step when the health check never succeeds', async () => {
    const fake = new FakeRuntime({ health: 'unhealthy' });
    const { ctx } = context();
    const err = await target(fake).deploy(variant('sick'), ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProvisionError);
    expect((err as ProvisionError).step).toBe('alternator health check');
    expect((err as Error).message).toMatch(/did not answer its health check GET \/ .*HTTP 503: starting/);
    expect(fake.running).toBe(0);
    expect(fake.execs).toEqual([]);
  });

  it('reports a connection failure as the last health answer when nothing listens', async () => {
    const fake = new FakeRuntime({ health: 'closed' });
    const err = await target(fake).deploy(variant('closed'), context().ctx).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/ECONNREFUSED/);
    expect(fake.running).toBe(0);
  });

  it('a ScyllaDB 2025.1 container turns experimental alternator-streams on and declares it, so the Streams cases are offered there', async () => {
    const fake = new FakeRuntime();
    const d = await target(fake).deploy(Variant.parse({ name: 'lts', versions: { scylla: '2025.1.4', operator: 'v1.21.1' } }), context().ctx);
    expect(parse(fake.specs[0]!.files.find((f) => f.path === CONTAINER_PATHS.yamlFragment)!.content).experimental_features).toEqual(['alternator-streams']);
    expect(d.endpoint.experimentalFeatures).toEqual(['alternator-streams']);
    expect(feature(d.endpoint, 'streams').ok).toBe(true);
    await d.stop();
    const planned = await target(new FakeRuntime()).plan([Variant.parse({ name: 'lts', versions: { scylla: '2025.1.4', operator: 'v1.21.1' } })], { runId: 'r', reportsDir: '/tmp' });
    expect(planned[1]!.detail).toContain('experimental_features=[alternator-streams]');
    const current = await target(new FakeRuntime()).deploy(variant('current'), context().ctx);
    expect(current.endpoint.experimentalFeatures).toEqual([]);
    expect(feature(current.endpoint, 'streams').ok).toBe(true);
    await current.stop();
  });

  it('retries cqlsh while CQL is not ready, then reads the hashes', async () => {
    const fake = new FakeRuntime({ cqlNotReadyTimes: 2 });
    const d = await target(fake).deploy(variant('slow-cql'), context().ctx);
    expect(fake.execs.length).toBeGreaterThan(2);
    expect(d.endpoint.datacenters[0]!.credentials!.secretAccessKey).toMatch(/^\$6\$/);
    await d.stop();
  });

  it('falls back to system_auth.roles on versions before auth v2', async () => {
    const fake = new FakeRuntime({ legacyRolesTable: true });
    const d = await target(fake).deploy(variant('legacy-auth'), context().ctx);
    expect(fake.execs.some((c) => c.at(-1)!.includes('FROM system_auth.roles'))).toBe(true);
    expect(d.endpoint.datacenters[0]!.extraRoles![0]!.secretAccessKey).toMatch(/^\$6\$/);
    await d.stop();
  });

  it('fails with the cqlsh output, scrubbed of secrets, when the hash cannot be read; the container is stopped', async () => {
    let leaked = '';
    const fake = new FakeRuntime({
      cql: (cmd) => {
        leaked = cmd[cmd.indexOf('-p') + 1]!;
        return { exitCode: 2, stdout: '', stderr: `AuthenticationFailed for password ${leaked} hash $6$abc$def` };
      },
    });
    const err = await target(fake).deploy(variant('no-cql'), context().ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProvisionError);
    expect((err as ProvisionError).step).toBe('read role credentials over CQL');
    expect((err as Error).message).toContain('AuthenticationFailed');
    expect((err as Error).message).not.toContain(leaked);
    expect((err as Error).message).not.toContain('$6$abc$def');
    expect(fake.running).toBe(0);
  });

  it('stops the container when the run is interrupted while waiting for health', async () => {
    const abort = new AbortController();
    const fake = new FakeRuntime({ health: 'unhealthy' });
    const t = target(fake, { healthTimeoutMs: 60_000, healthProbe: async () => (abort.abort(), { ok: false, detail: 'starting' }) });
    const err = await t.deploy(variant('aborted'), context(abort.signal).ctx).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/interrupted/);
    expect(fake.running).toBe(0);
    expect(fake.stops).toBe(1);
  });

  it('stops a container whose start finished after the run was interrupted', async () => {
    const abort = new AbortController();
    const fake = new FakeRuntime({ onStart: () => abort.abort() });
    const err = await target(fake).deploy(variant('late'), context(abort.signal).ctx).catch((e: unknown) => e);
    expect((err as ProvisionError).step).toBe('start container');
    expect(fake.running).toBe(0);
  });

  it('turns a failed start (e.g. image pull) into a ProvisionError naming the image', async () => {
    const fake = new FakeRuntime({ startError: new Error('(HTTP code 404) no such image - manifest unknown') });
    const err = await target(fake).deploy(variant('nopull'), context().ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProvisionError);
    expect((err as Error).message).toBe('starting docker.io/scylladb/scylla:2026.2.4 failed: (HTTP code 404) no such image - manifest unknown');
  });

  it('verifies a remote Docker host as "localhost" (the name the certificate carries)', async () => {
    const fake = new FakeRuntime();
    const seen: Array<string | undefined> = [];
    const realStart = fake.start.bind(fake);
    fake.start = async (spec) => ({ ...(await realStart(spec)), host: 'docker-host.internal' });
    const d = await target(fake, { healthProbe: async (o: { servername?: string }) => (seen.push(o.servername), { ok: true, detail: 'ok' }) }).deploy(variant('remote'), context().ctx);
    expect(seen).toEqual(['localhost']);
    expect(d.endpoint.datacenters[0]!.tlsServerName).toBe('localhost');
    expect(d.endpoint.datacenters[0]!.httpsUrl).toMatch(/^https:\/\/docker-host\.internal:\d+$/);
    await d.stop();
  });

  it('serves a user CA and certificate for UserManaged variants', async () => {
    const fake = new FakeRuntime();
    const d = await target(fake).deploy(variant('um', { alternator: { servingCertificate: { type: 'UserManaged', userManagedOptions: { secretName: 'x' } } } }), context().ctx);
    const dc = d.endpoint.datacenters[0]!;
    expect(dc.userCertificatePem).toBe(fake.specs[0]!.files.find((f) => f.path === CONTAINER_PATHS.certificate)!.content);
    expect(certificateFacts(dc.caBundlePem).subject).toContain('user CA');
    await d.stop();
  });

  it('writes diagnostics without secrets', async () => {
    const fake = new FakeRuntime();
    const d = await target(fake).deploy(variant('diag'), context().ctx);
    const secrets = secretsSeen(fake);
    (fake as unknown as { o: FakeOptions }).o.logs = `config: auth_superuser_salted_password=${secrets[0]}\n`;
    const dir = await d.collectDiagnostics!(mkdtempSync(join(tmpdir(), 'diag-')));
    expect(readdirSync(dir!).sort()).toEqual(['container.log', 'container.txt', 'scylla-config.yaml']);
    for (const f of readdirSync(dir!)) for (const s of secrets) expect(readFileSync(join(dir!, f), 'utf8')).not.toContain(s);
    expect(readFileSync(join(dir!, 'scylla-config.yaml'), 'utf8')).toContain('alternator_enforce_authorization: true');
    await d.stop();
  });
});

describe('container target: what it offers', () => {
  const t = createContainerTarget({ runtime: new FakeRuntime() });

  it('declares multi-DC and multi-member variants not applicable, with the reason', () => {
    expect(t.supports(variant('one'))).toEqual({ ok: true });
    const multi = t.supports(variant('two-dc', { topology: { datacenters: [{ name: 'dc1' }, { name: 'dc2' }] } }));
    expect(multi).toEqual({ ok: false, reason: expect.stringContaining('one datacenter; this variant has 2 datacenters') });
    expect(t.supports(variant('three', { topology: { datacenters: [{ name: 'dc1', members: 3 }] } }))).toMatchObject({ ok: false });
  });

  it('refuses to deploy a variant it does not support', async () => {
    await expect(t.deploy(variant('two-dc', { topology: { datacenters: [{ name: 'a' }, { name: 'b' }] } }), context().ctx)).rejects.toBeInstanceOf(ConfigError);
  });

  it('plans the steps per variant without starting anything, secrets not included', async () => {
    const fake = new FakeRuntime();
    const steps = await createContainerTarget({ runtime: fake }).plan(
      [variant('p1', { alternator: { insecureEnableHTTP: true } }), variant('p2', { topology: { datacenters: [{ name: 'a' }, { name: 'b' }] } })],
      { runId: 'r', reportsDir: '/tmp' },
    );
    expect(fake.specs).toEqual([]);
    expect(steps.map((s) => s.step)).toEqual([
      'create CA and serving certificate for p1',
      'start container docker.io/scylladb/scylla:2026.2.4',
      'wait for Alternator health check on p1',
      'read role credentials for p1',
      'skip p2',
    ]);
    expect(steps[1]!.detail).toContain('alternator_port=8000');
    expect(steps[1]!.detail).not.toContain('experimental_features');
    expect(steps[4]!.detail).toMatch(/^not applicable: /);
  });

  it('fails set-up with every missing piece and its fix when the runtime is not usable', async () => {
    const t2 = createContainerTarget({
      runtime: new FakeRuntime(),
      preflight: async () => [
        { name: 'docker CLI', ok: false, required: false, detail: 'no docker' },
        { name: 'Docker daemon', ok: false, required: true, detail: 'no socket', fix: 'start Docker' },
      ],
    });
    const err = await t2.setUp!(context().ctx).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProvisionError);
    expect((err as Error).message).toBe('the container target cannot start containers here: Docker daemon: no socket (fix: start Docker)');
  });
});
