// The registry as the markdown table README.md carries between its differences markers, so the documentation
// cannot drift from what the suites use (test/differences/readme.test.ts compares them;
// `npm run docs:differences` rewrites README's table).
import { DIFFERENCES } from './registry.ts';
import { describeRange } from './versions.ts';

export const README_MARKERS = { start: '<!-- differences:start (npm run docs:differences) -->', end: '<!-- differences:end -->' } as const;

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

export function differencesMarkdown(): string {
  const rows = DIFFERENCES.map(
    (d) =>
      `| \`${d.id}\` | ${cell(d.title)} | ${d.references.map((r) => `[${cell(r.text)}](${r.url})`).join('<br>')} | ${cell(describeRange(d.holds))} | ${d.removes.map((f) => `\`${f}\``).join(', ') || '—'} |`,
  );
  return ['| id | difference | reference | holds for | features it takes away |', '|---|---|---|---|---|', ...rows].join('\n');
}

/** README text with the table between the markers replaced. */
export function withDifferencesTable(readme: string): string {
  const start = readme.indexOf(README_MARKERS.start);
  const end = readme.indexOf(README_MARKERS.end);
  if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${README_MARKERS.start} … ${README_MARKERS.end}`);
  return `${readme.slice(0, start + README_MARKERS.start.length)}\n${differencesMarkdown()}\n${readme.slice(end)}`;
}
