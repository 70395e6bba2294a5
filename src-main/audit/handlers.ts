import type { Handlers } from '../kernel/call';
import type { Database } from '../db';
import { listAudit } from './audit-query';
import { AuditJournal } from './journal';

export function auditHandlers({ db }: { db: Database }): Pick<Handlers, 'audit.list' | 'audit.journal' | 'audit.verify'> {
  const journal = new AuditJournal(db.sqlite);
  return {
    'audit.journal': (input, ctx) => journal.list(input, ctx.locale),
    'audit.list': (input) => listAudit(db.sqlite, input),
    'audit.verify': (input) => db.writes.verifyAudit({ rows: input.rows }),
  };
}
