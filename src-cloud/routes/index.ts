import type { Route } from './route';
import { syncRoutes } from './sync';

/**
 * Every endpoint of the cloud service, one module per area. The platforms' authorisation
 * callback (the public URL Taobao, Pinduoduo, JD and Douyin redirect to, which hands the tokens
 * to the PC that started the flow; issue #15 item 11) belongs in `routes/platform-auth.ts`,
 * listed here beside the sync routes.
 */
export const ROUTES: Route[] = [...syncRoutes];
