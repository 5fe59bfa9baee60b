// Every table a suite creates starts with the harness prefix, so `cleanup` can find leftovers of crashed
// runs and never touch anything else. Shape: alte2e_<hash of run and variant>_<suite-specific>.
import { createHash } from 'node:crypto';

export const HARNESS_TABLE_PREFIX = 'alte2e_';

export function tablePrefixFor(runId: string, variant: string): string {
  const h = createHash('sha256').update(`${runId}/${variant}`).digest('hex').slice(0, 8);
  return `${HARNESS_TABLE_PREFIX}${h}_`;
}
