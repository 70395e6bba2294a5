/**
 * Crash-test child: opens the app's database in `dataDir` (only what polling needs, so a
 * restart is quick), makes sure the Taobao shop exists (pointing at the simulator the test
 * process runs), and polls until caught up. Prints "polling" once it starts fetching and
 * "caught-up" when a poll found nothing more to fetch.
 * argv: dataDir simUrl credentialsJson backfillFrom
 */
import { join } from 'node:path';
import { createChannels } from '../../../src-main/channels/service';
import { openDatabase } from '../../../src-main/db';
import { IngestPipeline } from '../../../src-main/ingest/pipeline';
import { createLogger } from '../../../src-main/log';
import { createOrderFlow } from '../../../src-main/orders/flow';
import { fileKeyBox } from '../../../src-main/secrets/file-key-box';

const [dataDir, url, credsJson, backfillFrom] = process.argv.slice(2) as [string, string, string, string];
const db = await openDatabase(join(dataDir, 'orderhub.db'));
const pipeline = new IngestPipeline(db, createOrderFlow(db));
const { store, poller } = createChannels({ db, pipeline, secrets: fileKeyBox(dataDir), log: createLogger(dataDir, { console: false }), zone: 'Asia/Shanghai' });
const ctx = { actor: { id: null, name: 'crash-child' }, call: 'test.setup' };
store.endpoints.setCustomEndpoints(ctx, true); // the simulator is on 127.0.0.1
const ch = store.list()[0] ?? store.create(ctx, { kind: 'taobao', name: '崩溃测试店', config: { ...JSON.parse(credsJson), endpoint: url, backfillFrom: Number(backfillFrom) } });
process.stdout.write('polling\n');
for (;;) {
  const r = await poller.pollNow(ch.id);
  if (r.error) {
    process.stdout.write(`error ${r.error}\n`);
    continue;
  }
  if (r.windows <= 1) break; // nothing left before now − lag: caught up
}
process.stdout.write('caught-up\n');
db.close();
process.exit(0);
