// Every DynamoDB attribute type written and read back exactly: strings, numbers (38 significant digits,
// magnitude 1E-130..1E125, the canonical form numbers come back in), binary, booleans, null, the three set
// types (no duplicates, never empty), lists, maps, deep nesting and empty strings outside keys.
// Reference areas: scylladb test/alternator test_item.py, test_number.py, test_nested.py.
import { describe, it, expect, beforeAll } from 'vitest';
import { useSharedTable, expectError, requireFeature } from '../../harness/suite-kit/index.ts';
import { titled } from '../../harness/suite-kit/cases.ts';
import type { AV } from '../../harness/suite-kit/values.ts';

describe('api types', () => {
  const t = useSharedTable('types', { hash: ['pk', 'S'] });
  beforeAll(() => t.ready());
  let seq = 0;
  const newKey = (hint: string) => ({ pk: { S: t.key(`${hint}-${++seq}`) } });

  async function put(item: AV) {
    await t.client.call('PutItem', { TableName: t.name, Item: item });
  }
  async function get(key: AV): Promise<AV | undefined> {
    const r = await t.client.call<any>('GetItem', { TableName: t.name, Key: key, ConsistentRead: true });
    return r.Item;
  }
  /** Writes one attribute and returns it as read back. */
  async function roundTrip(value: AV): Promise<AV | undefined> {
    const key = newKey('rt');
    await put({ ...key, v: value });
    return (await get(key))?.v;
  }
  /** Sets come back in any order: compare as sorted lists. */
  const sortedSet = (v: AV | undefined) => {
    if (!v) return v;
    const [type, elems] = Object.entries(v)[0]!;
    return { [type]: [...(elems as string[])].sort() };
  };

  describe('exact round trips', () => {
    it.for(titled([
      { name: 'S ascii', value: { S: 'hello world' } },
      { name: 'S unicode (accents, CJK, emoji)', value: { S: 'héllo wörld 你好 🚀 \u0000 end' } },
      { name: 'S with JSON-special characters', value: { S: '"quoted" \\ backslash \n newline \t tab' } },
      { name: 'S of 100 KiB', value: { S: 'x'.repeat(100 * 1024) } },
      { name: 'N integer', value: { N: '42' } },
      { name: 'N negative decimal', value: { N: '-3.14159' } },
      { name: 'BOOL true', value: { BOOL: true } },
      { name: 'BOOL false', value: { BOOL: false } },
      { name: 'NULL', value: { NULL: true } },
      { name: 'L of mixed types', value: { L: [{ S: 'a' }, { N: '1' }, { BOOL: false }, { NULL: true }, { B: 'AAE=' }, { L: [] }, { M: {} }] } },
      { name: 'empty L', value: { L: [] } },
      { name: 'M of mixed types', value: { M: { s: { S: 'x' }, n: { N: '2' }, l: { L: [{ N: '3' }] }, m: { M: { deep: { BOOL: true } } } } } },
      { name: 'empty M', value: { M: {} } },
      { name: 'M with keys needing escapes', value: { M: { 'a.b': { S: 'dot' }, '#x': { S: 'hash' }, ':y': { S: 'colon' } } } },
      { name: 'L keeps its order', value: { L: ['9', '1', '5', '3'].map((N) => ({ N })) } },
    ], (r) => `${r.name}`))('%s', async ([, { value }]) => {
      expect(await roundTrip(value)).toEqual(value);
    });

    it('B: every byte value 0x00..0xff comes back unchanged', async () => {
      const bytes = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
      const got = await roundTrip({ B: bytes.toString('base64') });
      expect(Buffer.from(String(got?.B), 'base64').equals(bytes)).toBe(true);
    });

    it('B: a short value comes back byte for byte', async () => {
      expect(await roundTrip({ B: Buffer.from([0xde, 0xad, 0xbe, 0xef]).toString('base64') })).toEqual({ B: '3q2+7w==' });
    });

    it.for(titled([
      { name: 'SS', value: { SS: ['pear', 'apple', 'fig', 'é'] } },
      { name: 'NS', value: { NS: ['3', '-1', '2.5', '100'] } },
      { name: 'BS', value: { BS: ['AQ==', 'AgM=', 'AAAA'] } },
    ], (r) => `${r.name} round trip (any order, same elements)`))('%s', async ([, { value }]) => {
      expect(sortedSet(await roundTrip(value))).toEqual(sortedSet(value));
    });

    it('every type in one item comes back as the same item', async () => {
      const key = newKey('all');
      const item = {
        ...key,
        s: { S: 's' }, n: { N: '1.5' }, b: { B: 'AQID' }, t: { BOOL: true }, z: { NULL: true },
        l: { L: [{ S: 'x' }] }, m: { M: { k: { N: '7' } } },
      };
      await put(item);
      expect(await get(key)).toEqual(item);
    });
  });

  describe('numbers', () => {
    it.for(titled([
      { name: '38 significant digits (integer)', n: '12345678901234567890123456789012345678' },
      { name: '38 significant digits (negative integer)', n: '-98765432109876543210987654321098765432' },
      { name: '38 significant digits (fraction)', n: '3.1415926535897932384626433832795028841' },
      { name: '38 significant digits (mixed)', n: '314159265358979323846.26433832795028841' },
      { name: 'largest magnitude 1E125', n: '1' + '0'.repeat(125), input: '1E125' },
      { name: 'largest negative magnitude -1E125', n: '-1' + '0'.repeat(125), input: '-1E125' },
      { name: 'smallest magnitude 1E-130', n: '0.' + '0'.repeat(129) + '1', input: '1E-130' },
      { name: 'smallest negative magnitude -1E-130', n: '-0.' + '0'.repeat(129) + '1', input: '-1E-130' },
      { name: '38 digits at the top of the range', n: '9'.repeat(38) + '0'.repeat(88), input: '9.9999999999999999999999999999999999999E125' },
    ], (r) => `${r.name} is stored exactly`))('%s', async ([, { n, input }]) => {
      expect(await roundTrip({ N: input ?? n })).toEqual({ N: n });
    });

    // DynamoDB returns numbers in canonical form (test/alternator/test_number.py, number normalization).
    it.for([
      ['1.0', '1'],
      ['1.500', '1.5'],
      ['1E2', '100'],
      ['1e+3', '1000'],
      ['0.0', '0'],
      ['-0', '0'],
      ['007', '7'],
      ['.5', '0.5'],
      ['-3e2', '-300'],
      ['1.23e4', '12300'],
      ['123e-2', '1.23'],
      ['1e-3', '0.001'],
      ['0e5', '0'],
      ['1e20', '100000000000000000000'],
    ])('%s is returned as %s', async ([input, canonical]) => {
      expect(await roundTrip({ N: input! })).toEqual({ N: canonical });
    });

    it('a leading + is accepted and dropped', async (ctx) => {
      requireFeature(ctx, 'number-leading-plus');
      expect(await roundTrip({ N: '+3' })).toEqual({ N: '3' });
    });

    it.for(titled([
      { name: '39 significant digits', n: '123456789012345678901234567890123456789' },
      { name: '39 significant digits in a fraction', n: '3.14159265358979323846264338327950288419' },
      { name: 'magnitude above 1E125 (1E126)', n: '1E126' },
      { name: 'negative magnitude above 1E125 (-1E126)', n: '-1E126' },
      { name: 'magnitude below 1E-130 (1E-131)', n: '1E-131' },
    ], (r) => `${r.name} is rejected with ValidationException`))('%s', async ([, { n }]) => {
      await expectError(put({ ...newKey('big'), v: { N: n } }), 'ValidationException');
    });

    it.for(['NaN', 'Infinity', '-Infinity', 'dog', ' 1', '1 ', '', '1e', '--1'])('%j is not a number (ValidationException)', async (n) => {
      await expectError(put({ ...newKey('nan'), v: { N: n } }), 'ValidationException');
    });

    it('a number sent as a JSON number, not a string, is refused with SerializationException', async (ctx) => {
      requireFeature(ctx, 'json-number-refused');
      // test/alternator/test_number.py test_number_in_json: {"N": 123} is a SerializationException on both.
      await expectError(t.client.call('PutItem', { TableName: t.name, Item: { ...newKey('json'), v: { N: 123 } } }), 'SerializationException');
    });

    it('addition keeps full precision (1 + 1E22)', async () => {
      const key = newKey('plus');
      await t.client.call('UpdateItem', {
        TableName: t.name,
        Key: key,
        UpdateExpression: 'SET v = :a + :b',
        ExpressionAttributeValues: { ':a': { N: '1' }, ':b': { N: '1E22' } },
      });
      expect((await get(key))?.v).toEqual({ N: '10000000000000000000001' });
    });
  });

  describe('numbers are values, not spellings', () => {
    // The run's shared table with a number hash key, in this file's own number range: the key 1000 above the
    // handle's base (a multiple of 10,000), spelt as its digits, with an exponent (…1e3) and with a fraction (….0).
    const tn = useSharedTable('types_nkey', { hash: ['pk', 'N'] });
    beforeAll(() => tn.ready());

    it('a number hash key written as 1e3 is the item keyed 1000, returned as 1000', async (ctx) => {
      requireFeature(ctx, 'number-value-identity');
      const thousand = tn.numberKey(1000);
      expect(thousand).toMatch(/1000$/);
      await tn.client.call('PutItem', { TableName: tn.name, Item: { pk: { N: thousand }, v: { S: 'first' } } });
      await tn.client.call('PutItem', { TableName: tn.name, Item: { pk: { N: `${thousand.slice(0, -3)}e3` }, v: { S: 'second' } } });
      const r = await tn.client.call<any>('GetItem', { TableName: tn.name, Key: { pk: { N: `${thousand}.0` } }, ConsistentRead: true });
      expect(r.Item).toEqual({ pk: { N: thousand }, v: { S: 'second' } });
    });

    it('a number set with 1 and 1.0 has a duplicate (ValidationException)', async (ctx) => {
      requireFeature(ctx, 'number-value-identity');
      await expectError(put({ ...newKey('nsdup'), v: { NS: ['1', '1.0'] } }), 'ValidationException');
    });

    it('ADD of 1.0 and 2.00 to the number set {1, 2, 3} changes nothing', async (ctx) => {
      requireFeature(ctx, 'number-value-identity');
      const key = newKey('nsadd');
      await put({ ...key, v: { NS: ['1', '2', '3'] } });
      await t.client.call('UpdateItem', { TableName: t.name, Key: key, UpdateExpression: 'ADD v :s', ExpressionAttributeValues: { ':s': { NS: ['1.0', '2.00'] } } });
      expect(sortedSet((await get(key))?.v)).toEqual({ NS: ['1', '2', '3'] });
    });
  });

  describe('sets', () => {
    it.for(titled([
      { name: 'SS', value: { SS: ['a', 'b', 'a'] } },
      { name: 'NS', value: { NS: ['1', '2', '1'] } },
      { name: 'BS', value: { BS: ['AQ==', 'AQ=='] } },
    ], (r) => `${r.name} with duplicates is rejected with ValidationException`))('%s', async ([, { value }]) => {
      await expectError(put({ ...newKey('dup'), v: value }), 'ValidationException');
    });

    it.for(titled([
      { name: 'SS', value: { SS: [] } },
      { name: 'NS', value: { NS: [] } },
      { name: 'BS', value: { BS: [] } },
    ], (r) => `empty ${r.name} is rejected with ValidationException`))('%s', async ([, { value }]) => {
      await expectError(put({ ...newKey('empty'), v: value }), 'ValidationException');
    });

    it('NS elements are numbers: an invalid one is rejected', async () => {
      await expectError(put({ ...newKey('ns'), v: { NS: ['1', 'x'] } }), 'ValidationException');
    });
  });

  describe('malformed values', () => {
    it.for(titled([
      { name: 'NULL false', value: { NULL: false } },
      { name: 'two types in one value', value: { S: 'x', N: '1' } },
      { name: 'no type at all', value: {} },
      { name: 'unknown type', value: { X: 'x' } },
    ], (r) => `${r.name} is rejected with ValidationException`))('%s', async ([, { value }]) => {
      const e = await put({ ...newKey('bad'), v: value }).then(
        () => undefined,
        (x: any) => x,
      );
      // DynamoDB answers a ValidationException; some servers classify a value they cannot parse as a
      // SerializationException. Either way the write must be refused.
      expect(e?.type).toMatch(/^(ValidationException|SerializationException)$/);
    });
  });

  describe('empty strings and binaries outside keys', () => {
    it.for(titled([
      { name: 'empty S attribute', value: { S: '' } },
      { name: 'empty B attribute', value: { B: '' } },
      { name: 'empty S inside a list', value: { L: [{ S: '' }] } },
      { name: 'empty S inside a map', value: { M: { x: { S: '' } } } },
    ], (r) => `${r.name} round trips`))('%s', async ([, { value }]) => {
      expect(await roundTrip(value)).toEqual(value);
    });

    it('an empty string key is rejected with ValidationException', async () => {
      await expectError(put({ pk: { S: '' }, v: { S: 'x' } }), 'ValidationException');
    });
  });

  describe('deep nesting', () => {
    const nestMaps = (depth: number): AV => (depth === 0 ? { S: 'leaf' } : { M: { a: nestMaps(depth - 1) } });
    const nestLists = (depth: number): AV => (depth === 0 ? { N: '1' } : { L: [nestLists(depth - 1)] });

    it('maps nested 32 levels deep round trip', async () => {
      const v = nestMaps(31);
      expect(await roundTrip(v)).toEqual(v);
    });

    it('lists nested 32 levels deep round trip', async () => {
      const v = nestLists(31);
      expect(await roundTrip(v)).toEqual(v);
    });

    it('a leaf 20 levels down is reachable by a document path', async () => {
      const key = newKey('deep');
      await put({ ...key, v: nestMaps(20) });
      const path = ['v', ...Array.from({ length: 20 }, () => 'a')].join('.');
      const r = await t.client.call<any>('GetItem', { TableName: t.name, Key: key, ProjectionExpression: path, ConsistentRead: true });
      let cur: AV = r.Item.v;
      for (let i = 0; i < 19; i++) cur = cur.M.a;
      expect(cur).toEqual({ M: { a: { S: 'leaf' } } });
    });
  });
});
