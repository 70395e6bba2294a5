// `npm test`: every test, from a fresh clone, whatever Node the PATH has. Node 22 and the
// dependencies as `npm start` gets them; the Debian packages the tests need found or installed
// (or named with the exact apt-get line); then unit + integration, build, end-to-end, and the
// tally's closing line "N passed, N failed, N skipped". Exits non-zero on any failure.
//   npm test                 everything
//   npm test -- --unit       unit + integration only      npm test -- --e2e   end-to-end only
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { ensureNode22 } from './lib/node22.mjs';

const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  console.log('Usage: npm test [-- --unit | --e2e]\nRuns unit + integration (vitest), then builds and runs the end-to-end tests in Chromium, and prints "N passed, N failed, N skipped".');
  process.exit(0);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root);
await ensureNode22(fileURLToPath(import.meta.url));

const { runTests } = await import('./lib/run-tests.mjs');
process.exit(await runTests(root, args));
