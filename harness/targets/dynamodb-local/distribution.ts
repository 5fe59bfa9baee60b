// Where the dynamodb-local target's DynamoDB Local comes from and what it needs. The jar ships in the npm package
// amplify-dynamodb-simulator (emulator/: DynamoDBLocal.jar and DynamoDBLocal_lib/ with sqlite4java's native
// libraries). Only that one tarball is fetched, with npm's own client (`npm pack`), and checked against the
// integrity pinned here: as a dependency the package would also bring its Node wrapper's 280-odd packages
// (aws-cdk-lib among them, about 280 MB), none of which starting the jar needs. `npm pack` runs no install script.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../../util/paths.ts';
import { probeCommand } from '../../util/program.ts';
import type { DoctorCheck } from '../doctor-check.ts';

export const DISTRIBUTION = {
  package: 'amplify-dynamodb-simulator',
  version: '2.9.30',
  /** The registry's `dist.integrity` of that version (npm view amplify-dynamodb-simulator@2.9.30 dist.integrity). */
  integrity: 'sha512-xTeeRLvzEfqyd5lh3bH4c0kHvSHHmmhD5ZDsHFKAQ5g2Zl6JqlFdutaQhCLHzxEp6Ry1o7TB6niIoXuQAnSewQ==',
  /** What the package ships under emulator/ (its README.txt release notes; the server prints it at start). */
  dynamodbLocalVersion: '1.25.1',
  /** The tarball's size (npm pack --json: 56,573,501 bytes; 66.8 MB unpacked), for messages and README. */
  sizeBytes: 56_573_501,
} as const;

export const MIN_JAVA_MAJOR = 17;
export const INSTALL_COMMAND = 'npm run dynamodb-local:install';
const JAVA_FIX = `install a Java ${MIN_JAVA_MAJOR}+ runtime: Debian/Ubuntu \`sudo apt-get install -y openjdk-17-jre-headless\` (or set JAVA_HOME to one)`;

/** The unpacked emulator/ directory (under node_modules/.cache, so it goes with node_modules). */
export function emulatorDir(root = projectRoot()): string {
  return join(root, 'node_modules', '.cache', 'alternator-e2e', `${DISTRIBUTION.package}-${DISTRIBUTION.version}`, 'emulator');
}

export const jarPath = (dir = emulatorDir()) => join(dir, 'DynamoDBLocal.jar');
export const nativeLibDir = (dir = emulatorDir()) => join(dir, 'DynamoDBLocal_lib');

/** JAVA_HOME's java when set, else `java` from PATH. */
export function javaCommand(env: NodeJS.ProcessEnv = process.env): string {
  return env.JAVA_HOME ? join(env.JAVA_HOME, 'bin', 'java') : 'java';
}

/** The major version in `java -version` output: `openjdk version "17.0.15"` → 17, `java version "1.8.0_312"` → 8. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const m = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!m) return undefined;
  const first = Number(m[1]);
  return first === 1 && m[2] !== undefined ? Number(m[2]) : first;
}

export type Run = (cmd: string, args: string[], opts?: { cwd?: string; timeoutMs?: number }) => Promise<{ code: number; stdout: string; stderr: string }>;

export const run: Run = (cmd, args, opts = {}) => probeCommand(cmd, args, { cwd: opts.cwd, timeoutMs: opts.timeoutMs ?? 20_000, maxBuffer: 16 * 1024 * 1024 });

/** What the target needs, each with the fix when missing: a Java 17+ runtime and the unpacked jar. */
export async function dynamodbLocalChecks(o: { env?: NodeJS.ProcessEnv; dir?: string; run?: Run } = {}): Promise<DoctorCheck[]> {
  const java = javaCommand(o.env);
  const r = await (o.run ?? run)(java, ['-version']);
  const major = r.code === 0 ? parseJavaMajor(r.stderr + r.stdout) : undefined;
  const javaCheck: DoctorCheck =
    r.code !== 0
      ? { name: 'java', ok: false, required: true, detail: `${java} did not run (${r.stderr.split('\n')[0]?.trim() || `exit ${r.code}`})`, fix: JAVA_FIX }
      : major === undefined || major < MIN_JAVA_MAJOR
        ? { name: 'java', ok: false, required: true, detail: `${java} is ${(r.stderr + r.stdout).split('\n')[0]?.trim()}; DynamoDB Local ${DISTRIBUTION.dynamodbLocalVersion} needs Java ${MIN_JAVA_MAJOR}+`, fix: JAVA_FIX }
        : { name: 'java', ok: true, required: true, detail: `Java ${major} (${java})` };
  const dir = o.dir ?? emulatorDir();
  const jarCheck: DoctorCheck = existsSync(jarPath(dir)) && existsSync(nativeLibDir(dir))
    ? { name: 'DynamoDB Local', ok: true, required: true, detail: `${DISTRIBUTION.dynamodbLocalVersion} (${DISTRIBUTION.package}@${DISTRIBUTION.version}) in ${dir}` }
    : {
        name: 'DynamoDB Local',
        ok: false,
        required: true,
        detail: `${jarPath(dir)} not found`,
        fix: `${INSTALL_COMMAND} (fetches ${DISTRIBUTION.package}@${DISTRIBUTION.version}, ${Math.round(DISTRIBUTION.sizeBytes / 1e6)} MB, with npm and unpacks its emulator/)`,
      };
  return [javaCheck, jarCheck];
}

/** sha512 of a file in npm's integrity form. */
export function integrityOf(file: string): string {
  return `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;
}

/**
 * Fetches the pinned package with `npm pack`, checks its integrity and unpacks emulator/ into `emulatorDir()`.
 * Nothing is left half-written: it unpacks into a temporary directory and renames it into place.
 */
export async function installDistribution(o: { dir?: string; run?: Run; log?: (line: string) => void } = {}): Promise<string> {
  const dir = o.dir ?? emulatorDir();
  if (existsSync(jarPath(dir))) return dir;
  const exec = o.run ?? run;
  const parent = join(dir, '..');
  mkdirSync(parent, { recursive: true });
  const tmp = mkdtempSync(join(parent, '.fetch-'));
  try {
    const spec = `${DISTRIBUTION.package}@${DISTRIBUTION.version}`;
    o.log?.(`fetching ${spec} (${Math.round(DISTRIBUTION.sizeBytes / 1e6)} MB) with npm pack`);
    const pack = await exec('npm', ['pack', spec, '--pack-destination', tmp, '--silent'], { cwd: tmp, timeoutMs: 600_000 });
    const tgz = join(tmp, `${DISTRIBUTION.package}-${DISTRIBUTION.version}.tgz`);
    if (pack.code !== 0 || !existsSync(tgz)) throw new Error(`npm pack ${spec} failed (exit ${pack.code}): ${pack.stderr.trim().slice(0, 500)}`);
    const got = integrityOf(tgz);
    if (got !== DISTRIBUTION.integrity) throw new Error(`${spec}: integrity ${got} is not the pinned ${DISTRIBUTION.integrity}; nothing was unpacked`);
    const untar = await exec('tar', ['-xzf', tgz, '-C', tmp, 'package/emulator'], { timeoutMs: 300_000 });
    if (untar.code !== 0) throw new Error(`unpacking ${tgz} failed (exit ${untar.code}): ${untar.stderr.trim().slice(0, 500)}`);
    rmSync(dir, { recursive: true, force: true }); // a partial copy (no jar) left by someone else
    renameSync(join(tmp, 'package', 'emulator'), dir);
    o.log?.(`DynamoDB Local ${DISTRIBUTION.dynamodbLocalVersion} unpacked in ${dir}`);
    return dir;
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}
