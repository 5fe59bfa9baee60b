// `run --case NAME`: the cases whose name, as reports write it (describe blocks and test joined with " > "), is NAME
// or ends with " > NAME".

/**
 * The filter as vitest's testNamePattern: vitest matches it against the names of the file, the describe blocks and
 * the test joined with spaces (@vitest/runner getTaskFullName), so " > " becomes a space and the match is anchored
 * at the end and at a word start. The collector applies the same pattern to a case's reported name.
 */
export function caseNamePattern(names: readonly string[]): RegExp | undefined {
  if (names.length === 0) return undefined;
  const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(names.map((n) => `(?:^| )${escape(n.split(' > ').join(' '))}$`).join('|'));
}
