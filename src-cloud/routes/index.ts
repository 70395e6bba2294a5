import type { Route } from './route';
import { platformAuthRoutes } from './platform-auth';
import { syncRoutes } from './sync';

/**
 * Every endpoint of the cloud service, one module per area: sync, and the platforms'
 * authorisation callback (the public URL Taobao, Pinduoduo, JD and Douyin redirect to; the code
 * reaches the PC that started the flow sealed for it, issue #15 item 11).
 */
export const ROUTES: Route[] = [...syncRoutes, ...platformAuthRoutes];
