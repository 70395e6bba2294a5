import { requireUser, type Handlers } from '../kernel/call';
import type { SyncService } from './service';

export function syncHandlers({ sync }: { sync: SyncService }): Pick<Handlers, 'sync.status' | 'sync.enroll' | 'sync.enrollCode' | 'sync.log' | 'sync.now' | 'sync.devices'> {
  return {
    'sync.status': () => sync.status(),
    'sync.enroll': (input, ctx) => sync.enroll(ctx.write('joined a team workspace'), input, ctx.say),
    'sync.enrollCode': (_input, ctx) => sync.enrollCode(requireUser(ctx).id, ctx.say),
    'sync.log': (input) => sync.log(input.limit),
    'sync.now': () => sync.syncNow(),
    'sync.devices': () => sync.devices(),
  };
}
