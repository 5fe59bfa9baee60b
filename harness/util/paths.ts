// Locations inside the project, independent of the current directory.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const projectRoot = (): string => join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const fixturesDir = (): string => join(projectRoot(), 'fixtures');
export const suitesDir = (): string => join(projectRoot(), 'suites');
export const defaultReportsDir = (): string => join(projectRoot(), 'reports');
