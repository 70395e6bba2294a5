import type { Handlers } from './api';
import { auditHandlers } from './audit/handlers';
import { authHandlers } from './auth/handlers';
import { channelHandlers } from './channels/handlers';
import { financeHandlers } from './finance/handlers';
import { importHandlers } from './imports/handlers';
import { orderBulkHandlers } from './orders/bulk-handlers';
import { orderDetailHandlers } from './orders/detail-handlers';
import { orderExportHandlers } from './orders/export-handler';
import { ordersHandlers } from './orders/handlers';
import { viewsHandlers } from './orders/views-handlers';
import type { AppServices } from './services';

/** Every call's handler; the return type makes a missing handler a compile error. */
export function buildHandlers(services: AppServices): Handlers {
  return {
    ...authHandlers(services),
    ...auditHandlers(services),
    ...ordersHandlers(services),
    ...viewsHandlers(services),
    ...orderDetailHandlers(services),
    ...orderBulkHandlers(services),
    ...orderExportHandlers(services),
    ...channelHandlers(services),
    ...financeHandlers(services),
    ...importHandlers(services),
  };
}
