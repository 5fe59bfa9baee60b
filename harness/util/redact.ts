// Secrets never reach output: every occurrence of each one is replaced before text is printed or stored.

/** Replaces every occurrence of each (non-empty) secret in text. */
export function redact(text: string, secrets: readonly string[]): string {
  return secrets.reduce((t, s) => (s ? t.split(s).join('<redacted>') : t), text);
}
