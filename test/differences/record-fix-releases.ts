// Records, from git mirrors of ScyllaDB and the ScyllaDB Operator, which releases carry each commit the registry of
// documented differences names (`sinceCommit`, `untilCommit`), so fix-releases.test.ts can check every version range
// without the mirrors:
//   npx tsx test/differences/record-fix-releases.ts <scylladb clone> <scylla-operator clone>
// A commit's releases are those of `git tag --contains` for it and for every commit whose message says
// "(cherry picked from commit <it>)" (how both projects mark backports); releases are the tags scylla-X.Y.Z and
// vX.Y.Z (no rc, no candidate, no alpha/beta).
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import semver from 'semver';
import { DIFFERENCES } from '../../harness/differences/registry.ts';
import { releaseBranch, type Product } from '../../harness/differences/versions.ts';
import { projectRoot } from '../../harness/util/paths.ts';

export const FIX_RELEASES_FILE = join(projectRoot(), 'test/differences/fix-releases.json');

/** The products whose commits are recorded, with the release tags of their repositories. */
export const RECORDED = { scylladb: /^scylla-(\d+\.\d+\.\d+)$/, 'scylla-operator': /^v(\d+\.\d+\.\d+)$/ } as const satisfies Partial<Record<Product, RegExp>>;
export type RecordedProduct = keyof typeof RECORDED;

export interface ProductReleases {
  mirrorHead: string;
  /** Every release of the mirror, by release branch ("2025.1": ["2025.1.0", ...]). */
  releases: Record<string, string[]>;
  /** Per commit: its subject, its cherry-picks, and the first release of each branch that carries it. */
  commits: Record<string, { subject: string; cherryPicks: string[]; firstReleases: Record<string, string> }>;
}

export interface FixReleases {
  producedBy: string;
  products: Record<RecordedProduct, ProductReleases>;
}

function record(product: RecordedProduct, mirror: string): ProductReleases {
  const git = (...args: string[]) => execFileSync('git', ['-C', mirror, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const versionsOfTags = (tags: string) => tags.split('\n').flatMap((t) => RECORDED[product].exec(t.trim())?.slice(1, 2) ?? []);
  const byBranch = (versions: string[]) => {
    const out: Record<string, string[]> = {};
    for (const v of [...new Set(versions)].sort(semver.compare)) (out[releaseBranch(v)] ??= []).push(v);
    return out;
  };
  // One pass over every cherry-pick: original commit → the commits that copy it.
  const picks = new Map<string, string[]>();
  let current = '';
  for (const line of git('log', '--all', '--format=@@%H%n%b', '--grep=cherry picked from commit').split('\n')) {
    if (line.startsWith('@@')) current = line.slice(2);
    const m = /cherry picked from commit ([0-9a-f]{40})/.exec(line);
    if (m && current) picks.set(m[1]!, [...(picks.get(m[1]!) ?? []), current]);
  }
  const commits: ProductReleases['commits'] = {};
  const named = new Set(DIFFERENCES.filter((d) => d.holds.product === product).flatMap((d) => [d.holds.sinceCommit, d.holds.untilCommit].filter((c): c is string => c !== undefined)));
  for (const short of [...named].sort()) {
    const full = git('rev-parse', `${short}^{commit}`).trim();
    const copies = [...new Set(picks.get(full) ?? [])];
    const versions = [full, ...copies].flatMap((c) => versionsOfTags(git('tag', '--contains', c)));
    const firstReleases = Object.fromEntries(Object.entries(byBranch(versions)).map(([b, vs]) => [b, vs[0]!]));
    commits[short] = { subject: git('log', '-1', '--format=%s', full).trim(), cherryPicks: copies.map((c) => c.slice(0, 10)).sort(), firstReleases };
  }
  return { mirrorHead: git('rev-parse', 'HEAD').trim(), releases: byBranch(versionsOfTags(git('tag', '--list'))), commits };
}

if (process.argv[1]?.endsWith('record-fix-releases.ts')) {
  const [scylladb, operator] = process.argv.slice(2);
  if (!scylladb || !operator) {
    process.stderr.write('usage: npx tsx test/differences/record-fix-releases.ts <scylladb git directory> <scylla-operator git directory>\n');
    process.exit(2);
  }
  const data: FixReleases = {
    producedBy: 'npx tsx test/differences/record-fix-releases.ts <clone of github.com/scylladb/scylladb> <clone of github.com/scylladb/scylla-operator> (with their tags)',
    products: { scylladb: record('scylladb', scylladb), 'scylla-operator': record('scylla-operator', operator) },
  };
  // One line per branch and per commit's releases, so a re-recording reads as a short diff.
  const text = JSON.stringify(data, null, 2).replace(/\[\n\s+([^\]{}]*?)\n\s+\]/g, (_, inner: string) => `[${inner.replace(/\n\s+/g, ' ')}]`);
  writeFileSync(FIX_RELEASES_FILE, `${text}\n`);
  for (const [p, r] of Object.entries(data.products))
    process.stdout.write(`${p}: recorded ${Object.keys(r.commits).length} commits and ${Object.values(r.releases).flat().length} releases in ${FIX_RELEASES_FILE}\n`);
}
