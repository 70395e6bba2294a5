import { yuanToFen } from '../../../src-shared/money';
import { parseWallClock } from '../../../src-shared/time';
import { isObject, scalarText, showValue, type JsonObject } from './json';

/** One field of one platform order failed validation; the order goes to quarantine, not the page. */
export class FieldError extends Error {
  constructor(readonly field: string, readonly value: string, readonly reason: string) {
    super(`${field} = ${value}: ${reason}`);
    this.name = 'FieldError';
  }
}

/**
 * Reads typed fields out of one lossless-parsed platform object, naming the full path of
 * any field that is missing or malformed (e.g. `orders.order[2].price`).
 */
export class FieldReader {
  constructor(readonly obj: JsonObject, readonly path = '') {}

  name(key: string): string {
    return this.path ? `${this.path}.${key}` : key;
  }

  fail(key: string, reason: string): never {
    throw new FieldError(this.name(key), showValue(this.obj[key]), reason);
  }

  has(key: string): boolean {
    const v = this.obj[key];
    return v !== undefined && v !== null && v !== '';
  }

  /** Exact id text from a JSON string or number; only digits (and PDD's dash) are accepted. */
  id(key: string): string {
    const s = scalarText(this.obj[key]);
    if (s === null || !/^[0-9][0-9-]*$/.test(s.trim())) this.fail(key, 'expected a platform id (digits)');
    return s.trim();
  }

  optId(key: string): string | null {
    return this.has(key) ? this.id(key) : null;
  }

  str(key: string): string {
    const s = scalarText(this.obj[key]);
    if (s === null || s.trim() === '') this.fail(key, 'required text is missing');
    return s;
  }

  optStr(key: string): string | null {
    const s = scalarText(this.obj[key]);
    return s === null || s === '' ? null : s;
  }

  int(key: string): number {
    const s = scalarText(this.obj[key]);
    const n = s === null ? NaN : Number(s);
    if (s === null || !/^-?\d+$/.test(s.trim()) || !Number.isSafeInteger(n)) this.fail(key, 'expected a whole number');
    return n;
  }

  optInt(key: string): number | null {
    return this.has(key) ? this.int(key) : null;
  }

  /** Yuan given as a decimal string or JSON number → fen, exactly (no float on the way). */
  yuan(key: string): number {
    const s = scalarText(this.obj[key]);
    if (s === null) this.fail(key, 'required amount is missing');
    try {
      return yuanToFen(s);
    } catch {
      // A double serialised with binary noise (19.900000000000002): round via the number.
      const n = Number(s);
      if (Number.isFinite(n) && /^-?\d+\.\d{3,}$/.test(s.trim())) {
        try {
          return yuanToFen(n);
        } catch { /* fall through */ }
      }
      return this.fail(key, 'expected an amount in yuan with at most 2 decimals');
    }
  }

  optYuan(key: string): number | undefined {
    return this.has(key) ? this.yuan(key) : undefined;
  }

  /** Amounts the platform already sends in fen (Douyin). */
  fen(key: string): number {
    const n = this.int(key);
    return n;
  }

  optFen(key: string): number | undefined {
    return this.has(key) ? this.fen(key) : undefined;
  }

  /** "yyyy-MM-dd HH:mm:ss" in the platform's zone (minutes east of UTC) → UTC ms. */
  wallClock(key: string, offsetMinutes = 480): number {
    const s = scalarText(this.obj[key]);
    const ms = s === null ? null : parseWallClock(s, offsetMinutes);
    if (ms === null) this.fail(key, 'expected a time "yyyy-MM-dd HH:mm:ss" (GMT+8)');
    return ms;
  }

  optWallClock(key: string, offsetMinutes = 480): number | null {
    return this.has(key) ? this.wallClock(key, offsetMinutes) : null;
  }

  /** Unix seconds → UTC ms; 0 means "not set" on platforms that send zeros for absent times. */
  unixSeconds(key: string): number {
    const n = this.int(key);
    if (n <= 0) this.fail(key, 'expected a Unix time in seconds');
    return n * 1000;
  }

  optUnixSeconds(key: string): number | null {
    if (!this.has(key)) return null;
    const n = this.int(key);
    return n > 0 ? n * 1000 : null;
  }

  child(key: string): FieldReader {
    const v = this.obj[key];
    if (!isObject(v)) this.fail(key, 'expected an object');
    return new FieldReader(v, this.name(key));
  }

  optChild(key: string): FieldReader | null {
    return isObject(this.obj[key]) ? this.child(key) : null;
  }

  /** Array elements as readers, each named `path.key[i]`. */
  list(key: string, opts: { nonEmpty?: boolean } = {}): FieldReader[] {
    const v = this.obj[key];
    if (!Array.isArray(v)) this.fail(key, 'expected a list');
    if (opts.nonEmpty && v.length === 0) this.fail(key, 'expected at least one item');
    return v.map((item, i) => {
      if (!isObject(item)) throw new FieldError(`${this.name(key)}[${i}]`, showValue(item), 'expected an object');
      return new FieldReader(item, `${this.name(key)}[${i}]`);
    });
  }
}
