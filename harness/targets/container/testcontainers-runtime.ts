// The real container runtime: testcontainers 11 (Docker, or anything it finds through DOCKER_HOST / a Docker
// context / a Podman socket). Loaded lazily so nothing Docker-related is imported unless a container starts.
import type { ContainerRuntime, ContainerSpec, RunningContainer } from './runtime.ts';

/** How long `logs()` reads the container's output (the stream follows the container and never ends by itself). */
const LOG_READ_MS = 3000;

export function testcontainersRuntime(): ContainerRuntime {
  return {
    async start(spec: ContainerSpec): Promise<RunningContainer> {
      const { GenericContainer, Wait } = await import('testcontainers');
      let request = new GenericContainer(spec.image)
        .withCommand(spec.command)
        .withExposedPorts(...spec.exposedPorts)
        .withLabels(spec.labels)
        .withStartupTimeout(spec.startupTimeoutMs)
        // Only the published ports are awaited: Alternator opens them once it serves.
        .withWaitStrategy(Wait.forListeningPorts());
      if (spec.entrypoint) request = request.withEntrypoint(spec.entrypoint);
      if (spec.files.length > 0)
        request = request.withCopyContentToContainer(spec.files.map((f) => ({ content: f.content, target: f.path, mode: f.mode })));
      const started = await request.start();
      let stopped = false;
      return {
        id: started.getId(),
        host: started.getHost(),
        mappedPort: (port) => started.getMappedPort(port),
        async exec(command) {
          const r = await started.exec(command);
          return { exitCode: r.exitCode, stdout: r.stdout, stderr: r.stderr };
        },
        async logs() {
          const stream = await started.logs({ tail: 5000 });
          return readFor(stream, LOG_READ_MS);
        },
        async stop() {
          if (stopped) return;
          stopped = true;
          await started.stop({ remove: true, removeVolumes: true });
        },
      };
    },
  };
}

function readFor(stream: NodeJS.ReadableStream & { destroy?: () => void }, ms: number): Promise<string> {
  return new Promise((resolve) => {
    const chunks: string[] = [];
    const finish = () => {
      clearTimeout(timer);
      stream.destroy?.();
      resolve(chunks.join(''));
    };
    const timer = setTimeout(finish, ms);
    stream.on('data', (c: Buffer | string) => chunks.push(c.toString()));
    stream.on('end', finish);
    stream.on('error', finish);
  });
}
