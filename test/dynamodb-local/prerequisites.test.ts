// What the dynamodb-local target needs and how it says what is missing: a Java 17+ runtime and the pinned jar,
// each with the command that fixes it; `doctor` and `run` exit 3 naming them, never with a stack trace.
import { describe, it, expect } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dynamodbLocalChecks, parseJavaMajor, DISTRIBUTION, type Run } from '../../harness/targets/dynamodb-local/distribution.ts';
import { createDynamoDbLocalTarget } from '../../harness/targets/dynamodb-local/dynamodb-local-target.ts';
import { runCli } from '../helpers/cli.ts';

const java = (stderr: string, code = 0): Run => async () => ({ code, stdout: '', stderr });
const emptyDir = () => mkdtempSync(join(tmpdir(), 'alte2e-ddbl-'));

describe('Java version', () => {
  it('reads the major version of both numbering schemes', () => {
    expect(parseJavaMajor('openjdk version "17.0.15" 2025-04-15\nOpenJDK Runtime Environment')).toBe(17);
    expect(parseJavaMajor('openjdk version "21" 2023-09-19')).toBe(21);
    expect(parseJavaMajor('java version "1.8.0_312"')).toBe(8);
    expect(parseJavaMajor('no java here')).toBeUndefined();
  });
});

describe('dynamodb-local checks', () => {
  it('a missing java: the apt package to install', async () => {
    const [j] = await dynamodbLocalChecks({ run: java('spawn java ENOENT', 127), dir: emptyDir() });
    expect(j).toMatchObject({ name: 'java', ok: false });
    expect(j!.fix).toMatch(/openjdk-17-jre-headless/);
  });

  it('a Java older than 17 is refused with the version found', async () => {
    const [j] = await dynamodbLocalChecks({ run: java('openjdk version "11.0.2" 2019-01-15'), dir: emptyDir() });
    expect(j!.ok).toBe(false);
    expect(j!.detail).toMatch(/11\.0\.2.*needs Java 17\+/);
  });

  it('a missing jar: the npm command that fetches the pinned package, and its size', async () => {
    const [j, jar] = await dynamodbLocalChecks({ run: java('openjdk version "17.0.15"'), dir: emptyDir() });
    expect(j!.ok).toBe(true);
    expect(jar).toMatchObject({ name: 'DynamoDB Local', ok: false });
    expect(jar!.fix).toContain('npm run dynamodb-local:install');
    expect(jar!.fix).toContain(`${DISTRIBUTION.package}@${DISTRIBUTION.version}`);
  });

  it('set-up refuses to start, naming every missing piece and its fix', async () => {
    const target = createDynamoDbLocalTarget({ dir: emptyDir(), env: { JAVA_HOME: '/nonexistent-java-home' } });
    await expect(target.setUp!({} as never)).rejects.toThrow(/java: .*fix: install a Java 17\+ runtime[\s\S]*DynamoDB Local: .*not found; fix: npm run dynamodb-local:install/);
  });
});

describe('the CLI where Java is missing', () => {
  const env = { JAVA_HOME: '/nonexistent-java-home' };

  it('doctor --target dynamodb-local exits 3 with a fix line', async () => {
    const r = await runCli(['doctor', '--target', 'dynamodb-local'], { env });
    expect(r.code).toBe(3);
    expect(r.stdout).toMatch(/✗ java: .*nonexistent-java-home/);
    expect(r.stdout).toMatch(/fix: install a Java 17\+ runtime/);
  });

  it('run --target dynamodb-local exits 3 saying what is missing, without a stack trace', async () => {
    const r = await runCli(['run', '--target', 'dynamodb-local', '--suite', 'api/smoke', '--quiet'], { env });
    expect(r.code, r.stdout + r.stderr).toBe(3);
    expect(r.stdout + r.stderr).toMatch(/java: .*fix: install a Java 17\+ runtime/);
    expect(r.stdout + r.stderr).not.toMatch(/\n\s+at .*\.ts:\d+/);
    expect(r.junit()).toMatch(/<testsuite name="dynamodb-local\/lifecycle"[^>]*errors="1"/);
  });
});
