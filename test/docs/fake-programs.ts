// Fake `aws` and `kubectl` executables for the docs suite's plumbing: node scripts that record how they were called
// (arguments, environment, stdin) and answer as the real programs do for the few commands the page uses.
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface FakeCall {
  argv: string[];
  env: Record<string, string>;
  stdin: string;
}

export interface FakeProgram {
  dir: string;
  path: string;
  calls(): FakeCall[];
}

/** Writes `<dir>/<name>`: records each call to calls.jsonl, then runs `answer` (JS source using argv, stdin). */
function fakeProgram(name: string, answer: string, dir = mkdtempSync(join(tmpdir(), `alte2e-fake-${name}-`))): FakeProgram {
  const log = join(dir, `${name}-calls.jsonl`);
  writeFileSync(log, '');
  const path = join(dir, name);
  writeFileSync(
    path,
    `#!${process.execPath}
const { appendFileSync, readFileSync } = require('node:fs');
const argv = process.argv.slice(2);
let stdin = '';
try { stdin = readFileSync(0, 'utf8'); } catch {}
appendFileSync(${JSON.stringify(log)}, JSON.stringify({ argv, env: process.env, stdin }) + '\\n');
${answer}
`,
  );
  chmodSync(path, 0o755);
  return {
    dir,
    path,
    calls: () =>
      readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as FakeCall),
  };
}

/** An `aws` of the given version that prints its environment's endpoint and secret back (to check redaction). */
export function fakeAws(version: string, dir?: string): FakeProgram {
  return fakeProgram(
    'aws',
    `if (argv[0] === '--version') { console.log('aws-cli/${version} Python/3.11.2 Linux/6.1 source/x86_64.debian.12 prompt/off'); process.exit(0); }
if (!process.env.AWS_DEFAULT_REGION) { console.error('You must specify a region. You can also configure your region by running "aws configure".'); process.exit(253); }
console.error('secret was ' + process.env.AWS_SECRET_ACCESS_KEY);
console.log(JSON.stringify({ TableNames: [] }));`,
    dir,
  );
}

export interface FakeCluster {
  clusterIP: string;
  ports: number[];
  saltedHash: string;
  caPem: string;
  password: string;
}

/**
 * The end of every fake kubectl script (`c` holds password and saltedHash): `exec … cqlsh` answered as cqlsh does, which
 * prompts for the password (on stderr, without a terminal) and prints its table with CRLF line ends; anything else refused.
 */
const cqlshExec = (first = '') => `if (rest[0] === 'exec') {
  ${first}
  process.stderr.write('Password: ');
  if (stdin.trim() !== c.password) { console.error('Connection error: Bad credentials'); process.exit(1); }
  process.stdout.write('\\r\\n salted_hash\\r\\n-------------\\r\\n ' + c.saltedHash + '\\r\\n\\r\\n(1 rows)\\r\\n');
  process.exit(0);
}
console.error('fake kubectl: unexpected ' + argv.join(' '));
process.exit(2);`;

/** A `kubectl` that answers the operator page's commands for one ScyllaCluster as the real one would print them. */
export function fakeKubectl(c: FakeCluster, dir?: string): FakeProgram {
  return fakeProgram(
    'kubectl',
    `const c = ${JSON.stringify(c)};
const rest = argv.slice(argv.indexOf('--namespace') + 2);
if (rest[0] === 'get' && rest[2] === '-o=jsonpath={.spec.clusterIP}') { process.stdout.write(c.clusterIP); process.exit(0); }
if (rest[0] === 'get' && rest[2] === '-o=jsonpath={.spec.ports[*].port}') { process.stdout.write(c.ports.join(' ')); process.exit(0); }
if (rest[0] === 'get' && rest[1].startsWith('configmap/')) { process.stdout.write(c.caPem); process.exit(0); }
${cqlshExec()}`,
    dir,
  );
}

/** What a fake API server holds as `kubectlOverObjects` reads it: its objects, and each namespace's superuser salted_hash. */
export interface FakeApiSnapshot {
  objects: unknown[];
  saltedHashes: Record<string, string>;
}

/**
 * A `kubectl` reading the objects of a fake API server (a JSON file the test rewrites, `snapshotFile`) as the real one
 * reads an API server: `get <kind>/<name>` finds the object in the namespace or fails as kubectl does, "Error from
 * server (NotFound): <kind>s "<name>" not found", exit 1; `exec … cqlsh` answers the namespace's cluster's salted_hash
 * for the right password. Only the page's commands are understood.
 */
export function kubectlOverObjects(snapshotFile: string, password: string, dir?: string): FakeProgram {
  return fakeProgram(
    'kubectl',
    `const snapshot = JSON.parse(readFileSync(${JSON.stringify(snapshotFile)}, 'utf8'));
const objects = snapshot.objects;
const ns = argv[argv.indexOf('--namespace') + 1];
const c = { password: ${JSON.stringify(password)}, saltedHash: snapshot.saltedHashes[ns] };
const rest = argv.slice(argv.indexOf('--namespace') + 2);
const find = (ref) => {
  const [kind, name] = ref.split('/');
  const o = objects.find((x) => x.kind.toLowerCase() === kind && x.metadata.name === name && x.metadata.namespace === ns);
  if (!o) { console.error('Error from server (NotFound): ' + kind + 's "' + name + '" not found'); process.exit(1); }
  return o;
};
if (rest[0] === 'get' && rest[2] === '-o=jsonpath={.spec.clusterIP}') { process.stdout.write(find(rest[1]).spec.clusterIP); process.exit(0); }
if (rest[0] === 'get' && rest[2] === '-o=jsonpath={.spec.ports[*].port}') { process.stdout.write(find(rest[1]).spec.ports.map((p) => p.port).join(' ')); process.exit(0); }
if (rest[0] === 'get' && rest[2] === '--template={{ index .data "ca-bundle.crt" }}') { process.stdout.write(find(rest[1]).data['ca-bundle.crt']); process.exit(0); }
${cqlshExec('find(rest[2]);')}`,
    dir,
  );
}
