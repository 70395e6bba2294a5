import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { stringify, type Stringifier } from 'csv-stringify';
import iconv from 'iconv-lite';
import { DEFAULT_ZONE } from '../../../src-shared/time';
import { csvText, prepare } from './cells';
import type { Cell, TabularColumn, TabularWriter, WriterOptions } from './types';

/**
 * Streamed CSV: RFC 4180 quoting (csv-stringify), CRLF records, UTF-8 with a BOM by default
 * (Chinese Excel guesses GBK without it), or GB18030 for old tools that expect it.
 */
export function createCsvWriter(out: Writable, opts: WriterOptions = {}): TabularWriter {
  const zone = opts.zone ?? DEFAULT_ZONE;
  const encoding = opts.encoding ?? 'utf8-bom';
  const csv: Stringifier = stringify({ record_delimiter: 'windows', quote_record_delimiter: true, bom: encoding === 'utf8-bom' });
  // The stringifier emits JS strings; encode them on the way out.
  const encoder = encoding === 'gb18030' ? iconv.encodeStream('gb18030') : null;
  if (encoder) csv.setEncoding('utf8').pipe(encoder).pipe(out); // iconv's stream takes strings
  else csv.pipe(out);
  let columns: readonly TabularColumn[] | null = null;
  let rows = 0;
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
  csv.on('error', fail);
  encoder?.on('error', fail);
  out.on('error', fail);

  const write = async (record: string[]) => {
    if (failed) throw failed;
    if (!csv.write(record)) {
      await new Promise<void>((resolve) => {
        wake = () => {
          csv.off('drain', wake!);
          wake = null;
          resolve();
        };
        csv.on('drain', wake);
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
      csv.write(cols.map((c) => c.header)); // one line: the next row() waits for drain if needed
    },
    async row(cells: readonly Cell[]) {
      if (!columns) throw new Error('call sheet() before row()');
      const record = columns.map((c, i) => csvText(prepare(cells[i], c.kind), zone));
      rows++;
      await write(record);
    },
    async end() {
      csv.end();
      await Promise.race([finished(out), failure]);
      if (failed) throw failed;
    },
  };
}
