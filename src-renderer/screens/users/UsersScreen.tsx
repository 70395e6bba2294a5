import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../src-shared/contract';
import { ROLE_LABELS } from '../../../src-shared/roles';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { UserForm } from './UserForm';

export function UsersScreen() {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<UserView | 'new' | null>(null);
  const users = useQuery({ queryKey: ['users.list'], queryFn: () => client.call('users.list', {}) });
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const update = useMutation({
    mutationFn: (input: Parameters<typeof client.call<'users.update'>>[1]) => client.call('users.update', input),
    onSuccess: () => {
      void message.success(t('users.saved'));
      void qc.invalidateQueries({ queryKey: ['users.list'] });
    },
    onError: (e) => void message.error(errorText(e)),
  });

  return (
    <Card
      title={t('users.title')}
      extra={<Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>{t('users.create')}</Button>}
    >
      <Table<UserView>
        rowKey="id"
        size="small"
        loading={users.isLoading}
        dataSource={users.data ?? []}
        pagination={false}
        columns={[
          { title: t('users.username'), dataIndex: 'username' },
          { title: t('users.displayName'), dataIndex: 'displayName' },
          { title: t('users.role'), dataIndex: 'role', render: (r: UserView['role']) => ROLE_LABELS[r][lang] },
          {
            title: t('users.status'),
            render: (_, u) => (u.disabled ? <Tag color="default">{t('users.disabled')}</Tag> : u.lockedUntil ? <Tag color="red">{t('users.locked')}</Tag> : <Tag color="green">{t('users.active')}</Tag>),
          },
          { title: t('users.createdAt'), dataIndex: 'createdAt', render: (v: number) => formatInZone(v) },
          {
            title: '',
            render: (_, u) => (
              <Space size="small">
                <Button size="small" onClick={() => setEditing(u)}>{t('users.edit')}</Button>
                {u.lockedUntil && <Button size="small" onClick={() => update.mutate({ id: u.id, unlock: true })}>{t('users.unlock')}</Button>}
                {u.disabled ? (
                  <Button size="small" onClick={() => update.mutate({ id: u.id, disabled: false })}>{t('users.enable')}</Button>
                ) : (
                  <Button
                    size="small"
                    danger
                    onClick={() => modal.confirm({ title: t('users.confirmDisable', { name: u.displayName }), onOk: () => update.mutateAsync({ id: u.id, disabled: true }) })}
                  >
                    {t('users.disable')}
                  </Button>
                )}
              </Space>
            ),
          },
        ]}
      />
      {editing && (
        <UserForm
          user={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(name) => {
            setEditing(null);
            void message.success(editing === 'new' ? t('users.created', { name }) : t('users.saved'));
            void qc.invalidateQueries({ queryKey: ['users.list'] });
          }}
          describeError={errorText}
        />
      )}
    </Card>
  );
}
