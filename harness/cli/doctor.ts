// `doctor`: what a target needs, what is missing, and how to get it. Never changes anything.
import { spawnSync } from 'node:child_process';
import { TARGET_NAMES, type TargetName } from '../targets/target.ts';
import { ConfigError } from '../util/errors.ts';
import { DynamoClient } from '../client/dynamo-client.ts';
import { endpointOptionsFromEnv, resolveDatacenters, type EndpointTargetOptions } from '../targets/endpoint/endpoint-target.ts';

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
  fix?: string;
}

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

export function binaryCheck(bin: string, args: string[], fix: string): Check {
  const r = spawnSync(bin, args, { encoding: 'utf8', timeout: 10_000 });
  if (r.error) return { name: bin, ok: false, detail: `${bin} not found on PATH`, fix };
  const out = `${r.stdout}${r.stderr}`.trim().split('\n')[0] ?? '';
  return r.status === 0 ? { name: bin, ok: true, detail: out } : { name: bin, ok: false, detail: out || `${bin} exited ${r.status}`, fix };
}

export function dockerDaemonCheck(): Check {
  const r = spawnSync('docker', ['info', '--format', '{{.ServerVersion}}'], { encoding: 'utf8', timeout: 15_000 });
  if (r.error) return { name: 'docker daemon', ok: false, detail: 'docker CLI not found', fix: 'install Docker Engine: https://docs.docker.com/engine/install/' };
  return r.status === 0
    ? { name: 'docker daemon', ok: true, detail: `server ${r.stdout.trim()}` }
    : {
        name: 'docker daemon',
        ok: false,
        detail: (r.stderr.trim().split('\n').pop() ?? 'not reachable').slice(0, 200),
        fix: 'start the Docker daemon (systemctl start docker) or point DOCKER_HOST at one; kind and the container target need it',
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

export async function doctor(target: string, endpoint: EndpointTargetOptions = {}): Promise<Check[]> {
  if (!TARGET_NAMES.includes(target as TargetName)) throw new ConfigError('unknown target', { field: '--target', value: target, allowed: TARGET_NAMES });
  const checks = [nodeVersionCheck()];
  switch (target as TargetName) {
    case 'local':
      checks.push({ name: 'local data plane', ok: true, detail: 'dynalite (npm dependency): nothing else needed' });
      break;
    case 'endpoint':
      checks.push(...(await endpointChecks(endpoint)));
      break;
    case 'kind':
      checks.push(
        binaryCheck('docker', ['--version'], 'install Docker: https://docs.docker.com/engine/install/'),
        dockerDaemonCheck(),
        binaryCheck('kind', ['version'], 'install kind: https://kind.sigs.k8s.io/docs/user/quick-start/#installation'),
        binaryCheck('kubectl', ['version', '--client'], 'install kubectl: https://kubernetes.io/docs/tasks/tools/'),
      );
      break;
    case 'kubeconfig': {
      const kc = process.env.KUBECONFIG ?? `${process.env.HOME}/.kube/config`;
      checks.push(binaryCheck('kubectl', ['config', 'current-context'], `create a kubeconfig (${kc}) or set KUBECONFIG`));
      break;
    }
    case 'container':
      checks.push(binaryCheck('docker', ['--version'], 'install Docker: https://docs.docker.com/engine/install/'), dockerDaemonCheck());
      break;
  }
  return checks;
}

export function printChecks(checks: Check[], out: NodeJS.WritableStream = process.stdout): boolean {
  for (const c of checks) out.write(`${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}${!c.ok && c.fix ? `\n    fix: ${c.fix}` : ''}\n`);
  const ok = checks.every((c) => c.ok);
  out.write(ok ? '\nEverything this target needs is here.\n' : '\nSomething this target needs is missing (see fix: lines).\n');
  return ok;
}
