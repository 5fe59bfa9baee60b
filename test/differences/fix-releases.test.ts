// Every version range of the registry that names the commit which begins or ends it (`sinceCommit`, `untilCommit`)
// agrees with the releases that carry that commit or one of its cherry-picks, as recorded from ScyllaDB's and the
// operator's tags in fix-releases.json (by record-fix-releases.ts, the command is in the file): for every recorded
// release, the range says "changed" exactly where the tags say the commit is in. The mirrors are not needed here.
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import semver from 'semver';
import { DIFFERENCES, type Difference } from '../../harness/differences/registry.ts';
import { hasChange, releaseBranch, type FirstVersions } from '../../harness/differences/versions.ts';
import { FIX_RELEASES_FILE, RECORDED, type FixReleases, type RecordedProduct } from './record-fix-releases.ts';

const recorded = JSON.parse(readFileSync(FIX_RELEASES_FILE, 'utf8')) as FixReleases;
const isRecorded = (p: string): p is RecordedProduct => p in RECORDED;

/** Where a bound and the recorded tags of its commit disagree: one line per release. */
function contradictions(id: string, bound: 'since' | 'until', first: FirstVersions, commit: string, product: RecordedProduct = 'scylladb'): string[] {
  const { releases, commits } = recorded.products[product];
  const tags = commits[commit];
  if (!tags) return [`${id}: ${bound}Commit ${commit} is not recorded: run ${recorded.producedBy}`];
  const carried = (v: string) => {
    const f = tags.firstReleases[releaseBranch(v)];
    return f !== undefined && semver.gte(v, f);
  };
  return Object.values(releases)
    .flat()
    .filter((v) => hasChange(product, first, v) !== carried(v))
    .map((v) => `${id}: ${bound} ${JSON.stringify(first)} says ${v} ${carried(v) ? 'lacks' : 'has'} ${commit} ("${tags.subject}"), its tags say the opposite (first releases: ${JSON.stringify(tags.firstReleases)})`);
}

function rangeContradictions(d: Pick<Difference, 'id' | 'holds'>): string[] {
  const h = d.holds;
  if (!isRecorded(h.product)) return h.sinceCommit || h.untilCommit ? [`${d.id}: commits of ${h.product} are not recorded (record-fix-releases.ts RECORDED)`] : [];
  return [
    ...(h.sinceCommit ? contradictions(d.id, 'since', h.since, h.sinceCommit, h.product) : []),
    ...(h.untilCommit && h.until !== undefined ? contradictions(d.id, 'until', h.until, h.untilCommit, h.product) : []),
    ...(h.untilCommit && h.until === undefined ? [`${d.id}: untilCommit ${h.untilCommit} without an until`] : []),
  ];
}

describe('version ranges agree with the releases that carry their commits', () => {
  it('every entry naming a commit (ScyllaDB and operator), at every recorded release', () => {
    const ranged = DIFFERENCES.filter((d) => d.holds.sinceCommit || d.holds.untilCommit);
    expect(ranged.filter((d) => d.holds.product === 'scylladb').length).toBeGreaterThanOrEqual(40);
    expect(ranged.filter((d) => d.holds.product === 'scylla-operator').length).toBeGreaterThanOrEqual(1);
    expect(ranged.flatMap(rangeContradictions)).toEqual([]);
  });

  it('fails on a range that ignores a backport, and on one that claims a backport that does not exist', () => {
    // alternator-ttl-tag-visible as it was: "up to 2025.3.0", while 6cbcabd100 reached 2025.1.4 and 2025.2.0.
    const before = contradictions('ttl-tag', 'until', '2025.3.0', '6cbcabd100');
    expect(before).toContain(`ttl-tag: until "2025.3.0" says 2025.1.4 lacks 6cbcabd100 ("alternator: hide internal tags from users"), its tags say the opposite (first releases: ${JSON.stringify(recorded.products.scylladb.commits['6cbcabd100']!.firstReleases)})`);
    // An operator range one release early: v1.11.x had no operator-managed Alternator serving CA (a8730d98b).
    expect(contradictions('ca', 'since', 'v1.11.0', 'a8730d98b', 'scylla-operator').some((l) => l.includes(' 1.11.0 has a8730d98b'))).toBe(true);
    expect(before.some((l) => l.includes(' 2025.2.0 lacks'))).toBe(true);
    expect(contradictions('ttl-tag', 'until', ['2025.1.4', '2025.2.0', '2025.3.0'], '6cbcabd100')).toEqual([]);
    // #25701 was not backported to 2025.1.
    expect(contradictions('base64', 'until', ['2025.1.5', '2025.2.3', '2025.3.1', '2025.4.0'], 'ff91027eac').length).toBeGreaterThan(0);
    expect(rangeContradictions({ id: 'x', holds: { product: 'scylladb', since: '4.0.0', untilCommit: 'deadbeef00' } })).toEqual(['x: untilCommit deadbeef00 without an until']);
  });

  it('the recorded table knows every commit the registry names', () => {
    const unknown = DIFFERENCES.flatMap((d) =>
      [d.holds.sinceCommit, d.holds.untilCommit].filter((c) => c !== undefined && !(isRecorded(d.holds.product) && recorded.products[d.holds.product].commits[c])),
    );
    expect(unknown).toEqual([]);
    expect(recorded.producedBy).toMatch(/^npx tsx test\/differences\/record-fix-releases\.ts /);
  });
});
