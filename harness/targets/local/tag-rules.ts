// Alternator's tag validation (alternator/executor.cc validate_tags, test/alternator/test_tag.py), which the
// local data plane (dynalite) does not do: at most 50 tags per table, keys of 1-128 and values of at most 256
// characters from DynamoDB's allowed set. Tag changes answer an empty body (test_manual_requests.py).
type Tag = { Key?: unknown; Value?: unknown };

const MAX_TAGS = 50;
const ALLOWED = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** A ValidationException message for tags Alternator refuses, or undefined; `existing` are the table's current keys. */
export function tagsValidationError(tags: unknown, existing: string[] = []): string | undefined {
  if (tags === undefined) return undefined;
  if (!Array.isArray(tags)) return 'Tags must be a list';
  for (const t of tags as Tag[]) {
    if (typeof t.Key !== 'string' || t.Key.length < 1 || t.Key.length > 128) return 'A tag Key must be 1 to 128 characters long';
    if (typeof t.Value !== 'string' || t.Value.length > 256) return 'A tag Value must be at most 256 characters long';
    if (!ALLOWED.test(t.Key) || !ALLOWED.test(t.Value)) return `Tag ${t.Key} contains characters that are not allowed`;
  }
  const keys = new Set([...existing, ...(tags as Tag[]).map((t) => String(t.Key))]);
  if (keys.size > MAX_TAGS) return `A table may have at most ${MAX_TAGS} tags`;
  return undefined;
}

/** TagResource and UntagResource answer nothing on success. */
export const EMPTY_BODY_OPERATIONS = new Set(['TagResource', 'UntagResource']);
