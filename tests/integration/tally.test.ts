import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * CI's closing line comes from scripts/tally.mjs. These fixtures are written to a temp folder
 * and run by a separate vitest, so the suite itself never contains a broken file.
 */
const repo = resolve(__dirname, '../..');
let dir: string;

function runVitest(files: Record<string, string>, report: string): void {
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, 'cases', name), text);
  const config = join(dir, `${report}.config.mjs`);
  writeFileSync(config, `export default { test: { root: ${JSON.stringify(dir)}, include: ['cases/*.test.mjs'],
    reporters: ['json'], outputFile: { json: ${JSON.stringify(join(dir, 'results', `${report}.json`))} } } };`);
  spawnSync(process.execPath, [join(repo, 'node_modules/vitest/vitest.mjs'), 'run', '--config', config], { cwd: dir, encoding: 'utf8' });
  for (const name of Object.keys(files)) rmSync(join(dir, 'cases', name));
}

function tally(...args: string[]): { line: string; out: string; code: number | null } {
  const r = spawnSync(process.execPath, [join(repo, 'scripts/tally.mjs'), join(dir, 'results'), ...args], { encoding: 'utf8' });
  const lines = r.stdout.trim().split('\n');
  return { line: lines[lines.length - 1]!, out: r.stdout, code: r.status };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'orderhub-tally-'));
  mkdirSync(join(dir, 'cases'));
  mkdirSync(join(dir, 'results'));
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the CI tally', () => {
  it('counts a file whose beforeAll failed as a failure, though its tests only show as skipped', () => {
    runVitest({
      'browser.test.mjs': `import { beforeAll, it } from 'vitest';
beforeAll(() => { throw new Error('Chromium is missing at /usr/bin/chromium'); });
for (const n of [1, 2, 3, 4, 5, 6, 7, 8]) it('screen ' + n, () => {});`,
    }, 'vitest-e2e');
    const t = tally();
    expect(t.line).toBe('0 passed, 1 failed, 8 skipped');
    expect(t.out).toContain('Chromium is missing');
    expect(t.code).toBe(1);
  });

  it('counts a file that fails to load, and a report that was never written', () => {
    rmSync(join(dir, 'results', 'vitest-e2e.json'));
    runVitest({
      'fine.test.mjs': `import { expect, it } from 'vitest'; it('adds', () => expect(1 + 1).toBe(2));`,
      'broken.test.mjs': `import './no-such-module.mjs'; import { it } from 'vitest'; it('never runs', () => {});`,
    }, 'vitest-unit');
    const t = tally('--expect', 'vitest-unit.json,vitest-e2e.json');
    expect(t.line).toBe('1 passed, 2 failed, 0 skipped');
    expect(t.out).toContain('vitest-e2e.json: no report');
    expect(t.out).toContain('no-such-module');
    expect(t.code).toBe(1);
  });

  it('passes a clean run with exit code 0', () => {
    rmSync(join(dir, 'results'), { recursive: true });
    mkdirSync(join(dir, 'results'));
    runVitest({ 'fine.test.mjs': `import { expect, it } from 'vitest'; it('adds', () => expect(1 + 1).toBe(2)); it.skip('later', () => {});` }, 'vitest-unit');
    const t = tally('--expect', 'vitest-unit.json');
    expect(t.line).toBe('1 passed, 0 failed, 1 skipped');
    expect(t.code).toBe(0);
  });
});
