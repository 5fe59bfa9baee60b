// The harness's own tests check secrets the way suites must (harness/suite-kit/secrets.ts): a failed assertion says
// where a secret is or that two differ, never the value, because vitest prints what an assertion received.
import { AssertionError } from 'node:assert';
import { redact } from '../../harness/util/redact.ts';

/** Fails, naming `where`, when `text` holds `secret`. */
export function expectNoSecret(text: string, secret: string, where: string): void {
  if (secret !== '' && text.includes(secret)) throw new AssertionError({ message: `a secret (value withheld) is in ${where}` });
}

/** Fails, naming `what`, unless `actual` is `expected`; neither value is in the message. */
export function expectSameSecret(actual: string | undefined, expected: string, what: string): void {
  if (actual !== expected)
    throw new AssertionError({ message: `${what} is not the expected secret (${actual === undefined ? 'absent' : `${actual.length} characters against ${expected.length}`}; values withheld)` });
}

/** A failure message that may quote output holding secrets: each written as <redacted>. */
export function withheld(text: string, ...secrets: string[]): string {
  return redact(text, secrets);
}
