// Request bodies prepared ahead: a payload is serialised once with numbered placeholders, split into
// fixed parts, and each request only splices its key and values in (no JSON.stringify per request).
// The same builder gives the SDK its object, so both clients send the same payload.

export interface RequestTemplate {
  /** DynamoDB operation (X-Amz-Target suffix), e.g. "GetItem". */
  readonly target: string;
  readonly slotCount: number;
  /** The JSON body with `slots` spliced in. */
  render(slots: readonly string[]): string;
  /** The payload as an object, for the SDK client. */
  object(slots: readonly string[]): Record<string, unknown>;
}

const marker = (i: number): string => `@@${i}@@`;
// Spliced values go into JSON strings unescaped, so they are restricted to characters JSON never escapes.
const SAFE_SLOT = /^[A-Za-z0-9_.:-]*$/;

export function compileTemplate(
  target: string,
  slotCount: number,
  build: (slot: (i: number) => string) => Record<string, unknown>,
): RequestTemplate {
  const text = JSON.stringify(build(marker));
  const pieces = text.split(/@@(\d+)@@/);
  const parts: string[] = [];
  const order: number[] = [];
  pieces.forEach((p, i) => (i % 2 === 0 ? parts.push(p) : order.push(Number(p))));
  return {
    target,
    slotCount,
    render(slots) {
      let s = parts[0]!;
      for (let i = 0; i < order.length; i++) s += slots[order[i]!]! + parts[i + 1]!;
      return s;
    },
    object: (slots) => build((i) => slots[i]!),
  };
}

export function assertSafeSlot(value: string, what: string): string {
  if (!SAFE_SLOT.test(value)) throw new RangeError(`${what} ${JSON.stringify(value)} has characters a prepared request cannot splice`);
  return value;
}
