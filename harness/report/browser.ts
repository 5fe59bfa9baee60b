// Opens report pages in a real headless browser (Debian's chromium driven by playwright-core) for the
// harness's own tests: loads a page, collects console errors and page errors, counts elements and
// keeps a screenshot. Shared by the load page test and the run summary page test.
import { existsSync, mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium; CHROMIUM_PATH overrides (as test/setup/ensure-system-deps.mjs does). */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Why browser checks cannot run here, or undefined when they can. */
export function browserUnavailableReason(executablePath = CHROMIUM_PATH): string | undefined {
  return existsSync(executablePath) ? undefined : `${executablePath} is absent (apt-get install -y chromium); CI installs it`;
}

export interface OpenBrowser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A browser with a fresh profile directory, removed on close. */
export async function launchBrowser(executablePath = CHROMIUM_PATH): Promise<OpenBrowser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'alternator-e2e-chromium-'));
  let context: BrowserContext;
  try {
    // launchPersistentContext is how playwright takes a user data dir (it refuses --user-data-dir in args).
    context = await chromium.launchPersistentContext(userDataDir, { executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
  } catch (e) {
    rmSync(userDataDir, { recursive: true, force: true });
    throw e;
  }
  return {
    context,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

export interface PageCheck {
  title: string;
  /** Console messages of type error, and uncaught page errors. */
  errors: string[];
  /** Requests the page made to anything but its own file (a self-contained page makes none). */
  externalRequests: string[];
  /** Number of matches per selector asked for. */
  counts: Record<string, number>;
  screenshot?: string;
}

/** Opens a local HTML file, waits for load, and reports what a reader would notice is broken. */
export async function checkPage(
  browser: OpenBrowser,
  file: string,
  o: { selectors?: string[]; screenshot?: string; inspect?: (page: Page) => Promise<void> } = {},
): Promise<PageCheck> {
  const page = await browser.context.newPage();
  const errors: string[] = [];
  const externalRequests: string[] = [];
  const url = pathToFileURL(file).href;
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`page error: ${e.message}`));
  page.on('request', (r) => {
    if (r.url() !== url && !r.url().startsWith('data:')) externalRequests.push(r.url());
  });
  try {
    await page.goto(url, { waitUntil: 'load' });
    const counts: Record<string, number> = {};
    for (const s of o.selectors ?? []) counts[s] = await page.locator(s).count();
    if (o.inspect) await o.inspect(page);
    if (o.screenshot) {
      mkdirSync(dirname(o.screenshot), { recursive: true });
      await page.screenshot({ path: o.screenshot, fullPage: true });
    }
    return { title: await page.title(), errors, externalRequests, counts, ...(o.screenshot ? { screenshot: o.screenshot } : {}) };
  } finally {
    await page.close();
  }
}
