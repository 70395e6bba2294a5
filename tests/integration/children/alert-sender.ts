/**
 * Crash-test child: the alert sender alone on the app's database in `dataDir`, on the test's
 * file clock (a virtual minute passes in milliseconds). Sends until nothing is queued or waiting
 * for a retry, printing "tick <sent>" per round and "drained" at the end.
 * argv: dataDir clockFile
 */
import { join } from 'node:path';
import { openDatabase } from '../../../src-main/db';
import { createLogger } from '../../../src-main/log';
import { createNotify } from '../../../src-main/notify/service';
import { zoneClock } from '../../../src-main/rules/zone-clock';
import { fileKeyBox } from '../../../src-main/secrets/file-key-box';
import { SealedSecrets } from '../../../src-main/secrets/sealed-secrets';
import { FileClock } from '../../helpers/file-clock';

const [dataDir, clockFile] = process.argv.slice(2) as [string, string];
const db = await openDatabase(join(dataDir, 'orderhub.db'));
const clock = new FileClock(clockFile);
const zone = zoneClock('Asia/Shanghai');
const notify = createNotify({
  db, clock, log: createLogger(dataDir, { console: false }), secrets: new SealedSecrets(db.sqlite, fileKeyBox(dataDir)), zone: 'Asia/Shanghai',
  dayOf: (ms) => zone(ms).day, halfLifeOfDay: () => null,
});
notify.sender.beforeTick = () => {};
const waiting = db.sqlite.prepare(`SELECT (SELECT count(*) FROM alert_queue WHERE delivery_id IS NULL) + (SELECT count(*) FROM alert_deliveries WHERE state IN ('retry', 'sending'))`).pluck();
process.stdout.write('started\n');
for (let i = 0; i < 10_000; i++) {
  const s = await notify.sender.tick();
  process.stdout.write(`tick ${s.sent}\n`);
  if (waiting.get() === 0) break;
  await clock.sleep(1_000);
}
process.stdout.write('drained\n');
db.close();
process.exit(0);
