import type { Store } from './store';
import { TENANT_ROLE } from './store';

/**
 * The cloud's tables. Every workspace-owned table has workspace_id and a row-level-security
 * policy tied to `orderhub.workspace`, set per transaction by `Store.tenant` (which also drops
 * to the restricted role the policies bind). Migrations are numbered and applied once, under an
 * advisory lock so instances starting together do not race.
 */
const MIGRATIONS: string[] = [
  `CREATE TABLE workspaces (
     id uuid PRIMARY KEY, name text NOT NULL, created_at bigint NOT NULL, last_seq bigint NOT NULL DEFAULT 0);
   CREATE TABLE devices (
     workspace_id uuid NOT NULL REFERENCES workspaces(id), id text NOT NULL, name text NOT NULL,
     token_hash text NOT NULL UNIQUE, first boolean NOT NULL, last_mutation_id bigint NOT NULL DEFAULT 0,
     schema_version int NOT NULL DEFAULT 0, enrolled_at bigint NOT NULL, last_seen_at bigint, revoked_at bigint,
     PRIMARY KEY (workspace_id, id));
   CREATE TABLE enroll_codes (
     code_hash text PRIMARY KEY, workspace_id uuid NOT NULL REFERENCES workspaces(id), first boolean NOT NULL,
     created_by text, created_at bigint NOT NULL, expires_at bigint NOT NULL, used_at bigint, used_by text);
   CREATE TABLE mutations (
     workspace_id uuid NOT NULL REFERENCES workspaces(id), seq bigint NOT NULL, device_id text NOT NULL,
     mutation_id bigint NOT NULL, tbl text NOT NULL, row_id text NOT NULL, op text NOT NULL, hlc text NOT NULL,
     call text NOT NULL, actor text, status text NOT NULL, effect json, reason json, received_at bigint NOT NULL,
     PRIMARY KEY (workspace_id, seq), UNIQUE (workspace_id, device_id, mutation_id));
   CREATE TABLE rows (
     workspace_id uuid NOT NULL REFERENCES workspaces(id), tbl text NOT NULL, row_id text NOT NULL,
     data json, data_seq bigint, stamps json NOT NULL, deleted boolean NOT NULL DEFAULT false, seq bigint NOT NULL,
     PRIMARY KEY (workspace_id, tbl, row_id));
   CREATE VIEW current_rows WITH (security_invoker = true) AS
     SELECT r.workspace_id, r.tbl, r.row_id, COALESCE(r.data, m.effect) AS data, r.stamps, r.deleted, r.seq
     FROM rows r LEFT JOIN mutations m ON r.data IS NULL AND m.workspace_id = r.workspace_id AND m.seq = r.data_seq;
   CREATE INDEX rows_users_name ON rows (workspace_id, (data->>'username')) WHERE tbl = 'users';`,
  `DO $$ BEGIN
     IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${TENANT_ROLE}') THEN CREATE ROLE ${TENANT_ROLE} NOLOGIN; END IF;
   END $$;
   DO $$ BEGIN EXECUTE format('GRANT ${TENANT_ROLE} TO %I', current_user); EXCEPTION WHEN others THEN NULL; END $$;
   GRANT SELECT, UPDATE ON workspaces TO ${TENANT_ROLE};
   GRANT SELECT, INSERT, UPDATE ON devices, enroll_codes, mutations, rows TO ${TENANT_ROLE};
   GRANT SELECT ON current_rows TO ${TENANT_ROLE};
   ALTER TABLE workspaces ENABLE ROW LEVEL SECURITY;
   ALTER TABLE devices ENABLE ROW LEVEL SECURITY;
   ALTER TABLE enroll_codes ENABLE ROW LEVEL SECURITY;
   ALTER TABLE mutations ENABLE ROW LEVEL SECURITY;
   ALTER TABLE rows ENABLE ROW LEVEL SECURITY;
   CREATE POLICY tenant ON workspaces USING (id = current_setting('orderhub.workspace', true)::uuid);
   CREATE POLICY tenant ON devices USING (workspace_id = current_setting('orderhub.workspace', true)::uuid)
     WITH CHECK (workspace_id = current_setting('orderhub.workspace', true)::uuid);
   CREATE POLICY tenant ON enroll_codes USING (workspace_id = current_setting('orderhub.workspace', true)::uuid)
     WITH CHECK (workspace_id = current_setting('orderhub.workspace', true)::uuid);
   CREATE POLICY tenant ON mutations USING (workspace_id = current_setting('orderhub.workspace', true)::uuid)
     WITH CHECK (workspace_id = current_setting('orderhub.workspace', true)::uuid);
   CREATE POLICY tenant ON rows USING (workspace_id = current_setting('orderhub.workspace', true)::uuid)
     WITH CHECK (workspace_id = current_setting('orderhub.workspace', true)::uuid);`,
];

export async function migrateCloud(store: Store): Promise<void> {
  await store.tx(async (q) => {
    await q.query('SELECT pg_advisory_xact_lock(715517)');
    await q.query('CREATE TABLE IF NOT EXISTS cloud_migrations (id int PRIMARY KEY, applied_at bigint NOT NULL)');
    const done = new Set((await q.query<{ id: number }>('SELECT id FROM cloud_migrations')).rows.map((r) => Number(r.id)));
    for (let i = 0; i < MIGRATIONS.length; i++) {
      if (done.has(i + 1)) continue;
      for (const stmt of splitStatements(MIGRATIONS[i]!)) await q.query(stmt);
      await q.query('INSERT INTO cloud_migrations (id, applied_at) VALUES ($1, $2)', [i + 1, Date.now()]);
    }
  });
}

/** Splits on `;` at the end of a line outside $$ blocks (our migrations are written that way). */
function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inDollar = false;
  for (const line of sql.split('\n')) {
    cur += line + '\n';
    if ((line.match(/\$\$/g)?.length ?? 0) % 2 === 1) inDollar = !inDollar;
    if (!inDollar && line.trimEnd().endsWith(';')) {
      out.push(cur.trim());
      cur = '';
    }
  }
  if (cur.trim()) out.push(cur.trim());
  return out;
}
