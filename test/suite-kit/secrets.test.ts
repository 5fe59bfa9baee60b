// Suites check a secret's shape without handing it to expect; the run's redaction (harness/util/redact.ts) hides what
// it remembers and anything shaped like a crypt hash, in text, in results and on the console.
import { describe, it, expect } from 'vitest';
import { PassThrough } from 'node:stream';
import { expectCryptHash } from '../../harness/suite-kit/secrets.ts';
import { sha512Crypt } from '../../harness/util/sha512-crypt.ts';
import { guardConsole, redactSecrets, redactSecretsIn, rememberSecret, rememberEnvironmentSecrets } from '../../harness/util/redact.ts';

const messageOf = (f: () => void): string => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return 'did not throw';
};

describe('expectCryptHash', () => {
  it('accepts a SHA-512 crypt hash', () => {
    expect(() => expectCryptHash(sha512Crypt('pw', 'abcdefgh12345678'), 'the key')).not.toThrow();
  });

  it('reports "not a crypt hash" with what is wrong, never the value', () => {
    for (const [value, why] of [
      ['Plain-secret-7f9c', 'not a crypt hash (17 characters, not starting with "$6$")'],
      ['$5$saltsalt$abcdefghijklmnopqrstuvwxyz0123456789', 'another scheme than "$6$"'],
      ['$6$salt$short', '13 characters starting with "$6$", but not'],
      ['', 'not a crypt hash (empty)'],
    ] as const) {
      const m = messageOf(() => expectCryptHash(value, 'the key'));
      expect(m).toContain(why);
      expect(m.startsWith('the key: not a crypt hash (')).toBe(true);
      if (value) expect(m.includes(value)).toBe(false);
    }
    expect(messageOf(() => expectCryptHash(undefined, 'the key'))).toBe('the key: not a crypt hash (absent)');
  });
});

describe('redaction', () => {
  it('hides remembered secrets (longest first) and any crypt hash, in text and in nested results', () => {
    rememberSecret('remembered-secret-1', 'remembered-secret-1-longer', 'abc', undefined);
    const hash = sha512Crypt('x', 'saltsaltsaltsalt');
    expect(redactSecrets(`a remembered-secret-1-longer b remembered-secret-1 c ${hash} abc`)).toBe('a <redacted> b <redacted> c <redacted> abc');
    expect(redactSecretsIn({ failure: { message: 'remembered-secret-1', details: [hash] }, n: 3 })).toEqual({ failure: { message: '<redacted>', details: ['<redacted>'] }, n: 3 });
  });

  it('remembers secret-named environment variables, not their settings', () => {
    rememberEnvironmentSecrets({ MY_PASSWORD: 'env-password-value', SOME_TOKEN: 'true', X_SECRET_FILE: '/etc/secret', OTHER: 'visible-value' });
    expect(redactSecrets('env-password-value true /etc/secret visible-value')).toBe('<redacted> true /etc/secret visible-value');
  });

  it('a guarded stream never writes a remembered secret, as string or Buffer', () => {
    rememberSecret('console-secret-42');
    const s = new PassThrough();
    guardConsole(s);
    s.write('line console-secret-42\n');
    s.write(Buffer.from('buffer console-secret-42\n'));
    expect(String(s.read())).toBe('line <redacted>\nbuffer <redacted>\n');
  });
});
