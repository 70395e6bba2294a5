import { auditHandlers } from './audit/handlers';
import { authHandlers } from './auth/handlers';
import { channelHandlers } from './channels/handlers';
import { erpHandlers } from './erp/handlers';
import { financeHandlers } from './finance/handlers';
import { importHandlers } from './imports/handlers';
import { jobHandlers } from './jobs/handlers';
import type { Handlers } from './kernel/call';
import { orderBulkHandlers } from './orders/bulk-handlers';
import { orderDetailHandlers } from './orders/detail-handlers';
import { orderExportHandlers } from './orders/export-handler';
import { ordersHandlers } from './orders/handlers';
import { viewsHandlers } from './orders/views-handlers';
import type { AppServices } from './services';
import { syncHandlers } from './sync/handlers';

/**
 * Every call's handler; the return type makes a missing handler a compile error. This is the
 * composition root's one upward reach: each capability gets only the services it names.
 */
export function buildHandlers(s: AppServices): Handlers {
  return {
    ...authHandlers({ auth: s.auth, workspace: s.workspace }),
    ...auditHandlers({ db: s.db }),
    ...ordersHandlers({ db: s.db }),
    ...viewsHandlers({ db: s.db }),
    ...orderDetailHandlers({ db: s.db }),
    ...orderBulkHandlers({ db: s.db }),
    ...orderExportHandlers({ db: s.db, workspace: s.workspace }),
    ...channelHandlers({ db: s.db, channels: s.channels, pipeline: s.pipeline }),
    ...financeHandlers({ finance: s.finance, db: s.db }),
    ...importHandlers({ db: s.db, imports: s.imports, importSources: s.importSources }),
    ...syncHandlers({ sync: s.sync }),
    ...erpHandlers({ erp: s.erp }),
    ...jobHandlers({ workspace: s.workspace }),
  };
}
