// The kind boundary. No maintained npm wrapper exists; like e2e-framework, the harness spawns the binary.
import { spawnRunner, type Runner, type CommandResult } from '../kubernetes/run-command.ts';
import { ProvisionError } from '../../util/errors.ts';

export interface ClusterProvider {
  /** `kind create cluster --name N --config - --image IMG --retain --wait …`; config YAML on stdin. */
  create(o: { name: string; config: string; image: string; waitSeconds: number; signal?: AbortSignal }): Promise<void>;
  exists(name: string): Promise<boolean>;
  /** `kind get clusters`: every kind cluster on this host, the harness's and others'. */
  list(): Promise<string[]>;
  /** The kubeconfig (YAML) that reaches the cluster from this host. */
  kubeconfig(name: string): Promise<string>;
  loadImage(name: string, image: string): Promise<void>;
  /** `docker pull IMAGE` on the host (what `kind load docker-image` then copies into every node). */
  pullImage(image: string): Promise<void>;
  /** `kind export logs DIR`: node-level logs (kubelet, containerd), complementing per-variant diagnostics. */
  exportLogs(name: string, dir: string): Promise<void>;
  delete(name: string): Promise<void>;
}

const tail = (s: string, lines = 15) => s.trim().split('\n').slice(-lines).join('\n');

export type { Runner } from '../kubernetes/run-command.ts';

export class KindCli implements ClusterProvider {
  constructor(
    private readonly binary = 'kind',
    private readonly run: Runner = spawnRunner,
    private readonly docker = 'docker',
  ) {}

  private async kind(step: string, args: string[], o: { stdin?: string; signal?: AbortSignal; timeoutMs?: number } = {}): Promise<string> {
    let r: CommandResult;
    try {
      r = await this.run(this.binary, args, o);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new ProvisionError(
        code === 'ENOENT' ? `"${this.binary}" not found on PATH; install kind (https://kind.sigs.k8s.io/docs/user/quick-start/#installation)` : `kind ${args[0]} could not run: ${(e as Error).message}`,
        step,
        { cause: e },
      );
    }
    if (r.code !== 0) throw new ProvisionError(`kind ${args.join(' ')} failed (exit ${r.code}):\n${tail(r.stderr || r.stdout)}`, step);
    return r.stdout;
  }

  async create(o: { name: string; config: string; image: string; waitSeconds: number; signal?: AbortSignal }): Promise<void> {
    await this.kind('create kind cluster', ['create', 'cluster', '--name', o.name, '--config', '-', '--image', o.image, '--retain', '--wait', `${o.waitSeconds}s`], {
      stdin: o.config,
      // Node images are pulled before kind's own --wait starts: allow for that, but never hang forever.
      timeoutMs: (o.waitSeconds + 600) * 1000,
      ...(o.signal ? { signal: o.signal } : {}),
    });
  }

  async exists(name: string): Promise<boolean> {
    return (await this.list()).includes(name);
  }

  async list(): Promise<string[]> {
    // "No kind clusters found." goes to stderr: stdout holds only names, one a line.
    const out = await this.kind('list kind clusters', ['get', 'clusters']);
    return out.split('\n').map((l) => l.trim()).filter(Boolean);
  }

  kubeconfig(name: string): Promise<string> {
    return this.kind('get kind kubeconfig', ['get', 'kubeconfig', '--name', name]);
  }

  async loadImage(name: string, image: string): Promise<void> {
    await this.kind('load image into kind', ['load', 'docker-image', image, '--name', name]);
  }

  async pullImage(image: string): Promise<void> {
    let r: CommandResult;
    try {
      r = await this.run(this.docker, ['pull', image], { timeoutMs: 900_000 });
    } catch (e) {
      throw new ProvisionError(`${this.docker} pull ${image} could not run: ${(e as Error).message}`, 'pull images');
    }
    if (r.code !== 0) throw new ProvisionError(`${this.docker} pull ${image} failed (exit ${r.code}):\n${tail(r.stderr || r.stdout)}`, 'pull images');
  }

  async exportLogs(name: string, dir: string): Promise<void> {
    await this.kind('export kind logs', ['export', 'logs', dir, '--name', name]);
  }

  async delete(name: string): Promise<void> {
    await this.kind('delete kind cluster', ['delete', 'cluster', '--name', name], { timeoutMs: 300_000 });
  }
}
