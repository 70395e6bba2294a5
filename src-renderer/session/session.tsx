import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, Fragment, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { Me } from '../../src-shared/contract';
import type { Permission } from '../../src-shared/roles';
import { cannotOpen, client, isStarting, onSessionExpired, tokenStore } from '../api/client';
import { restartEvents } from '../api/events';

interface SessionValue {
  /** The session token, or null when nobody is signed in on this tab. */
  token: string | null;
  me: Me | null;
  loading: boolean;
  can(permission: Permission): boolean;
  signedIn(session: { token: string; expiresAt: number }): void;
  signOut(): void;
}

const SessionContext = createContext<SessionValue | null>(null);

/** setTimeout's longest wait (~24.8 days); a session is far shorter. */
const MAX_TIMER = 2 ** 31 - 1;

/**
 * Who is signed in. The UI hides what the role may not do; the main process still refuses it.
 *
 * Signing in or out, or a session that ends (expired, ended elsewhere), is a clean break on a
 * shared office PC: the token goes, every cached query (orders, customers, amounts) is dropped,
 * the route goes back to the start, and everything below this provider is mounted afresh (the
 * grid and its row cache with it), so the next person starts at their own home with nothing of
 * the last person's left in the page.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [token, setToken] = useState<string | null>(() => tokenStore.get());
  const [epoch, setEpoch] = useState(0);

  const meQuery = useQuery({
    queryKey: ['auth.me', token],
    queryFn: () => client.call('auth.me', {}),
    enabled: token !== null,
    // A core still opening (an update migrating), or one that could not open the workspace until the
    // host is started again, is asked again: the session is not lost for that.
    retry: (_n, e) => isStarting(e) || cannotOpen(e),
    retryDelay: (_n, e) => (cannotOpen(e) ? 5_000 : 1_000),
    staleTime: 60_000,
  });
  const me = token && !meQuery.isError ? (meQuery.data ?? null) : null;

  /**
   * The break itself: the token goes now and the screens below unmount in the next render (so the
   * next paint already shows the login screen); their cached queries go right after (below). The
   * event stream follows the new session (or closes).
   */
  const reset = useCallback(
    (next: { token: string; expiresAt: number } | null) => {
      tokenStore.set(next?.token ?? null, next?.expiresAt);
      restartEvents();
      navigate('/', { replace: true });
      setToken(next?.token ?? null);
      setEpoch((e) => e + 1);
    },
    [navigate],
  );

  // Once the old screens have unmounted, every query nobody watches any more goes: its data, its
  // pending fetch and its garbage-collection timer (which would otherwise hold the query — and
  // through its function the grid with its rows — for minutes). Clearing the cache BEFORE the
  // unmount is not enough: an unmounting observer re-arms the timer of a query already removed.
  useEffect(() => {
    const purge = () => {
      for (const q of qc.getQueryCache().findAll()) {
        if (q.getObserversCount()) continue;
        void q.cancel({ silent: true });
        qc.getQueryCache().remove(q);
      }
    };
    purge();
    const late = setTimeout(purge, 0);
    return () => clearTimeout(late);
  }, [epoch, qc]);

  const signedIn = useCallback((session: { token: string; expiresAt: number }) => reset(session), [reset]);
  const signOut = useCallback(() => {
    // The logout call takes the token with it (read as the call starts); the page does not wait for it.
    void client.call('auth.logout', {}).catch(() => undefined);
    reset(null);
  }, [reset]);

  // Any call answered `unauthenticated` (expired, ended by a password change elsewhere, user disabled).
  useEffect(() => onSessionExpired(() => reset(null)), [reset]);

  // The session's own end: back to the login screen at that moment, even if the page is idle.
  useEffect(() => {
    const expiresAt = token ? tokenStore.expiresAt() : null;
    if (!expiresAt) return;
    const timer = setTimeout(() => reset(null), Math.min(MAX_TIMER, Math.max(0, expiresAt - Date.now())));
    return () => clearTimeout(timer);
  }, [token, epoch, reset]);

  // Coming back to the tab: ask whether the session still holds (it may have been ended elsewhere).
  useEffect(() => {
    if (!token) return;
    const check = () => {
      if (document.visibilityState === 'visible') void meQuery.refetch();
    };
    document.addEventListener('visibilitychange', check);
    return () => document.removeEventListener('visibilitychange', check);
  }, [token, meQuery]);

  const value = useMemo<SessionValue>(
    () => ({
      token,
      me,
      loading: token !== null && meQuery.isLoading,
      can: (p) => !!me?.permissions.includes(p),
      signedIn,
      signOut,
    }),
    [token, me, meQuery.isLoading, signedIn, signOut],
  );
  return (
    <SessionContext.Provider value={value}>
      <Fragment key={epoch}>{children}</Fragment>
    </SessionContext.Provider>
  );
}

export function useSession(): SessionValue {
  const v = useContext(SessionContext);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
