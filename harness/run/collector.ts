// A vitest reporter that turns vitest's test tree into the run's results model as results arrive,
// so an interrupted run still has everything finished so far.
import type { Reporter, TestCase, TestModule } from 'vitest/node';
import { relative } from 'node:path';
import type { CaseOutcome, CaseResult, SuiteResult } from '../report/results.ts';
import { suitesDir } from '../util/paths.ts';

export class ResultCollector implements Reporter {
  /** variant → suite id → result */
  readonly suites = new Map<string, Map<string, SuiteResult>>();
  constructor(private readonly onCase?: (variant: string, suite: string, c: CaseResult) => void) {}

  private suiteOf(variant: string, moduleId: string): SuiteResult {
    const id = relative(suitesDir(), moduleId).replace(/\.test\.ts$/, '');
    let byVariant = this.suites.get(variant);
    if (!byVariant) this.suites.set(variant, (byVariant = new Map()));
    let s = byVariant.get(id);
    if (!s) byVariant.set(id, (s = { variant, suite: id, file: relative(suitesDir(), moduleId), cases: [], durationMs: 0 }));
    return s;
  }

  onTestCaseResult(test: TestCase): void {
    const c = toCase(test);
    if (!c) return;
    const s = this.suiteOf(test.project.name, test.module.moduleId);
    s.cases.push(c);
    this.onCase?.(s.variant, s.suite, c);
  }

  onTestModuleEnd(mod: TestModule): void {
    const s = this.suiteOf(mod.project.name, mod.moduleId);
    s.durationMs = mod.diagnostic().duration;
    // A failing beforeAll/afterAll leaves its tests "skipped": the error lives on the module or a describe block.
    const errors = [...mod.errors(), ...[...mod.children.allSuites()].flatMap((x) => x.errors())];
    if (errors.length) s.error = errors.map((e) => e.message).join('\n');
  }
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
    return {
      name,
      status: 'failed',
      outcome: 'failed',
      durationMs,
      failure: { message: err?.message ?? 'failed', details: err?.stack },
      notes,
    };
  }
  const lifted = annotations.find((a) => a.type === 'limitation-lifted');
  const reproduced = annotations.find((a) => a.type === 'limitation-reproduced');
  return {
    name,
    status: 'passed',
    outcome: lifted ? 'limitation-lifted' : reproduced ? 'limitation-reproduced' : 'passed',
    durationMs,
    ...(lifted || reproduced ? { reason: (lifted ?? reproduced)!.message } : {}),
    notes,
  };
}
