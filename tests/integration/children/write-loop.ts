/**
 * Child process for the crash test: writes through the one write path as fast as it can
 * and reports each committed transaction on stdout. The parent SIGKILLs it at random.
 */
import { openDatabase } from '../../../src-main/db';

const [file, startArg] = process.argv.slice(2);
const db = await openDatabase(file!);
let n = Number(startArg ?? 0);
const ctx = { actor: { id: null, name: 'crash-test' }, call: 'test.writeLoop' };
process.stdout.write('ready\n');
for (;;) {
  const id = `k-${n}`;
  // Two rows per transaction: the item and the counter. Both or neither may survive.
  db.writes.run(ctx, (tx) => {
    tx.insert('settings', { id, valueJson: JSON.stringify({ n, pad: 'x'.repeat(200) }), updatedAt: Date.now() });
    if (tx.update('settings', 'counter', { valueJson: String(n + 1), updatedAt: Date.now() }) === null) {
      throw new Error('counter did not move');
    }
  });
  process.stdout.write(`committed ${id}\n`);
  n += 1;
}
