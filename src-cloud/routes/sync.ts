import { z } from 'zod';
import { enrollCodeRequestSchema, enrollRequestSchema, loginRequestSchema, pushRequestSchema, SYNC_PROTOCOL } from '../../src-shared/sync/protocol';
import { push } from '../push';
import { authDevice, createEnrollCode, devices, enroll, login, MAX_PULL, pull } from '../workspace';
import type { Route } from './route';

const pullQuery = z.object({ cursor: z.coerce.number().int().min(0), limit: z.coerce.number().int().min(1).max(MAX_PULL).default(MAX_PULL) });

/** The sync protocol (src-shared/sync/protocol.ts), version 1. */
export const syncRoutes: Route[] = [
  { method: 'GET', path: '/healthz', handle: async () => ({ ok: true, protocol: SYNC_PROTOCOL }) },
  { method: 'POST', path: '/v1/enroll', handle: async ({ store, body }) => enroll(store, enrollRequestSchema.parse(body)) },
  {
    method: 'POST', path: '/v1/enroll-codes',
    handle: async ({ store, token, body }) => createEnrollCode(store, await authDevice(store, token), enrollCodeRequestSchema.parse(body).actor),
  },
  {
    method: 'POST', path: '/v1/auth/login',
    handle: async ({ store, token, body }) => {
      const input = loginRequestSchema.parse(body);
      return login(store, await authDevice(store, token), input.username, input.password);
    },
  },
  { method: 'POST', path: '/v1/push', handle: async ({ store, token, body }) => push(store, await authDevice(store, token), pushRequestSchema.parse(body)) },
  {
    method: 'GET', path: '/v1/pull',
    handle: async ({ store, token, query }) => {
      const q = pullQuery.parse(query);
      return pull(store, await authDevice(store, token), q.cursor, q.limit);
    },
  },
  { method: 'GET', path: '/v1/devices', handle: async ({ store, token }) => devices(store, await authDevice(store, token)) },
  {
    method: 'GET', path: '/v1/events',
    handle: async ({ store, token, hub, res }) => {
      const device = await authDevice(store, token);
      hub.attach(device.workspaceId, device.deviceId, res);
      return undefined; // the stream stays open
    },
  },
];
