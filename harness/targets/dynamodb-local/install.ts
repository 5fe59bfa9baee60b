// `npm run dynamodb-local:install`: fetches and unpacks the pinned DynamoDB Local (see distribution.ts), then
// says whether Java is there too. Exit 0 when the target has everything it needs, 3 otherwise.
import { installDistribution, dynamodbLocalChecks } from './distribution.ts';

try {
  await installDistribution({ log: (l) => process.stdout.write(`${l}\n`) });
} catch (e) {
  process.stderr.write(`error: ${(e as Error).message}\n`);
  process.exit(3);
}
const checks = await dynamodbLocalChecks();
for (const c of checks) process.stdout.write(`${c.ok ? '✓' : '✗'} ${c.name}: ${c.detail}${!c.ok && c.fix ? `\n    fix: ${c.fix}` : ''}\n`);
process.exit(checks.every((c) => c.ok) ? 0 : 3);
