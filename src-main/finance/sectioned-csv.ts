import type { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import iconv from 'iconv-lite';
import { DEFAULT_ZONE } from '../../src-shared/time';
import { csvText, prepare } from '../exports/writers/cells';
import { neutralise } from '../exports/writers/neutralise';
import type { Cell, TabularColumn, TabularWriter, WriterOptions } from '../exports/writers';

/**
 * A CSV that holds several parts one after another, the way finance staff lay them out by
 * hand: a title line, the part's own header, its rows, then a blank line before the next
 * part. One file opens as one sheet in Excel/WPS with nothing lost, where a zip of several
 * CSVs would need unpacking first. Cells go through the shared export rules (cells.ts):
 * strings neutralised, money in yuan, times in the zone, long ids kept as text.
 */
export function createSectionedCsvWriter(out: Writable, opts: WriterOptions = {}): TabularWriter {
  const zone = opts.zone ?? DEFAULT_ZONE;
  const encoding = opts.encoding ?? 'utf8-bom';
  const csv = stringify({ record_delimiter: 'windows', quote_record_delimiter: true, bom: encoding === 'utf8-bom' });
  // iconv's encoder takes strings; without this the stringifier hands it Buffers and it fails.
  csv.setEncoding('utf8');
  // pipeline() rejects on an error in any stage (a full disk, a bad encoder) instead of hanging.
  const done = encoding === 'gb18030' ? pipeline(csv, iconv.encodeStream('gb18030'), out) : pipeline(csv, out);
  let failed: Error | null = null;
  done.catch((e: Error) => {
    failed ??= e;
    csv.emit('drain'); // wake a writer waiting for room
  });

  let columns: readonly TabularColumn[] | null = null;
  let rows = 0;
  const write = async (record: string[]) => {
    if (failed) throw failed;
    if (!csv.write(record)) await new Promise<void>((resolve) => csv.once('drain', resolve));
    if (failed) throw failed;
  };
  const pending: string[][] = [];

  return {
    get rows() {
      return rows;
    },
    sheet(name, cols) {
      if (columns) pending.push([]); // the blank line between parts
      pending.push([neutralise(name)], cols.map((c) => neutralise(c.header)));
      columns = cols;
    },
    async row(cells: readonly Cell[]) {
      if (!columns) throw new Error('call sheet() before row()');
      while (pending.length) await write(pending.shift()!);
      rows++;
      await write(columns.map((c, i) => csvText(prepare(cells[i], c.kind), zone)));
    },
    async end() {
      while (pending.length) await write(pending.shift()!);
      csv.end();
      await done;
    },
  };
}
