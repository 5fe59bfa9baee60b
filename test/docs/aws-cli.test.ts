// The AWS CLI plumbing of suites/docs, with a fake `aws`: which versions read AWS_ENDPOINT_URL_DYNAMODB, the
// --endpoint-url fallback for the ones that do not, the scrubbed environment, secrets kept out of results.
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsCliSession, findAwsCli, parseAwsVersion, readsEndpointVariables, type AwsCli } from '../../harness/client/aws-cli.ts';
import { findOnPath } from '../../harness/util/program.ts';
import { fakeAws } from './fake-programs.ts';

const sessions: AwsCliSession[] = [];
afterEach(() => sessions.splice(0).forEach((s) => s.close()));

describe('AWS CLI versions', () => {
  it('service endpoint variables are read from AWS CLI 2.13.0 and 1.29.0 on (older ones talk to AWS itself)', () => {
    const reads = (v: string) => readsEndpointVariables(parseAwsVersion(`aws-cli/${v} Python/3`)!);
    expect(['1.28.9', '1.29.0', '1.45.11', '2.9.19', '2.12.7', '2.13.0', '2.22.1'].map((v) => [v, reads(v)])).toEqual([
      ['1.28.9', false],
      ['1.29.0', true],
      ['1.45.11', true],
      ['2.9.19', false],
      ['2.12.7', false],
      ['2.13.0', true],
      ['2.22.1', true],
    ]);
    expect(parseAwsVersion('no version here')).toBeUndefined();
  });

  it('an `aws` absent from PATH is reported with how to install it', async () => {
    const r = await findAwsCli({ path: mkdtempSync(join(tmpdir(), 'alte2e-empty-path-')) });
    expect(r).toEqual({ missing: expect.stringMatching(/not on PATH; install it \(Debian: apt-get install awscli/) });
  });
});

describe('a CLI that predates endpoint variables (Debian awscli 2.9.19), faked', () => {
  it('is detected from `aws --version`, once per run (cached), and gets --endpoint-url with the same URL', async () => {
    const fake = fakeAws('2.9.19');
    const cacheFile = join(fake.dir, 'cache', 'aws-cli.json');
    const cli = (await findAwsCli({ path: `${fake.dir}:/usr/bin:/bin`, cacheFile })) as AwsCli;
    expect(cli).toMatchObject({ path: fake.path, version: { major: 2, minor: 9, patch: 19 }, readsEndpointVariables: false, withoutRegion: { regionRequired: true } });
    expect(existsSync(cacheFile)).toBe(true);
    const callsAfterFirst = fake.calls().length;
    expect(fake.calls().map((c) => c.argv[0])).toEqual(['--version', 'dynamodb']);
    // The region probe sends nothing anywhere: a closed loopback URL, passed as --endpoint-url to this old CLI.
    expect(fake.calls()[1]!.argv).toEqual(['dynamodb', 'list-tables', '--endpoint-url', expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/)]);
    await findAwsCli({ path: `${fake.dir}:/usr/bin:/bin`, cacheFile });
    expect(fake.calls()).toHaveLength(callsAfterFirst);

    const s = new AwsCliSession(cli);
    sessions.push(s);
    const r = await s.run(['dynamodb', 'list-tables'], { AWS_ENDPOINT_URL_DYNAMODB: 'https://127.0.0.1:8043', AWS_ACCESS_KEY_ID: 'cassandra', AWS_SECRET_ACCESS_KEY: '$6$salt$hash', AWS_DEFAULT_REGION: 'us-east-1' });
    expect(r.endpointUrlFlag).toBe(true);
    expect(fake.calls().at(-1)!.argv).toEqual(['dynamodb', 'list-tables', '--endpoint-url', 'https://127.0.0.1:8043']);
    expect(r.command).toBe('aws dynamodb list-tables --endpoint-url https://127.0.0.1:8043');
    expect(r.json).toEqual({ TableNames: [] });
    // The secret the CLI echoed never reaches the result.
    expect(r.stderr).toBe('secret was <redacted>\n');
    expect(JSON.stringify(r)).not.toContain('$6$salt$hash');
  });
});

describe('the scrubbed environment', () => {
  it("holds the page's variables, an empty config and credentials file and a private HOME; nothing of the user's AWS or proxy setup", async () => {
    const fake = fakeAws('1.45.11');
    const cli = (await findAwsCli({ path: `${fake.dir}:/usr/bin:/bin` })) as AwsCli;
    expect(cli.readsEndpointVariables).toBe(true);
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_PROFILE: 'prod', AWS_CA_BUNDLE: '/etc/ssl/certs/ca-certificates.crt', AWS_REGION: 'eu-west-1', HTTPS_PROXY: 'http://corp:3128', AWS_ACCESS_KEY_ID: 'AKIAUSER' });
    try {
      const s = new AwsCliSession(cli);
      sessions.push(s);
      const ca = s.file('ca-bundle.crt', '-----BEGIN CERTIFICATE-----\n');
      const r = await s.run(['dynamodb', 'list-tables'], { AWS_ENDPOINT_URL_DYNAMODB: 'https://127.0.0.1:8043', AWS_ACCESS_KEY_ID: 'cassandra', AWS_SECRET_ACCESS_KEY: 'x', AWS_CA_BUNDLE: ca, AWS_DEFAULT_REGION: 'us-east-1' });
      expect(r.endpointUrlFlag).toBe(false);
      const env = fake.calls().at(-1)!.env;
      expect(fake.calls().at(-1)!.argv).toEqual(['dynamodb', 'list-tables']);
      expect(Object.keys(env).filter((k) => /^(AWS_|HTTPS?_PROXY|NO_PROXY)/i.test(k)).sort()).toEqual(
        ['AWS_ACCESS_KEY_ID', 'AWS_CA_BUNDLE', 'AWS_CONFIG_FILE', 'AWS_DEFAULT_REGION', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_PAGER', 'AWS_SECRET_ACCESS_KEY', 'AWS_SHARED_CREDENTIALS_FILE'].sort(),
      );
      expect(env).toMatchObject({ AWS_ACCESS_KEY_ID: 'cassandra', AWS_CA_BUNDLE: ca });
      expect(readFileSync(env.AWS_CONFIG_FILE!, 'utf8')).toBe('');
      expect(readFileSync(env.AWS_SHARED_CREDENTIALS_FILE!, 'utf8')).toBe('');
      expect(env.HOME).not.toBe(saved.HOME);
      expect(r.variables.AWS_SECRET_ACCESS_KEY).toBe('<redacted>');
      // A proxy only for the harness's own tunnel, when asked.
      await s.run(['dynamodb', 'list-tables'], { AWS_ENDPOINT_URL_DYNAMODB: 'https://10.96.0.1:8043', AWS_DEFAULT_REGION: 'us-east-1' }, { httpsProxy: 'http://127.0.0.1:1', maxAttempts: 1 });
      expect(fake.calls().at(-1)!.env).toMatchObject({ HTTPS_PROXY: 'http://127.0.0.1:1', AWS_MAX_ATTEMPTS: '1' });
    } finally {
      for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });

  it('findOnPath finds executables only, in PATH order', () => {
    const a = fakeAws('1.45.11');
    const b = fakeAws('2.9.19');
    expect(findOnPath('aws', `${a.dir}:${b.dir}`)).toBe(a.path);
    expect(findOnPath('aws', `${b.dir}:${a.dir}`)).toBe(b.path);
    expect(findOnPath('aws-cli.json', a.dir)).toBeUndefined();
  });
});
