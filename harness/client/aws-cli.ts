// The real AWS CLI as a user runs it: the `aws` found on PATH, in a scrubbed environment that holds only what the
// operator's page sets (plus the isolation below), so the user's own AWS setup can never leak in or be changed.
// An independent client: its own SigV4 signer, TLS stack and environment-variable handling, none written here.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { findOnPath, runProgram } from '../util/program.ts';
import { redact } from '../util/redact.ts';
import { shellCommand } from '../util/shell.ts';
import { freeLoopbackPort } from '../targets/local/loopback.ts';

export interface AwsCli {
  /** Where it was found on PATH. */
  path: string;
  /** `aws --version` as printed, e.g. "aws-cli/1.45.11 Python/3.11.7 Linux/... botocore/1.43.11". */
  versionLine: string;
  version: { major: number; minor: number; patch: number };
  /**
   * Whether it reads service endpoint variables (AWS_ENDPOINT_URL_DYNAMODB), which arrived in AWS CLI 2.13.0 and
   * 1.29.0 ("Service-specific endpoints", AWS SDKs and Tools Reference Guide). Older ones silently ignore them and
   * talk to AWS itself: the harness then passes --endpoint-url and says so.
   */
  readsEndpointVariables: boolean;
  /**
   * What this CLI does with endpoint and credentials but no region (nothing else configured): it does not depend on
   * the deployment, so it is asked once, against a closed loopback port (never contacted when a region is required).
   */
  withoutRegion: { regionRequired: boolean; message: string };
}

const VERSION = /aws-cli\/(\d+)\.(\d+)\.(\d+)/;

export function readsEndpointVariables(v: AwsCli['version']): boolean {
  if (v.major >= 3) return true;
  if (v.major === 2) return v.minor >= 13;
  return v.major === 1 && v.minor >= 29;
}

export function parseAwsVersion(line: string): AwsCli['version'] | undefined {
  const m = VERSION.exec(line);
  return m ? { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]) } : undefined;
}

/**
 * The AWS CLI on PATH, its version and what it does without a region, or why there is none. `cacheFile` (optional)
 * keeps the answer for one run: each invocation starts a Python interpreter, which costs about a second.
 */
export async function findAwsCli(o: { path?: string; cacheFile?: string } = {}): Promise<AwsCli | { missing: string }> {
  const searchPath = o.path ?? process.env.PATH ?? '';
  const path = findOnPath('aws', searchPath);
  if (!path) return { missing: 'the AWS CLI (`aws`) is not on PATH; install it (Debian: apt-get install awscli; or pip install awscli)' };
  const key = `${path}\0${statSync(path).mtimeMs}`;
  if (o.cacheFile && existsSync(o.cacheFile)) {
    try {
      const cached = JSON.parse(readFileSync(o.cacheFile, 'utf8')) as { key: string; cli: AwsCli };
      if (cached.key === key) return cached.cli;
    } catch {
      // a torn or foreign file: ask the CLI again
    }
  }
  const home = mkdtempSync(join(tmpdir(), 'alte2e-aws-'));
  try {
    const r = await runProgram(path, ['--version'], { env: { PATH: searchPath, HOME: home }, timeoutMs: 60_000 });
    // AWS CLI v1 before 1.18 printed the version on stderr.
    const line = `${r.stdout}\n${r.stderr}`.split('\n').find((l) => VERSION.test(l))?.trim();
    const version = line ? parseAwsVersion(line) : undefined;
    if (!line || !version) return { missing: `${path} --version printed no aws-cli/<version> (exit ${r.code}): ${(r.stderr || r.stdout).trim().slice(0, 200)}` };
    const reads = readsEndpointVariables(version);
    const closed = `http://127.0.0.1:${await freeLoopbackPort()}`;
    const empty = join(home, 'empty');
    writeFileSync(empty, '');
    const probe = await runProgram(path, ['dynamodb', 'list-tables', ...(reads ? [] : ['--endpoint-url', closed])], {
      env: { PATH: searchPath, HOME: home, AWS_CONFIG_FILE: empty, AWS_SHARED_CREDENTIALS_FILE: empty, AWS_PAGER: '', AWS_MAX_ATTEMPTS: '1', AWS_ENDPOINT_URL_DYNAMODB: closed, AWS_ACCESS_KEY_ID: 'probe', AWS_SECRET_ACCESS_KEY: 'probe' },
      timeoutMs: 60_000,
    });
    const message = probe.stderr.trim().split('\n').filter(Boolean).join(' ');
    const cli: AwsCli = { path, versionLine: line, version, readsEndpointVariables: reads, withoutRegion: { regionRequired: /must specify a region/i.test(message), message } };
    if (o.cacheFile) {
      mkdirSync(dirname(o.cacheFile), { recursive: true });
      const tmp = `${o.cacheFile}.${process.pid}`;
      writeFileSync(tmp, JSON.stringify({ key, cli }));
      renameSync(tmp, o.cacheFile);
    }
    return cli;
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

/** Exactly the variables the operator's page sets ("Connect with AWS CLI", Steps 1-4), plus the region. */
export interface PageVariables {
  AWS_ENDPOINT_URL_DYNAMODB: string;
  AWS_ACCESS_KEY_ID?: string;
  AWS_SECRET_ACCESS_KEY?: string;
  /** A file holding the CA bundle (`caBundleFile`). */
  AWS_CA_BUNDLE?: string;
  AWS_DEFAULT_REGION?: string;
}

export interface AwsCliRun {
  /** The command as a person would type it (no secret is ever on the command line). */
  command: string;
  /** The variables set, secrets replaced. */
  variables: Record<string, string>;
  code: number;
  stdout: string;
  stderr: string;
  /** Parsed stdout when it is JSON (the CLI's default output). */
  json?: unknown;
  /** The error code in "An error occurred (<code>) when calling the <Op> operation: <message>". */
  errorCode?: string;
  errorMessage?: string;
  /** --endpoint-url was added because this CLI ignores AWS_ENDPOINT_URL_DYNAMODB. */
  endpointUrlFlag: boolean;
}

export interface RunAwsOptions {
  /** HTTPS_PROXY for this invocation (a CONNECT tunnel to a forwarded port; TLS stays end to end). */
  httpsProxy?: string;
  /** AWS_MAX_ATTEMPTS: 1 where a connection is expected to fail (the CLI retries 5 times with back-off otherwise). */
  maxAttempts?: number;
  timeoutMs?: number;
}

const ERROR = /An error occurred \(([^)]+)\) when calling the \w+ operation: ?(.*)/;

/**
 * One scratch directory per session: HOME and empty AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE live there, so no
 * profile, credential, region or CA bundle of the user's is read, and nothing the CLI caches lands in their home.
 */
export class AwsCliSession {
  private readonly dir: string;
  private readonly empty: string;
  constructor(readonly cli: AwsCli) {
    this.dir = mkdtempSync(join(tmpdir(), 'alte2e-awscli-'));
    this.empty = join(this.dir, 'empty');
    writeFileSync(this.empty, '');
    mkdirSync(join(this.dir, 'home'));
  }

  /** Writes a file in the session's directory (e.g. the CA bundle) and returns its path. */
  file(name: string, content: string): string {
    const p = join(this.dir, name);
    writeFileSync(p, content, { mode: 0o600 });
    return p;
  }

  environment(page: PageVariables, o: RunAwsOptions = {}): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {
      // PATH only to find the interpreter behind `aws` (a pyenv shim, a venv); nothing else is inherited.
      PATH: process.env.PATH ?? '',
      HOME: join(this.dir, 'home'),
      AWS_CONFIG_FILE: this.empty,
      AWS_SHARED_CREDENTIALS_FILE: this.empty,
      // AWS CLI v2 pipes output through a pager by default.
      AWS_PAGER: '',
    };
    for (const [k, v] of Object.entries(page)) if (v !== undefined) env[k] = v;
    if (o.maxAttempts !== undefined) env.AWS_MAX_ATTEMPTS = String(o.maxAttempts);
    // Proxies are never inherited; one is set only for a tunnel the harness runs itself.
    if (o.httpsProxy) env.HTTPS_PROXY = o.httpsProxy;
    return env;
  }

  async run(args: readonly string[], page: PageVariables, o: RunAwsOptions = {}): Promise<AwsCliRun> {
    const endpointUrlFlag = !this.cli.readsEndpointVariables;
    const full = endpointUrlFlag ? [...args, '--endpoint-url', page.AWS_ENDPOINT_URL_DYNAMODB] : [...args];
    const env = this.environment(page, o);
    const r = await runProgram(this.cli.path, full, { env, timeoutMs: o.timeoutMs ?? 120_000, cwd: this.dir });
    const secrets = [page.AWS_SECRET_ACCESS_KEY].filter((s): s is string => !!s && s.length >= 4);
    const stdout = redact(r.stdout, secrets);
    const stderr = redact(r.timedOut ? `${r.stderr}\n(killed after ${o.timeoutMs ?? 120_000} ms)` : r.stderr, secrets);
    let json: unknown;
    try {
      json = stdout.trim() ? JSON.parse(stdout) : undefined;
    } catch {
      json = undefined;
    }
    const m = ERROR.exec(stderr);
    const variables = Object.fromEntries(
      Object.entries(env)
        .filter(([k]) => k.startsWith('AWS_') || k === 'HTTPS_PROXY')
        .map(([k, v]) => [k, k === 'AWS_SECRET_ACCESS_KEY' ? '<redacted>' : String(v)]),
    );
    return {
      command: shellCommand(['aws', ...full]),
      variables,
      code: r.code,
      stdout,
      stderr,
      ...(json !== undefined ? { json } : {}),
      ...(m ? { errorCode: m[1]!, errorMessage: m[2]!.trim() } : {}),
      endpointUrlFlag,
    };
  }

  close(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** One line for a report: what ran and what came back (never a secret). */
export function describeRun(r: AwsCliRun): string {
  const out = (r.code === 0 ? r.stdout : r.stderr).trim().split('\n').filter(Boolean).slice(0, 3).join(' ⏎ ');
  return `\`${r.command}\` → exit ${r.code}${out ? `: ${out.slice(0, 300)}` : ''}`;
}
