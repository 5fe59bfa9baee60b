// `npm run docs:differences`: rewrites the documented-differences table in README.md from the registry.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../util/paths.ts';
import { withDifferencesTable } from './markdown.ts';

const file = join(projectRoot(), 'README.md');
writeFileSync(file, withDifferencesTable(readFileSync(file, 'utf8')));
process.stdout.write(`rewrote the documented differences table in ${file}\n`);
