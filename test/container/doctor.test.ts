import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { doctorContainer, dockerEndpointCandidates, type DoctorDeps, type DockerEndpoint } from '../../harness/targets/container/doctor.ts';

const IMAGE = 'docker.io/scylladb/scylla:2026.2.4';

function deps(over: Partial<DoctorDeps> & { api?: (e: DockerEndpoint, path: string) => { status: number; body: string } | Error }): DoctorDeps {
  return {
    env: { PATH: '/usr/bin' },
    exists: () => false,
    readFile: () => {
      throw new Error('ENOENT');
    },
    run: async () => ({ code: 0, stdout: 'Docker version 28.2.2, build e6534b4\n', stderr: '' }),
    dockerApi: async (e, path) => {
      const r = over.api?.(e, path) ?? new Error('connect ENOENT');
      if (r instanceof Error) throw r;
      return r;
    },
    ...over,
  };
}

describe('doctorContainer', () => {
  it('on a machine without a daemon: names the sockets it looked for, and says the image was not checked', async () => {
    const checks = await doctorContainer({ image: IMAGE }, deps({ env: { PATH: '/usr/bin', HOME: '/home/u' }, exists: (p) => p === '/usr/bin/docker' }));
    expect(checks.map((c) => [c.name, c.ok, c.required])).toEqual([
      ['docker CLI', true, false],
      ['Docker daemon', false, true],
      ['ScyllaDB image', false, true],
    ]);
    expect(checks[0]!.detail).toBe('Docker version 28.2.2, build e6534b4 (/usr/bin/docker)');
    expect(checks[1]!.detail).toBe('no Docker daemon socket: DOCKER_HOST is unset and none of unix:///var/run/docker.sock, unix:///home/u/.docker/run/docker.sock exists');
    expect(checks[1]!.fix).toMatch(/start a Docker Engine.*DOCKER_HOST/);
    expect(checks[2]!.detail).toBe(`${IMAGE}: not checked, it needs a reachable Docker daemon (see above)`);
  });

  it('reports a missing CLI as optional', async () => {
    const [cli] = await doctorContainer({ image: IMAGE }, deps({}));
    expect(cli).toMatchObject({ ok: false, required: false, fix: expect.stringContaining('apt-get install docker.io') });
  });

  it('with a daemon: reports its version, and an image present locally', async () => {
    const checks = await doctorContainer(
      { image: IMAGE },
      deps({
        exists: (p) => p === '/var/run/docker.sock',
        api: (_e, path) =>
          path === '/_ping' ? { status: 200, body: 'OK' }
          : path === '/version' ? { status: 200, body: '{"Version":"28.2.2","ApiVersion":"1.50"}' }
          : path === `/images/${IMAGE}/json` ? { status: 200, body: '{}' }
          : { status: 500, body: '' },
      }),
    );
    expect(checks[1]).toMatchObject({ ok: true, detail: 'answers at unix:///var/run/docker.sock (engine 28.2.2, API 1.50)' });
    expect(checks[2]).toMatchObject({ ok: true, detail: `${IMAGE} is present locally` });
  });

  it('with a daemon that cannot resolve the image: says why and how to fix it', async () => {
    const checks = await doctorContainer(
      { image: IMAGE },
      deps({
        env: { PATH: '', DOCKER_HOST: 'tcp://10.0.0.5:2375' },
        api: (e, path) => {
          expect(e).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 2375 });
          return path === '/_ping' ? { status: 200, body: 'OK' } : path.startsWith('/distribution/') ? { status: 401, body: '{"message":"unauthorized"}' } : { status: 404, body: '{}' };
        },
      }),
    );
    expect(checks[2]).toMatchObject({ ok: false, detail: `the daemon cannot resolve ${IMAGE} (HTTP 401: unauthorized)`, fix: expect.stringContaining('docker login') });
  });

  it('reports a socket that exists but does not answer (permissions, stopped daemon)', async () => {
    const checks = await doctorContainer({ image: IMAGE }, deps({ exists: (p) => p === '/var/run/docker.sock', api: () => new Error('connect EACCES /var/run/docker.sock') }));
    expect(checks[1]).toMatchObject({ ok: false, detail: 'the daemon does not answer: unix:///var/run/docker.sock: connect EACCES /var/run/docker.sock' });
    expect(checks[1]!.fix).toContain('docker group');
  });

  it('understands DOCKER_HOST forms and rejects others by name', () => {
    const readFile = () => 'pem';
    expect(dockerEndpointCandidates({ env: { DOCKER_HOST: 'unix:///run/user/1000/docker.sock' }, readFile }).endpoints).toEqual([{ kind: 'unix', socketPath: '/run/user/1000/docker.sock' }]);
    expect(dockerEndpointCandidates({ env: { DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/c' }, readFile }).endpoints).toEqual([
      { kind: 'tcp', host: 'h', port: 2376, tls: { ca: 'pem', cert: 'pem', key: 'pem' } },
    ]);
    expect(dockerEndpointCandidates({ env: { DOCKER_HOST: 'ssh://me@h' }, readFile }).problem).toBe('DOCKER_HOST=ssh://me@h is neither unix:///path nor tcp://host:port');
  });

  it('on this machine: agrees with what is actually installed and running', async () => {
    const checks = await doctorContainer({ image: IMAGE });
    const cliPath = (process.env.PATH ?? '').split(delimiter).map((d) => join(d, 'docker')).find((p) => existsSync(p));
    let cliWorks = false;
    if (cliPath) {
      try {
        execFileSync(cliPath, ['--version'], { stdio: 'ignore', timeout: 10_000 });
        cliWorks = true;
      } catch {
        /* present but broken */
      }
    }
    expect(checks.find((c) => c.name === 'docker CLI')!.ok).toBe(cliWorks);
    const daemon = checks.find((c) => c.name === 'Docker daemon')!;
    const image = checks.find((c) => c.name === 'ScyllaDB image')!;
    const anySocket = Boolean(process.env.DOCKER_HOST) || existsSync('/var/run/docker.sock');
    if (!anySocket) {
      expect(daemon.ok).toBe(false);
      expect(daemon.detail).toContain('/var/run/docker.sock');
      expect(daemon.fix).toBeTruthy();
      expect(image.ok).toBe(false);
      expect(image.detail).toContain('needs a reachable Docker daemon');
    }
    for (const c of checks) if (!c.ok) expect(c.fix, c.name).toBeTruthy();
  });
});
