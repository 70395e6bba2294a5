import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { parse } from 'csv-parse';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { CellError, fromExcel, type Cell } from './cell-values';
import { checkFileSize, checkInflatedSizes, checkRow, checkZipDirectory, FileError, SHEET_LIMITS, tooManyRows } from './sheet-limits';

export { FileError } from './sheet-limits';

export interface SheetRow {
  /** As Excel numbers rows (1-based, blank rows counted). */
  rowNo: number;
  cells: Cell[];
}

export interface Sheet {
  format: 'xlsx' | 'csv';
  encoding: string | null;
  /** Every non-blank row in order, header included. Streams: only the current chunk is held. */
  rows(): AsyncGenerator<SheetRow>;
  /** Share of the file's bytes consumed so far, 0..1. */
  progress(): number;
}

const CHUNK = 64 * 1024;

/**
 * A title line above the header (`2026年6月1日 销售日报`) has at most one filled cell; every
 * header has at least two (an id and something about it). Up to five such lines are skipped.
 */
export async function headerRow(rows: AsyncGenerator<SheetRow>): Promise<SheetRow | null> {
  for (let i = 0; i < 6; i++) {
    const next = await rows.next();
    if (next.done) return null;
    if (i === 5 || next.value.cells.filter((c) => c !== null && String(c).trim() !== '').length > 1) return next.value;
  }
  return null;
}

/** Looks at the bytes (never trusts the name) and opens the file as xlsx or csv. */
export function openSheet(fileName: string, buf: Buffer): Sheet {
  checkFileSize(buf.length);
  const body = buf.subarray(startsWith(buf, [0xef, 0xbb, 0xbf]) ? 3 : 0);
  if (!body.length || !/\S/.test(body.subarray(0, 4096).toString('latin1'))) {
    throw new FileError('文件是空的', 'the file is empty');
  }
  if (startsWith(buf, [0x50, 0x4b, 0x03, 0x04])) return xlsxSheet(buf);
  if (startsWith(buf, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new FileError('这是旧版 Excel（.xls）文件，请在 Excel/WPS 中另存为 .xlsx 或 CSV 后再导入', 'this is an old Excel .xls file; save it as .xlsx or CSV first');
  }
  if (/^\s*<(!doctype|html|table|\?xml)/i.test(body.subarray(0, 256).toString('latin1'))) {
    // Some backends export a web page named .xls: Excel opens it, but it is not a sheet file.
    throw new FileError(`“${fileName}”是网页格式（HTML/XML）而不是表格，请用 Excel/WPS 打开后另存为 .xlsx 或 CSV`, `"${fileName}" is a web page (HTML/XML), not a sheet; open it in Excel and save as .xlsx or CSV`);
  }
  if (/\.xlsx$/i.test(fileName) || startsWith(buf, [0x25, 0x50, 0x44, 0x46]) || buf.subarray(0, 8192).includes(0)) {
    throw new FileError(`“${fileName}”不是表格文件（xlsx 或 csv）`, `"${fileName}" is not a spreadsheet (xlsx or csv)`);
  }
  return csvSheet(buf);
}

function startsWith(buf: Buffer, bytes: number[]): boolean {
  return bytes.every((b, i) => buf[i] === b);
}

/** Feeds the buffer in chunks and counts what was taken, for progress. */
function chunked(buf: Buffer, consumed: { n: number }): Readable {
  let at = 0;
  return new Readable({
    read() {
      if (at >= buf.length) return void this.push(null);
      const next = buf.subarray(at, at + CHUNK);
      at += next.length;
      consumed.n = at;
      this.push(next);
    },
  });
}

function truncated(): FileError {
  return new FileError('文件不完整（可能在下载或复制时被截断），请重新导出', 'the file is incomplete (truncated while downloading or copying); export it again');
}

/** An xlsx is a zip: without its end-of-central-directory record it was cut short. Returns where that record is. */
function checkZipComplete(buf: Buffer): number {
  const from = Math.max(0, buf.length - 65_557);
  const eocd = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < from || eocd + 22 > buf.length) throw truncated();
  const cdSize = buf.readUInt32LE(eocd + 12);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (cdOffset + cdSize > eocd || buf.readUInt32LE(cdOffset) !== 0x02014b50) throw truncated();
  return eocd;
}

function xlsxSheet(buf: Buffer): Sheet {
  // Sizes are checked before a byte is inflated: the directory first, then each part's real size.
  const entries = checkZipDirectory(buf, checkZipComplete(buf));
  const consumed = { n: 0 };
  return {
    format: 'xlsx',
    encoding: null,
    progress: () => consumed.n / buf.length,
    async *rows() {
      await checkInflatedSizes(buf, entries);
      const reader = new ExcelJS.stream.xlsx.WorkbookReader(chunked(buf, consumed), {
        sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'emit',
      });
      let sheets = 0;
      let count = 0;
      try {
        for await (const ws of reader) {
          if (sheets++) continue; // the first sheet is the data; later ones (sub-orders, notes) are not read
          for await (const row of ws as unknown as AsyncIterable<ExcelJS.Row>) {
            const values = row.values as unknown[];
            const cells: Cell[] = [];
            for (let i = 1; i < values.length; i++) cells.push(fromExcel(values[i]));
            checkRow(row.number, cells);
            if (cells.some((c) => c !== null && c !== '')) {
              if (++count > SHEET_LIMITS.rows + 1) throw tooManyRows();
              yield { rowNo: row.number, cells };
            }
          }
        }
      } catch (e) {
        if (e instanceof CellError) throw e;
        throw new FileError(`无法读取 xlsx：${(e as Error).message}`, `cannot read the xlsx: ${(e as Error).message}`);
      }
      if (!sheets) throw new FileError('xlsx 里没有工作表', 'the xlsx has no worksheet');
    },
  };
}

/** UTF-8 (with or without BOM) when the bytes are valid UTF-8; otherwise GB18030, a superset of GBK. */
export function detectEncoding(buf: Buffer): 'utf-8-bom' | 'utf-8' | 'gb18030' {
  if (startsWith(buf, [0xef, 0xbb, 0xbf])) return 'utf-8-bom';
  return isUtf8(buf) ? 'utf-8' : 'gb18030';
}

function csvSheet(buf: Buffer): Sheet {
  const encoding = detectEncoding(buf);
  // 0x22 never occurs inside a GBK or UTF-8 multi-byte character: an odd count is an unclosed quote.
  let quotes = 0;
  for (let i = buf.indexOf(0x22); i !== -1; i = buf.indexOf(0x22, i + 1)) quotes++;
  if (quotes % 2) throw truncated();
  const head = buf.subarray(0, 4096).toString('latin1').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (head.match(/\t/g)?.length ?? 0) > (head.match(/,/g)?.length ?? 0) ? '\t' : ',';
  const consumed = { n: 0 };
  return {
    format: 'csv',
    encoding,
    progress: () => consumed.n / buf.length,
    async *rows() {
      const decoder = iconv.decodeStream(encoding === 'gb18030' ? 'gb18030' : 'utf8', { stripBOM: true });
      const parser = parse({
        delimiter, relax_column_count: true, relax_quotes: true, skip_empty_lines: false, record_delimiter: ['\r\n', '\n', '\r'],
        max_record_size: SHEET_LIMITS.recordChars,
      });
      const source = chunked(buf, consumed);
      source.on('error', (e) => parser.destroy(e));
      decoder.on('error', (e: Error) => parser.destroy(e));
      source.pipe(decoder).pipe(parser);
      let rowNo = 0;
      let count = 0;
      try {
        for await (const record of parser as AsyncIterable<string[]>) {
          rowNo++;
          checkRow(rowNo, record);
          if (record.some((c) => c.trim() !== '')) {
            if (++count > SHEET_LIMITS.rows + 1) throw tooManyRows();
            yield { rowNo, cells: record };
          }
        }
      } catch (e) {
        if (e instanceof FileError) throw e;
        if ((e as { code?: string }).code === 'CSV_MAX_RECORD_SIZE') {
          throw new FileError(`CSV 第 ${rowNo + 1} 行超过 ${SHEET_LIMITS.recordChars.toLocaleString('en-US')} 个字符（可能缺少换行或引号不配对）`, `CSV row ${rowNo + 1} is longer than ${SHEET_LIMITS.recordChars.toLocaleString('en-US')} characters (a missing line break or an unclosed quote?)`);
        }
        throw new FileError(`CSV 第 ${rowNo + 1} 行无法解析：${(e as Error).message}`, `CSV row ${rowNo + 1} cannot be parsed: ${(e as Error).message}`);
      } finally {
        source.destroy();
      }
    },
  };
}
