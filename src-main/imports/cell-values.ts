import { yuanToFen } from '../../src-shared/money';
import { parseWallClock } from '../../src-shared/time';

/**
 * One cell as the reader hands it over: text from a CSV, or the typed value exceljs
 * gives for an xlsx cell. A formula is never evaluated: only its cached plain result is kept.
 */
export type Cell = string | number | boolean | Date | null | { formulaWithoutResult: string };

/** Why a cell cannot be used, in both languages; the row is rejected with it. */
export class CellError extends Error {
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

/** exceljs cell value → Cell. Rich text and hyperlinks become their text; formulas their plain cached result. */
export function fromExcel(v: unknown): Cell {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    if ('formula' in o || 'sharedFormula' in o) {
      const r = o.result;
      if (typeof r === 'string' || typeof r === 'number' || typeof r === 'boolean' || r instanceof Date) return r;
      return { formulaWithoutResult: String(o.formula ?? o.sharedFormula) };
    }
    if (Array.isArray(o.richText)) return (o.richText as { text: string }[]).map((t) => t.text).join('');
    if (typeof o.text === 'string') return o.text;
    if ('error' in o) return { formulaWithoutResult: String(o.error) };
  }
  return String(v);
}

/** Verbatim text of a cell, for reject records and previews. */
export function cellText(c: Cell): string {
  if (c === null) return '';
  if (c instanceof Date) return c.toISOString().replace('T', ' ').replace(/\.000Z$|Z$/, '');
  if (typeof c === 'object') return `=${c.formulaWithoutResult}`;
  return String(c);
}

/**
 * Text a cell means: `="2450…"` and a leading `'` are Excel's ways of forcing text; they are
 * unwrapped. Other text that looks like a formula (`=HYPERLINK(…)`, `@SUM(…)`, `+cmd|…`) is
 * refused: it is never evaluated and never stored where a spreadsheet could run it later.
 */
export function cellString(c: Cell): string | null {
  if (c === null) return null;
  if (typeof c === 'object' && !(c instanceof Date)) {
    throw new CellError(`公式单元格（=${c.formulaWithoutResult}）没有可用的计算结果，不会计算它`, `formula cell (=${c.formulaWithoutResult}) has no plain cached result; formulas are never evaluated`);
  }
  if (typeof c !== 'string') return cellText(c);
  let s = c.trim();
  const forced = /^="(.*)"$/s.exec(s);
  if (forced) s = forced[1]!.replace(/""/g, '"').trim();
  else if (s.startsWith("'")) s = s.slice(1).trim();
  else if (/^[=@]/.test(s) || /^[+-]\s*[A-Za-z(]/.test(s)) {
    throw new CellError('内容像公式（以 = + - @ 开头），为安全起见不导入', 'text looks like a formula (starts with = + - @); not imported for safety');
  }
  return s === '' ? null : s;
}

/** An order or line id: exact string. A float Excel already made of a long number has lost digits. */
export function cellId(c: Cell): string | null {
  if (typeof c === 'number') {
    if (Number.isSafeInteger(c)) return String(c);
    throw mangled(String(c));
  }
  const s = cellString(c);
  if (s === null) return null;
  if (/^\d+(\.\d+)?E\+?\d+$/i.test(s)) throw mangled(s);
  if (/^\d+\.0+$/.test(s)) return s.replace(/\.0+$/, '');
  return s;
}

function mangled(s: string): CellError {
  return new CellError(
    `编号已被 Excel 转成数字（${s}），末尾数字已丢失；请重新导出，或先把该列设为“文本”再打开`,
    `the id was turned into a number by Excel (${s}) and lost digits; re-export, or set the column to Text before opening`,
  );
}

/** Money in yuan (`17.8`, `34.00`, `¥1,234.50`) → fen. */
export function cellFen(c: Cell): number | null {
  if (typeof c === 'number') return toFen(c, String(c));
  const s = cellString(c);
  if (s === null) return null;
  return toFen(s.replace(/^[¥￥]/, '').replace(/,/g, ''), s);
}

function toFen(v: string | number, shown: string): number {
  try {
    return yuanToFen(v);
  } catch {
    throw new CellError(`“${shown}”不是有效金额`, `"${shown}" is not an amount in yuan`);
  }
}

/** A whole number (quantity, grams, stock); negative only where allowed. */
export function cellInt(c: Cell, opts: { allowNegative?: boolean } = {}): number | null {
  const s = typeof c === 'number' ? String(c) : cellString(c);
  if (s === null) return null;
  if (!/^[+-]?\d+(\.0+)?$/.test(s.replace(/,/g, ''))) {
    throw new CellError(`“${s}”不是整数`, `"${s}" is not a whole number`);
  }
  const n = Number(s.replace(/,/g, ''));
  if (!Number.isSafeInteger(n)) throw new CellError(`“${s}”超出范围`, `"${s}" is out of range`);
  if (n < 0 && !opts.allowNegative) throw new CellError(`数量不能为负数（${s}）`, `quantity cannot be negative (${s})`);
  return n;
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

/**
 * A time as exported: a date cell (exceljs gives the wall clock as a UTC Date), an Excel date
 * serial, or text `yyyy-MM-dd HH:mm:ss` / `yyyy/M/d H:mm`. All are Beijing wall-clock time.
 */
export function cellTime(c: Cell, offsetMinutes = 480): number | null {
  if (c instanceof Date) {
    if (Number.isNaN(c.getTime())) throw badTime(cellText(c));
    return c.getTime() - offsetMinutes * 60_000;
  }
  if (typeof c === 'number') return serialToMs(c, String(c), offsetMinutes);
  const s = cellString(c);
  if (s === null) return null;
  if (/^\d+(\.\d+)?$/.test(s) && Number(s) > 1000 && Number(s) < 2958466) return serialToMs(Number(s), s, offsetMinutes);
  const ms = parseWallClock(s, offsetMinutes);
  if (ms === null) throw badTime(s);
  return ms;
}

function serialToMs(serial: number, shown: string, offsetMinutes: number): number {
  // Serials before 1900-03-01 carry Excel's 1900 leap-year bug; no order is that old.
  if (!(serial > 60 && serial < 2958466)) throw badTime(shown);
  const wall = EXCEL_EPOCH_MS + Math.round(serial * 86_400_000 / 1000) * 1000;
  return wall - offsetMinutes * 60_000;
}

function badTime(s: string): CellError {
  return new CellError(`“${s}”不是有效的日期时间`, `"${s}" is not a valid date/time`);
}
