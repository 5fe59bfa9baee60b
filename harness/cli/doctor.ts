// `doctor`: what a target needs, what is missing, and how to get it. Never changes anything.
import { doctorContainer } from '../targets/container/doctor.ts';
import { doctorKind } from '../targets/kind/index.ts';
import { doctorKubeconfig } from '../targets/kubeconfig/index.ts';
import { dynamodbLocalChecks } from '../targets/dynamodb-local/distribution.ts';
import { TARGET_NAMES, type TargetName } from '../targets/target.ts';
import { ConfigError } from '../util/errors.ts';
import { DynamoClient } from '../client/dynamo-client.ts';
import { endpointOptionsFromEnv, resolveDatacenters, type EndpointTargetOptions } from '../targets/endpoint/endpoint-target.ts';

import type { DoctorCheck } from '../targets/doctor-check.ts';
import { loadProfile } from '../variant/profile.ts';
import { checkVersionSupport } from '../variant/support-matrix.ts';
type Check = Pick<DoctorCheck, 'name' | 'ok' | 'detail' | 'fix'> & { required?: boolean };

export function nodeVersionCheck(version = process.versions.node): Check {
  const [maj, min] = version.split('.').map(Number) as [number, number];
  const ok = (maj === 20 && min >= 19) || (maj === 22 && min >= 12) || maj > 22;
  return {
    name: 'node',
    ok,
    detail: `Node ${version}${maj === 20 ? ' (end of life since April 2026; supported here, prefer 22 or 24)' : ''}`,
    fix: ok ? undefined : 'install Node 22 LTS (or 20.19+): https://nodejs.org or `npm install -g node@22`',
  };
}

async function endpointChecks(o: EndpointTargetOptions): Promise<Check[]> {
  const checks: Check[] = [];
  let dcs;
  try {
    dcs = resolveDatacenters(endpointOptionsFromEnv(o));
  } catch (e) {
    return [{ name: 'endpoint configuration', ok: false, detail: (e as Error).message, fix: 'see README "Targets: endpoint"' }];
  }
  for (const d of dcs) {
    const c = new DynamoClient({ url: d.httpsUrl, caPem: d.caBundlePem || undefined, servername: d.tlsServerName, timeoutMs: 5_000 });
    try {
      const r = await c.get('/');
      checks.push({ name: `endpoint ${d.datacenter}`, ok: r.status === 200, detail: `${d.httpsUrl} answered HTTP ${r.status}: ${r.text.slice(0, 80)}` });
    } catch (e) {
      checks.push({ name: `endpoint ${d.datacenter}`, ok: false, detail: `${d.httpsUrl}: ${(e as Error).message}`, fix: 'check the URL, the CA bundle (AWS_CA_BUNDLE) and that the endpoint is reachable from here' });
    } finally {
      c.close();
    }
    checks.push({ name: `credentials ${d.datacenter}`, ok: true, detail: d.credentials ? `access key id ${d.credentials.accessKeyId}` : 'none (only for authorization disabled)' });
  }
  return checks;
}

/**
 * Kubernetes targets: the profile's operator/ScyllaDB/agent combinations against the support matrix. An unsupported
 * one is refused (ConfigError, exit 2) as `plan` and `run` refuse it; one supported only as the release's own default
 * is a warning (not required).
 */
export function versionSupportChecks(target: string, versions: { profile?: string; operatorVersion?: string } = {}): Check[] {
  if (target !== 'kind' && target !== 'kubeconfig') return [];
  const profile = loadProfile(versions.profile ?? 'smoke');
  const warnings = checkVersionSupport(target, profile.variants, versions.operatorVersion);
  const combos = [...new Set(profile.variants.map((v) => `operator ${versions.operatorVersion ?? v.versions.operator} with ScyllaDB ${v.versions.scylla}${v.versions.agent ? ` and agent ${v.versions.agent.split('@')[0]}` : ''}`))];
  return [
    { name: 'version support', ok: true, detail: `profile ${profile.name}: ${combos.join('; ')}: supported (harness/variant/support-matrix.ts)` },
    ...warnings.map((w) => ({ name: 'version support', ok: false, required: false, detail: w, fix: 'nothing required (the release\'s CI runs its own default); to stay within the documented matrix, pin a version it names' })),
  ];
}

export async function doctor(target: string, endpoint: EndpointTargetOptions = {}, versions: { profile?: string; operatorVersion?: string } = {}): Promise<Check[]> {
  if (!TARGET_NAMES.includes(target as TargetName)) throw new ConfigError('unknown target', { field: '--target', value: target, allowed: TARGET_NAMES });
  // The Kubernetes doctors check Node themselves.
  const checks: Check[] = target === 'kind' || target === 'kubeconfig' ? [...versionSupportChecks(target, versions)] : [nodeVersionCheck()];
  switch (target as TargetName) {
    case 'local':
      checks.push({ name: 'local data plane', ok: true, detail: 'dynalite (npm dependency): nothing else needed' });
      break;
    case 'endpoint':
      checks.push(...(await endpointChecks(endpoint)));
      break;
    case 'kind':
      checks.push(...(await doctorKind()).filter((c) => c.required || !c.ok));
      break;
    case 'kubeconfig':
      checks.push(...(await doctorKubeconfig()).filter((c) => c.required || !c.ok));
      break;
    case 'container':
      checks.push(...(await doctorContainer()).filter((c) => c.required || !c.ok));
      break;
    case 'dynamodb-local':
      checks.push(...(await dynamodbLocalChecks()));
      break;
  }
  return checks;
}

export function printChecks(checks: Check[], out: NodeJS.WritableStream = process.stdout): boolean {
  for (const c of checks) out.write(`${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}${!c.ok && c.fix ? `\n    fix: ${c.fix}` : ''}\n`);
  const ok = checks.every((c) => c.ok || c.required === false);
  out.write(ok ? '\nEverything this target needs is here.\n' : '\nSomething this target needs is missing (see fix: lines).\n');
  return ok;
}
