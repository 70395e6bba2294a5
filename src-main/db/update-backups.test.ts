import { describe, expect, it } from 'vitest';
import { DiskFullDuringUpdateError, ensureRoomForUpdate, NotEnoughDiskError } from './update-backups';

const GB = 1024 ** 3;

describe('the room an update needs, and the words when there is none', () => {
  it('needs the backup (the database) plus half of it for the migration, at least 64 MB', () => {
    expect(() => ensureRoomForUpdate('/data/orderhub.db', 4 * GB, 6 * GB)).not.toThrow();
    expect(() => ensureRoomForUpdate('/data/orderhub.db', 4 * GB, 5.9 * GB)).toThrow(NotEnoughDiskError);
    expect(() => ensureRoomForUpdate('/data/orderhub.db', 10 * 1024 ** 2, 60 * 1024 ** 2)).toThrow(/共需约 74 MB 可用空间，\/data 所在磁盘只剩 60 MB。/);
  });

  it('says gigabytes with one decimal, and leaves out the space left when the OS could not say', () => {
    expect(new NotEnoughDiskError(4.7 * GB, 1.2 * GB, '/data').message).toMatch(/^磁盘空间不足，无法升级本地数据：升级前要先备份数据库，共需约 4\.7 GB 可用空间，\/data 所在磁盘只剩 1\.2 GB。/);
    const stopped = new DiskFullDuringUpdateError(2, 3, Infinity, '/data', null);
    expect(stopped.message).toMatch(/^磁盘空间不足，升级本地数据停在第 2\/3 步（这一步没有留下任何改动）。请清理磁盘后重新打开 OrderHub，升级会从这一步继续。 \/ /);
    expect(stopped.message).not.toMatch(/Infinity|只剩|备份保存在/);
  });
});
