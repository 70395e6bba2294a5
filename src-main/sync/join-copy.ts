import { dirname } from 'node:path';
import { byteSize } from '../../src-shared/bytes';
import { ApiError } from '../../src-shared/errors';
import type { Sqlite } from '../db';
import { copyDatabase, databaseBytes, freeDiskBytes } from '../db/database-copy';
import { beforeJoinCopyPath } from '../db/kept-copies';

/** Room left beside the copy (the team's rows then come in through the WAL). */
const SPARE_BYTES = 64 * 1024 * 1024;

/**
 * A later PC's own data is replaced by the team's when it joins: the file is copied first, to
 * `orderhub.db.before-join-<time>`. Made before anything of the team is kept on this PC, so a copy
 * the disk cannot hold refuses the join and leaves the PC as it was, not half in the team.
 */
export async function copyBeforeJoin(sqlite: Sqlite, say: (zh: string, en: string) => string, freeBytes = freeDiskBytes): Promise<string> {
  const file = beforeJoinCopyPath(sqlite.name);
  const needed = databaseBytes(sqlite) + SPARE_BYTES;
  const folder = dirname(sqlite.name);
  const full = (free: number) => new ApiError('conflict', say(
    `磁盘空间不足，无法加入团队：加入前要先把这台电脑的数据备份一份，需要约 ${byteSize(needed)} 可用空间` +
      `${Number.isFinite(free) ? `，${folder} 所在磁盘只剩 ${byteSize(free)}` : ''}。请清理磁盘后向团队管理员要一个新的加入码再加入；这台电脑的数据没有任何改动。`,
    `Not enough disk space to join the team: this PC's data is copied first, which needs about ${byteSize(needed)} free` +
      `${Number.isFinite(free) ? `, and the disk holding ${folder} has ${byteSize(free)}` : ''}. Free some space and ask for a new code; nothing on this PC was changed.`,
  ));
  const free = freeBytes(folder);
  if (free < needed) throw full(free);
  await copyDatabase(sqlite, file, { freeBytes, refuse: full });
  return file;
}
