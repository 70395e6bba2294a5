import type { FieldReader } from './wire/fields';

/**
 * ISO 8601 times that carry their own offset ("2008-01-10T11:00:00-05:00", "…Z"), as Shopify
 * and the generic intake send them. A time without an offset is refused: guessing its zone is
 * how orders land a day off.
 */
const ISO_WITH_OFFSET = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/;

export function parseIsoWithOffset(text: string): number | null {
  const m = ISO_WITH_OFFSET.exec(text.trim());
  if (!m) return null;
  const [mo, d, h, mi, s] = [m[2], m[3], m[4], m[5], m[6] ?? '0'].map(Number) as [number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const ms = Date.parse(text.trim());
  if (Number.isNaN(ms)) return null;
  // Date.parse rolls 2月30日 over to March: compare the calendar date back in the given offset.
  const off = m[8] === 'Z' ? 0 : (m[8]!.startsWith('-') ? -1 : 1) * (Number(m[8]!.slice(1, 3)) * 60 + Number(m[8]!.slice(-2)));
  const local = new Date(ms + off * 60_000);
  if (local.getUTCDate() !== d || local.getUTCMonth() + 1 !== mo) return null;
  return ms;
}

/** `2024-06-01T02:00:00+00:00`: whole seconds, UTC, with an explicit offset. */
export function formatIsoUtc(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

export function isoField(r: FieldReader, key: string): number {
  const text = r.optStr(key);
  const ms = text === null ? null : parseIsoWithOffset(text);
  if (ms === null) r.fail(key, 'expected an ISO 8601 time with its offset, e.g. 2024-06-01T10:00:00+08:00');
  return ms;
}

export function optIsoField(r: FieldReader, key: string): number | null {
  return r.has(key) ? isoField(r, key) : null;
}
