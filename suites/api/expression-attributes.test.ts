// ExpressionAttributeNames and ExpressionAttributeValues: placeholders in every kind of expression, and the
// ValidationExceptions for unused, undefined and malformed placeholders; reserved words used bare (refused by
// DynamoDB, accepted by Alternator).
// Reference areas: scylladb test/alternator test_expected.py, test_update_expression.py, test_condition_expression.py,
// test_projection_expression.py (the placeholder sections of each).
import { describe, it, expect, beforeAll } from 'vitest';
import { useSharedTable, expectError, offers, requireFeature, requireDifference } from '../../harness/suite-kit/index.ts';
import { titled } from '../../harness/suite-kit/cases.ts';
import { S, N, type AV } from '../../harness/suite-kit/values.ts';

describe('api expression attribute names and values', () => {
  const t = useSharedTable('placeholders', { hash: ['pk', 'S'] });
  const K = (s: string) => S(t.key(s));
  const KEY = { pk: K('item') };
  beforeAll(async () => {
    await t.ready();
    await t.client.call('PutItem', { TableName: t.name, Item: { ...KEY, a: N(1), name: S('n'), status: S('on') } });
  });
  const call = (op: string, body: AV) => t.client.call<any>(op, { TableName: t.name, ...body });
  const update = (body: AV) => call('UpdateItem', { Key: KEY, ...body });
  const conditionalPut = (body: AV) => call('PutItem', { Item: { pk: K('cond'), v: N(1) }, ...body });
  const get = (body: AV) => call('GetItem', { Key: KEY, ConsistentRead: true, ...body });

  describe('unused placeholders', () => {
    it.for(titled([
      { name: 'a name unused by a ConditionExpression', send: () => conditionalPut({ ConditionExpression: 'attribute_not_exists(v)', ExpressionAttributeNames: { '#unused': 'x' } }) },
      { name: 'a name unused by an UpdateExpression', send: () => update({ UpdateExpression: 'SET b = :v', ExpressionAttributeValues: { ':v': N(1) }, ExpressionAttributeNames: { '#unused': 'x' } }) },
      { name: 'a name unused by a ProjectionExpression', send: () => get({ ProjectionExpression: 'a', ExpressionAttributeNames: { '#unused': 'x' } }) },
      { name: 'a value unused by an UpdateExpression', send: () => update({ UpdateExpression: 'SET b = :v', ExpressionAttributeValues: { ':v': N(1), ':unused': N(2) } }) },
      { name: 'a value unused by a ConditionExpression', send: () => conditionalPut({ ConditionExpression: 'attribute_exists(v)', ExpressionAttributeValues: { ':unused': N(2) } }) },
      { name: 'values without any expression', send: () => call('PutItem', { Item: { pk: K('noexpr') }, ExpressionAttributeValues: { ':v': N(1) } }) },
      { name: 'names without any expression', send: () => get({ ExpressionAttributeNames: { '#n': 'a' } }) },
    ], (r) => `${r.name} is refused with ValidationException`))('%s', async ([, { send }]) => {
      await expectError(send(), 'ValidationException');
    });

    it('a name used only by the ConditionExpression of an UpdateItem counts as used', async () => {
      await update({
        UpdateExpression: 'SET #u = :v',
        ConditionExpression: 'attribute_exists(#c)',
        ExpressionAttributeNames: { '#u': 'b', '#c': 'a' },
        ExpressionAttributeValues: { ':v': N(5) },
      });
      expect((await get({})).Item.b).toEqual(N(5));
    });

    it('a value used only by the ConditionExpression of an UpdateItem counts as used', async () => {
      await update({ UpdateExpression: 'REMOVE c', ConditionExpression: 'a = :one', ExpressionAttributeValues: { ':one': N(1) } });
    });
  });

  describe('undefined placeholders', () => {
    it.for(titled([
      { name: 'an undefined value in a ConditionExpression', send: () => conditionalPut({ ConditionExpression: 'v = :nope' }) },
      { name: 'an undefined value in an UpdateExpression', send: () => update({ UpdateExpression: 'SET b = :nope' }) },
      { name: 'an undefined name in a ConditionExpression', send: () => conditionalPut({ ConditionExpression: 'attribute_exists(#nope)' }) },
      { name: 'an undefined name in an UpdateExpression', send: () => update({ UpdateExpression: 'REMOVE #nope' }) },
      { name: 'an undefined name in a ProjectionExpression', send: () => get({ ProjectionExpression: '#nope' }) },
      { name: 'an undefined name next to defined ones', send: () => get({ ProjectionExpression: '#a, #nope', ExpressionAttributeNames: { '#a': 'a' } }) },
      { name: 'a placeholder in another case than defined (#A for #a)', send: () => get({ ProjectionExpression: '#A', ExpressionAttributeNames: { '#a': 'a' } }) },
    ], (r) => `${r.name} is refused with ValidationException`))('%s', async ([, { send }]) => {
      await expectError(send(), 'ValidationException');
    });
  });

  describe('malformed placeholders', () => {
    it.for(titled([
      { name: 'a value key without the leading colon', send: () => update({ UpdateExpression: 'SET b = :v', ExpressionAttributeValues: { ':v': N(1), v2: N(2) } }) },
      { name: 'a name key without the leading #', send: () => get({ ProjectionExpression: '#a', ExpressionAttributeNames: { '#a': 'a', b: 'b' } }) },
      { name: 'a value that is an empty set', send: () => update({ UpdateExpression: 'SET b = :v', ExpressionAttributeValues: { ':v': { SS: [] } } }) },
      { name: 'a value that is not a valid number', send: () => update({ UpdateExpression: 'SET b = :v', ExpressionAttributeValues: { ':v': N('one') } }) },
      { name: 'a value placeholder where a path is required (REMOVE :v)', send: () => update({ UpdateExpression: 'REMOVE :v', ExpressionAttributeValues: { ':v': N(1) } }) },
    ], (r) => `${r.name} is refused with ValidationException`))('%s', async ([, { send }]) => {
      await expectError(send(), 'ValidationException');
    });
  });

  // DynamoDB refuses an empty map ("... must not be empty"); Alternator accepts it (alternator/executor_util.cc
  // verify_all_are_used checks members only; difference alternator-empty-expression-attribute-maps-accepted).
  describe('empty placeholder maps', () => {
    it.for(titled([
      { name: 'an empty ExpressionAttributeValues', send: () => update({ UpdateExpression: 'REMOVE b', ExpressionAttributeValues: {} }) },
      { name: 'an empty ExpressionAttributeNames', send: () => get({ ProjectionExpression: 'a', ExpressionAttributeNames: {} }) },
    ], (r) => `${r.name}: refused by DynamoDB, accepted by Alternator`))('%s', async ([, { send }], ctx) => {
      if (offers('empty-expression-attribute-maps-refused')) return void (await expectError(send(), 'ValidationException', /empty/i));
      requireDifference(ctx, 'alternator-empty-expression-attribute-maps-accepted');
      await send();
    });
  });

  describe('reserved words', () => {
    const words = ['name', 'status', 'data', 'count', 'key', 'year', 'date', 'user', 'comment', 'size', 'NAME', 'Status'];
    // DynamoDB refuses its reserved words used bare; Alternator's grammar has no such list and accepts them
    // (difference alternator-reserved-words-accepted: alternator/expressions.g).
    it.for(words)('%s used bare in an UpdateExpression: refused by DynamoDB, accepted by Alternator', async (w, ctx) => {
      // Its own item, so the attributes other tests read stay as they were.
      const key = { pk: K(`reserved-${w}`) };
      const send = () => call('UpdateItem', { Key: key, UpdateExpression: `SET ${w} = :v`, ExpressionAttributeValues: { ':v': N(1) } });
      if (offers('reserved-words-refused')) {
        if (w === 'size') requireFeature(ctx, 'size-reserved');
        return void (await expectError(send(), 'ValidationException', /reserved/i));
      }
      requireFeature(ctx, 'reserved-words-bare');
      await send();
      const r = await call('GetItem', { Key: key, ConsistentRead: true, ProjectionExpression: '#w', ExpressionAttributeNames: { '#w': w } });
      expect(r.Item).toEqual({ [w]: N(1) });
    });

    it.for(['name', 'status'])('%s used bare in a ConditionExpression: refused by DynamoDB, accepted by Alternator', async (w, ctx) => {
      const send = () => conditionalPut({ ConditionExpression: `attribute_not_exists(${w})` });
      if (offers('reserved-words-refused')) return void (await expectError(send(), 'ValidationException', /reserved/i));
      requireFeature(ctx, 'reserved-words-bare');
      await send();
    });

    it.for(['name', 'status'])('%s used bare in a ProjectionExpression: refused by DynamoDB, accepted by Alternator', async (w, ctx) => {
      const send = () => get({ ProjectionExpression: w });
      if (offers('reserved-words-refused')) return void (await expectError(send(), 'ValidationException', /reserved/i));
      requireFeature(ctx, 'reserved-words-bare');
      expect((await send()).Item).toBeDefined();
    });

    // The expression grammar's own keywords are refused everywhere (Alternator: a syntax error from
    // alternator/expressions.cc parse, "Failed parsing UpdateExpression ..."; DynamoDB: a reserved word).
    it.for(['and', 'IN', 'between'])('the grammar keyword %s used bare as an attribute name is refused with ValidationException', async (w) => {
      await expectError(update({ UpdateExpression: `SET ${w} = :v`, ExpressionAttributeValues: { ':v': N(1) } }), 'ValidationException');
    });

    it('reserved words work through # placeholders in every expression', async () => {
      await update({
        UpdateExpression: 'SET #s = :off',
        ConditionExpression: '#n = :n',
        ExpressionAttributeNames: { '#s': 'status', '#n': 'name' },
        ExpressionAttributeValues: { ':off': S('off'), ':n': S('n') },
      });
      const r = await get({ ProjectionExpression: '#s, #n', ExpressionAttributeNames: { '#s': 'status', '#n': 'name' } });
      expect(r.Item).toEqual({ status: S('off'), name: S('n') });
    });

    it('a word that is not reserved needs no placeholder', async () => {
      const r = await get({ ProjectionExpression: 'a' });
      expect(r.Item).toEqual({ a: N(1) });
    });
  });

  describe('placeholder use', () => {
    it('one value placeholder may be used several times', async () => {
      await update({ UpdateExpression: 'SET x1 = :v, x2 = :v', ExpressionAttributeValues: { ':v': S('same') } });
      const r = await get({ ProjectionExpression: 'x1, x2' });
      expect(r.Item).toEqual({ x1: S('same'), x2: S('same') });
    });

    it('one name placeholder may be used in several places', async () => {
      await update({ UpdateExpression: 'SET #c = if_not_exists(#c, :zero) + :one', ExpressionAttributeNames: { '#c': 'tally' }, ExpressionAttributeValues: { ':zero': N(0), ':one': N(1) } });
      expect((await get({ ProjectionExpression: 'tally' })).Item).toEqual({ tally: N(1) });
    });

    it('placeholder names may contain digits and underscores', async () => {
      await update({ UpdateExpression: 'SET #a_1 = :v_2', ExpressionAttributeNames: { '#a_1': 'under_score' }, ExpressionAttributeValues: { ':v_2': N(2) } });
      expect((await get({ ProjectionExpression: '#x9', ExpressionAttributeNames: { '#x9': 'under_score' } })).Item).toEqual({ under_score: N(2) });
    });

    it('a name placeholder stands for exactly one attribute name, even with dots and brackets in it', async () => {
      await update({ UpdateExpression: 'SET #odd = :v', ExpressionAttributeNames: { '#odd': 'a.b[0]' }, ExpressionAttributeValues: { ':v': S('odd') } });
      const r = await get({ ProjectionExpression: '#odd', ExpressionAttributeNames: { '#odd': 'a.b[0]' } });
      expect(r.Item).toEqual({ 'a.b[0]': S('odd') });
    });
  });
});
