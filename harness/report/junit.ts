// JUnit XML that Jenkins, GitLab and GitHub render, from the results model: a testsuite per
// (variant, suite file) with classname "<variant>.<suite>", plus a "<variant>/lifecycle" testsuite whose
// "deploy" testcase shows provisioning (kubetest2's lesson: a failed cluster shows in CI, not only in logs).
import { create } from 'xmlbuilder2';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces.js';
import { BESIDE_PASSED, totals, type CaseResult, type RunResult, type VariantResult } from './results.ts';

const seconds = (ms: number) => (ms / 1000).toFixed(3);
// XML 1.0 forbids most control characters; test output can contain them (ANSI colours).
const clean = (s: string) => s.replace(/\u001b\[[0-9;]*m/g, '').replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, '');

export function renderJUnit(run: RunResult): string {
  const t = totals(run);
  const escaped = run.escapedErrors?.length ?? 0;
  // Testcases of their own: a variant's suites cut short, and the run's interruption. Interruption is no failure:
  // they are skipped testcases that say what the signal cut short.
  const interruptions = run.variants.filter((v) => v.interrupted).length + (run.interrupted ? 1 : 0);
  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('testsuites', {
    name: `alternator-e2e ${run.profile} (${run.target})`,
    tests: String(t.tests + run.variants.length + escaped + interruptions),
    failures: String(t.failed - escaped),
    errors: String(t.provisioningFailures + escaped),
    time: seconds(run.variants.reduce((a, v) => a + v.suites.reduce((b, s) => b + s.durationMs, 0), 0)),
  });
  for (const v of run.variants) {
    lifecycleSuite(root, run, v);
    for (const s of v.suites) {
      const failed = s.cases.filter((c) => c.status === 'failed').length;
      const suite = root.ele('testsuite', {
        name: `${v.name}/${s.suite}`,
        tests: String(s.cases.length + (s.error ? 1 : 0)),
        failures: String(failed),
        errors: String(s.error ? 1 : 0),
        skipped: String(s.cases.filter(skippedInJUnit).length),
        time: seconds(s.durationMs),
        timestamp: run.startedAt.replace(/Z$/, ''),
        file: `suites/${s.file}`,
      });
      properties(suite, run, v);
      const classname = `${v.name}.${s.suite.replace(/\//g, '.')}`;
      if (s.error)
        suite.ele('testcase', { classname, name: '(suite file)' }).ele('error', { type: 'SuiteError', message: clean(firstLine(s.error)) }).txt(clean(s.error));
      for (const c of s.cases) testcase(suite, classname, c, v);
    }
  }
  escapedErrorsSuite(root, run);
  interruptionSuite(root, run);
  return root.end({ prettyPrint: true });
}

/** An interrupted run says so in a testcase of its own, with the signal and the phase it cut short. */
function interruptionSuite(root: XMLBuilder, run: RunResult) {
  if (!run.interrupted) return;
  const what = run.interruption ? `interrupted by ${run.interruption.signal} during ${run.interruption.phase}` : 'interrupted';
  root
    .ele('testsuite', { name: 'run/interruption', tests: '1', failures: '0', errors: '0', skipped: '1', timestamp: run.startedAt.replace(/Z$/, '') })
    .ele('testcase', { classname: 'run.interruption', name: what })
    .ele('skipped', { message: clean(`${what}: the results are partial; variants and suite files that did not run are listed in their lifecycle testsuites`) });
}

/** Errors that escaped every test, one error testcase each, named after the suite file they came from. */
function escapedErrorsSuite(root: XMLBuilder, run: RunResult) {
  const errors = run.escapedErrors ?? [];
  if (errors.length === 0) return;
  const suite = root.ele('testsuite', { name: 'run/escaped-errors', tests: String(errors.length), failures: '0', errors: String(errors.length), skipped: '0', timestamp: run.startedAt.replace(/Z$/, '') });
  for (const e of errors)
    suite
      .ele('testcase', { classname: 'run.escaped-errors', name: clean(`${e.file ?? 'unknown suite file'}${e.test ? ` (last test: ${e.test})` : ''}`) })
      .ele('error', { type: 'EscapedError', message: clean(firstLine(e.message)) })
      .txt(clean(e.details ?? e.message));
}

function lifecycleSuite(root: XMLBuilder, run: RunResult, v: VariantResult) {
  const p = v.provisioning;
  const suite = root.ele('testsuite', {
    name: `${v.name}/lifecycle`,
    tests: String(1 + (v.interrupted ? 1 : 0)),
    failures: '0',
    errors: String(p?.status === 'failed' ? 1 : 0),
    skipped: String((p?.status === 'not-applicable' || p?.status === 'interrupted' ? 1 : 0) + (v.interrupted ? 1 : 0)),
    timestamp: run.startedAt.replace(/Z$/, ''),
  });
  properties(suite, run, v);
  const tc = suite.ele('testcase', { classname: `${v.name}.lifecycle`, name: 'deploy' });
  if (p?.status === 'failed') {
    tc.ele('error', { type: 'ProvisionError', message: clean(`${p.step ? `${p.step}: ` : ''}${p.message}`) }).txt(
      clean(p.message + (v.diagnosticsDir ? `\ndiagnostics: ${v.diagnosticsDir}` : '')),
    );
  } else if (p) {
    tc.ele('skipped', { message: clean(p.message) });
  }
  if (v.interrupted) suite.ele('testcase', { classname: `${v.name}.lifecycle`, name: 'suites' }).ele('skipped', { message: clean(v.interrupted) });
}

function properties(suite: XMLBuilder, run: RunResult, v: VariantResult) {
  const props = suite.ele('properties');
  const add = (name: string, value: unknown) => props.ele('property', { name, value: clean(typeof value === 'string' ? value : JSON.stringify(value)) });
  add('run.id', run.runId);
  if (run.harness) {
    add('harness.version', run.harness.version);
    if (run.harness.commit) add('harness.commit', run.harness.commit);
  }
  add('profile', run.profile);
  add('target', v.target);
  add('variant', v.name);
  for (const [k, val] of Object.entries(v.options)) add(`variant.${k}`, val);
  for (const [k, val] of Object.entries(v.versions)) add(`version.${k}`, val);
  if (v.versionsSource) add('versions.source', v.versionsSource);
  if (v.emulatedBy) add('emulated.by', v.emulatedBy);
  if (v.servedBy) add('served.by', v.servedBy);
  if (v.diagnosticsDir) add('diagnostics', v.diagnosticsDir);
}

function testcase(suite: XMLBuilder, classname: string, c: CaseResult, v: VariantResult) {
  const tc = suite.ele('testcase', { classname, name: clean(c.name), time: seconds(c.durationMs) });
  if (c.status === 'failed') {
    const msg = clean(c.failure?.message ?? 'failed');
    const details = clean(c.failure?.details ?? msg) + (v.diagnosticsDir ? `\n\ndiagnostics: ${v.diagnosticsDir}` : '');
    tc.ele('failure', { type: 'AssertionError', message: firstLine(msg) }).txt(details);
  } else if (skippedInJUnit(c)) {
    const beside = c.status === 'passed' ? `${BESIDE_WORDS[c.outcome] ?? c.outcome} (passed, not counted as a pass): ` : '';
    tc.ele('skipped', { message: clean(`${beside}${c.reason ?? 'skipped'}`) });
  }
  const out = [
    ...(c.outcome.startsWith('limitation-') || c.outcome === 'documentation-differs' ? [`outcome: ${c.outcome}`] : []),
    ...(c.notes ?? []).map((n) => `${n.type}: ${n.message}`),
  ];
  if (out.length) tc.ele('system-out').txt(clean(out.join('\n')));
}

/**
 * Skipped in the JUnit: what did not run, what was interrupted, and the passing outcomes the run counts beside the
 * passes (an emulated limitation, a documentation difference, a lifted limitation): a JUnit reader's "passed" is then
 * the run's own (harness/report/results.ts totals), with the outcome named in the message.
 */
const skippedInJUnit = (c: CaseResult) => c.status === 'skipped' || (c.status === 'passed' && (BESIDE_PASSED as readonly string[]).includes(c.outcome));
const BESIDE_WORDS: Record<string, string> = { 'limitation-emulated': 'limitation emulated, not measured on ScyllaDB', 'documentation-differs': 'documentation differs', 'limitation-lifted': 'limitation lifted' };

function firstLine(s: string): string {
  const l = s.split('\n')[0] ?? '';
  return l.length > 500 ? `${l.slice(0, 500)}…` : l;
}
