/**
 * What a pull statement may be: one SELECT (or WITH … SELECT) that changes nothing. Checked on the
 * text with string literals, quoted names and comments blanked out, so a word inside '…' is fine.
 */
const WRITES = /\b(insert|update|delete|merge|drop|alter|create|truncate|exec|execute|grant|revoke|into|call|copy|attach|pragma|replace|upsert|lock)\b/i;

export function blankLiterals(sql: string): string {
  return sql
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/'(?:[^']|'')*'/g, "''")
    .replace(/"(?:[^"]|"")*"/g, '""')
    .replace(/\[[^\]]*\]/g, '[]');
}

/** Null when the statement is a single read-only SELECT; otherwise the word that makes it something else. */
export function selectOnlyProblem(sql: string): string | null {
  const bare = blankLiterals(sql).trim().replace(/;\s*$/, '');
  if (!/^(select|with)\b/i.test(bare)) return bare.split(/\s+/)[0]?.slice(0, 20) ?? '';
  if (bare.includes(';')) return ';';
  const m = WRITES.exec(bare);
  return m ? m[1]! : null;
}
