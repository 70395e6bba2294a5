import { LogoutOutlined } from '@ant-design/icons';
import { Alert, Button, Layout, Menu, Result, Space, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Navigate, Route, Routes, useLocation, useNavigate } from 'react-router';
import { ROLE_LABELS } from '../../src-shared/roles';
import { client } from '../api/client';
import { ChangePasswordButton } from '../components/ChangePasswordButton';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useSession } from '../session/session';
import { SCREENS } from './registry';
import { DesktopNotices } from './exceptions/DesktopNotices';
import { useRiskEvents } from './exceptions/live';
import { SyncIndicator } from './sync/SyncIndicator';

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
  useRiskEvents();

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Sider width={184} theme="dark" breakpoint="lg" collapsedWidth={56}>
        <div style={{ color: '#fff', fontWeight: 600, padding: '16px 16px 12px', whiteSpace: 'nowrap', overflow: 'hidden' }}>{t('app.name')}</div>
        <Menu
          theme="dark"
          mode="inline"
          selectedKeys={[current]}
          items={visible.map((s) => ({ key: s.path, icon: s.icon, label: t(s.label) }))}
          onClick={(e) => navigate(`/${e.key}`)}
          aria-label="main navigation"
        />
      </Layout.Sider>
      <Layout>
        {status.data?.demo && <Alert banner type="info" title={t('app.demoBanner')} data-testid="demo-banner" />}
        <Layout.Header style={{ background: '#fff', padding: '0 16px', display: 'flex', justifyContent: 'flex-end', alignItems: 'center', height: 48, lineHeight: '48px' }}>
          <Space>
            <SyncIndicator />
            <Typography.Text data-testid="current-user">{me?.user.displayName} · {me ? ROLE_LABELS[me.role][lang] : ''}</Typography.Text>
            <ChangePasswordButton />
            <LanguageSwitch />
            <Button icon={<LogoutOutlined />} onClick={signOut} data-testid="sign-out">{t('app.logout')}</Button>
          </Space>
        </Layout.Header>
        <DesktopNotices />
        <Layout.Content style={{ padding: 16, minWidth: 0 }}>
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
