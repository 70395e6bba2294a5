/**
 * Crash-test child: opens the workspace in `dataDir` (only what the ERP bridge needs) and pushes
 * every pending order of the first ERP connection. Prints "pushing" once it starts and "done"
 * when nothing is left. The parent SIGKILLs it at random points.
 * argv: dataDir
 */
import { createErp } from '../../../src-main/erp/service';
import { createLogger } from '../../../src-main/log';
import { openKeyedDatabase } from '../../../src-main/secrets/audit-key';
import { fileKeyBox } from '../../../src-main/secrets/file-key-box';

const [dataDir] = process.argv.slice(2) as [string];
const db = await openKeyedDatabase(dataDir, fileKeyBox(dataDir)); // a writer of the workspace keys its audit chain
const erp = createErp({ db, secrets: fileKeyBox(dataDir), log: createLogger(dataDir, { console: false }), zone: 'Asia/Shanghai', autostart: false });
const conn = erp.store.list()[0]!;
const ctx = { actor: { id: null, name: 'crash-child' }, call: 'erp.pushNow' };
process.stdout.write('pushing\n');
while (erp.sources.backlog(conn.id, Date.now()) > 0) {
  const r = await erp.push(conn.id, 'manual', ctx);
  process.stdout.write(`pushed ${JSON.stringify(r)}\n`);
}
process.stdout.write('done\n');
db.close();
process.exit(0);
