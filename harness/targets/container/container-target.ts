// `--target container`: one real ScyllaDB node per variant in a container, Alternator configured from the
// variant (scylla-config.ts), HTTPS with a serving certificate from a CA the harness creates, password
// authentication with a role whose salted_hash is read back over CQL. No Kubernetes, so one datacenter only.
import { alternatorScyllaConfig } from '../alternator-settings.ts';
import { EXTRA_ROLES, extraRoleCredentials } from '../extra-roles.ts';
import { buildEndpoint } from '../../endpoint/build.ts';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Deployment, PlanStep, RunContext, Target } from '../target.ts';
import type { Variant } from '../../variant/model.ts';
import { promisesOf, effectiveWriteIsolation } from '../../variant/model.ts';
import type { DatacenterEndpoint } from '../../endpoint/contract.ts';
import { createCA, issueServingCertificate } from '../../tls/ca.ts';
import { ConfigError, ProvisionError } from '../../util/errors.ts';
import type { ContainerRuntime, RunningContainer } from './runtime.ts';
import { scyllaContainerConfig, redactedYamlFragment, CONTAINER_PATHS, type ScyllaContainerConfig } from './scylla-config.ts';
import { sha512Crypt, randomCryptSalt, randomPassword } from '../../util/sha512-crypt.ts';
import { waitForAlternatorHealth, type HealthProbe } from './health.ts';
import { readRoleHashes, scrub } from './cql-roles.ts';
import { redact, rememberSecret, writeOutputFile } from '../../util/redact.ts';
import { doctorContainer, type DoctorCheck } from './doctor.ts';

export interface ContainerTargetOptions {
  /** Default: testcontainers (loaded only when a container starts). */
  runtime?: ContainerRuntime;
  /** Replaces `docker.io/scylladb/scylla:<variant.versions.scylla>` (a mirror, a digest). */
  image?: (variant: Variant) => string;
  startupTimeoutMs?: number;
  healthTimeoutMs?: number;
  rolesTimeoutMs?: number;
  pollIntervalMs?: number;
  /** Test seam: how GET / is probed (default: HTTPS with the CA). */
  healthProbe?: HealthProbe;
  /** Runs in setUp; default `doctorContainer()` when the real runtime is used, nothing with an injected one. */
  preflight?: () => Promise<DoctorCheck[]>;
}

/** The role suites sign with (a superuser, like the operator docs' cassandra role); the others: EXTRA_ROLES. */
export const ALTERNATOR_ROLE = 'alternator_e2e';
const CLIENT_DNS = 'localhost';
const CLIENT_IP = '127.0.0.1';

export function containerSupports(variant: Variant): { ok: true } | { ok: false; reason: string } {
  const dcs = variant.topology.datacenters;
  if (dcs.length > 1)
    return { ok: false, reason: `the container target runs one ScyllaDB node in one datacenter; this variant has ${dcs.length} datacenters (use --target kind or kubeconfig)` };
  if (dcs[0]!.members > 1)
    return { ok: false, reason: `the container target runs a single ScyllaDB node; this variant asks for ${dcs[0]!.members} members (use --target kind or kubeconfig)` };
  return { ok: true };
}

export function createContainerTarget(options: ContainerTargetOptions = {}): Target {
  const o = {
    startupTimeoutMs: options.startupTimeoutMs ?? 300_000,
    healthTimeoutMs: options.healthTimeoutMs ?? 120_000,
    rolesTimeoutMs: options.rolesTimeoutMs ?? 120_000,
    pollIntervalMs: options.pollIntervalMs ?? 1000,
  };
  let runtime = options.runtime;
  const preflight = options.preflight ?? (options.runtime ? undefined : () => doctorContainer());
  return {
    name: 'container',
    supports: containerSupports,
    async plan(variants) {
      return variants.flatMap((v): PlanStep[] => {
        const s = containerSupports(v);
        if (!s.ok) return [{ step: `skip ${v.name}`, detail: `not applicable: ${s.reason}` }];
        const c = scyllaContainerConfig({ variant: v, superuser: { name: ALTERNATOR_ROLE, saltedPassword: '<generated>' }, image: options.image?.(v) });
        return [
          { step: `create CA and serving certificate for ${v.name}`, detail: `SANs ${[CLIENT_DNS, CLIENT_IP, ...sans(v)].join(', ')}` },
          { step: `start container ${c.image}`, detail: `${c.command.join(' ')}; ports ${c.exposedPorts.join(', ')}; scylla.yaml += ${settingsSummary(c)}` },
          { step: `wait for Alternator health check on ${v.name}`, detail: `GET / over HTTPS on ${c.httpsPort}, verified with the CA` },
          { step: `read role credentials for ${v.name}`, detail: `cqlsh in the container: salted_hash of ${[ALTERNATOR_ROLE, ...EXTRA_ROLES.map((r) => r.name)].join(', ')}` },
        ];
      });
    },
    async setUp(ctx) {
      if (!preflight) return;
      const missing = (await preflight()).filter((c) => c.required && !c.ok);
      if (missing.length > 0)
        throw new ProvisionError(
          `the container target cannot start containers here: ${missing.map((c) => `${c.name}: ${c.detail}${c.fix ? ` (fix: ${c.fix})` : ''}`).join('; ')}`,
          'container runtime',
        );
      ctx.progress.done('container runtime reachable');
    },
    async deploy(variant, ctx) {
      const s = containerSupports(variant);
      if (!s.ok) throw new ConfigError(`variant ${variant.name} is not applicable to the container target: ${s.reason}`, { field: '--target', value: 'container' });
      runtime ??= (await import('./testcontainers-runtime.ts')).testcontainersRuntime();
      return deployContainer(variant, ctx, runtime, options, o);
    },
  };
}

function sans(v: Variant): string[] {
  const p = promisesOf(v);
  return [...p.additionalDNSNames, ...p.additionalIPAddresses];
}

function settingsSummary(c: ScyllaContainerConfig): string {
  const s = c.settings;
  return [
    `alternator_https_port=${s.alternator_https_port}`,
    s.alternator_port !== undefined ? `alternator_port=${s.alternator_port}` : 'no alternator_port',
    `alternator_write_isolation=${s.alternator_write_isolation}`,
    `alternator_enforce_authorization=${s.alternator_enforce_authorization}`,
    `authenticator=${s.authenticator}`,
    `authorizer=${s.authorizer}`,
    ...(s.experimental_features ? [`experimental_features=[${s.experimental_features.join(', ')}]`] : []),
  ].join(', ');
}

async function deployContainer(
  variant: Variant,
  ctx: RunContext,
  runtime: ContainerRuntime,
  options: ContainerTargetOptions,
  o: { startupTimeoutMs: number; healthTimeoutMs: number; rolesTimeoutMs: number; pollIntervalMs: number },
): Promise<Deployment> {
  const promises = promisesOf(variant);
  const userManaged = promises.certificate === 'UserManaged';
  // UserManaged: the harness plays the user and brings its own CA and certificate, as a user's Secret would.
  const ca = await createCA(userManaged ? `alternator-e2e user CA for ${variant.name}` : `alternator-e2e ${variant.name} alternator-local-serving-ca`);
  const serving = await issueServingCertificate(ca, {
    commonName: userManaged ? CLIENT_DNS : `${variant.name}-alternator`,
    dnsNames: [CLIENT_DNS, ...promises.additionalDNSNames],
    ipAddresses: [CLIENT_IP, ...promises.additionalIPAddresses],
  });
  const password = randomPassword();
  const rolePasswords = new Map(EXTRA_ROLES.map((r) => [r.name, randomPassword()]));
  const config = scyllaContainerConfig({
    variant,
    superuser: { name: ALTERNATOR_ROLE, saltedPassword: sha512Crypt(password, randomCryptSalt()) },
    image: options.image?.(variant),
  });
  const secrets = [password, ...rolePasswords.values(), config.settings.auth_superuser_salted_password];
  rememberSecret(...secrets);

  ctx.progress.step(`starting ${config.image} for ${variant.name}`);
  ctx.progress.waiting(`ScyllaDB in ${config.image} to open ${config.exposedPorts.join(', ')} (first run pulls the image)`);
  const t0 = Date.now();
  let container: RunningContainer;
  try {
    container = await runtime.start({
      image: config.image,
      entrypoint: config.entrypoint,
      command: config.command,
      exposedPorts: config.exposedPorts,
      files: [
        { path: CONTAINER_PATHS.yamlFragment, content: config.yamlFragment, mode: 0o644 },
        { path: CONTAINER_PATHS.certificate, content: serving.certPem, mode: 0o644 },
        { path: CONTAINER_PATHS.keyfile, content: serving.keyPem, mode: 0o600 },
      ],
      labels: { 'alternator-e2e/run': ctx.runId, 'alternator-e2e/variant': variant.name },
      startupTimeoutMs: o.startupTimeoutMs,
    });
  } catch (e) {
    throw new ProvisionError(`starting ${config.image} failed: ${scrub(e instanceof Error ? e.message : String(e), secrets)}`, 'start container', { cause: e });
  }
  ctx.progress.done(`container ${container.id.slice(0, 12)} for ${variant.name} started`, t0);

  let stopped: Promise<void> | undefined;
  const stop = () => (stopped ??= container.stop());
  try {
    if (ctx.signal.aborted) throw new ProvisionError('interrupted right after the container started', 'start container');
    const host = container.host;
    const httpsUrl = `https://${urlHost(host)}:${container.mappedPort(config.httpsPort)}`;
    // The certificate names localhost and 127.0.0.1; a remote Docker host is verified as "localhost".
    const tlsServerName = host === CLIENT_DNS || host === CLIENT_IP ? undefined : CLIENT_DNS;
    const t1 = Date.now();
    ctx.progress.waiting(`Alternator health check GET / on ${httpsUrl}`);
    await waitForAlternatorHealth({
      url: httpsUrl,
      caPem: ca.certPem,
      servername: tlsServerName,
      timeoutMs: o.healthTimeoutMs,
      intervalMs: o.pollIntervalMs,
      signal: ctx.signal,
      probe: options.healthProbe,
    });
    ctx.progress.done(`Alternator healthy on ${variant.name}`, t1);
    ctx.progress.waiting(`role credentials of ${variant.name} over CQL`);
    const hashes = await readRoleHashes(container, {
      superuser: { name: ALTERNATOR_ROLE, password },
      extraRolePasswords: rolePasswords,
      timeoutMs: o.rolesTimeoutMs,
      intervalMs: o.pollIntervalMs,
      signal: ctx.signal,
    });
    const dc: DatacenterEndpoint = {
      // The variant's name for its one datacenter (the node itself runs ScyllaDB's default snitch).
      datacenter: variant.topology.datacenters[0]!.name,
      httpsUrl,
      ...(tlsServerName ? { tlsServerName } : {}),
      caBundlePem: ca.certPem,
      ...(config.httpPort !== undefined ? { httpUrl: `http://${urlHost(host)}:${container.mappedPort(config.httpPort)}` } : {}),
      credentials: { accessKeyId: ALTERNATOR_ROLE, secretAccessKey: hashes.get(ALTERNATOR_ROLE)! },
      extraRoles: extraRoleCredentials((role) => hashes.get(role)),
      clientNames: { dnsNames: [CLIENT_DNS], ipAddresses: [CLIENT_IP] },
      ...(userManaged ? { userCertificatePem: serving.certPem } : {}),
    };
    const endpoint = buildEndpoint(variant, ctx, { target: 'container', apiProfile: 'alternator', dataPlane: 'scylladb', versionsSource: 'deployed', datacenters: [dc], ...alternatorScyllaConfig(variant.versions.scylla) });
    ctx.progress.done(`${variant.name}: Alternator ${effectiveWriteIsolation(promises)}, authorization ${promises.authorization}, HTTP ${promises.httpEnabled ? 'on' : 'off'}`);
    return {
      endpoint,
      stop,
      async collectDiagnostics(dir) {
        mkdirSync(dir, { recursive: true });
        writeOutputFile(join(dir, 'scylla-config.yaml'), redactedYamlFragment(config));
        writeOutputFile(join(dir, 'container.txt'), `image: ${config.image}\nid: ${container.id}\nentrypoint: ${JSON.stringify(config.entrypoint)}\ncommand: ${JSON.stringify(config.command)}\n`);
        const logs = await container.logs().catch((e: unknown) => `logs unavailable: ${e instanceof Error ? e.message : String(e)}`);
        writeOutputFile(join(dir, 'container.log'), redact(logs, secrets));
        return dir;
      },
    };
  } catch (e) {
    await stop().catch((err: unknown) => ctx.progress.warn(`stopping container ${container.id.slice(0, 12)} failed: ${err instanceof Error ? err.message : String(err)}`));
    throw e;
  }
}

const urlHost = (host: string) => (host.includes(':') ? `[${host}]` : host);
