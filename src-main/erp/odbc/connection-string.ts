/**
 * ODBC connection strings: `Key=value;` pairs, a value in braces when it holds `;`, `=` or braces
 * (`}` doubled inside). Passwords are split out so they can be sealed and never shown.
 */
const PASSWORD_KEYS = new Set(['pwd', 'password']);
const USER_KEYS = new Set(['uid', 'user', 'user id', 'username']);

export interface Pair {
  key: string;
  value: string;
}

export function parseConnectionString(text: string): Pair[] {
  const out: Pair[] = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ';' || text[i] === ' ') i++;
    if (i >= text.length) break;
    const eq = text.indexOf('=', i);
    if (eq < 0) throw new Error(`"${text.slice(i, i + 40)}" has no "=" (expected Key=value)`);
    const key = text.slice(i, eq).trim();
    i = eq + 1;
    let value = '';
    if (text[i] === '{') {
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`the value of ${key} opens "{" and never closes it`);
        if (text[i] === '}') {
          if (text[i + 1] === '}') {
            value += '}';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        value += text[i++];
      }
      while (i < text.length && text[i] !== ';') i++;
    } else {
      const end = text.indexOf(';', i);
      value = (end < 0 ? text.slice(i) : text.slice(i, end)).trim();
      i = end < 0 ? text.length : end;
    }
    out.push({ key, value });
  }
  return out;
}

export function quoteValue(value: string): string {
  return /[;={}\s]/.test(value) || value === '' ? `{${value.replace(/}/g, '}}')}}` : value;
}

export function formatConnectionString(pairs: Pair[]): string {
  return pairs.map((p) => `${p.key}=${quoteValue(p.value)};`).join('');
}

/** Splits a pasted connection string into what may be stored in clear and the secrets to seal. */
export function splitSecrets(text: string): { clean: string; user: string | null; password: string | null } {
  const pairs = parseConnectionString(text);
  let user: string | null = null;
  let password: string | null = null;
  const kept: Pair[] = [];
  for (const p of pairs) {
    const k = p.key.toLowerCase();
    if (PASSWORD_KEYS.has(k)) password = p.value;
    else if (USER_KEYS.has(k)) user = p.value;
    else kept.push(p);
  }
  return { clean: formatConnectionString(kept), user, password };
}

/** The string handed to the driver manager: DSN or the stored string, plus user and password. */
export function buildConnectionString(a: { dsn: string | null; connectionString: string | null; user: string | null; password: string | null }): string {
  const pairs: Pair[] = a.dsn ? [{ key: 'DSN', value: a.dsn }] : parseConnectionString(a.connectionString ?? '');
  if (a.user) pairs.push({ key: 'UID', value: a.user });
  if (a.password) pairs.push({ key: 'PWD', value: a.password });
  return formatConnectionString(pairs);
}

/** The Driver={…} named in a connection string, if any. */
export function driverOf(text: string | null): string | null {
  if (!text) return null;
  return parseConnectionString(text).find((p) => p.key.toLowerCase() === 'driver')?.value ?? null;
}
