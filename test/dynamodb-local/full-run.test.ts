// Every suite against AWS DynamoDB Local, an implementation of DynamoDB nobody in this project wrote, through the CLI
// as a user runs it: 0 failures; at least 80% of all cases executed and passed; every Streams, PartiQL and
// transactions case passed (they run nowhere else); and every case that did not run names the documented
// difference that makes it not applicable, with its reference link, or a gap of the target itself (no TLS, no
// metrics, no operator). Also: the server is gone when the run ends, and
// the report says what served the API instead of presenting placeholder ScyllaDB versions as measured.
import { describe, it, expect } from 'vitest';
import net from 'node:net';
import { dynamodbLocalChecks } from '../../harness/targets/dynamodb-local/distribution.ts';
import { runCli, failedCases } from '../helpers/cli.ts';

const missing = (await dynamodbLocalChecks()).filter((c) => !c.ok).map((c) => `${c.name}: ${c.detail} (fix: ${c.fix})`);
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => (s.destroy(), resolve(true)));
    s.once('error', () => resolve(false));
  });
}

/** "[<difference id>: <reference text> <https://...>]", as feature() and requireDifference() write it. */
const NAMES_A_DIFFERENCE = /^not applicable: .*\[(alternator|operator|local|dynamodb-local)-[a-z0-9-]+: [^\]]*<https:\/\/[^>]+>[^\]]*\]$/s;

/** What DynamoDB Local, by what it is, does not offer: no TLS, no ScyllaDB metrics, no operator (so no UserManaged certificate). */
const TARGET_GAPS = [
  /^not applicable: the endpoint serves no TLS \(http:\/\/127\.0\.0\.1:\d+\)/,
  /^not applicable: the target gives no access to ScyllaDB metrics/,
  /^not applicable: the variant uses an OperatorManaged certificate$/,
];

describe('all suites on DynamoDB Local', () => {
  it('pass: 0 failed, >= 80% passed, every Streams/PartiQL/transactions case passed, every skip names a difference or a gap of the target', { timeout: 1_200_000 }, async (ctx) => {
    if (missing.length) ctx.skip(`DynamoDB Local cannot start here: ${missing.join('; ')}`);
    const r = await runCli(['run', '--target', 'dynamodb-local'], { timeoutMs: 1_150_000 });
    expect(failedCases(r)).toEqual([]);
    expect(r.code, r.stdout.slice(-3000) + r.stderr.slice(-3000)).toBe(0);
    const port = Number(/variant dynamodb-local ready at http:\/\/127\.0\.0\.1:(\d+)/.exec(r.stderr)?.[1]);
    expect(port, r.stderr.slice(0, 2000)).toBeGreaterThan(0);
    expect(await listening(port), `DynamoDB Local still listens on ${port} after the run`).toBe(false);
    const v = r.results().variants[0]!;
    expect(v).toMatchObject({ name: 'dynamodb-local', target: 'dynamodb-local', versionsSource: 'not-run', versions: {} });
    expect(v.servedBy).toMatch(/^AWS DynamoDB Local 1\.25\.1 .*no ScyllaDB or operator ran/);
    expect(r.junit()).toMatch(/<property name="served.by" value="AWS DynamoDB Local 1\.25\.1/);
    expect(r.junit()).not.toMatch(/name="version\.scylla"/);
    const cases = r.cases();
    const passed = cases.filter((c) => c.status === 'passed');
    expect(passed.length / cases.length, `${passed.length} of ${cases.length} passed`).toBeGreaterThanOrEqual(0.8);
    const stp = cases.filter((c) => c.suite === 'api/streams-transactions-partiql');
    expect(stp.length).toBeGreaterThanOrEqual(21);
    expect(stp.filter((c) => c.status !== 'passed').map((c) => `${c.status}: ${c.name} ${c.reason ?? ''}`)).toEqual([]);
    const unnamed = cases.filter((c) => c.status === 'skipped' && !NAMES_A_DIFFERENCE.test(c.reason ?? '') && !TARGET_GAPS.some((g) => g.test(c.reason ?? ''))).map((c) => `${c.suite} › ${c.name}: ${c.reason}`);
    expect(unnamed).toEqual([]);
    ctx.annotate(`${passed.length} passed, ${cases.length - passed.length} not applicable of ${cases.length}`);
  });
});
