import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { HashRouter } from 'react-router';
import './app.css';
import { cannotOpen, client, currentLocale, isStarting } from './api/client';
import { initI18n, type Lang } from './i18n';
import { LoginScreen } from './screens/login/LoginScreen';
import { SetupScreen } from './screens/login/SetupScreen';
import { CannotOpenScreen } from './screens/start/CannotOpenScreen';
import { StartingScreen } from './screens/start/StartingScreen';
import { Shell } from './screens/Shell';
import { SessionProvider, useSession } from './session/session';

initI18n(currentLocale() as Lang);
const queryClient = new QueryClient({ defaultOptions: { queries: { refetchOnWindowFocus: false, retry: 1 } } });

function Gate() {
  const { token, me, loading } = useSession();
  const status = useQuery({
    queryKey: ['setup.status'],
    queryFn: () => client.call('setup.status', {}),
    // While the core is starting (an update migrating the workspace) it says so: ask again each second.
    // One that could not open the workspace says why; asked now and then, a host started again is picked up.
    retry: (n, e) => !isStarting(e) && !cannotOpen(e) && n < 1,
    refetchInterval: (q) => (isStarting(q.state.error) ? 1_000 : cannotOpen(q.state.error) ? 5_000 : false),
  });
  if (isStarting(status.error)) return <StartingScreen message={status.error.message} />;
  if (cannotOpen(status.error)) return <CannotOpenScreen message={status.error.message} />;
  // Signed out: the login screen at once (nothing below waits for a query).
  if (!token) return status.data?.needsOwner ? <SetupScreen /> : <LoginScreen />;
  if (loading || status.isLoading) return <Spin fullscreen />;
  if (status.data?.needsOwner) return <SetupScreen />;
  return me ? <Shell /> : <LoginScreen />;
}

function Root() {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={i18n.language === 'en' ? enUS : zhCN} theme={{ token: { borderRadius: 4, fontSize: 13 } }} componentSize="middle">
      <AntApp>
        <HashRouter>
          <SessionProvider>
            <Gate />
          </SessionProvider>
        </HashRouter>
      </AntApp>
    </ConfigProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <Root />
    </QueryClientProvider>
  </StrictMode>,
);
