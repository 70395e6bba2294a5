import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { ApiError } from '../../src-shared/errors';
import type { LocalCopies } from '../../src-shared/contract/local-copies';
import type { Database } from '../db';
import { databaseBytes, freeDiskBytes } from '../db/database-copy';
import { keptCopies } from '../db/kept-copies';
import type { Handlers } from '../kernel/call';

/**
 * The copies of the database kept on this PC (db/kept-copies.ts): the owner sees what they take
 * and deletes the ones no longer wanted. Only a file that is one of those copies, by its exact
 * name in the listing, can be deleted: a name is never joined onto a path the caller chose.
 */
export function localCopyHandlers({ db }: { db: Pick<Database, 'sqlite' | 'writes'> }): Pick<Handlers, 'workspace.copies' | 'workspace.deleteCopy'> {
  const dbFile = db.sqlite.name;
  const list = (): LocalCopies => {
    const free = freeDiskBytes(dirname(dbFile));
    return {
      folder: dirname(dbFile),
      copies: keptCopies(dbFile).map(({ name, kind, madeAt, bytes }) => ({ name, kind, madeAt, bytes })),
      databaseBytes: databaseBytes(db.sqlite),
      freeBytes: Number.isFinite(free) ? free : null,
    };
  };
  return {
    'workspace.copies': () => list(),
    'workspace.deleteCopy': (input, ctx) => {
      const copy = keptCopies(dbFile).find((c) => c.name === input.name);
      if (!copy) throw new ApiError('not_found', ctx.say(`没有名为 ${input.name} 的备份副本（可能已删除）`, `no kept copy named ${input.name} (it may be deleted already)`), 'name');
      // Deleted inside the transaction that records it: a file that cannot be deleted leaves no record saying it was.
      db.writes.run(ctx.write(`delete kept copy ${copy.name}`), (tx) => {
        tx.note({ entity: 'workspace', entityId: copy.name, action: 'kept_copy_deleted', after: { name: copy.name, kind: copy.kind, madeAt: copy.madeAt, bytes: copy.bytes } });
        rmSync(copy.path);
      });
      return list();
    },
  };
}
