import type { Handlers } from './api';
import { auditHandlers } from './audit/handlers';
import { authHandlers } from './auth/handlers';
import { financeHandlers } from './finance/handlers';
import { importHandlers } from './imports/handlers';
import { channelHandlers } from './channels/handlers';
import { ordersHandlers } from './orders/handlers';
import { viewsHandlers } from './orders/views-handlers';
import type { AppServices } from './services';

/** Every call's handler; the return type makes a missing handler a compile error. */
export function buildHandlers(services: AppServices): Handlers {
  return {
    ...authHandlers(services),
    ...auditHandlers(services),
    ...financeHandlers(services),
    ...importHandlers(services),
    ...channelHandlers(services),
    ...ordersHandlers(services),
    ...viewsHandlers(services),
  };
}
