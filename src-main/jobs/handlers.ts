import { requireUser, type Handlers } from '../kernel/call';
import type { Workspace } from '../kernel/workspace';

/** Counts and cancel for long calls (kernel/progress.ts): only the person who started one sees it. */
export function jobHandlers({ workspace }: { workspace: Workspace }): Pick<Handlers, 'jobs.progress' | 'jobs.cancel'> {
  const mine = (id: string, userId: string) => {
    const p = workspace.progress.get(id);
    return p && p.owner === userId ? p : null;
  };
  return {
    'jobs.progress': (input, ctx) => {
      const p = mine(input.id, requireUser(ctx).id);
      return p ? { done: p.done, total: p.total, cancelled: p.cancelled } : null;
    },
    'jobs.cancel': (input, ctx) => {
      const p = mine(input.id, requireUser(ctx).id);
      if (p) p.cancelled = true;
      return { cancelled: !!p };
    },
  };
}
