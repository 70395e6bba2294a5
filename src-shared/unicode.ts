/** A UTF-16 surrogate without its partner: not a character; UTF-8 (SQLite, files, the wire) cannot carry it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, 'g');

/** String.prototype.isWellFormed (ES2024), for the project's ES2023 library target. */
export function isWellFormed(s: string): boolean {
  return !LONE_SURROGATE.test(s);
}

/** String.prototype.toWellFormed: each lone surrogate becomes U+FFFD, as a UTF-8 encoder would. */
export function toWellFormed(s: string): string {
  return isWellFormed(s) ? s : s.replace(LONE_SURROGATES, '\uFFFD');
}
