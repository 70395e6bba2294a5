// The part of `npm test` that runs on Node 22.
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tally } from '../tally.mjs';
import { ensureDependencies } from './deps.mjs';
import { exitCodeOf, npmCommand } from './node22.mjs';
import { ensureSystemPackages, findChromium } from './system-packages.mjs';

export async function runTests(root, args) {
  const say = (line) => console.log(line);
  const unit = !args.includes('--e2e');
  const e2e = !args.includes('--unit');
  if (!ensureSystemPackages(root, 'install', say)) return 1;
  ensureDependencies(root, say);
  if (!ensureSystemPackages(root, 'test', say)) {
    say('The tests need the packages above; nothing was run.');
    return 1;
  }
  const env = { ...process.env, CHROMIUM_PATH: process.env.CHROMIUM_PATH ?? findChromium() ?? '/usr/bin/chromium' };
  const results = join(root, 'test-results');
  rmSync(results, { recursive: true, force: true });
  mkdirSync(results, { recursive: true });

  const vitest = join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const step = (what, cmd, cmdArgs) => {
    say(`\n▶ ${what}`);
    const r = spawnSync(cmd, cmdArgs, { cwd: root, stdio: 'inherit', env });
    const code = exitCodeOf(r.status, r.signal);
    if (code !== 0) say(`✗ ${what}: exit ${code}${r.signal ? ` (${r.signal})` : ''}`);
    return code;
  };
  let failed = false;
  const expected = [];
  if (unit) {
    expected.push('vitest-unit.json');
    failed = step('unit and integration tests', process.execPath, [vitest, 'run']) !== 0 || failed;
  }
  if (e2e) {
    expected.push('vitest-e2e.json');
    const [npm, npmArgs] = npmCommand(['run', 'build', '--silent']);
    if (step('build', npm, npmArgs) !== 0) failed = true;
    else failed = step('end-to-end tests (Chromium)', process.execPath, [vitest, 'run', '--config', 'vitest.e2e.config.ts']) !== 0 || failed;
  }
  const t = tally(results, expected);
  say('');
  for (const p of t.problems) say(`  ✗ ${p}`);
  say(`${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
  return failed || t.failed > 0 ? 1 : 0;
}
