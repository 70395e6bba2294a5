/** 黑名单: buyers whose orders the blacklist review rule holds. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Popconfirm, Space, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { BlacklistEntry } from '../../../src-shared/contract/rules';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { fieldErrors } from '../../components/errors';

export function BlacklistPanel({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ buyerNick: string; reason: string }>();
  const list = useQuery({ queryKey: ['rules.blacklist'], queryFn: () => client.call('rules.blacklist', {}) });
  const refresh = () => qc.invalidateQueries({ queryKey: ['rules.blacklist'] });
  const add = useMutation({
    mutationFn: (v: { buyerNick: string; reason: string }) => client.call('rules.blacklistAdd', v),
    onSuccess: () => { form.resetFields(); void message.success(t('rules.blacklist.added')); void refresh(); },
    onError: (e) => form.setFields(fieldErrors(e)),
  });
  const remove = useMutation({ mutationFn: (id: string) => client.call('rules.blacklistRemove', { id }), onSuccess: () => void refresh() });
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Typography.Text type="secondary">{t('rules.blacklist.intro')}</Typography.Text>
      {canEdit && (
        <Form form={form} layout="inline" onFinish={(v) => add.mutate(v)}>
          <Form.Item name="buyerNick" rules={[{ required: true, message: t('rules.blacklist.nick') }]}><Input placeholder={t('rules.blacklist.nick')} data-testid="bl-nick" /></Form.Item>
          <Form.Item name="reason" rules={[{ required: true, message: t('rules.blacklist.reason') }]}><Input style={{ width: 260 }} placeholder={t('rules.blacklist.reason')} data-testid="bl-reason" /></Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="bl-add">{t('rules.blacklist.add')}</Button>
        </Form>
      )}
      <Table<BlacklistEntry>
        size="small" rowKey="id" dataSource={list.data ?? []} loading={list.isLoading} pagination={{ pageSize: 20 }}
        locale={{ emptyText: t('rules.blacklist.empty') }}
        columns={[
          { title: t('rules.blacklist.nick'), dataIndex: 'buyerNick' },
          { title: t('rules.blacklist.reason'), dataIndex: 'reason' },
          { title: t('rules.blacklist.by'), dataIndex: 'createdByName', width: 120 },
          { title: t('rules.blacklist.at'), dataIndex: 'createdAt', width: 170, render: (v: number) => formatInZone(v) },
          {
            title: '', width: 80,
            render: (_, r) => canEdit && (
              <Popconfirm title={t('rules.blacklist.confirmRemove', { nick: r.buyerNick })} onConfirm={() => remove.mutate(r.id)}>
                <Button type="link" size="small" danger>{t('rules.blacklist.remove')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Space>
  );
}
