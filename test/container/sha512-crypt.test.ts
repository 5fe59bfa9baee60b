import { describe, expect, it } from 'vitest';
import { sha512Crypt, randomCryptSalt, randomPassword } from '../../harness/util/sha512-crypt.ts';

describe('sha512Crypt', () => {
  // Vectors from Drepper's SHA-crypt specification, and one from `openssl passwd -6 -salt abcdefgh12345678 'p@ss w0rd'`.
  it.each([
    ['Hello world!', 'saltstring', undefined, '$6$saltstring$svn8UoSVapNtMuq1ukKS4tPQd8iKwSMHWjl/O817G3uBnIFNjnQJuesI68u4OTLiBFdcbYEdFCoEOfaS35inz1'],
    ['Hello world!', 'saltstringsaltstring', 10000, '$6$rounds=10000$saltstringsaltst$OW1/O6BYHV6BcXZu8QVeXbDWra3Oeqh0sbHbbMCVNSnCM/UrjmM0Dp8vOuZeHBy/YTBmSK6H9qs/y3RnOaw5v.'],
    ['p@ss w0rd', 'abcdefgh12345678', undefined, '$6$abcdefgh12345678$L2o6s6hu7zHfUdrJREK7JA7OP5N3AdB2.eYEwlzH8P5wSmBis7wQRaghPkVpBKoKnYaxWR3UPHvoi9wmR8kjn.'],
  ])('hashes %j with salt %j as crypt(3) does', (password, salt, rounds, expected) => {
    expect(sha512Crypt(password, salt, rounds)).toBe(expected);
  });

  it('draws salts and passwords from safe alphabets', () => {
    expect(randomCryptSalt()).toMatch(/^[./0-9A-Za-z]{16}$/);
    expect(randomPassword()).toMatch(/^[0-9A-Za-z]{24}$/);
    expect(randomPassword()).not.toBe(randomPassword());
  });
});
