// Alternator's tag validation (alternator/executor.cc update_tags_map, is_legal_tag_char; scylla-2026.2.4), which the
// local data plane (dynalite) does not do, with Alternator's messages and order: each tag an object with string Key
// and Value, a Key of 1-128 bytes and a Value of at most 256, both only ASCII letters, digits, white space and
// +-=._:/ (Alternator's simplified rule: DynamoDB also allows other Unicode letters and '@'), and at most 50 tags on
// the table once applied. Tag changes answer an empty body (test_manual_requests.py). Keys reserved for internal use
// ("system:..." other than system:write_isolation, #24098) are not refused here: that depends on the version.
import { emulates } from './emulations.ts';

const MAX_TAGS = 50;
/** is_legal_tag_char: std::isalnum or std::isspace in the C locale, or one of + - = . _ : / */
const LEGAL = /^[A-Za-z0-9 \t\n\v\f\r+\-=._:/]*$/;

/** A ValidationException message for tags Alternator refuses, or undefined; `existing` are the table's current keys. */
export function tagsValidationError(tags: unknown, existing: string[] = []): string | undefined {
  if (tags === undefined) return undefined;
  emulates('tag-rules');
  if (!Array.isArray(tags)) return 'Cannot parse tags';
  for (const t of tags as unknown[]) {
    if (typeof t !== 'object' || t === null || Array.isArray(t)) return 'invalid tag object';
    const { Key: key, Value: value } = t as { Key?: unknown; Value?: unknown };
    if (typeof key !== 'string' || typeof value !== 'string') return 'string Key and Value required';
    if (key.length === 0) return 'A tag Key cannot be empty';
    if (Buffer.byteLength(key) > 128) return 'A tag Key is limited to 128 characters';
    if (!LEGAL.test(key)) return 'A tag Key can only contain letters, spaces, and [+-=._:/]';
    if (Buffer.byteLength(value) > 256) return 'A tag Value is limited to 256 characters';
    if (!LEGAL.test(value)) return 'A tag Value can only contain letters, spaces, and [+-=._:/]';
  }
  const keys = new Set([...existing, ...(tags as Array<{ Key: string }>).map((t) => t.Key)]);
  if (keys.size > MAX_TAGS) return 'Number of Tags exceed the current limit for the provided ResourceArn';
  return undefined;
}

/** TagResource and UntagResource answer nothing on success. */
export const EMPTY_BODY_OPERATIONS = new Set(['TagResource', 'UntagResource']);
