/**
 * Spreadsheet formula injection (CSV injection): a cell that starts with = + - @ tab or CR
 * (or their full-width forms) is run as a formula by Excel/WPS when the file is opened or the cell edited. A leading
 * apostrophe makes it inert text (OWASP's advice). Only strings are touched: a number,
 * negative or not, is data and stays a number.
 */
const DANGEROUS_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/; // full-width forms: Apple Numbers/WPS normalise them

export function neutralise(text: string): string {
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}

/** True when Excel would turn this text into a lossy number (more than 15 significant digits, or a leading 0 it would drop). */
export function looksLikeLongNumber(text: string): boolean {
  return /^\d{12,}$/.test(text) || /^0\d+$/.test(text);
}
