#!/usr/bin/env node
// Before `npm test`: the page checks need a real headless browser (Debian's chromium) and the docs suite the real
// AWS CLI (`aws`, any version: Debian's awscli 2.9.19 predates AWS_ENDPOINT_URL_DYNAMODB and is given --endpoint-url).
// On a fresh Debian machine where we are root, install what is missing; elsewhere say how, and the tests that need
// them report themselves skipped.
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { spawnSync } from 'node:child_process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const onPath = (name) => (process.env.PATH ?? '').split(delimiter).some((d) => d && existsSync(join(d, name)));
const missing = [
  ...(existsSync(CHROMIUM) ? [] : [{ pkg: 'chromium', what: `${CHROMIUM} not found; page checks will be skipped`, fix: 'sudo apt-get install -y chromium (or set CHROMIUM_PATH)' }]),
  ...(onPath('aws') ? [] : [{ pkg: 'awscli', what: 'no `aws` on PATH; the docs suite (the operator page with the real AWS CLI) will be skipped', fix: 'sudo apt-get install -y awscli (or pip install awscli)' }]),
];
if (missing.length === 0) process.exit(0);
const isRoot = process.getuid?.() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!isRoot || !hasApt || process.env.ALTERNATOR_E2E_NO_APT) {
  for (const m of missing) console.warn(`note: ${m.what}. Install it with: ${m.fix}`);
  process.exit(0);
}
const pkgs = missing.map((m) => m.pkg);
console.log(`installing Debian ${pkgs.join(', ')} for the tests (apt-get)…`);
const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
if (!(run(['update', '-qq']) && run(['install', '-y', '-qq', '--no-install-recommends', ...pkgs])))
  console.warn(`note: installing ${pkgs.join(', ')} failed; the tests that need them will be skipped`);
