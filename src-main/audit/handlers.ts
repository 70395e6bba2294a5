import type { Handlers } from '../api';
import type { AppServices } from '../services';
import { listAudit } from './audit-query';

export function auditHandlers({ db }: AppServices): Pick<Handlers, 'audit.list' | 'audit.verify'> {
  return {
    'audit.list': (input) => listAudit(db.sqlite, input),
    'audit.verify': () => db.writes.verifyAudit(),
  };
}
