import { createInflateRaw } from 'node:zlib';
import { CellError } from './cell-values';

/**
 * What a spreadsheet may be before it is read (issue #8 item 17): a 200 KB xlsx that inflates
 * to 200 MB, a row with 16,384 columns or a cell of a million characters is refused with a
 * message that says which limit it broke, before it can take the process's memory.
 */
export const SHEET_LIMITS = {
  /** The file as received (upload or folder). */
  fileBytes: 50 * 1024 * 1024,
  /** Every part of an xlsx, unpacked, together. */
  unzippedBytes: 150 * 1024 * 1024,
  /** Shared strings are held in memory while the sheet streams. */
  sharedStringsBytes: 40 * 1024 * 1024,
  /** Data rows (the header not counted); a bigger file is split. */
  rows: 500_000,
  columns: 500,
  /** Excel's own limit for a cell. */
  cellChars: 32_767,
  /** CSV: one record (all its cells) in characters. */
  recordChars: 1_000_000,
  previewRows: 20,
  previewColumns: 300,
  previewCellChars: 200,
  /** The whole preview (headers and rows) in characters. */
  previewChars: 256 * 1024,
} as const;

/** A file that cannot be read as a sheet at all: the whole job fails and writes nothing. */
export class FileError extends CellError {}

const MB = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 1 : 0)} MB`;

export function checkFileSize(bytes: number): void {
  if (bytes > SHEET_LIMITS.fileBytes) {
    throw new FileError(
      `文件有 ${MB(bytes)}，超过上限 ${MB(SHEET_LIMITS.fileBytes)}：请拆分成几个文件后再导入`,
      `the file is ${MB(bytes)}, over the ${MB(SHEET_LIMITS.fileBytes)} limit: split it into several files`,
    );
  }
}

interface Entry {
  name: string;
  method: number;
  compressed: number;
  size: number;
  localOffset: number;
}

/**
 * Reads the zip's central directory (no inflating) and refuses an xlsx whose parts say they
 * unpack past the limits, or that hides data outside its listed parts. Returns the parts for
 * `checkInflatedSizes`, which holds each part to the size it declared.
 */
export function checkZipDirectory(buf: Buffer, eocd: number): Entry[] {
  const count = buf.readUInt16LE(eocd + 10);
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || cdOffset === 0xffffffff) {
    throw new FileError('这个 xlsx 是 ZIP64 格式（超大文件），不支持：请拆分后再导入', 'this xlsx is a ZIP64 (very large) file, which is not supported: split it');
  }
  const entries: Entry[] = [];
  let at = cdOffset;
  let total = 0;
  for (let i = 0; i < count; i++) {
    if (at + 46 > cdOffset + cdSize || buf.readUInt32LE(at) !== 0x02014b50) throw broken();
    const nameLen = buf.readUInt16LE(at + 28);
    const e: Entry = {
      method: buf.readUInt16LE(at + 10),
      compressed: buf.readUInt32LE(at + 20),
      size: buf.readUInt32LE(at + 24),
      name: buf.toString('utf8', at + 46, at + 46 + nameLen),
      localOffset: buf.readUInt32LE(at + 42),
    };
    if (e.size === 0xffffffff || e.compressed === 0xffffffff) throw new FileError('xlsx 中有超大的部分（ZIP64），不支持', 'the xlsx has a ZIP64 part, which is not supported');
    if (e.method !== 0 && e.method !== 8) throw new FileError(`xlsx 中的“${e.name}”用了不支持的压缩方式`, `part "${e.name}" of the xlsx uses an unsupported compression`);
    total += e.size;
    if (/sharedStrings\.xml$/i.test(e.name) && e.size > SHEET_LIMITS.sharedStringsBytes) throw tooBig(e.size, SHEET_LIMITS.sharedStringsBytes, '文字表（sharedStrings）', 'its text table (sharedStrings)');
    entries.push(e);
    at += 46 + nameLen + buf.readUInt16LE(at + 30) + buf.readUInt16LE(at + 32);
  }
  if (total > SHEET_LIMITS.unzippedBytes) throw tooBig(total, SHEET_LIMITS.unzippedBytes, '表格', 'the sheet');
  // The reader streams the zip front to back: data between or before the listed parts would be
  // read without being listed here. Each part must start where the one before it ended (a data
  // descriptor of 12–16 bytes may follow a part).
  const byOffset = [...entries].sort((a, b) => a.localOffset - b.localOffset);
  let expected = 0;
  for (const e of byOffset) {
    if (e.localOffset < expected || e.localOffset > expected + 16 || buf.readUInt32LE(e.localOffset) !== 0x04034b50) throw broken();
    const dataAt = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
    expected = dataAt + e.compressed;
  }
  if (cdOffset < expected || cdOffset > expected + 16) throw broken();
  return entries;
}

/**
 * Inflates every part, counting and dropping the bytes, and stops as soon as one unpacks to
 * more than it declared: a zip whose directory lies about its sizes is refused after at most
 * its declared total has been inflated, with nothing kept in memory.
 */
export async function checkInflatedSizes(buf: Buffer, entries: Entry[]): Promise<void> {
  for (const e of entries) {
    if (e.method !== 8) continue; // stored: the bytes are the size
    const at = e.localOffset + 30 + buf.readUInt16LE(e.localOffset + 26) + buf.readUInt16LE(e.localOffset + 28);
    const inflated = await countInflated(buf.subarray(at, at + e.compressed), e.size);
    if (inflated > e.size) {
      throw new FileError(
        `xlsx 中的“${e.name}”解压后比它声明的 ${MB(e.size)} 更大（文件被篡改或是“压缩炸弹”），不导入`,
        `part "${e.name}" of the xlsx unpacks to more than the ${MB(e.size)} it declares (tampered, or a zip bomb): not imported`,
      );
    }
  }
}

function countInflated(data: Buffer, limit: number): Promise<number> {
  return new Promise((resolve) => {
    const z = createInflateRaw();
    let n = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      resolve(n);
    };
    z.on('data', (c: Buffer) => {
      n += c.length;
      if (n > limit) {
        finish();
        z.destroy();
      }
    });
    z.on('end', finish);
    z.on('error', finish); // a corrupt stream is the reader's to report
    z.end(data);
  });
}

function tooBig(bytes: number, limit: number, zh: string, en: string): FileError {
  return new FileError(
    `${zh}解压后有 ${MB(bytes)}，超过上限 ${MB(limit)}（可能是“压缩炸弹”或过大的表格）：请拆分后再导入`,
    `${en} unpacks to ${MB(bytes)}, over the ${MB(limit)} limit (a zip bomb or an oversized sheet): split it and import the parts`,
  );
}

function broken(): FileError {
  return new FileError('xlsx 文件结构异常（目录与内容不符），不导入：请用 Excel/WPS 重新保存', 'the xlsx is malformed (its directory does not match its contents): save it again in Excel/WPS');
}

/** Per row: how many columns and how long a cell may be. */
export function checkRow(rowNo: number, cells: readonly unknown[]): void {
  if (cells.length > SHEET_LIMITS.columns) {
    throw new FileError(`第 ${rowNo} 行有 ${cells.length} 列，超过上限 ${SHEET_LIMITS.columns} 列`, `row ${rowNo} has ${cells.length} columns, over the ${SHEET_LIMITS.columns} limit`);
  }
  for (let i = 0; i < cells.length; i++) {
    const c = cells[i];
    if (typeof c === 'string' && c.length > SHEET_LIMITS.cellChars) {
      throw new FileError(
        `第 ${rowNo} 行第 ${i + 1} 列有 ${c.length} 个字符，超过单元格上限 ${SHEET_LIMITS.cellChars}`,
        `row ${rowNo}, column ${i + 1} has ${c.length} characters, over the ${SHEET_LIMITS.cellChars} cell limit`,
      );
    }
  }
}

export function tooManyRows(): FileError {
  return new FileError(
    `表格超过 ${SHEET_LIMITS.rows.toLocaleString('en-US')} 行：请拆分成几个文件后再导入`,
    `the sheet has more than ${SHEET_LIMITS.rows.toLocaleString('en-US')} rows: split it into several files`,
  );
}

/** A preview cell as shown: at most previewCellChars, with an ellipsis when cut. */
export function previewCell(text: string): string {
  return text.length > SHEET_LIMITS.previewCellChars ? `${text.slice(0, SHEET_LIMITS.previewCellChars)}…` : text;
}
