// The local target's emulated TTL expiration decides as alternator/ttl.cc is_expired() does.
import { describe, it, expect } from 'vitest';
import { isExpired } from '../../harness/targets/local/ttl-expiry.ts';

const now = 1_800_000_000;

describe('isExpired (alternator/ttl.cc rules)', () => {
  it('a number at or before now, less than 5 years ago, expires; in any number spelling', () => {
    for (const n of [String(now), String(now - 60), `${(now - 60) / 10}e1`, `${now - 60}.75`, `${now}.9`]) expect(isExpired({ N: n }, now), n).toBe(true);
  });

  it('the future, more than 5 years ago, strings, other types and a missing attribute never expire', () => {
    for (const v of [{ N: String(now + 1) }, { N: String(now - 157_784_760) }, { N: '162777600' }, { S: String(now - 60) }, { B: 'AA==' }, { BOOL: true }, undefined])
      expect(isExpired(v, now), JSON.stringify(v)).toBe(false);
  });
});
