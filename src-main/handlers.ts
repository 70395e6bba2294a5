import { auditHandlers } from './audit/handlers';
import { authHandlers } from './auth/handlers';
import { channelHandlers } from './channels/handlers';
import { erpHandlers } from './erp/handlers';
import { financeHandlers } from './finance/handlers';
import { importHandlers } from './imports/handlers';
import { jobHandlers } from './jobs/handlers';
import { inventoryHandlers } from './inventory/handlers';
import { ruleHandlers } from './rules/handlers';
import type { Handlers } from './kernel/call';
import { orderBulkHandlers } from './orders/bulk-handlers';
import { orderDetailHandlers } from './orders/detail-handlers';
import { orderExportHandlers } from './orders/export-handler';
import { ordersHandlers } from './orders/handlers';
import { viewsHandlers } from './orders/views-handlers';
import { holdsHandlers } from './orders/holds/handlers';
import { lifecycleHandlers } from './orders/lifecycle/handlers';
import { manualOrderHandlers } from './orders/manual/handlers';
import { reshapeHandlers } from './orders/reshape/handlers';
import type { AppServices } from './services';
import { exceptionHandlers } from './exceptions/handlers';
import { metricsHandlers } from './metrics/handlers';
import { notifyHandlers } from './notify/handlers';
import { syncHandlers } from './sync/handlers';
import { localCopyHandlers } from './workspace/handlers';
import { shippingHandlers } from './shipping/handlers';
import { shippingPrintHandlers } from './shipping/print/handlers';
import { shippingBinHandlers } from './shipping/bins/handlers';

/**
 * Every call's handler; the return type makes a missing handler a compile error. This is the
 * composition root's one upward reach: each capability gets only the services it names.
 */
export function buildHandlers(s: AppServices): Handlers {
  return {
    ...authHandlers({ auth: s.auth, workspace: s.workspace }),
    ...auditHandlers({ db: s.db }),
    ...ordersHandlers({ db: s.db, events: s.events }),
    ...viewsHandlers({ db: s.db }),
    ...orderDetailHandlers({ db: s.db }),
    ...orderBulkHandlers({ db: s.db, changes: s.flow.lifecycle.changes }),
    ...orderExportHandlers({ db: s.db, workspace: s.workspace }),
    ...channelHandlers({ db: s.db, channels: s.channels, pipeline: s.pipeline }),
    ...financeHandlers({ finance: s.finance, db: s.db, workspace: s.workspace }),
    ...importHandlers({ db: s.db, imports: s.imports, importSources: s.importSources }),
    ...lifecycleHandlers({ db: s.db, flow: s.flow }),
    ...holdsHandlers({ db: s.db, flow: s.flow }),
    ...reshapeHandlers({ db: s.db, flow: s.flow }),
    ...manualOrderHandlers({ db: s.db, flow: s.flow, pipeline: s.pipeline }),
    ...ruleHandlers({ db: s.db, engine: s.rules.engine, dryRuns: s.rules.dryRuns }),
    ...inventoryHandlers({ db: s.db, stock: s.rules.stock, queries: s.rules.stockQueries, fulfilment: s.rules.fulfilment, zone: s.workspace.zone }),
    ...exceptionHandlers({ db: s.db, exceptions: s.risk.exceptions, shipments: s.risk.tracking.shipments }),
    ...metricsHandlers({ metrics: s.risk.metrics, now: () => s.risk.exceptions.clock.now() }),
    ...notifyHandlers({ db: s.db, notify: s.risk.notify, tracking: s.risk.tracking, clock: s.risk.exceptions.clock }),
    ...syncHandlers({ sync: s.sync }),
    ...localCopyHandlers({ db: s.db }),
    ...erpHandlers({ erp: s.erp }),
    ...shippingHandlers({ db: s.db, scan: s.shipping.scan, home: s.shipping.home, recent: s.shipping.recent, queued: () => s.shipping.wake() }),
    ...shippingBinHandlers({ db: s.db, bins: s.shipping.bins }),
    ...shippingPrintHandlers({ db: s.db, picks: s.shipping.picks, slips: s.shipping.slips, handovers: s.shipping.handovers, formatTime: s.shipping.formatTime, renderPick: s.shipping.renderPick }),
    ...jobHandlers({ workspace: s.workspace }),
  };
}
