/**
 * Crash-test child: opens the workspace in `dataDir` (shops, orders and queued confirmations made
 * by the test process) and sends every due 发货回传 until none is pending. Prints "sending" when it
 * starts and "done" when nothing is left. The test SIGKILLs it right after a shop recorded a parcel.
 * argv: dataDir
 */
import { openApp } from '../../../src-main/app';
import { createLogger } from '../../../src-main/log';

const [dataDir] = process.argv.slice(2) as [string];
const app = await openApp({
  dataDir, log: createLogger(dataDir, { console: false }),
  channels: { autostart: false }, risk: { autostart: false }, shipping: { autostart: false, retryBaseMs: 100 }, sync: { autostart: false },
});
const pending = app.services.db.sqlite.prepare(`SELECT count(*) FROM shipment_confirmations WHERE state = 'pending'`).pluck();
const nextAt = app.services.db.sqlite.prepare(`SELECT min(next_attempt_at) FROM shipment_confirmations WHERE state = 'pending'`).pluck();
process.stdout.write('sending\n');
while ((pending.get() as number) > 0) {
  await app.services.shipping.sender.runOnce();
  const wait = Math.max(0, ((nextAt.get() as number | null) ?? 0) - Date.now());
  if (wait > 0) await new Promise((r) => setTimeout(r, Math.min(wait, 1500)));
}
process.stdout.write('done\n');
app.close();
process.exit(0);
