/**
 * What an empty workspace opens on instead of an empty grid: three steps (添加店铺, 导入表格,
 * 邀请同事), each ticked when done and linked to its screen for the roles that may do it.
 */
import { CheckCircleFilled, RightOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Card, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Permission } from '../../../src-shared/roles';
import { client } from '../../api/client';
import { useSession } from '../../session/session';

interface Step { key: 'addShop' | 'importSheet' | 'invite'; path: string; permission: Permission; done: boolean }

export function FirstSteps({ shops }: { shops: number }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const users = useQuery({ queryKey: ['users.list'], queryFn: () => client.call('users.list', {}), enabled: can('users.manage') });
  const steps: Step[] = [
    { key: 'addShop', path: '/channels', permission: 'channels.manage', done: shops > 0 },
    { key: 'importSheet', path: '/imports', permission: 'imports.run', done: false },
    { key: 'invite', path: '/users', permission: 'users.manage', done: (users.data?.length ?? 0) > 1 },
  ];
  const mine = steps.filter((s) => can(s.permission));
  return (
    <Card data-testid="first-steps" style={{ maxWidth: 640 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>{t('start.title')}</Typography.Title>
      {mine.length === 0 ? (
        <Typography.Paragraph>{t('start.askOwner')}</Typography.Paragraph>
      ) : (
        <>
          <Typography.Paragraph type="secondary">{t('start.intro')}</Typography.Paragraph>
          <List
            dataSource={mine}
            renderItem={(s, i) => (
              <List.Item
                data-testid={`first-step-${s.key}`}
                data-done={s.done}
                actions={[s.done
                  ? <Typography.Text type="success" key="done"><CheckCircleFilled /> {t('start.done')}</Typography.Text>
                  : <Button key="go" type={i === mine.findIndex((x) => !x.done) ? 'primary' : 'default'} onClick={() => navigate(s.path)}>{t('start.go')} <RightOutlined /></Button>]}
              >
                <List.Item.Meta title={`${i + 1}. ${t(`start.${s.key}`)}`} description={t(`start.${s.key}Hint`)} />
              </List.Item>
            )}
          />
        </>
      )}
    </Card>
  );
}
