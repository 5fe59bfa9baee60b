#!/usr/bin/env node
// Before `npm test`: the page checks need a real headless browser (Debian's chromium). On a fresh Debian
// machine where we are root, install it; elsewhere say how, and the page tests report themselves skipped.
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (existsSync(CHROMIUM)) process.exit(0);
const isRoot = process.getuid?.() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!isRoot || !hasApt || process.env.ALTERNATOR_E2E_NO_APT) {
  console.warn(`note: ${CHROMIUM} not found; page checks will be skipped. Install it with: sudo apt-get install -y chromium (or set CHROMIUM_PATH)`);
  process.exit(0);
}
console.log('installing Debian chromium for the page checks (apt-get)…');
const run = (args) => spawnSync('apt-get', args, { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } }).status === 0;
if (!(run(['update', '-qq']) && run(['install', '-y', '-qq', '--no-install-recommends', 'chromium'])))
  console.warn('note: installing chromium failed; page checks will be skipped');
