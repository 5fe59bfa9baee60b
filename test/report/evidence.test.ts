// A failed case's evidence: bounded (older requests counted, long bodies cut with a note, never dropped silently),
// kept for failed cases only, and redacted when recorded: a planted secret appears nowhere the run wrote.
import { describe, it, expect, beforeAll } from 'vitest';
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from '../helpers/cli.ts';
import { EvidenceRing, redactEvidenceText } from '../../harness/client/evidence.ts';
import { runProgram } from '../../harness/util/program.ts';
import { shellQuote } from '../../harness/util/shell.ts';
import { projectRoot } from '../../harness/util/paths.ts';
import type { RunResult } from '../../harness/report/results.ts';
import { harnessInfo } from '../../harness/util/harness-info.ts';
import { expectNoSecret, withheld } from '../helpers/secrets.ts';
import { expectCryptHash } from '../../harness/suite-kit/secrets.ts';

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? filesBelow(p) : [p];
  });
}

describe('evidence ring', () => {
  const SECRET = 'plain-secret-value-42';
  const HASH = `$6$${'s'.repeat(16)}$${'h'.repeat(86)}`;

  it('redacts the given secrets, crypt hashes and the SigV4 signature in the URL, headers, bodies and errors', () => {
    const ring = new EvidenceRing([SECRET]);
    ring.record({
      method: 'POST',
      url: `https://h:1/?k=${SECRET}`,
      headers: { authorization: `AWS4-HMAC-SHA256 Credential=role/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=${'ab'.repeat(32)}`, 'x-amz-security-token': 'token', 'x-extra': SECRET },
      body: JSON.stringify({ a: SECRET, b: HASH }),
      response: { status: 400, headers: { 'x-echo': HASH }, body: Buffer.from(`{"message":"${SECRET}"}`) },
      secrets: ['signing-secret-7'],
    });
    ring.record({ method: 'POST', url: 'https://h:1/', headers: {}, body: 'signing-secret-7', error: new Error(`refused ${SECRET}`), secrets: ['signing-secret-7'] });
    const text = JSON.stringify(ring.snapshot());
    for (const s of [SECRET, HASH, 'signing-secret-7', 'ab'.repeat(32), '"token"']) expectNoSecret(text, s, 'the recorded exchanges');
    expect(text).toContain('Credential=role/20260101/us-east-1/dynamodb/aws4_request');
    expect(text).toContain('Signature=<redacted>');
    expect(text).toContain('"b\\":\\"<redacted>');
  });

  it('keeps the last N exchanges and counts the others; cuts long bodies with their sizes', () => {
    const ring = new EvidenceRing([], { exchanges: 3, bodyBytes: 10 });
    for (let i = 0; i < 5; i++) ring.record({ method: 'POST', url: 'https://h:1/', headers: {}, body: `${i}`.repeat(25), secrets: [] });
    const ev = ring.snapshot();
    expect(ev.omitted).toBe(2);
    expect(ev.exchanges.map((e) => e.request.body)).toEqual(['2'.repeat(10), '3'.repeat(10), '4'.repeat(10)]);
    expect(ev.exchanges[0]!.request.bodyTruncated).toEqual({ keptBytes: 10, totalBytes: 25 });
  });

  it('never splits a character when it cuts a body', () => {
    const ring = new EvidenceRing([], { exchanges: 1, bodyBytes: 5 });
    ring.record({ method: 'POST', url: 'https://h:1/', headers: {}, body: 'ééé', secrets: [] });
    expect(ring.snapshot().exchanges[0]!.request).toMatchObject({ body: 'éé', bodyTruncated: { keptBytes: 4, totalBytes: 6 } });
  });

  it('leaves text without secrets alone', () => {
    expect(redactEvidenceText('{"a":"$6$ but not a hash"}', ['xyz1'])).toBe('{"a":"$6$ but not a hash"}');
  });
});

describe('evidence of a run', () => {
  let run: CliRun;
  let secret: string;
  beforeAll(async () => {
    const secretFile = join(mkdtempSync(join(tmpdir(), 'alte2e-planted-')), 'secret');
    run = await runCli(['run', '--suites-dir', 'test/fixtures/suites', '--suite', 'evidence', '--variant', 'defaults', '--quiet'], { env: { ALTE2E_PLANTED_SECRET_FILE: secretFile } });
    secret = readFileSync(secretFile, 'utf8');
  }, 300_000);
  const caseNamed = (part: string) => run.cases().find((c) => c.name.includes(part))!;

  it('a case that planted the secret key writes only the redacted form: in no file of the run, nor its output', () => {
    expect(run.code, withheld(run.stdout + run.stderr, secret)).toBe(1);
    expectCryptHash(secret, 'the planted secret');
    const planted = caseNamed('plants the secret');
    // The first case creates the table (useTable), then plants.
    expect(planted.evidence!.exchanges.map((e) => e.request.headers['x-amz-target']).slice(-2)).toEqual(['DynamoDB_20120810.PutItem', 'DynamoDB_20120810.GetItem']);
    expect(planted.evidence!.exchanges.at(-2)!.request.body).toContain('"secret":{"S":"<redacted');
    expect(planted.evidence!.exchanges.at(-1)!.response!.body).toContain('"secret":{"S":"<redacted');
    for (const f of filesBelow(run.runDir())) expectNoSecret(readFileSync(f, 'utf8'), secret, f);
    expectNoSecret(run.stdout + run.stderr, secret, "the run's output");
    expect(planted.reproduction!.script).toContain('# the body held a secret, written here as <redacted');
  });

  it('a body above the limit is cut with a note; the script says it cannot replay that step', () => {
    const c = caseNamed('above the evidence limit');
    const put = c.evidence!.exchanges[0]!;
    expect(put.request.bodyTruncated!.keptBytes).toBe(8192);
    expect(put.request.body).toHaveLength(8192);
    expect(put.request.bodyTruncated!.totalBytes).toBeGreaterThan(20_000);
    expect(c.reproduction!.script).toMatch(/# NOT REPLAYED: the request body was \d+ bytes, the evidence keeps the first 8192/);
  });

  it('more requests than the ring keeps: the last 20, the others counted, and the script says so', () => {
    const c = caseNamed('more requests than');
    expect(c.evidence!.exchanges).toHaveLength(20);
    expect(c.evidence!.omitted).toBe(5);
    expect(c.evidence!.setup?.map((e) => e.request.headers['x-amz-target'])).toEqual(['DynamoDB_20120810.CreateTable']);
    expect(c.reproduction!.script).toContain("# NOT REPLAYED: the case's first 5 request(s); the evidence keeps its last 20");
  });

  it("the rerun command, pasted into a shell, runs that one case again (--case)", async () => {
    const c = caseNamed('above the evidence limit');
    const reports = mkdtempSync(join(tmpdir(), 'alte2e-rerun-'));
    const command = c.reproduction!.rerun.replace(/^alternator-e2e /, `${shellQuote(process.execPath)} bin/alternator-e2e.mjs `);
    const r = await runProgram('sh', ['-c', `${command} --quiet --reports ${shellQuote(reports)}`], { env: { ...process.env, NO_COLOR: '1' }, cwd: projectRoot(), timeoutMs: 240_000 });
    expect(r.code, r.stdout + r.stderr).toBe(1);
    expect(r.stdout).toMatch(/\n0 passed, 1 failed, 0 skipped\n/);
    const results = JSON.parse(readFileSync(join(reports, 'latest', 'results.json'), 'utf8')) as RunResult;
    expect(results.variants.flatMap((v) => v.suites.flatMap((s) => s.cases.map((x) => x.name)))).toEqual([c.name]);
  }, 300_000);

  it('results.json, the JUnit properties, the page and summary.md name the harness version and commit', () => {
    const h = harnessInfo();
    expect(run.results()).toMatchObject({ schemaVersion: 2, harness: h });
    expect(run.junit()).toContain(`<property name="harness.version" value="${h.version}"/>`);
    expect(run.junit()).toContain(`<property name="harness.commit" value="${h.commit}"/>`);
    for (const f of ['index.html', 'summary.md']) expect(readFileSync(join(run.runDir(), f), 'utf8')).toContain(`written by alternator-e2e ${h.version} (commit ${h.commit})`);
    // The page links each failed case's reproduction, a file beside it.
    const c = caseNamed('plants the secret');
    expect(readFileSync(join(run.runDir(), 'index.html'), 'utf8')).toContain(`<a href="${c.reproduction!.file}">Reproduction without the harness</a>`);
  });

  it('a passing case keeps no evidence', () => {
    expect(caseNamed('passes')).toMatchObject({ status: 'passed' });
    expect(caseNamed('passes').evidence).toBeUndefined();
  });
});
