/** Money is integer fen everywhere; yuan only at the edges. */
export type Fen = number;


/**
 * Parses a yuan amount ("17.8", "34.00", 12, "-3.5") into fen without floating-point error.
 * Throws on anything that is not a plain decimal with at most two fraction digits.
 */
export function yuanToFen(value: string | number): Fen {
  const text = typeof value === 'number' ? numberToPlain(value) : value;
  const m = /^\s*([+-])?(\d+)(?:\.(\d*))?\s*$/.exec(text);
  if (!m || (m[3] !== undefined && m[3].length > 2 && /[1-9]/.test(m[3].slice(2)))) {
    throw new RangeError(`not a yuan amount: ${JSON.stringify(value)}`);
  }
  const fraction = (m[3] ?? '').slice(0, 2).padEnd(2, '0');
  const fen = Number(m[2]) * 100 + Number(fraction);
  if (!Number.isSafeInteger(fen)) throw new RangeError(`amount out of range: ${JSON.stringify(value)}`);
  return m[1] === '-' ? -fen : fen;
}

function numberToPlain(n: number): string {
  if (!Number.isFinite(n)) throw new RangeError(`not a yuan amount: ${n}`);
  // toFixed(2) rounds binary noise (0.1 + 0.2) without turning 12.345 into a silent loss below.
  const fixed = n.toFixed(6).replace(/0+$/, '').replace(/\.$/, '');
  return fixed;
}

/** 1234 → "12.34", -5 → "-0.05" */
export function fenToYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/** For display: "¥1,234.50" */
export function formatYuan(fen: Fen): string {
  const [int, frac] = fenToYuan(Math.abs(fen)).split('.');
  const grouped = int!.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${fen < 0 ? '-' : ''}¥${grouped}.${frac}`;
}
