import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { createTabularWriter } from './create';
import { loadExcel } from './excel-module';
import type { TabularFormat, TabularWriter, WriterOptions } from './types';

export interface ExportedFile {
  path: string;
  bytes: number;
  /** Hex SHA-256 of the file as written: what the audit record names. */
  sha256: string;
  rows: number;
}

/**
 * Streams an export into a file, hashing as it goes; `fill` writes the sheets and rows.
 * The file is complete (flushed) when the promise resolves.
 */
export async function exportToFile(
  path: string,
  format: TabularFormat,
  fill: (w: TabularWriter) => Promise<void>,
  opts: WriterOptions = {},
): Promise<ExportedFile> {
  if (format === 'xlsx') await loadExcel();
  const hash = createHash('sha256');
  let bytes = 0;
  const tap = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      bytes += chunk.length;
      done(null, chunk);
    },
  });
  const file = createWriteStream(path);
  tap.pipe(file);
  const fileDone = new Promise<void>((resolve, reject) => {
    file.on('finish', resolve);
    file.on('error', reject);
  });
  // A fill that fails (a cancelled export) leaves the file unfinished, and its caller then removes
  // the folder: the file's own open can fail after that, and nobody would be waiting for it.
  fileDone.catch(() => {});
  const w = createTabularWriter(format, tap, opts);
  try {
    await fill(w);
    await w.end();
  } catch (e) {
    tap.destroy();
    file.destroy();
    throw e;
  }
  await fileDone;
  return { path, bytes, sha256: hash.digest('hex'), rows: w.rows };
}
