import { describe, expect, it } from 'vitest';
import { buildConnectionString, driverOf, parseConnectionString, splitSecrets } from './connection-string';
import { selectOnlyProblem } from './sql-guard';

describe('connection strings', () => {
  it('takes the password out of a pasted string and puts it back only for the driver', () => {
    const s = splitSecrets('Driver={ODBC Driver 18 for SQL Server};Server=10.0.0.5,1433;Database=AIS20140120174606;UID=hub;PWD={p;w}}d};Encrypt=no;');
    expect(s).toEqual({ clean: 'Driver={ODBC Driver 18 for SQL Server};Server=10.0.0.5,1433;Database=AIS20140120174606;Encrypt=no;', user: 'hub', password: 'p;w}d' });
    const full = buildConnectionString({ dsn: null, connectionString: s.clean, user: s.user, password: s.password });
    expect(parseConnectionString(full).find((p) => p.key === 'PWD')?.value).toBe('p;w}d');
    expect(driverOf(full)).toBe('ODBC Driver 18 for SQL Server');
  });
  it('builds a DSN string with user and password', () => {
    expect(buildConnectionString({ dsn: 'K3', connectionString: null, user: 'sa', password: 'a b' })).toBe('DSN=K3;UID=sa;PWD={a b};');
  });
  it('names what is wrong with a broken string', () => {
    expect(() => parseConnectionString('Driver={SQLite3;Database=x')).toThrow(/never closes/);
  });
});

describe('what a pull statement may be', () => {
  it('a SELECT or WITH … SELECT, words inside quotes allowed', () => {
    expect(selectOnlyProblem("SELECT FNumber AS code, 'delete me' AS name FROM t_ICItem -- drop\n")).toBeNull();
    expect(selectOnlyProblem('WITH x AS (SELECT 1 AS a) SELECT a FROM x;')).toBeNull();
  });
  it('nothing that writes, and never two statements', () => {
    expect(selectOnlyProblem('DELETE FROM t_ICItem')).toBe('DELETE');
    expect(selectOnlyProblem('SELECT * INTO backup FROM t_ICItem')).toBe('INTO');
    expect(selectOnlyProblem('SELECT 1; DROP TABLE t_Stock')).toBe(';');
    expect(selectOnlyProblem('WITH x AS (SELECT 1 AS a) UPDATE t SET a = 1')).toBe('UPDATE');
  });
});
