// The front door's small alignments of dynalite's answers with Alternator's (harness/targets/local/data-plane-alignment.ts).
import { describe, it, expect } from 'vitest';
import { alignAnswer, requestValidationError } from '../../harness/targets/local/data-plane-alignment.ts';

describe('data-plane alignment', () => {
  it.for(['UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW'])('refuses ReturnValues %s on DeleteItem and PutItem', (rv) => {
    expect(requestValidationError('DeleteItem', { ReturnValues: rv })).toBe('DeleteItem supports only NONE or ALL_OLD for ReturnValues');
    expect(requestValidationError('PutItem', { ReturnValues: rv })).toBe('PutItem supports only NONE or ALL_OLD for ReturnValues');
  });

  it('lets valid ReturnValues through, and every ReturnValues on UpdateItem', () => {
    for (const rv of ['NONE', 'ALL_OLD']) expect(requestValidationError('DeleteItem', { ReturnValues: rv })).toBeUndefined();
    for (const rv of ['NONE', 'ALL_OLD', 'UPDATED_OLD', 'ALL_NEW', 'UPDATED_NEW']) expect(requestValidationError('UpdateItem', { ReturnValues: rv })).toBeUndefined();
  });

  it("refuses an unknown AttributeUpdates Action with executor.cc's message (update_item_operation)", () => {
    expect(requestValidationError('UpdateItem', { AttributeUpdates: { a: { Action: 'APPEND' } } })).toBe("Unknown Action value 'APPEND' in AttributeUpdates");
    expect(requestValidationError('UpdateItem', { AttributeUpdates: { a: { Action: 'ADD' }, b: { Value: { N: '1' } } } })).toBeUndefined();
  });

  it('drops an empty Attributes from write answers only', () => {
    expect(alignAnswer('UpdateItem', { Attributes: {} })).toEqual({});
    expect(alignAnswer('UpdateItem', { Attributes: { a: { N: '1' } } })).toEqual({ Attributes: { a: { N: '1' } } });
    expect(alignAnswer('GetItem', { Item: {} })).toEqual({ Item: {} });
  });
});
