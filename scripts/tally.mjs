// Prints "N passed, N failed" from the vitest JSON reports in a folder (unit+integration, e2e).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2] ?? 'test-results';
let passed = 0;
let failed = 0;
let skipped = 0;
let reports = 0;
for (const f of existsSync(dir) ? readdirSync(dir) : []) {
  if (!/^vitest.*\.json$/.test(f)) continue;
  const r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
  reports += 1;
  passed += r.numPassedTests ?? 0;
  failed += (r.numFailedTests ?? 0) + (r.numFailedTestSuites ?? 0) * 0;
  skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  for (const s of r.testResults ?? []) if (s.status === 'failed' && (s.assertionResults ?? []).length === 0) failed += 1; // a file that failed to load
}
if (reports === 0) failed += 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 ? 1 : 0);
