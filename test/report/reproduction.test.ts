// Done-when of issue 22: a failed case's reproduction, taken from results.json and run with the real AWS CLI (and
// sh) against the same endpoint, shows the same wrong answer. The run injects condition-ignored into the local
// target; the script then runs, without the harness, against a fresh local front door with that fault (same wrong
// answer) and against one without it (the right answer, so the script really sends the request that tells them apart).
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliRun } from '../helpers/cli.ts';
import { createLocalTarget } from '../../harness/targets/local/local-target.ts';
import { loadProfile } from '../../harness/variant/profile.ts';
import type { Deployment, RunContext } from '../../harness/targets/target.ts';
import { silentProgress } from '../../harness/util/progress.ts';
import { findAwsCli, AwsCliSession } from '../../harness/client/aws-cli.ts';
import { startConnectTunnel, type ConnectTunnel } from '../../harness/client/connect-tunnel.ts';
import { runProgram } from '../../harness/util/program.ts';
import type { CaseResult } from '../../harness/report/results.ts';

const ctx: RunContext = { runId: 'repro', reportsDir: tmpdir(), progress: silentProgress, signal: new AbortController().signal, failOnLiftedLimitation: false };
const defaults = () => loadProfile('smoke').variants.find((v) => v.name === 'defaults')!;

/** Runs a reproduction script with sh in the AWS CLI's scrubbed environment, set as the operator's page sets it. */
async function replay(script: string, d: Deployment, session: AwsCliSession): Promise<string> {
  const dc = d.endpoint.datacenters[0]!;
  const url = new URL(dc.httpsUrl);
  // The certificate names the Service; the CLI verifies that name, reached through a CONNECT tunnel (as suites/docs does).
  const name = `${dc.tlsServerName}:${url.port}`;
  const tunnel: ConnectTunnel = await startConnectTunnel([{ from: name, to: { host: url.hostname, port: Number(url.port) } }]);
  try {
    const env = session.environment(
      {
        AWS_ENDPOINT_URL_DYNAMODB: `https://${name}`,
        AWS_CA_BUNDLE: session.file(`ca-${url.port}.crt`, dc.caBundlePem),
        AWS_ACCESS_KEY_ID: dc.credentials!.accessKeyId,
        AWS_SECRET_ACCESS_KEY: dc.credentials!.secretAccessKey,
      },
      { httpsProxy: tunnel.proxyUrl },
    );
    const file = session.file('repro.sh', script);
    const r = await runProgram('sh', [file], { env, timeoutMs: 120_000 });
    return `${r.stdout}\n${r.stderr}`;
  } finally {
    await tunnel.close();
  }
}

/** The output of one step of a script's run: from its "== step i/n" line to the next "==" line. */
function stepOutput(output: string, step: string): string {
  const start = output.indexOf(`== ${step}`);
  expect(start, output).toBeGreaterThanOrEqual(0);
  const next = output.indexOf('\n== ', start + 3);
  return output.slice(start, next < 0 ? undefined : next);
}

describe('a failed case reproduced without the harness', () => {
  let run: CliRun;
  let session: AwsCliSession | undefined;
  let skipWhy: string | undefined;
  beforeAll(async () => {
    const cli = await findAwsCli();
    if ('missing' in cli) skipWhy = cli.missing;
    else session = new AwsCliSession(cli);
    run = await runCli(['run', '--suite', 'api/condition-expressions', '--variant', 'defaults', '--inject-fault', 'condition-ignored', '--quiet']);
  }, 300_000);
  afterAll(() => session?.close());

  it('every failed case carries its evidence and a reproduction, also written as a script beside results.json', () => {
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const failed = run.cases().filter((c) => c.status === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    for (const c of failed) {
      expect(c.evidence?.exchanges.length, c.name).toBeGreaterThan(0);
      expect(c.reproduction?.rerun, c.name).toContain(`--case '${c.name.replace(/'/g, `'\\''`)}'`);
      expect(readFileSync(join(run.runDir(), c.reproduction!.file), 'utf8')).toBe(c.reproduction!.script);
    }
    // A passing case keeps nothing.
    expect(run.cases().filter((c) => c.status === 'passed' && c.evidence)).toEqual([]);
  });

  it('run with the AWS CLI against a front door with the same fault, it shows the same wrong answer; without the fault, the right one', async (t) => {
    if (skipWhy) t.skip(`the AWS CLI is needed: ${skipWhy}`);
    // A case whose failing request the AWS CLI itself sends (not curl).
    const c = run
      .cases()
      .find((x): x is typeof x & Required<Pick<CaseResult, 'reproduction'>> => x.failure?.message.startsWith('expected ConditionalCheckFailedException, but the request succeeded') === true && !!x.reproduction && !x.reproduction.script.includes('# curl:'));
    expect(c, 'a failed case whose reproduction uses the AWS CLI only').toBeDefined();
    const script = c!.reproduction.script;
    const last = `step ${c!.evidence!.exchanges.length}/${c!.evidence!.exchanges.length}`;
    expect(script).toMatch(/aws dynamodb put-item --no-paginate --cli-input-json '/);
    expect(script).toContain('# the harness got: HTTP 200 {}');

    const faulty = await createLocalTarget({ fault: 'condition-ignored' }).deploy(defaults(), ctx);
    try {
      const out = stepOutput(await replay(script, faulty, session!), last);
      expect(out).toContain('-> exit 0');
      expect(out).not.toContain('ConditionalCheckFailedException');
    } finally {
      await faulty.stop();
    }
    const clean = await createLocalTarget().deploy(defaults(), ctx);
    try {
      const out = stepOutput(await replay(script, clean, session!), last);
      expect(out).toMatch(/An error occurred \(ConditionalCheckFailedException\) when calling the PutItem operation/);
      expect(out).not.toContain('-> exit 0');
    } finally {
      await clean.stop();
    }
  }, 300_000);

  it('a request the AWS CLI cannot send as recorded (binary values) is sent with curl, signed from the same variables', async (t) => {
    if (skipWhy) t.skip(`the AWS CLI is needed for the set-up steps: ${skipWhy}`);
    const c = run.cases().find((x) => x.failure?.message.startsWith('expected ConditionalCheckFailedException') && x.reproduction?.script.includes('# curl: the AWS CLI cannot send this request as recorded (it holds binary values'));
    expect(c, 'a failed case whose reproduction uses curl').toBeDefined();
    const n = c!.evidence!.exchanges.length;
    for (const [fault, expected] of [
      ['condition-ignored', /HTTP\/1\.1 200 OK[\s\S]*\{\}\n?-> exit 0/],
      [undefined, /HTTP\/1\.1 400 [\s\S]*ConditionalCheckFailedException/],
    ] as const) {
      const d = await createLocalTarget(fault ? { fault } : {}).deploy(defaults(), ctx);
      try {
        expect(stepOutput(await replay(c!.reproduction!.script, d, session!), `step ${n}/${n}`)).toMatch(expected);
      } finally {
        await d.stop();
      }
    }
  }, 300_000);
});
