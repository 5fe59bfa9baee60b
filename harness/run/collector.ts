// A vitest reporter that turns vitest's test tree into the run's results model as results arrive,
// so an interrupted run still has everything finished so far. Every message, stack and note passes through
// redactSecretsIn on the way in: the results model never holds a secret a suite handed to expect or an error.
import type { Reporter, SerializedError, TestCase, TestModule } from 'vitest/node';
import { relative } from 'node:path';
import type { CaseFailure, CaseOutcome, CaseResult, EscapedError, SuiteResult } from '../report/results.ts';
import { suitesDir } from '../util/paths.ts';
import type { SuiteFile } from './suites.ts';
import { redactSecretsIn, redactSecrets } from '../util/redact.ts';
import { variantOfProject } from './projects.ts';

/** What the run is told as suite files start and finish (progress lines); every call is optional. */
export interface SuiteFileListener {
  fileStarted?(variant: string, suite: string): void;
  caseFinished?(variant: string, suite: string, c: CaseResult): void;
  fileFinished?(variant: string, suite: string, s: SuiteResult): void;
}

export interface CollectorOptions {
  onCase?: (variant: string, suite: string, c: CaseResult) => void;
  suites?: readonly SuiteFile[];
  listener?: SuiteFileListener;
  /**
   * The signal's name once the run is being stopped (SIGINT/SIGTERM), else undefined. From then on, what vitest
   * reports as failed or escaped is the stop cutting work short, not a finding: such cases are "interrupted" and
   * such errors are kept in `interruptionErrors`, never counted as failures.
   */
  interruptedBy?: () => string | undefined;
  /** `--case`: vitest reports the cases its name filter left out as skipped; they are not results of this run. */
  only?: RegExp;
}

export class ResultCollector implements Reporter {
  /** variant → suite id → result */
  readonly suites = new Map<string, Map<string, SuiteResult>>();
  /** Errors no test caught (vitest's "unhandled errors", which it warns may cause false positives). */
  readonly escapedErrors: EscapedError[] = [];
  /** What vitest reported while the run was being stopped (killed workers, cancelled hooks): not failures. */
  readonly interruptionErrors: string[] = [];
  /** Suite files by absolute path, so ids come from the directory they were discovered in (--suites-dir). */
  private readonly idOf: Map<string, SuiteFile>;
  private readonly onCase?: CollectorOptions['onCase'];
  private readonly listener?: SuiteFileListener;
  private readonly interruptedBy: () => string | undefined;
  private readonly only?: RegExp;

  constructor(o: CollectorOptions = {}) {
    this.idOf = new Map((o.suites ?? []).map((s) => [s.file, s]));
    this.onCase = o.onCase;
    this.listener = o.listener;
    this.interruptedBy = o.interruptedBy ?? (() => undefined);
    this.only = o.only;
  }

  private fileOf(moduleId: string): { id: string; file: string } {
    const known = this.idOf.get(moduleId);
    if (known) return { id: known.id, file: `${known.id}.test.ts` };
    const file = relative(suitesDir(), moduleId);
    return { id: file.replace(/\.test\.ts$/, ''), file };
  }

  private suiteOf(variant: string, moduleId: string): SuiteResult {
    const { id, file } = this.fileOf(moduleId);
    let byVariant = this.suites.get(variant);
    if (!byVariant) this.suites.set(variant, (byVariant = new Map()));
    let s = byVariant.get(id);
    if (!s) byVariant.set(id, (s = { variant, suite: id, file, cases: [], durationMs: 0 }));
    return s;
  }

  onTestModuleStart(mod: TestModule): void {
    const s = this.suiteOf(variantOfProject(mod.project.name), mod.moduleId);
    this.listener?.fileStarted?.(s.variant, s.suite);
  }

  onTestCaseResult(test: TestCase): void {
    if (this.only && !this.only.test(test.fullName.split(' > ').join(' '))) return;
    const found = toCase(test);
    if (!found) return;
    const signal = this.interruptedBy();
    const c = redactSecretsIn(signal ? asInterrupted(found, signal) : found);
    const s = this.suiteOf(variantOfProject(test.project.name), test.module.moduleId);
    s.cases.push(c);
    this.onCase?.(s.variant, s.suite, c);
    this.listener?.caseFinished?.(s.variant, s.suite, c);
  }

  onTestModuleEnd(mod: TestModule): void {
    const s = this.suiteOf(variantOfProject(mod.project.name), mod.moduleId);
    s.durationMs = mod.diagnostic().duration;
    // Written by harness/suite-kit/wait-hooks.ts in the worker after the file's last afterAll.
    const waitedMs = mod.meta().waitedMs;
    if (typeof waitedMs === 'number') s.waitedMs = waitedMs;
    // A failing beforeAll/afterAll leaves its tests "skipped": the error lives on the module or a describe block.
    const errors = [...mod.errors(), ...[...mod.children.allSuites()].flatMap((x) => x.errors())];
    if (errors.length) {
      const message = redactSecrets(errors.map((e) => e.message).join('\n'));
      const signal = this.interruptedBy();
      if (signal) this.interruptionErrors.push(`${s.variant} ${s.suite} (file or hook, after ${signal}): ${message.split('\n')[0]}`);
      else s.error = message;
    }
    // Under --case, a file none of whose cases was selected did not run: it is no result of this run.
    if (this.only && s.cases.length === 0 && !s.error) this.suites.get(s.variant)?.delete(s.suite);
    this.listener?.fileFinished?.(s.variant, s.suite, s);
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>): void {
    const signal = this.interruptedBy();
    for (const e of unhandled) {
      const escaped = redactSecretsIn(this.escaped(e));
      if (signal) this.interruptionErrors.push(`${escaped.file ?? 'unknown suite file'} (after ${signal}): ${escaped.message.split('\n')[0]}`);
      else this.escapedErrors.push(escaped);
    }
  }

  /** vitest tags an unhandled error with the file that was running and its last test (VITEST_TEST_PATH/NAME). */
  private escaped(e: SerializedError): EscapedError {
    const tagged = e as SerializedError & { VITEST_TEST_PATH?: string; VITEST_TEST_NAME?: string; type?: string };
    return {
      ...(tagged.VITEST_TEST_PATH ? { file: this.fileOf(tagged.VITEST_TEST_PATH).file } : {}),
      ...(tagged.VITEST_TEST_NAME ? { test: tagged.VITEST_TEST_NAME } : {}),
      message: `${tagged.type ?? 'Unhandled error'}: ${e.message ?? String(e)}`,
      ...(e.stack ? { details: e.stack } : {}),
    };
  }
}


/** Annotation types suite-kit's limitation() and documentationDiffers() write, which are also the case's outcome. */
const OUTCOME_ANNOTATIONS = new Set<string>(['limitation-reproduced', 'limitation-emulated', 'limitation-lifted', 'documentation-differs']);

/**
 * A case that did not pass while the run was being stopped was cut short by it: vitest marks the tests it cancels
 * "skipped" ("The test run was aborted by the user.") and fails the ones whose signal it aborted, or whose worker it
 * lost. Neither is a verdict on the deployment. Passes stand: they completed.
 */
function asInterrupted(c: CaseResult, signal: string): CaseResult {
  if (c.status === 'passed' || (c.status === 'skipped' && c.outcome !== 'skipped')) return c;
  const cut = c.failure ? `; it ended with: ${c.failure.message.split('\n')[0]}` : '';
  const { failure: _dropped, ...rest } = c;
  return { ...rest, status: 'skipped', outcome: 'interrupted', reason: `interrupted by ${signal}: the run was stopped before this case finished${cut}` };
}

function toCase(test: TestCase): CaseResult | undefined {
  const r = test.result();
  if (r.state === 'pending') return undefined;
  const annotations = test.annotations();
  const notes = annotations.map((a) => ({ type: a.type, message: a.message }));
  const name = test.fullName;
  const durationMs = test.diagnostic()?.duration ?? 0;
  if (r.state === 'skipped') {
    const reason = r.note ?? (test.options.mode === 'todo' ? 'todo' : 'skipped without a reason');
    const outcome: CaseOutcome = reason.startsWith('not applicable')
      ? 'not-applicable'
      : reason.startsWith('known limitation')
        ? 'known-limitation'
        : 'skipped';
    return { name, status: 'skipped', outcome, durationMs, reason, notes };
  }
  if (r.state === 'failed') {
    const err = r.errors[0];
    const elsewhere = (test.meta() as { differencesElsewhere?: string[] }).differencesElsewhere;
    const failure: CaseFailure = {
      message: err?.message ?? 'failed',
      details: err?.stack,
      ...(err?.name ? { type: err.name } : {}),
      ...(elsewhere?.length ? { differencesElsewhere: elsewhere } : {}),
    };
    // Recorded by harness/suite-kit/evidence-hooks.ts in the worker.
    const evidence = (test.meta() as { evidence?: CaseResult['evidence'] }).evidence;
    return { name, status: 'failed', outcome: 'failed', durationMs, failure, notes, ...(evidence ? { evidence } : {}) };
  }
  // A lifted limitation, then a documentation difference, outrank any other outcome a test recorded: a person must see them.
  const marked =
    annotations.find((a) => a.type === 'limitation-lifted') ??
    annotations.find((a) => a.type === 'documentation-differs') ??
    annotations.find((a) => OUTCOME_ANNOTATIONS.has(a.type));
  return {
    name,
    status: 'passed',
    outcome: marked ? (marked.type as CaseOutcome) : 'passed',
    durationMs,
    ...(marked ? { reason: marked.message } : {}),
    notes,
  };
}
