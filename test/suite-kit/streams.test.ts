// expectEvents is what every Streams case relies on to say a stream carried the right records: it must refuse a wrong
// type, a missing or extra image, a spurious record, and say "incomplete" (so suites poll on) while records are missing.
import { describe, it, expect } from 'vitest';
import { expectEvents, canonical, recordsOf, type StreamRecord } from '../../harness/suite-kit/streams.ts';

const k = { p: { S: 'a' } };
const rec = (eventName: string, view: string, images: { OldImage?: object; NewImage?: object } = {}): StreamRecord => ({
  eventName,
  dynamodb: { Keys: k, SequenceNumber: '1', StreamViewType: view, ...images },
});
const item = { ...k, x: { N: '1' } };

describe('expectEvents', () => {
  it('accepts the records the view type implies', () => {
    expect(() => expectEvents([rec('INSERT', 'NEW_IMAGE', { NewImage: item })], [{ type: 'INSERT', new: item }], 'NEW_IMAGE')).not.toThrow();
    expect(() => expectEvents([rec('MODIFY', 'KEYS_ONLY')], [{ type: 'MODIFY', old: k, new: item }], 'KEYS_ONLY')).not.toThrow();
    expect(() => expectEvents([rec('REMOVE', 'OLD_IMAGE', { OldImage: item })], [{ type: 'REMOVE', old: item }], 'OLD_IMAGE')).not.toThrow();
  });

  it('refuses a wrong type unless types are not checked', () => {
    expect(() => expectEvents([rec('INSERT', 'KEYS_ONLY')], [{ type: 'MODIFY' }], 'KEYS_ONLY')).toThrow(/expected MODIFY/);
    expect(() => expectEvents([rec('INSERT', 'KEYS_ONLY')], [{ type: 'MODIFY' }], 'KEYS_ONLY', { checkTypes: false })).not.toThrow();
  });

  it('refuses an image the view type does not carry, a missing one and a different one', () => {
    expect(() => expectEvents([rec('INSERT', 'KEYS_ONLY', { NewImage: item })], [{ type: 'INSERT', new: item }], 'KEYS_ONLY')).toThrow(/NewImage/);
    expect(() => expectEvents([rec('MODIFY', 'NEW_AND_OLD_IMAGES', { NewImage: item })], [{ type: 'MODIFY', old: k, new: item }], 'NEW_AND_OLD_IMAGES')).toThrow(/OldImage/);
    expect(() => expectEvents([rec('INSERT', 'NEW_IMAGE', { NewImage: k })], [{ type: 'INSERT', new: item }], 'NEW_IMAGE')).toThrow(/NewImage/);
    expect(() => expectEvents([rec('INSERT', 'OLD_IMAGE')], [{ type: 'INSERT' }], 'NEW_IMAGE')).toThrow(/StreamViewType/);
  });

  it('says incomplete while records are missing, and refuses records beyond the expected ones', () => {
    expect(() => expectEvents([], [{ type: 'INSERT' }], 'KEYS_ONLY')).toThrow(/^incomplete/);
    expect(() => expectEvents([rec('INSERT', 'KEYS_ONLY'), rec('MODIFY', 'KEYS_ONLY')], [{ type: 'INSERT' }], 'KEYS_ONLY')).toThrow(/expected 1 record/);
  });

  it('compares items whatever the order of their attributes and set elements', () => {
    expect(canonical({ b: { SS: ['y', 'x'] }, a: { N: '1' } })).toBe(canonical({ a: { N: '1' }, b: { SS: ['x', 'y'] } }));
    expect(canonical({ l: { L: [{ N: '2' }, { N: '1' }] } })).not.toBe(canonical({ l: { L: [{ N: '1' }, { N: '2' }] } }));
    expect(recordsOf([rec('INSERT', 'KEYS_ONLY')], { p: { S: 'b' } })).toEqual([]);
  });
});
