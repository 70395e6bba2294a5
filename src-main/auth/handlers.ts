import { ApiError } from '../../src-shared/errors';
import { ROLE_PERMISSIONS, ROLES } from '../../src-shared/roles';
import { requireUser, type Handlers } from '../kernel/call';
import type { AuthService } from '../auth/auth-service';
import type { Workspace } from '../kernel/workspace';

type AuthCalls =
  | 'auth.login' | 'auth.logout' | 'auth.me' | 'auth.changePassword'
  | 'setup.status' | 'setup.createOwner' | 'setup.createDemo' | 'setup.startReal' | 'setup.cancelDemo'
  | 'users.list' | 'users.create' | 'users.update' | 'roles.list';

export function authHandlers({ auth, workspace }: { auth: AuthService; workspace: Workspace }): Pick<Handlers, AuthCalls> {
  return {
    'auth.login': (input, ctx) => auth.login(ctx.write(), input.username, input.password, ctx.source, ctx.locale),
    'auth.logout': (_input, ctx) => {
      if (ctx.token) auth.endSession(ctx.token);
      return { ok: true as const };
    },
    'auth.me': (_input, ctx) => {
      const user = requireUser(ctx);
      const row = auth.findById(user.id)!;
      return { user: auth.view(row), role: user.role, permissions: [...user.permissions] };
    },
    'auth.changePassword': async (input, ctx) => {
      const user = requireUser(ctx);
      await auth.changePassword(ctx.write(), user.id, input.currentPassword, input.newPassword, { token: ctx.token, source: ctx.source }, ctx.locale);
      return { ok: true as const };
    },
    'setup.status': () => ({ needsOwner: auth.userCount() === 0, demo: workspace.demo, version: workspace.version, seeding: workspace.demoFilling(), canStartReal: workspace.canStartReal }),
    'setup.cancelDemo': () => ({ cancelled: workspace.cancelDemo() }),
    'setup.createOwner': async (input, ctx) => {
      const [user] = await auth.createFirstUsers(ctx.write('first run'), [{ ...input, role: 'owner' }], ctx.locale);
      return { ...auth.startSession(user!.id), user: user! };
    },
    'setup.createDemo': async (input, ctx) => {
      if (auth.userCount() > 0) {
        throw new ApiError('conflict', ctx.say('工作区已有账户，不能再变成演示工作区', 'this workspace already has users: it cannot become the demo'));
      }
      await workspace.seedDemo(input.orders);
      const owner = auth.findByUsername('owner')!;
      return { ...auth.startSession(owner.id), user: auth.view(owner) };
    },
    'setup.startReal': (_input, ctx) => {
      if (!workspace.demo) throw new ApiError('conflict', ctx.say('这已经是真实工作区', 'this is already a real workspace'));
      const start = workspace.startReal;
      if (!start) throw new ApiError('conflict', ctx.say('当前运行方式无法切换工作区，请用 --data-dir 指定新的文件夹重新启动', 'this shell cannot switch workspaces: restart with --data-dir and a new folder'));
      // After this answer has left: the shell closes this workspace and opens the new one.
      setTimeout(start, 200);
      return { ok: true as const };
    },
    'users.list': () => auth.list(),
    'users.create': (input, ctx) => auth.createUser(ctx.write(), input, ctx.locale),
    'users.update': (input, ctx) => auth.updateUser(ctx.write(input.reason), input, requireUser(ctx).id, ctx.locale),
    'roles.list': () => ROLES.map((role) => ({ role, permissions: [...ROLE_PERMISSIONS[role]] })),
  };
}
