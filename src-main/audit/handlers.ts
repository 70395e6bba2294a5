import type { Handlers } from '../kernel/call';
import type { Database } from '../db';
import { listAudit } from './audit-query';

export function auditHandlers({ db }: { db: Database }): Pick<Handlers, 'audit.list' | 'audit.verify'> {
  return {
    'audit.list': (input) => listAudit(db.sqlite, input),
    'audit.verify': (input) => db.writes.verifyAudit({ rows: input.rows }),
  };
}
