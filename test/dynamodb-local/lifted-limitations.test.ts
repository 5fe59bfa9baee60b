// Lifted means checked: an endpoint declared as Alternator (--api-profile alternator --scylla-version 2025.1.4) that
// answers TransactWriteItems, TransactGetItems and ExecuteStatement — AWS DynamoDB Local behind a pass-through proxy,
// standing for an Alternator that implemented them — runs the transactions and PartiQL cases, which the registry
// documents as missing there (alternator-no-transactions, alternator-no-partiql), and their verdicts count: DynamoDB
// Local's own PartiQL deviation fails the run, and so does a wrong TransactGetItems answer the proxy injects. Also
// (Streams before 2026.2.0): without --experimental-feature alternator-streams the Streams cases are not applicable,
// naming alternator-streams-experimental; with it they run.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import http from 'node:http';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { dynamodbLocalChecks, emulatorDir, javaCommand } from '../../harness/targets/dynamodb-local/distribution.ts';
import { DynamoDbLocalProcess } from '../../harness/targets/dynamodb-local/dynamodb-local-process.ts';
import { runCli, failedCases, type CliRun } from '../helpers/cli.ts';

const missing = (await dynamodbLocalChecks()).filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail} (fix: ${c.fix})`);
const SUITE = 'api/streams-transactions-partiql';
const credentials = { accessKeyId: 'alternatore2e', secretAccessKey: randomBytes(16).toString('hex') };

/**
 * Forwards every request unchanged to `upstream`; with `wrongTransactGet` on, a TransactGetItems answer says v = 7
 * wherever the item says v = 1 (a wrong answer of a lifted operation).
 */
function proxy(upstream: string): { server: http.Server; faults: { wrongTransactGet: boolean } } {
  const faults = { wrongTransactGet: false };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const out = http.request(new URL(req.url ?? '/', upstream), { method: req.method, headers: req.headers }, (answer) => {
        const body: Buffer[] = [];
        answer.on('data', (c: Buffer) => body.push(c));
        answer.on('end', () => {
          let text = Buffer.concat(body);
          if (faults.wrongTransactGet && String(req.headers['x-amz-target']).endsWith('.TransactGetItems'))
            text = Buffer.from(text.toString('utf8').replaceAll('"v":{"N":"1"}', '"v":{"N":"7"}'));
          res.writeHead(answer.statusCode ?? 500, { ...answer.headers, 'content-length': String(text.length) });
          res.end(text);
        });
      });
      out.on('error', () => res.destroy());
      out.end(Buffer.concat(chunks));
    });
  });
  return { server, faults };
}

describe.skipIf(missing.length > 0)('an Alternator endpoint that answers transactions and PartiQL (DynamoDB Local behind a proxy)', () => {
  let dynamodbLocal: DynamoDbLocalProcess;
  let front: ReturnType<typeof proxy>;
  let url: string;
  let dir: string;
  const stop = new AbortController();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'alte2e-lifted-'));
    dynamodbLocal = await new DynamoDbLocalProcess({ java: javaCommand(), dir: emulatorDir(), logFile: join(dir, 'dynamodb-local.log'), credentials, signal: stop.signal }).start();
    front = proxy(dynamodbLocal.url);
    await new Promise<void>((r) => front.server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(front.server.address() as AddressInfo).port}`;
  }, 120_000);
  afterAll(async () => {
    front?.server.close();
    await dynamodbLocal?.stop();
    stop.abort();
    rmSync(dir, { recursive: true, force: true });
  });

  const run = (...extra: string[]): Promise<CliRun> =>
    runCli(['run', '--target', 'endpoint', '--endpoint', url, '--api-profile', 'alternator', '--scylla-version', '2025.1.4', '--suite', SUITE, '--quiet', ...extra], {
      env: { AWS_ACCESS_KEY_ID: credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey },
    });
  const casesOf = (r: CliRun, describe: string) => r.cases().filter((c) => c.name.startsWith(`${describe} > `));
  const DUPLICATE = `endpoint ${SUITE} › api partiql > INSERT of an existing key is a DuplicateItemException (DuplicateItem on DynamoDB Local, a documented difference)`;
  const TRANSACT_GET = `endpoint ${SUITE} › api transactions > TransactGetItems reads several items at once`;

  it('runs every transactions and PartiQL case, saying the limitation was observed lifted; a wrong answer fails the run', async () => {
    front.faults.wrongTransactGet = false;
    const clean = await run();
    const lifted = [...casesOf(clean, 'api transactions'), ...casesOf(clean, 'api partiql')];
    expect(lifted.length).toBe(14);
    expect(lifted.filter((c) => c.status === 'skipped').map((c) => `${c.name}: ${c.reason}`)).toEqual([]);
    for (const c of lifted) expect(JSON.stringify(c), c.name).toMatch(/runs where documented as missing: limitation observed lifted \((TransactGetItems|ExecuteStatement) answered /);
    // DynamoDB Local's own deviation from DynamoDB (difference dynamodb-local-partiql-duplicate-item), which the
    // registry cannot know on an endpoint declared as Alternator: a verdict like any other, so the run fails.
    expect(failedCases(clean)).toEqual([DUPLICATE]);
    expect(clean.code).toBe(1);
    expect(lifted.filter((c) => c.status === 'passed').length).toBe(13);

    front.faults.wrongTransactGet = true;
    const faulty = await run();
    expect(failedCases(faulty).sort()).toEqual([DUPLICATE, TRANSACT_GET].sort());
    expect(faulty.code).toBe(1);
  });

  it('Streams of a 2025.1 endpoint: not applicable without experimental_features declared, offered with --experimental-feature alternator-streams', async () => {
    front.faults.wrongTransactGet = false;
    const undeclared = casesOf(await run(), 'api streams');
    expect(undeclared.length).toBe(7);
    for (const c of undeclared) {
      expect(c.status, c.name).toBe('skipped');
      expect(c.reason, c.name).toMatch(/^not applicable: .*experimental_features: \[alternator-streams\].*\[alternator-streams-experimental: /);
    }
    const declared = casesOf(await run('--experimental-feature', 'alternator-streams'), 'api streams');
    expect(declared.length).toBe(7);
    expect(declared.filter((c) => /alternator-streams-experimental|alternator-no-streams/.test(c.reason ?? '')).map((c) => c.name)).toEqual([]);
    expect(declared.filter((c) => c.status !== 'skipped').length).toBeGreaterThanOrEqual(5);
  });
});
