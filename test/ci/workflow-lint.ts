// Lints GitHub Actions workflow files offline with two real validators:
// - @actions/workflow-parser: GitHub's own parser (from actions/languageservices, behind the VS Code extension):
//   the workflow schema plus `${{ }}` expressions and the contexts they may name;
// - @action-validator/core: the SchemaStore github-workflow JSON schema, compiled in (WASM).
// Plus the few cross-references neither checks (a `needs` naming a job that does not exist).
import { register } from 'node:module';
import { validateWorkflow, type ValidationError } from '@action-validator/core';
import { parse } from 'yaml';

// The parser imports its schema JSON without `with { type: 'json' }`, which Node refuses: a loader hook adds the
// attribute for JSON files that lack one. It only affects imports that would otherwise fail.
register(
  `data:text/javascript,${encodeURIComponent(
    "export async function load(url, context, next) { if (url.endsWith('.json') && !context.importAttributes?.type) return next(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } }); return next(url, context); }",
  )}`,
);
const { parseWorkflow, convertWorkflowTemplate, NoOperationTraceWriter } = await import('@actions/workflow-parser');

export interface Workflow {
  jobs: Record<string, Job>;
  [k: string]: unknown;
}
export interface Job {
  needs?: string | string[];
  strategy?: { matrix?: Record<string, unknown> };
  steps?: Step[];
  [k: string]: unknown;
}
export interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, unknown>;
  [k: string]: unknown;
}

export async function lintWorkflow(name: string, text: string): Promise<string[]> {
  const problems: string[] = [];
  const parsed = parseWorkflow({ name, content: text }, new NoOperationTraceWriter());
  problems.push(...parsed.context.errors.getErrors().map((e) => `workflow-parser: ${e.message}`));
  if (parsed.value) {
    const template = await convertWorkflowTemplate(parsed.context, parsed.value);
    for (const e of template.errors ?? []) {
      const message = `workflow-parser: ${e.Message}`;
      if (!problems.includes(message)) problems.push(message);
    }
  }
  problems.push(...flatten(validateWorkflow(text).errors).map((e) => `action-validator: ${e}`));
  const wf = parse(text) as Workflow;
  for (const [job, def] of Object.entries(wf.jobs ?? {}))
    for (const need of [def.needs ?? []].flat()) if (!(need in wf.jobs)) problems.push(`${name}: job "${job}" needs "${need}", which is not a job of this workflow`);
  return problems;
}

function flatten(errors: ValidationError[]): string[] {
  return errors.flatMap((e) => {
    const where = 'path' in e && e.path ? ` at ${e.path}` : '';
    const self = `${e.title}${e.detail ? `: ${e.detail}` : ''}${where}`;
    const nested = 'states' in e && e.states ? e.states.flatMap((s) => flatten(s.errors)) : [];
    return nested.length ? nested : [self];
  });
}

/** Every `npx alternator-e2e ...` invocation in a job's run steps, as argument lists after the command name. */
export function cliInvocations(job: Job): string[][] {
  return (job.steps ?? []).flatMap((s) =>
    (s.run ?? '')
      .split('\n')
      .filter((l) => /\bnpx alternator-e2e\b/.test(l))
      .map((l) => l.trim().replace(/^.*?\bnpx alternator-e2e\s+/, '').split(/\s+(?![^{]*\}\})/)),
  );
}
