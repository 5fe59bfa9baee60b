// Secrets never reach output: every occurrence of each one is replaced before text is printed or stored.
//
// A run remembers every secret it was given or read (AWS secret keys, salted hashes, extra roles' secrets, CQL
// passwords: rememberSecret), and everything it writes passes through here: report files through writeOutputFile,
// console lines through guardConsole (installed once by the CLI on stdout and stderr), the results model through
// redactSecretsIn as results arrive. Text shaped like a crypt(3) hash is redacted even when nobody remembered it (a
// salted hash a suite read from system.roles in a vitest worker, which this process never saw).
import { writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';

export const REDACTED = '<redacted>';

/** Replaces every occurrence of each (non-empty) secret in text. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, s) => (s ? t.split(s).join(REDACTED) : t), text);
}

/**
 * crypt(3) hashes as system.roles holds them (SHA-512 "$6$", SHA-256 "$5$", bcrypt "$2b$", MD5 "$1$"; optional
 * "rounds=N$"): ScyllaDB's salted_hash (auth/passwords.cc) and the operator page's Step 3 output.
 */
const CRYPT_HASH = /\$(?:1|2[abxy]?|5|6)\$(?:rounds=\d+\$)?[./A-Za-z0-9]{1,22}\$[./A-Za-z0-9]{22,}/g;

/**
 * Shorter values are not remembered: a 1-3 character "secret" would blank out ordinary words in every report, and
 * protects nothing a reader could not guess.
 */
const MIN_SECRET_LENGTH = 4;

const known = new Set<string>();
/** Longest first, so a secret that contains another is replaced whole. */
let ordered: string[] = [];

/** Remembers secrets (undefined and too short ones ignored) so that no output of this process carries them. */
export function rememberSecret(...values: ReadonlyArray<string | undefined>): void {
  let added = false;
  for (const v of values) {
    if (v === undefined || v.length < MIN_SECRET_LENGTH || known.has(v)) continue;
    known.add(v);
    added = true;
  }
  if (added) ordered = [...known].sort((a, b) => b.length - a.length);
}

/** Names of environment variables that carry secrets by convention (AWS_SECRET_ACCESS_KEY, *_PASSWORD, *_TOKEN, ...). */
const SECRET_VARIABLE = /(SECRET|PASSWORD|PASSWD|TOKEN|SALTED_HASH)/i;
/** Values of such variables that are settings, not secrets (a flag, a number, a file's path). */
const NOT_A_SECRET_VALUE = /^(true|false|yes|no|on|off|\d+|\/.*)$/i;

/** Remembers every value of the environment whose variable name says it is a secret. */
export function rememberEnvironmentSecrets(env: NodeJS.ProcessEnv = process.env): void {
  for (const [k, v] of Object.entries(env)) if (SECRET_VARIABLE.test(k) && v !== undefined && !NOT_A_SECRET_VALUE.test(v)) rememberSecret(v);
}

/** text without any remembered secret nor anything shaped like a crypt hash. */
export function redactSecrets(text: string): string {
  return redact(text, ordered).replace(CRYPT_HASH, REDACTED);
}

/** A copy of a JSON-like value whose every string went through redactSecrets (keys included). */
export function redactSecretsIn<T>(value: T): T {
  if (typeof value === 'string') return redactSecrets(value) as T;
  if (Array.isArray(value)) return value.map((v) => redactSecretsIn(v)) as T;
  if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redactSecrets(k), redactSecretsIn(v)])) as T;
  return value;
}

/** Every file a run writes for people to read (reports, load reports, diagnostics) is written here. */
export function writeOutputFile(path: string, text: string): void {
  writeFileSync(path, redactSecrets(text));
}

export async function writeOutputFileAsync(path: string, text: string): Promise<void> {
  await writeFile(path, redactSecrets(text));
}

const guarded = new WeakSet<NodeJS.WritableStream>();

/**
 * Every chunk written to `stream` goes through redactSecrets first: the console lines of the run, its progress, and
 * whatever vitest or a library prints in this process. Installed once per stream.
 */
export function guardConsole(stream: NodeJS.WritableStream): void {
  if (guarded.has(stream)) return;
  guarded.add(stream);
  const write = stream.write.bind(stream) as (chunk: unknown, ...rest: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    if (typeof chunk === 'string') return write(redactSecrets(chunk), ...rest);
    if (chunk instanceof Uint8Array) {
      // A Buffer chunk has no encoding argument: keep the callback, if any, in its place.
      const text = Buffer.from(chunk).toString('utf8');
      const clean = redactSecrets(text);
      return clean === text ? write(chunk, ...rest) : write(clean, ...rest.filter((r) => typeof r === 'function'));
    }
    return write(chunk, ...rest);
  }) as NodeJS.WritableStream['write'];
}
