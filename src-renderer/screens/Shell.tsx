import { LogoutOutlined, PlusCircleOutlined } from '@ant-design/icons';
import { Alert, Button, Layout, Menu, Result, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { ROLE_LABELS } from '../../src-shared/roles';
import { client } from '../api/client';
import { ChangePasswordButton } from '../components/ChangePasswordButton';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useSession } from '../session/session';
import { SCREENS } from './registry';
import { useNewRealWorkspace } from './start/NewRealWorkspace';
import { DesktopNotices } from './exceptions/DesktopNotices';
import { useRiskEvents } from './exceptions/live';
import { SyncIndicator } from './sync/SyncIndicator';

/** antd's xxl breakpoint: below it the navigation starts collapsed. */
const SIDER_WIDE_FROM = 1600;
/** The menu entry that is an action, not a screen. */
const NEW_REAL = 'new-real-workspace';

/** The signed-in frame: navigation for the areas this role may open, and the routes. */
export function Shell() {
  const { t, i18n } = useTranslation();
  const { me, can, signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const status = useQuery({ queryKey: ['setup.status'], queryFn: () => client.call('setup.status', {}) });
  const visible = SCREENS.filter((s) => s.permission === null || can(s.permission));
  const current = location.pathname.split('/')[1] ?? 'home';
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  // Narrow office screens (1366×768) start with the icons only, leaving the width to the grid.
  const newReal = useNewRealWorkspace();
  const [collapsed, setCollapsed] = useState(() => window.innerWidth < SIDER_WIDE_FROM);
  useRiskEvents();
  // An empty workspace opens where its first steps are (the orders screen shows them), whatever the role's usual first screen.
  const any = useQuery({ queryKey: ['orders.any'], queryFn: () => client.call('orders.page', { startRow: 0, endRow: 1 }), enabled: can('orders.view') });
  const landedOnce = useRef(false);
  useEffect(() => {
    // Decided once, on the first screen the person lands on ('' is the moment before the redirect).
    if (landedOnce.current || any.data === undefined || !current) return;
    landedOnce.current = true;
    if (any.data.total === 0 && current === visible[0]?.path && current !== 'orders') navigate('/orders', { replace: true });
  }, [any.data, current, visible, navigate]);

  return (
    <Layout style={{ height: '100vh', overflow: 'hidden' }}>
      <Layout.Sider
        width={184}
        theme="dark"
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        breakpoint="xxl"
        onBreakpoint={setCollapsed}
        collapsedWidth={56}
        data-testid="sider"
      >
        {/* Scrolls above the fold-away trigger: twenty screens do not fit 768 px in one column. */}
        <div style={{ height: '100%', overflowY: 'auto', overflowX: 'hidden' }}>
        <div style={{ color: '#fff', fontWeight: 600, padding: '16px 16px 12px', whiteSpace: 'nowrap', overflow: 'hidden' }}>{collapsed ? 'OH' : t('app.name')}</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[current]}
          items={[
            ...visible.map((s) => ({ key: s.path, icon: s.icon, label: t(s.label) })),
            ...(status.data?.demo && can('settings.manage') ? [{ key: NEW_REAL, icon: <PlusCircleOutlined />, label: t('start.newReal') }] : []),
          ]}
          onClick={(e) => (e.key === NEW_REAL ? newReal() : navigate(`/${e.key}`))}
          aria-label="main navigation"
        />
        </div>
      </Layout.Sider>
      <Layout style={{ minWidth: 0, display: 'flex', flexDirection: 'column' }}>
        {status.data?.demo && <Alert banner type="info" title={t('app.demoBanner')} data-testid="demo-banner" />}
        <Layout.Header style={{ flex: 'none', background: '#fff', padding: '0 16px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', height: 48, lineHeight: '48px' }}>
          <Space>
            <SyncIndicator />
            <Typography.Text data-testid="current-user">{me?.user.displayName} · {me ? ROLE_LABELS[me.role][lang] : ''}</Typography.Text>
            <ChangePasswordButton />
            <LanguageSwitch />
            <Button icon={<LogoutOutlined />} onClick={signOut} data-testid="sign-out">{t('app.logout')}</Button>
          </Space>
        </Layout.Header>
        <DesktopNotices />
        <Layout.Content style={{ padding: 16, minWidth: 0, flex: 1, minHeight: 0, overflow: 'auto', display: 'flex', flexDirection: 'column' }} data-testid="content">
          <Routes>
            {SCREENS.map((s) => (
              <Route
                key={s.path}
                path={`/${s.path}/*`}
                element={s.permission === null || can(s.permission) ? s.element : <Result status="403" title="403" subTitle={t('common.forbidden')} />}
              />
            ))}
            <Route path="*" element={<Navigate to={`/${visible[0]?.path ?? 'home'}`} replace />} />
          </Routes>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
