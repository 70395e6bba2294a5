import { z } from 'zod';
import { call } from './define';

/**
 * A copy of the database that OrderHub kept beside it on this PC: before an update migrated it
 * ('update', the last two are kept) or before this PC joined a team and took the team's data
 * ('join', never deleted by itself: the oldest is this PC's own data from before any team).
 */
export interface LocalCopy {
  /** The file's name in the workspace folder (no folder part). */
  name: string;
  kind: 'update' | 'join';
  madeAt: number;
  bytes: number;
}

export interface LocalCopies {
  folder: string;
  copies: LocalCopy[];
  /** The database itself, for scale. */
  databaseBytes: number;
  /** Free space on the disk holding the folder; null where the OS cannot say. */
  freeBytes: number | null;
}

export const localCopyCalls = {
  'workspace.copies': call<LocalCopies>()({
    input: z.object({}),
    access: 'settings.manage',
    runs: 'read',
    summary: 'The copies of the database kept on this PC (before updates, before joining a team), their sizes and the disk space left.',
  }),
  'workspace.deleteCopy': call<LocalCopies>()({
    input: z.object({ name: z.string().min(1).max(200) }),
    access: 'settings.manage',
    summary: 'Deletes one of those copies (audited); any other file name is refused.',
  }),
};
