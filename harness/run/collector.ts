// A vitest reporter that turns vitest's test tree into the run's results model as results arrive,
// so an interrupted run still has everything finished so far. Every message, stack and note passes through
// redactSecretsIn on the way in: the results model never holds a secret a suite handed to expect or an error.
import type { Reporter, SerializedError, TestCase, TestModule } from 'vitest/node';
import { relative } from 'node:path';
import type { CaseOutcome, CaseResult, EscapedError, SuiteResult } from '../report/results.ts';
import { suitesDir } from '../util/paths.ts';
import type { SuiteFile } from './suites.ts';
import { redactSecretsIn, redactSecrets } from '../util/redact.ts';
import { variantOfProject } from './projects.ts';

export class ResultCollector implements Reporter {
  /** variant → suite id → result */
  readonly suites = new Map<string, Map<string, SuiteResult>>();
  /** Errors no test caught (vitest's "unhandled errors", which it warns may cause false positives). */
  readonly escapedErrors: EscapedError[] = [];
  /** Suite files by absolute path, so ids come from the directory they were discovered in (--suites-dir). */
  private readonly idOf: Map<string, SuiteFile>;

  constructor(
    private readonly onCase?: (variant: string, suite: string, c: CaseResult) => void,
    suites: readonly SuiteFile[] = [],
  ) {
    this.idOf = new Map(suites.map((s) => [s.file, s]));
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

  onTestCaseResult(test: TestCase): void {
    const raw = toCase(test);
    if (!raw) return;
    const c = redactSecretsIn(raw);
    const s = this.suiteOf(variantOfProject(test.project.name), test.module.moduleId);
    s.cases.push(c);
    this.onCase?.(s.variant, s.suite, c);
  }

  onTestModuleEnd(mod: TestModule): void {
    const s = this.suiteOf(variantOfProject(mod.project.name), mod.moduleId);
    s.durationMs = mod.diagnostic().duration;
    // A failing beforeAll/afterAll leaves its tests "skipped": the error lives on the module or a describe block.
    const errors = [...mod.errors(), ...[...mod.children.allSuites()].flatMap((x) => x.errors())];
    if (errors.length) s.error = redactSecrets(errors.map((e) => e.message).join('\n'));
  }

  onTestRunEnd(_modules: ReadonlyArray<TestModule>, unhandled: ReadonlyArray<SerializedError>): void {
    for (const e of unhandled) this.escapedErrors.push(redactSecretsIn(this.escaped(e)));
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
    return {
      name,
      status: 'failed',
      outcome: 'failed',
      durationMs,
      failure: { message: err?.message ?? 'failed', details: err?.stack },
      notes,
    };
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
