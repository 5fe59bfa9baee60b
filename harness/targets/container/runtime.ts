// The narrow boundary between the container target and a container engine: only what the target uses.
// testcontainers implements it for real (testcontainers-runtime.ts); tests play it with fakes.

export interface ContainerFile {
  path: string;
  content: string;
  mode?: number;
}

export interface ContainerSpec {
  image: string;
  /** Replaces the image's entrypoint when set. */
  entrypoint?: string[];
  command: string[];
  /** Container ports published on random host ports; `start` resolves once all of them listen. */
  exposedPorts: number[];
  /** Written into the container before it starts. */
  files: ContainerFile[];
  labels: Record<string, string>;
  startupTimeoutMs: number;
}

export interface ExecResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface RunningContainer {
  readonly id: string;
  /** Host name or address where the published ports are reachable. */
  readonly host: string;
  mappedPort(containerPort: number): number;
  exec(command: string[]): Promise<ExecResult>;
  /** The container's output so far (for diagnostics). */
  logs(): Promise<string>;
  /** Stops and removes the container. */
  stop(): Promise<void>;
}

export interface ContainerRuntime {
  start(spec: ContainerSpec): Promise<RunningContainer>;
}
