import type { Role } from '../src-shared/roles';
import type { AuthService } from './auth/auth-service';
import { SYSTEM_ACTOR } from './db';

export const DEMO_PASSWORD = 'orderhub-demo';

export const DEMO_USERS: { username: string; displayName: string; role: Role }[] = [
  { username: 'owner', displayName: '王老板', role: 'owner' },
  { username: 'ops', displayName: '李主管', role: 'ops_lead' },
  { username: 'service', displayName: '客服小张', role: 'service' },
  { username: 'warehouse', displayName: '仓库老陈', role: 'warehouse' },
  { username: 'finance', displayName: '财务刘姐', role: 'finance' },
];

/**
 * One user per role, all with the demo password; only on a workspace that has no users yet
 * (checked in the transaction that creates them: a concurrent first-run call gets `conflict`).
 */
export async function createDemoUsers(auth: AuthService): Promise<void> {
  await auth.createFirstUsers({ actor: SYSTEM_ACTOR, call: 'demo.seed', reason: 'demo workspace' }, DEMO_USERS.map((u) => ({ ...u, password: DEMO_PASSWORD })), 'zh-CN');
}
