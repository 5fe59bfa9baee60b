// The test helpers that check secrets fail when they should, and their failures never quote the secret.
import { describe, it, expect } from 'vitest';
import { expectNoSecret, expectSameSecret, withheld } from './secrets.ts';

const SECRET = 'S3cr3t-helper-9d1e';
const messageOf = (f: () => void) => {
  try {
    f();
  } catch (e) {
    return (e as Error).message;
  }
  return undefined;
};

describe('secret assertions of the harness tests', () => {
  it('fail on a secret in the text or a different secret, naming where and never the value', () => {
    const found = messageOf(() => expectNoSecret(`x ${SECRET} y`, SECRET, 'stdout'));
    expect(found).toBe('a secret (value withheld) is in stdout');
    const differs = messageOf(() => expectSameSecret('another-value', SECRET, 'the key'));
    expect(differs).toMatch(/^the key is not the expected secret \(13 characters against 18; values withheld\)$/);
    expect(messageOf(() => expectNoSecret('clean', SECRET, 'stdout'))).toBeUndefined();
    expect(messageOf(() => expectSameSecret(SECRET, SECRET, 'the key'))).toBeUndefined();
  });

  it('withheld() writes each secret as <redacted>', () => {
    expect(withheld(`a ${SECRET} b`, SECRET).includes(SECRET)).toBe(false);
    expect(withheld(`a ${SECRET} b`, SECRET)).toContain('<redacted>');
  });
});
