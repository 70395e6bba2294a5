/**
 * `npm run bench [-- name...]`: runs the benchmarks (all, or those whose name contains an
 * argument). Each prints its own numbers as ratios against a baseline measured in the same run.
 */
import { BENCHES } from './index';

const filters = process.argv.slice(2);
const chosen = BENCHES.filter((b) => !filters.length || filters.some((f) => b.name.includes(f)));
for (const b of chosen) {
  console.log(`\n=== ${b.name}: ${b.what}`);
  const started = performance.now();
  await b.run();
  console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
}
