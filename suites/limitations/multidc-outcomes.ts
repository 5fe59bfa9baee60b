// Pure decisions for suites/limitations/multidc: what the observations of a multi-DC deployment mean for each
// documented row. Kept apart from the network code so the decision tables are tested on their own
// (test/multidc/outcomes.test.ts).
import type { DatacenterSharing } from '../../harness/endpoint/contract.ts';

export type Verdict =
  /** The documented behaviour was observed. */
  | { kind: 'reproduced'; observed: string }
  /** The deployment behaves as if the limitation were gone, and nothing promised either way. */
  | { kind: 'lifted'; observed: string }
  /** The deployment promised sharing and shares: nothing to report as a limitation. */
  | { kind: 'shared-as-promised'; observed: string }
  /** Anything else, including a broken promise. */
  | { kind: 'unexpected'; observed: string };

export type SharingScope = NonNullable<DatacenterSharing['credentials']> | undefined;

/** One attempt to use datacenter `from`'s credentials (or CA bundle) against datacenter `to`'s endpoint. */
export interface CrossAttempt {
  from: string;
  to: string;
  outcome: 'accepted' | 'refused' | 'error';
  /** Error type or code, for the report (never a secret). */
  detail: string;
}

/**
 * Credentials or CA bundle of one datacenter used against another. The docs say both are DC-local, so "refused"
 * everywhere reproduces the limitation. "Accepted" everywhere depends on what the deployment promised:
 * nothing → lifted (loud, fails only with --fail-on-lifted); shared → as promised; DC-local → unexpected: a deployment
 * that promises separate credentials and takes foreign ones is broken (this is what the `shared-credentials` fault
 * of the local target shows, and the run must fail). A mix, or any other error, is unexpected.
 */
export function sharingVerdict(what: string, promise: SharingScope, attempts: readonly CrossAttempt[]): Verdict {
  const observed = attempts.map((a) => `${what} of ${a.from} at ${a.to}'s endpoint: ${a.outcome} (${a.detail})`).join('; ');
  if (attempts.length === 0) return { kind: 'unexpected', observed: `no cross-datacenter attempt was made (${what})` };
  if (attempts.some((a) => a.outcome === 'error')) return { kind: 'unexpected', observed };
  const accepted = attempts.filter((a) => a.outcome === 'accepted').length;
  if (accepted === 0)
    return promise === 'shared'
      ? { kind: 'unexpected', observed: `the deployment promises shared ${what}, but: ${observed}` }
      : { kind: 'reproduced', observed };
  if (accepted < attempts.length) return { kind: 'unexpected', observed: `accepted in one direction only: ${observed}` };
  if (promise === 'shared') return { kind: 'shared-as-promised', observed };
  if (promise === 'datacenter-local') return { kind: 'unexpected', observed: `the deployment promises DC-local ${what}, but: ${observed}` };
  return { kind: 'lifted', observed };
}

export interface LocalnodesAnswer {
  datacenter: string;
  nodes: string[];
}

/** /localnodes of each datacenter: non-empty, and no node listed by two datacenters. */
export function localnodesVerdict(answers: readonly LocalnodesAnswer[]): Verdict {
  const observed = answers.map((a) => `${a.datacenter}: [${a.nodes.join(', ')}]`).join('; ');
  const empty = answers.filter((a) => a.nodes.length === 0).map((a) => a.datacenter);
  if (empty.length) return { kind: 'unexpected', observed: `/localnodes is empty in ${empty.join(', ')}: ${observed}` };
  const shared: string[] = [];
  answers.forEach((a, i) =>
    answers.slice(i + 1).forEach((b) => {
      for (const n of a.nodes) if (b.nodes.includes(n)) shared.push(`${n} (listed by ${a.datacenter} and ${b.datacenter})`);
    }),
  );
  if (shared.length) return { kind: 'unexpected', observed: `/localnodes lists other datacenters' nodes: ${shared.join(', ')}; ${observed}` };
  return { kind: 'reproduced', observed: `each datacenter lists only its own nodes: ${observed}` };
}

/** One request to a datacenter's endpoint on a fresh connection. */
export interface RoutingProbe {
  datacenter: string;
  /** The /localnodes answer: the nodes of the datacenter of whichever node answered (absent when the request failed). */
  nodes?: string[];
  /** Why the request failed (e.g. the certificate did not match the datacenter's name). */
  error?: string;
  /** Datacenters whose CA bundle issued the certificate presented (meaningful only when the CAs differ). */
  issuers: string[];
}

const key = (nodes: readonly string[]) => JSON.stringify([...nodes].sort());

/**
 * No built-in cross-DC routing: every request to a datacenter's endpoint is answered inside that datacenter.
 * Its identity is its most frequent /localnodes answer; a request answered with ANOTHER datacenter's (different)
 * identity, or with a certificate only another datacenter's CA issued, was routed across datacenters → lifted.
 * Answers that vary for no such reason are unexpected. (Identical answers everywhere are /localnodes' own
 * failure, which localnodesVerdict reports; here they are no evidence of routing.)
 */
export function routingVerdict(probes: readonly RoutingProbe[], distinctCAs: boolean): Verdict {
  const dcs = [...new Set(probes.map((p) => p.datacenter))];
  const identity = new Map<string, string>();
  for (const dc of dcs) {
    const counts = new Map<string, number>();
    for (const p of probes.filter((x) => x.datacenter === dc && x.nodes)) counts.set(key(p.nodes!), (counts.get(key(p.nodes!)) ?? 0) + 1);
    identity.set(dc, [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '(no answer)');
  }
  const crossed: string[] = [];
  const unstable: string[] = [];
  for (const p of probes) {
    const own = identity.get(p.datacenter)!;
    const answer = p.nodes ? key(p.nodes) : undefined;
    const other = answer === undefined ? undefined : dcs.find((d) => d !== p.datacenter && identity.get(d) !== own && identity.get(d) === answer);
    const foreignCert = distinctCAs && !p.issuers.includes(p.datacenter) ? p.issuers.find((d) => d !== p.datacenter) : undefined;
    if (foreignCert) crossed.push(`${p.datacenter}'s endpoint answered from ${foreignCert} (a certificate issued by ${foreignCert}'s CA${p.error ? `; ${p.error}` : ''})`);
    else if (other) crossed.push(`${p.datacenter}'s endpoint answered from ${other} (its /localnodes)`);
    else if (answer === undefined) unstable.push(`a request to ${p.datacenter}'s endpoint failed: ${p.error ?? 'no answer'}`);
    else if (answer !== own) unstable.push(`${p.datacenter}'s endpoint answered ${answer} instead of ${own}`);
    else if (distinctCAs && !p.issuers.includes(p.datacenter)) unstable.push(`${p.datacenter}'s endpoint presented a certificate no datacenter's CA issued`);
  }
  const summary = dcs.map((d) => `${d}: ${probes.filter((p) => p.datacenter === d).length} requests, /localnodes ${identity.get(d)}`).join('; ');
  const how = distinctCAs ? 'same /localnodes answer and a certificate from its own CA' : 'same /localnodes answer (the CAs are shared, so certificates cannot tell)';
  if (crossed.length) return { kind: 'lifted', observed: `requests were routed across datacenters: ${crossed.join('; ')}; ${summary}` };
  if (unstable.length) return { kind: 'unexpected', observed: `${unstable.join('; ')}; ${summary}` };
  return { kind: 'reproduced', observed: `every request to a datacenter's endpoint was answered in that datacenter (${how}); ${summary}` };
}
