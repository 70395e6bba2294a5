// Prints "N passed, N failed, N skipped" from the vitest JSON reports in a folder and exits 1
// when anything failed. A test file that failed to load, or whose beforeAll failed (its tests
// then show as skipped), counts as one failure; so does an expected report that is missing
// (the run died before writing it) and a run that vitest itself calls unsuccessful.
//
//   node scripts/tally.mjs [DIR] [--expect vitest-unit.json,vitest-e2e.json]
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

export function tally(dir, expected = []) {
  const out = { passed: 0, failed: 0, skipped: 0, problems: [] };
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => /^vitest.*\.json$/.test(f)) : [];
  for (const name of expected) {
    if (!files.includes(name)) {
      out.failed += 1;
      out.problems.push(`${name}: no report (the test run died before writing it)`);
    }
  }
  if (files.length === 0 && expected.length === 0) {
    out.failed += 1;
    out.problems.push(`${dir}: no vitest reports at all`);
  }
  for (const f of files) {
    let r;
    try {
      r = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    } catch (e) {
      out.failed += 1;
      out.problems.push(`${f}: unreadable report (${e.message})`);
      continue;
    }
    const before = out.failed;
    out.passed += r.numPassedTests ?? 0;
    out.failed += r.numFailedTests ?? 0;
    out.skipped += (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
    for (const s of r.testResults ?? []) {
      const failedTests = (s.assertionResults ?? []).filter((a) => a.status === 'failed').length;
      if (s.status === 'failed' && failedTests === 0) {
        // failed to load, or a hook failed and its tests were skipped
        out.failed += 1;
        out.problems.push(`${relative(process.cwd(), s.name)}: ${firstLine(s.message) || 'the file failed outside its tests'}`);
      } else if (failedTests > 0) {
        out.problems.push(`${relative(process.cwd(), s.name)}: ${failedTests} failed`);
      }
    }
    if (r.success === false && out.failed === before) {
      out.failed += 1;
      out.problems.push(`${f}: vitest reported the run as failed (errors outside the tests)`);
    }
  }
  return out;
}

function firstLine(text) {
  return String(text ?? '').split('\n').find((l) => l.trim()) ?? '';
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const at = args.indexOf('--expect');
  const expected = at >= 0 ? (args.splice(at, 2)[1] ?? '').split(',').filter(Boolean) : [];
  const t = tally(args[0] ?? 'test-results', expected);
  for (const p of t.problems) console.log(`  ✗ ${p}`);
  console.log(`${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
  process.exit(t.failed > 0 ? 1 : 0);
}
