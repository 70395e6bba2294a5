import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type { Me } from '../../src-shared/contract';
import type { Permission } from '../../src-shared/roles';
import { client, onSessionExpired, tokenStore } from '../api/client';
import { restartEvents } from '../api/events';

interface SessionValue {
  me: Me | null;
  loading: boolean;
  can(permission: Permission): boolean;
  signedIn(token: string): void;
  signOut(): Promise<void>;
}

const SessionContext = createContext<SessionValue | null>(null);

/** Who is signed in. The UI hides what the role may not do; the main process still refuses it. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const meQuery = useQuery({
    queryKey: ['auth.me', tokenStore.get()],
    queryFn: () => (tokenStore.get() ? client.call('auth.me', {}) : Promise.resolve(null)),
    retry: false,
    staleTime: 60_000,
  });
  const me = meQuery.isError ? null : (meQuery.data ?? null);

  const signedIn = useCallback(
    (token: string) => {
      tokenStore.set(token);
      restartEvents();
      void qc.invalidateQueries();
    },
    [qc],
  );
  const signOut = useCallback(async () => {
    await client.call('auth.logout', {}).catch(() => undefined);
    tokenStore.set(null);
    restartEvents();
    qc.clear();
    void qc.invalidateQueries();
  }, [qc]);

  useEffect(
    () =>
      onSessionExpired(() => {
        tokenStore.set(null);
        restartEvents();
        qc.clear();
        void qc.invalidateQueries();
      }),
    [qc],
  );

  const value = useMemo<SessionValue>(
    () => ({
      me,
      loading: meQuery.isLoading,
      can: (p) => !!me?.permissions.includes(p),
      signedIn,
      signOut,
    }),
    [me, meQuery.isLoading, signedIn, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
