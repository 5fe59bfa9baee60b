// Table-driven test cases with readable, complete names. vitest's `$field` title interpolation quotes
// strings and truncates long ones, so two distinct cases could end up with the same JUnit name; suites
// build each title themselves and use `it.for(titled(rows, title))('%s', ([, row]) => ...)`.

/** Each row paired with its title: a `[title, row]` tuple whose title `'%s'` prints unchanged. */
export function titled<T>(rows: readonly T[], title: (row: T) => string): Array<[string, T]> {
  const out = rows.map((r) => [title(r), r] as [string, T]);
  const seen = new Set<string>();
  for (const [t] of out) {
    if (seen.has(t)) throw new Error(`two table rows have the same test title: "${t}"`);
    seen.add(t);
  }
  return out;
}

/** A DynamoDB attribute value, short: numbers bare, strings quoted, other types as compact JSON. */
export function showValue(av: Record<string, unknown>): string {
  const [type, v] = Object.entries(av)[0] ?? ['?', undefined];
  if (type === 'N') return String(v);
  if (type === 'S') return JSON.stringify(v);
  if (type === 'BOOL') return String(v);
  if (type === 'NULL') return 'NULL';
  return JSON.stringify(av);
}

/** ExpressionAttributeValues as `:a=1, :b="x"`. */
export function showValues(values: Record<string, Record<string, unknown>> | undefined): string {
  return values ? Object.entries(values).map(([k, v]) => `${k}=${showValue(v)}`).join(', ') : '';
}
