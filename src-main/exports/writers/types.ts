/**
 * The shared tabular export API (orders export, finance exports): one column list, rows of
 * cells, written streamed to CSV or XLSX. Every string cell is neutralised against formula
 * injection; numbers stay numbers.
 */
export type ColumnKind =
  /** Free text (default). */
  | 'text'
  /** Long digit strings (platform order ids, tracking numbers): kept as text so Excel does not print 2.45E+18. */
  | 'id'
  /** A plain number (counts, quantities). */
  | 'number'
  /** Integer fen in, yuan out: a number with two decimals. */
  | 'money'
  /** UTC epoch ms in, wall-clock time in the writer's zone out. */
  | 'datetime';

export interface TabularColumn {
  header: string;
  kind?: ColumnKind;
  /** XLSX column width in characters. */
  width?: number;
}

/** One cell. null/undefined = empty. Strings are always text; numbers are written as numbers. */
export type Cell = string | number | null | undefined;

export interface TabularWriter {
  /**
   * Starts a sheet and writes its header row. CSV takes exactly one sheet (the name is ignored);
   * XLSX takes several, each with a frozen header row.
   */
  sheet(name: string, columns: readonly TabularColumn[]): void;
  /** Writes one row of the current sheet; resolves when the output can take more (backpressure). */
  row(cells: readonly Cell[]): Promise<void>;
  /** Flushes and ends the output stream. */
  end(): Promise<void>;
  /** Data rows written so far (all sheets, headers not counted). */
  readonly rows: number;
}

export type CsvEncoding = 'utf8-bom' | 'utf8' | 'gb18030';

export interface WriterOptions {
  /** Zone for 'datetime' columns (default Asia/Shanghai). */
  zone?: string;
  /** CSV only (default 'utf8-bom': what Chinese Excel opens without garbling). */
  encoding?: CsvEncoding;
}

export type TabularFormat = 'csv' | 'xlsx';
