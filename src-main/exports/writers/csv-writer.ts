import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { DEFAULT_ZONE } from '../../../src-shared/time';
import { csvText, prepare } from './cells';
import type { Cell, TabularColumn, TabularWriter, WriterOptions } from './types';

/** Records are gathered into chunks of about this many characters before they are written. */
const CHUNK = 64 * 1024;

/**
 * Streamed CSV: RFC 4180 quoting, CRLF records, UTF-8 with a BOM by default (Chinese Excel
 * guesses GBK without it), or GB18030 for old tools that expect it. Records are formatted here
 * and written in chunks: a stream write per record cost ~10 µs, most of a million-row CSV.
 * The quoting is csv-stringify's with these options (`writers.test.ts` compares them).
 */
export function createCsvWriter(out: Writable, opts: WriterOptions = {}): TabularWriter {
  const zone = opts.zone ?? DEFAULT_ZONE;
  const encoding = opts.encoding ?? 'utf8-bom';
  // iconv's stream takes strings and gives GB18030 bytes; UTF-8 strings go out as they are.
  const encoder = encoding === 'gb18030' ? iconv.encodeStream('gb18030') : null;
  if (encoder) encoder.pipe(out);
  const sink: NodeJS.WritableStream = encoder ?? out;
  let columns: readonly TabularColumn[] | null = null;
  let rows = 0;
  let pending = encoding === 'utf8-bom' ? '\uFEFF' : '';
  let failed: Error | null = null;
  let wake: (() => void) | null = null;
  let rejectEnd: (e: Error) => void = () => {};
  const failure = new Promise<never>((_, reject) => (rejectEnd = reject));
  failure.catch(() => {}); // observed through end()
  const fail = (e: Error) => {
    failed ??= e;
    wake?.(); // a writer waiting for 'drain' would otherwise wait forever
    rejectEnd(e);
  };
  encoder?.on('error', fail);
  out.on('error', fail);

  /** Hands the gathered text on; waits for 'drain' when the output is full. */
  const flush = async () => {
    if (failed) throw failed;
    if (!pending) return;
    const text = pending;
    pending = '';
    if (!sink.write(text)) {
      await new Promise<void>((resolve) => {
        wake = () => {
          sink.off('drain', wake!);
          wake = null;
          resolve();
        };
        sink.on('drain', wake);
      });
    }
    if (failed) throw failed;
  };

  return {
    get rows() {
      return rows;
    },
    sheet(_name, cols) {
      if (columns) throw new Error('a CSV file holds one sheet');
      columns = cols;
      pending += csvRecord(cols.map((c) => c.header));
    },
    async row(cells: readonly Cell[]) {
      if (!columns) throw new Error('call sheet() before row()');
      if (failed) throw failed;
      pending += csvRecord(columns.map((c, i) => csvText(prepare(cells[i], c.kind), zone)));
      rows++;
      if (pending.length >= CHUNK) await flush();
    },
    async end() {
      await flush();
      sink.end();
      await Promise.race([finished(out), failure]);
      if (failed) throw failed;
    },
  };
}

const NEEDS_QUOTES = /[",\r\n]/;

/** One CSV record: fields with a quote, comma, CR or LF are quoted, quotes doubled; CRLF after. */
export function csvRecord(fields: readonly string[]): string {
  let s = '';
  for (let i = 0; i < fields.length; i++) {
    const v = fields[i]!;
    if (i) s += ',';
    s += NEEDS_QUOTES.test(v) ? `"${v.replaceAll('"', '""')}"` : v;
  }
  return `${s}\r\n`;
}
