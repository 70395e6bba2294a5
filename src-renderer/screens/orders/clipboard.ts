/**
 * Ctrl+C for the grid. AG Grid Community has no clipboard module, so the rows come from the
 * selection API and are written as tab-separated text (what Excel and WeChat paste cleanly).
 */

/** One cell: tabs and line breaks would break the table apart when pasted, so they become spaces. */
export function tsvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/[\t\r\n]+/g, ' ');
}

/** A header line, then one line per row; CRLF so Windows Excel pastes rows, not one long cell. */
export function toTsv(headers: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return [headers, ...rows].map((r) => r.map(tsvCell).join('\t')).join('\r\n');
}
