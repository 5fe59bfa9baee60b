// Request bodies prepared ahead: a payload is serialised once with numbered placeholders, split into
// fixed parts, and each request only splices its key and values in (no JSON.stringify per request).
// The same builder gives the SDK its object, so both clients send the same payload.

export interface RequestTemplate {
  /** DynamoDB operation (X-Amz-Target suffix), e.g. "GetItem". */
  readonly target: string;
  /** The JSON body with `slots` spliced in, unescaped: slots hold only characters JSON never escapes (record keys,
   * field names and pool values are letters and digits). */
  render(slots: readonly string[]): string;
  /** The payload as an object, for the SDK client. */
  object(slots: readonly string[]): Record<string, unknown>;
}

const marker = (i: number): string => `@@${i}@@`;

export function compileTemplate(target: string, build: (slot: (i: number) => string) => Record<string, unknown>): RequestTemplate {
  const text = JSON.stringify(build(marker));
  const pieces = text.split(/@@(\d+)@@/);
  const parts: string[] = [];
  const order: number[] = [];
  pieces.forEach((p, i) => (i % 2 === 0 ? parts.push(p) : order.push(Number(p))));
  return {
    target,
    render(slots) {
      let s = parts[0]!;
      for (let i = 0; i < order.length; i++) s += slots[order[i]!]! + parts[i + 1]!;
      return s;
    },
    object: (slots) => build((i) => slots[i]!),
  };
}
