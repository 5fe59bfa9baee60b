// Which ScyllaDB and ScyllaDB Manager agent versions each ScyllaDB Operator release supports, in ONE table, each
// row read from that release's own sources at its tag (scylladb/scylla-operator): the "Support matrix" of its
// releases.md and the image defaults of assets/config/config.yaml. `plan`, `run` and `doctor` refuse a combination
// the table does not support; profiles (fixtures/profiles) name supported ones.
//
// To add a release: `git show vX.Y.Z:docs/source/reference/releases.md` (docs/source/support/releases.md before
// v1.21; take the column of that release), `git show vX.Y.Z:assets/config/config.yaml`, and add a row citing the lines.
import { ConfigError } from '../util/errors.ts';
import type { Variant } from './model.ts';

/** A line of an upstream file at a tag, quoted. */
export interface SourceLine {
  file: string;
  line: number;
  text: string;
}

export interface OperatorRelease {
  operator: string;
  /** The documented ScyllaDB support, as written, and the minors it names. */
  scylla: { text: string; minors: readonly string[]; source: SourceLine };
  /** The documented ScyllaDB Manager support (the agent's version follows Manager's), and its minors. */
  manager: { text: string; minors: readonly string[]; source: SourceLine };
  /** What the release deploys by default and its own e2e runs with (config.yaml): pinned versions, agent by digest. */
  defaults: { scylla: string; agent: string; scyllaSource: SourceLine; agentSource: SourceLine };
}

/**
 * ScyllaDB minors a range like "2025.3 - 2026.1" spans: the minors scylladb/scylladb tags (scylla-X.Y.Z) plus
 * 2024.1 (ScyllaDB Enterprise, named by the operator's tables, not tagged in the open repository).
 */
export const SCYLLA_MINORS = ['2024.1', '2025.1', '2025.2', '2025.3', '2025.4', '2026.1', '2026.2'] as const;
const MANAGER_MINORS = ['3.5', '3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12'] as const;

/** "2025.1, 2025.3 - 2026.1" → 2025.1, 2025.3, 2025.4, 2026.1 (ranges over `known`, in order). */
export function expandSupport(text: string, known: readonly string[]): string[] {
  return text.split(',').flatMap((part) => {
    const [from, to] = part.split(/\s+-\s+/).map((s) => s.trim());
    if (to === undefined) return [from!];
    const a = known.indexOf(from!);
    const b = known.indexOf(to);
    if (a < 0 || b < a) throw new Error(`support range "${part.trim()}" is not over known minors ${known.join(', ')}`);
    return known.slice(a, b + 1);
  });
}

function release(
  operator: string,
  releasesMd: { file: string; scylla: [number, string]; manager: [number, string] },
  config: { scylla: [number, string]; agent: [number, string] },
): OperatorRelease {
  const cfg = 'assets/config/config.yaml';
  return {
    operator,
    scylla: { text: releasesMd.scylla[1], minors: expandSupport(releasesMd.scylla[1], SCYLLA_MINORS), source: { file: releasesMd.file, line: releasesMd.scylla[0], text: `  - ${releasesMd.scylla[1]}` } },
    manager: { text: releasesMd.manager[1], minors: expandSupport(releasesMd.manager[1], MANAGER_MINORS), source: { file: releasesMd.file, line: releasesMd.manager[0], text: `  - ${releasesMd.manager[1]}` } },
    defaults: {
      scylla: config.scylla[1],
      agent: config.agent[1],
      scyllaSource: { file: cfg, line: config.scylla[0], text: `  scyllaDBVersion: "${config.scylla[1]}"` },
      agentSource: { file: cfg, line: config.agent[0], text: `  scyllaDBManagerAgentVersion: "${config.agent[1]}"` },
    },
  };
}

const AGENT_3_10_1 = '3.10.1@sha256:aa85a3da293d0e5ca29214a575efe79b352d6678343d2f6d9aee711ac339f903';
const AGENT_3_9_0 = '3.9.0@sha256:fefeb01e83a5304b9693a9e04f0a51a0101b80ccb2402038991923738262e39d';

/** Newest first. The operator's support policy: the latest two minor releases (releases.md "Supported releases"). */
export const SUPPORT_MATRIX: readonly OperatorRelease[] = [
  release(
    'v1.21.1',
    { file: 'docs/source/reference/releases.md', scylla: [152, '2025.1, 2025.3 - 2026.1'], manager: [154, '3.7 - 3.9'] },
    { scylla: [3, '2026.1.3'], agent: [8, AGENT_3_10_1] },
  ),
  release(
    'v1.21.0',
    { file: 'docs/source/reference/releases.md', scylla: [149, '2025.1, 2025.3 - 2026.1'], manager: [151, '3.7 - 3.9'] },
    { scylla: [3, '2026.1.3'], agent: [8, AGENT_3_10_1] },
  ),
  // The v1.20 column of a table that also lists master and v1.19.
  release(
    'v1.20.3',
    { file: 'docs/source/support/releases.md', scylla: [158, '2024.1, 2025.1, 2025.3 - 2025.4'], manager: [162, '3.7 - 3.9'] },
    { scylla: [3, '2026.1.0'], agent: [8, AGENT_3_9_0] },
  ),
];

export const knownOperatorVersions = (): string[] => SUPPORT_MATRIX.map((r) => r.operator);

const minorOf = (version: string): string => /^(\d+\.\d+)/.exec(version)?.[1] ?? version;
const tagOf = (version: string): string => version.split('@')[0]!;
const cite = (operator: string, s: SourceLine) => `scylladb/scylla-operator ${operator}:${s.file} line ${s.line}`;

/** The row of an operator release; a version with no row is refused naming the known ones and how to add one. */
export function operatorRelease(operator: string, field = 'versions.operator'): OperatorRelease {
  const row = SUPPORT_MATRIX.find((r) => r.operator === operator);
  if (row) return row;
  throw new ConfigError(`operator ${operator} has no entry in the support matrix`, {
    field,
    value: operator,
    allowed: knownOperatorVersions(),
    fix: 'use a known operator release, or add a row to harness/variant/support-matrix.ts from that tag\'s docs/source/reference/releases.md ("Support matrix") and assets/config/config.yaml, citing their lines',
  });
}

/** Releases whose documented support names this ScyllaDB minor (the operator to qualify a newer ScyllaDB against). */
export function releasesSupportingScylla(version: string): string[] {
  return SUPPORT_MATRIX.filter((r) => r.scylla.minors.includes(minorOf(version))).map((r) => r.operator);
}

export interface Combination {
  operator: string;
  scylla: string;
  /** Manager agent version (optionally `@sha256:` pinned); absent: the release's default is used. */
  agent?: string;
}

export interface SupportVerdict {
  /** Refusals: the combination is not one the release supports. */
  problems: string[];
  /** Supported only as the release's own default, beyond its documented matrix (its CI runs it; its docs lag). */
  warnings: string[];
}

/**
 * Judges a combination against its release's row. Documented → supported. The release's own config.yaml default,
 * outside the documented range (v1.21.1 ships agent 3.10.1 while documenting Manager 3.7 - 3.9) → supported with a
 * warning. Anything else → a problem naming the supported versions, their source line, and where it IS supported.
 */
export function judgeCombination(c: Combination, field = 'versions'): SupportVerdict {
  const r = operatorRelease(c.operator, `${field}.operator`);
  const out: SupportVerdict = { problems: [], warnings: [] };
  const scyllaMinor = minorOf(c.scylla);
  if (!r.scylla.minors.includes(scyllaMinor)) {
    if (minorOf(r.defaults.scylla) === scyllaMinor)
      out.warnings.push(`ScyllaDB ${c.scylla}: outside the support matrix of operator ${r.operator} ("${r.scylla.text}", ${cite(r.operator, r.scylla.source)}), but the minor of its own default ${r.defaults.scylla} (${cite(r.operator, r.defaults.scyllaSource)})`);
    else {
      const elsewhere = releasesSupportingScylla(c.scylla);
      out.problems.push(
        `${field}.scylla ${c.scylla}: operator ${r.operator} supports ScyllaDB ${r.scylla.text} (${cite(r.operator, r.scylla.source)}); ` +
          (elsewhere.length ? `ScyllaDB ${scyllaMinor} is supported by operator ${elsewhere.join(', ')}` : `no operator release in harness/variant/support-matrix.ts supports ScyllaDB ${scyllaMinor}`) +
          `; its default is ScyllaDB ${r.defaults.scylla}`,
      );
    }
  }
  if (c.agent !== undefined) {
    const agentMinor = minorOf(c.agent);
    if (!r.manager.minors.includes(agentMinor)) {
      if (tagOf(c.agent) === tagOf(r.defaults.agent))
        out.warnings.push(`Manager agent ${tagOf(c.agent)}: outside the documented ScyllaDB Manager ${r.manager.text} of operator ${r.operator} (${cite(r.operator, r.manager.source)}), but its own default (${cite(r.operator, r.defaults.agentSource)}), which its e2e runs with`);
      else
        out.problems.push(
          `${field}.agent ${c.agent}: operator ${r.operator} supports ScyllaDB Manager ${r.manager.text} (${cite(r.operator, r.manager.source)}) and defaults to agent ${tagOf(r.defaults.agent)} (${cite(r.operator, r.defaults.agentSource)})`,
        );
    }
  }
  return out;
}

/** Every distinct combination of `versions`, judged; refused (ConfigError, exit 2) when any is unsupported. */
export function assertSupported(versions: readonly Combination[], field = 'versions'): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  const warnings: string[] = [];
  for (const v of versions) {
    const key = `${v.operator}|${v.scylla}|${v.agent ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const verdict = judgeCombination(v, field);
    problems.push(...verdict.problems);
    warnings.push(...verdict.warnings);
  }
  if (problems.length)
    throw new ConfigError(`unsupported version combination: ${[...new Set(problems)].join('; ')}`, {
      field,
      fix: 'name versions the operator release supports (harness/variant/support-matrix.ts), or the operator release that supports them',
    });
  return [...new Set(warnings)];
}

/** Targets where the ScyllaDB Operator deploys the variants: the versions must be a combination it supports. */
const OPERATOR_TARGETS: readonly string[] = ['kind', 'kubeconfig'];

/**
 * Refuses (exit 2) a selection whose operator/ScyllaDB/agent combination the operator release does not support
 * (harness/variant/support-matrix.ts); returns the warnings. Other targets do not deploy through the operator.
 */
export function checkVersionSupport(targetName: string, variants: readonly Variant[], operatorVersion?: string): string[] {
  if (!OPERATOR_TARGETS.includes(targetName)) return [];
  if (operatorVersion) operatorRelease(operatorVersion, '--operator-version');
  return assertSupported(
    variants.map((v) => ({ operator: v.versions.operator, scylla: v.versions.scylla, ...(v.versions.agent ? { agent: v.versions.agent } : {}) })),
    'versions',
  );
}
