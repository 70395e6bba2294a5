import odbc from 'odbc';
import type { ErpReason } from '../../../src-shared/erp';
import { selectOnlyProblem } from './sql-guard';

export type Row = Record<string, unknown>;
export type Param = string | number | null;
export type Dialect = 'sqlserver' | 'postgresql' | 'sqlite' | 'unknown';

/** A failure worth a reason: the ERP could not be reached, refused a statement, or the link is read-only. */
export class ErpFailure extends Error {
  constructor(readonly reason: ErpReason) {
    super(`${reason.code} ${JSON.stringify(reason.params)}`);
    this.name = 'ErpFailure';
  }
}

interface OdbcErrorish {
  message?: string;
  odbcErrors?: { state: string; code: number; message: string }[];
}

/** The driver's own words and SQLSTATE, trimmed of driver-manager prefixes. */
export function odbcDetail(e: unknown): { message: string; state: string } {
  if (e instanceof ErpFailure) return { message: String(e.reason.params.message ?? e.message), state: String(e.reason.params.state ?? '') };
  const err = e as OdbcErrorish;
  const first = err.odbcErrors?.[0];
  const message = (first?.message ?? err.message ?? String(e)).replace(/^(\[[^\]]*\])+\s*/, '').replace(/;?\s*Error while executing the query$/, '').slice(0, 500);
  return { message, state: first?.state ?? '' };
}

/** SQLSTATE 23xxx (SQL Server 2627/2601 → 23000, PostgreSQL 23505), or SQLite's words for it. */
export function isUniqueViolation(e: unknown): boolean {
  const { message, state } = odbcDetail(e);
  return state.startsWith('23') && /unique|duplicate|primary key|2627|2601/i.test(message + state) || /UNIQUE constraint failed|duplicate key/i.test(message);
}

/**
 * One ODBC connection to the customer's ERP. Reads and writes go through here, so the read-only
 * switch is enforced in one place: a read-only session runs only single SELECTs and refuses every
 * write and transaction.
 */
export class ErpSession {
  private constructor(
    private readonly conn: odbc.Connection,
    readonly readOnly: boolean,
  ) {}

  static async open(connectionString: string, opts: { readOnly: boolean; loginTimeoutS?: number }): Promise<ErpSession> {
    try {
      const conn = await odbc.connect({ connectionString, loginTimeout: opts.loginTimeoutS ?? 15, connectionTimeout: opts.loginTimeoutS ?? 15 });
      return new ErpSession(conn, opts.readOnly);
    } catch (e) {
      throw new ErpFailure({ code: 'erp_unreachable', params: odbcDetail(e) });
    }
  }

  /** A single read-only SELECT, all rows. */
  async select(sql: string, params: Param[] = []): Promise<Row[]> {
    this.guardSelect(sql);
    return this.run(sql, params);
  }

  /** A single read-only SELECT in batches of `fetchSize` rows; stops early when the signal aborts. */
  async *selectBatches(sql: string, params: Param[], fetchSize: number, signal?: AbortSignal): AsyncGenerator<Row[]> {
    this.guardSelect(sql);
    let cursor: odbc.Cursor;
    try {
      cursor = (await this.conn.query(sql, params as (string | number)[], { cursor: true, fetchSize })) as unknown as odbc.Cursor;
    } catch (e) {
      throw failure(e);
    }
    // The next batch is fetched (on the driver's thread) while the caller works on this one. A fetch
    // still running must end before the cursor is closed (closing under it crashes the driver).
    let next: Promise<Row[]> | null = null;
    try {
      next = cursor.fetch() as unknown as Promise<Row[]>;
      while (next && !signal?.aborted) {
        let rows: Row[];
        try {
          rows = await next;
        } catch (e) {
          next = null;
          throw failure(e);
        }
        next = cursor.noData || rows.length < fetchSize ? null : (cursor.fetch() as unknown as Promise<Row[]>);
        next?.catch(() => undefined); // surfaced when awaited
        if (rows.length) yield rows;
      }
    } finally {
      if (next) await next.catch(() => undefined);
      await cursor.close().catch(() => undefined);
    }
  }

  /** A write; refused on a read-only link. Returns the affected row count when the driver reports it. */
  async execute(sql: string, params: Param[] = []): Promise<number> {
    this.guardWrite();
    try {
      const r = (await this.conn.query(sql, params as (string | number)[])) as unknown as { count?: number };
      return typeof r.count === 'number' ? r.count : 0;
    } catch (e) {
      throw failure(e);
    }
  }

  /** A read inside a write transaction (no SELECT guard: the statement is ours, built from identifiers). */
  async read(sql: string, params: Param[] = []): Promise<Row[]> {
    return this.run(sql, params);
  }

  /** One short transaction: everything fn writes commits together or not at all. */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    this.guardWrite();
    await this.conn.beginTransaction().catch((e: unknown) => {
      throw failure(e);
    });
    try {
      const out = await fn();
      await this.conn.commit().catch((e: unknown) => {
        throw failure(e);
      });
      return out;
    } catch (e) {
      await this.conn.rollback().catch(() => undefined);
      throw e;
    }
  }

  /** Which database answers: tried in turn, SQL Server first (where K3 and U8 live). */
  async identify(): Promise<{ dialect: Dialect; dbms: string | null; version: string | null }> {
    const probes: [Dialect, string][] = [
      ['sqlserver', "SELECT CAST(SERVERPROPERTY('ProductVersion') AS varchar(50)) AS v, @@VERSION AS d"],
      ['postgresql', 'SELECT version() AS d, current_setting(\'server_version\') AS v'],
      ['sqlite', 'SELECT sqlite_version() AS v, \'SQLite\' AS d'],
    ];
    for (const [dialect, sql] of probes) {
      try {
        const [row] = await this.run(sql, []);
        const full = String(row?.d ?? '');
        const dbms = dialect === 'sqlserver' ? 'Microsoft SQL Server' : dialect === 'postgresql' ? 'PostgreSQL' : 'SQLite';
        return { dialect, dbms, version: String(row?.v ?? full) || null };
      } catch {
        // not this one
      }
    }
    return { dialect: 'unknown', dbms: null, version: null };
  }

  async close(): Promise<void> {
    await this.conn.close().catch(() => undefined);
  }

  private async run(sql: string, params: Param[]): Promise<Row[]> {
    try {
      const rows = (await this.conn.query(sql, params as (string | number)[])) as unknown as Row[];
      return Array.from(rows);
    } catch (e) {
      throw failure(e);
    }
  }

  private guardSelect(sql: string): void {
    const problem = selectOnlyProblem(sql);
    if (problem !== null) throw new ErpFailure({ code: 'not_a_select', params: { word: problem } });
  }

  private guardWrite(): void {
    if (this.readOnly) throw new ErpFailure({ code: 'erp_read_only', params: {} });
  }
}

/** SQLSTATE class 08 is a lost or refused connection; anything else is the ERP refusing the statement. */
function failure(e: unknown): ErpFailure {
  if (e instanceof ErpFailure) return e;
  const d = odbcDetail(e);
  return new ErpFailure({ code: d.state.startsWith('08') ? 'erp_unreachable' : 'erp_rejected', params: d });
}
