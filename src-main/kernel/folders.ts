import { accessSync, constants, realpathSync, statSync } from 'node:fs';
import { isAbsolute } from 'node:path';
import { ApiError } from '../../src-shared/errors';

type Say = (zh: string, en: string) => string;

/**
 * A folder the app writes to or reads from (finance schedule, import sources), as it will be
 * stored: absolute, resolved through links and `..` to the real folder (realpath), existing,
 * and writable when the app writes there. What is stored is what is used: a relative path or
 * a link cannot later point somewhere else.
 */
export function canonicalFolder(raw: string, say: Say, opts: { writable?: boolean } = {}): string {
  const input = raw.trim();
  if (!input || !isAbsolute(input)) {
    throw new ApiError('invalid_input', say(`请填写完整的文件夹路径（如 D:\\财务\\对账），而不是 "${input}"`, `enter a full folder path (e.g. /srv/finance), not "${input}"`), 'folder');
  }
  let real: string;
  try {
    real = realpathSync.native(input);
  } catch {
    throw new ApiError('invalid_input', say(`文件夹不存在：${input}`, `folder does not exist: ${input}`), 'folder');
  }
  if (!statSync(real).isDirectory()) throw new ApiError('invalid_input', say(`不是文件夹：${input}`, `not a folder: ${input}`), 'folder');
  if (opts.writable) {
    try {
      accessSync(real, constants.W_OK);
    } catch {
      throw new ApiError('invalid_input', say(`没有写入这个文件夹的权限：${real}`, `cannot write to this folder: ${real}`), 'folder');
    }
  }
  return real;
}

/**
 * At run time: the stored folder must still be itself. A folder swapped for a link to elsewhere
 * since it was set is refused instead of followed.
 */
export function stillCanonical(stored: string): boolean {
  try {
    return realpathSync.native(stored) === stored && statSync(stored).isDirectory();
  } catch {
    return false;
  }
}
