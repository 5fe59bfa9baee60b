// The per-table override of write isolation: the `system:write_isolation` tag, set at CreateTable or with
// TagResource, changes the policy of that table alone; UntagResource gives it back the variant's policy; every
// spelling ScyllaDB accepts works and any other value is refused (alternator/executor.cc validate_tags,
// allowed_write_isolation_values, rmw_operation::get_write_isolation_for_schema; docs/alternator/alternator.md
// "Write isolation policies"; unchanged from 4.0.0 to scylla-2026.2.4, where it was read).
import { describe, it, expect, beforeAll } from 'vitest';
import type { TestContext } from 'vitest';
import { endpoint, useTable, useSharedTable, withRmwAllowed, tableName, tableDefinition, expectError, record, requireFeature, deleteTableQuietly, DynamoError } from '../../harness/suite-kit/index.ts';
import { effectiveWriteIsolation, WRITE_ISOLATION_ALIASES } from '../../harness/variant/model.ts';

const TAG = 'system:write_isolation';
const RMW_REFUSED = /read-modify-write/i;
const INVALID_TAG = /write isolation/i;

type Policy = 'refused' | 'allowed';

describe('isolation: the system:write_isolation tag', () => {
  const e = endpoint();
  const alternator = e.apiProfile === 'alternator';
  const variantForbids = effectiveWriteIsolation(e.promises) === 'forbid_rmw';
  /** What a read-modify-write gets on an untagged table of this variant. */
  const variantPolicy: Policy = variantForbids ? 'refused' : 'allowed';
  const opposite: Policy = variantForbids ? 'allowed' : 'refused';
  /** A tag value whose policy is the opposite of the variant's. */
  const oppositeTag = variantForbids ? 'only_rmw_uses_lwt' : 'forbid_rmw';
  const sameTag = variantForbids ? 'forbid_rmw' : 'always_use_lwt';

  // The untagged table: the deployment's shared hash-key table where shared tables carry no isolation tag (every
  // variant but forbid_rmw ones, harness/endpoint/shared-tables.ts rmwAllowed), probed in keys of its own (issue 23:
  // one CreateTable less); a table of its own on forbid_rmw variants. The tagged one is re-tagged by the cases: its own.
  const untagged = withRmwAllowed({}).Tags === undefined ? useSharedTable('tag_none', { hash: ['p', 'S'] }) : { ...useTable('tag_none', { hash: ['p', 'S'] }, {}, { keepIsolation: true }), keyPrefix: '' };
  const tagged = useTable('tag_opposite', { hash: ['p', 'S'] }, { Tags: [{ Key: TAG, Value: oppositeTag }] }, { keepIsolation: true });
  let n = 0;
  let taggedArn = '';

  beforeAll(async () => {
    if (!alternator) return;
    await Promise.all([untagged.ready(), tagged.ready()]);
    taggedArn = (await tagged.client.call<any>('DescribeTable', { TableName: tagged.name })).Table.TableArn;
  });

  /** The untagged table's tag, checked rather than assumed (it may be the shared table). */
  async function untaggedTag(): Promise<string | undefined> {
    const arn = (await untagged.client.call<any>('DescribeTable', { TableName: untagged.name })).Table.TableArn;
    return ((await untagged.client.call<any>('ListTagsOfResource', { ResourceArn: arn })).Tags as Array<{ Key: string; Value: string }>).find((x) => x.Key === TAG)?.Value;
  }

  function gate(ctx: TestContext) {
    requireFeature(ctx, 'write-isolation');
  }

  /** A conditional put on a fresh key: the smallest read-modify-write. */
  async function policyOf(t: { name: string; client: typeof untagged.client; keyPrefix?: string }): Promise<Policy> {
    const p = `${t.keyPrefix ?? ''}probe-${n++}`;
    try {
      await t.client.call('PutItem', { TableName: t.name, Item: { p: { S: p } }, ConditionExpression: 'attribute_not_exists(p)' });
      return 'allowed';
    } catch (err) {
      if (err instanceof DynamoError && err.type === 'ValidationException' && RMW_REFUSED.test(err.serverMessage)) return 'refused';
      throw err;
    }
  }

  const tag = (value: string) => tagged.client.call('TagResource', { ResourceArn: taggedArn, Tags: [{ Key: TAG, Value: value }] });

  it("an untagged table follows the variant's write isolation", async (ctx) => {
    gate(ctx);
    record(ctx, `variant write isolation: ${effectiveWriteIsolation(e.promises)}${e.promises.writeIsolation ? '' : ' (ScyllaDB default)'}`);
    expect(await untaggedTag(), `${untagged.name} carries ${TAG}`).toBeUndefined();
    expect(await policyOf(untagged)).toBe(variantPolicy);
  });

  it("a table tagged at CreateTable with the opposite policy follows its tag, the untagged table keeps the variant's", async (ctx) => {
    gate(ctx);
    record(ctx, `tagged ${oppositeTag}`);
    expect(await policyOf(tagged)).toBe(opposite);
    expect(await policyOf(untagged)).toBe(variantPolicy);
  });

  it("TagResource changes that table's policy alone, and UntagResource gives it back the variant's", async (ctx) => {
    gate(ctx);
    try {
      await tag(sameTag);
      expect(await policyOf(tagged), `after TagResource ${sameTag}`).toBe(variantPolicy);
      await tag(oppositeTag);
      expect(await policyOf(tagged), `after TagResource ${oppositeTag}`).toBe(opposite);
      expect(await policyOf(untagged), 'the untagged table changed with its neighbour').toBe(variantPolicy);
      await tagged.client.call('UntagResource', { ResourceArn: taggedArn, TagKeys: [TAG] });
      expect(await policyOf(tagged), 'after UntagResource').toBe(variantPolicy);
    } finally {
      await tag(oppositeTag);
    }
  });

  it('every spelling ScyllaDB accepts takes effect (f, forbid, forbid_rmw, a, always, o, u, ...)', async (ctx) => {
    gate(ctx);
    try {
      for (const [spelling, mode] of Object.entries(WRITE_ISOLATION_ALIASES)) {
        await tag(spelling);
        expect(await policyOf(tagged), `tag value "${spelling}" (${mode})`).toBe(mode === 'forbid_rmw' ? 'refused' : 'allowed');
      }
    } finally {
      await tag(oppositeTag);
    }
  });

  it('an invalid tag value at CreateTable is refused with ValidationException, and no table is created', async (ctx) => {
    gate(ctx);
    const name = tableName('tag_invalid');
    try {
      await expectError(
        untagged.client.call('CreateTable', tableDefinition(name, { hash: ['p', 'S'] }, { Tags: [{ Key: TAG, Value: 'sometimes' }] })),
        'ValidationException',
        INVALID_TAG,
      );
      await expectError(untagged.client.call('DescribeTable', { TableName: name }), 'ResourceNotFoundException');
    } finally {
      await deleteTableQuietly(untagged.client, name);
    }
  });

  it('an invalid tag value at TagResource is refused with ValidationException, and the policy is unchanged', async (ctx) => {
    gate(ctx);
    await expectError(tag('FORBID_RMW'), 'ValidationException', INVALID_TAG);
    const tags = (await tagged.client.call<any>('ListTagsOfResource', { ResourceArn: taggedArn })).Tags as Array<{ Key: string; Value: string }>;
    expect(tags.find((x) => x.Key === TAG)?.Value).toBe(oppositeTag);
    expect(await policyOf(tagged)).toBe(opposite);
  });
});
