/** WeCom / DingTalk robots: the webhook and signing secret are entered here and never shown again (write-only). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Popconfirm, Radio, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RobotView } from '../../../src-shared/contract/alerts';
import { client } from '../../api/client';
import { errorText, fieldErrors } from '../../components/errors';

interface RobotForm { kind: 'wecom' | 'dingtalk'; name: string; enabled: boolean; webhook?: string; secret?: string }

export function RobotsTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<RobotView | 'new' | null>(null);
  const [form] = Form.useForm<RobotForm>();
  const q = useQuery({ queryKey: ['alerts.robots'], queryFn: () => client.call('alerts.robots.list', {}) });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['alerts.robots'] });
  const save = useMutation({
    mutationFn: (v: RobotForm) => client.call('alerts.robots.save', {
      ...(editing !== 'new' && editing ? { id: editing.id } : {}), kind: v.kind, name: v.name, enabled: v.enabled,
      ...(v.webhook?.trim() ? { webhook: v.webhook.trim() } : {}), ...(v.secret?.trim() ? { secret: v.secret.trim() } : {}),
    }),
    onSuccess: () => { setEditing(null); refresh(); message.success(t('exceptions.settings.saved')); },
    onError: (e) => {
      const fields = fieldErrors<RobotForm>(e);
      if (fields.length) form.setFields(fields);
      else message.error(errorText(e));
    },
  });
  const test = useMutation({ mutationFn: (id: string) => client.call('alerts.robots.test', { id }), onSuccess: (r) => (r.ok ? message.success(r.message) : message.error(r.message)), onSettled: refresh });
  const remove = useMutation({ mutationFn: (id: string) => client.call('alerts.robots.delete', { id }), onSuccess: refresh });
  const kind = Form.useWatch('kind', form);
  const open = (r: RobotView | 'new') => {
    setEditing(r);
    form.setFieldsValue(r === 'new' ? { kind: 'wecom', name: '', enabled: true } : { kind: r.kind, name: r.name, enabled: r.enabled, webhook: '', secret: '' });
  };
  return (
    <>
      <Button type="primary" onClick={() => open('new')} style={{ marginBottom: 8 }} data-testid="robot-add">{t('exceptions.settings.addRobot')}</Button>
      <Table<RobotView> size="small" rowKey="id" pagination={false} dataSource={q.data ?? []} data-testid="robots"
        columns={[
          { title: t('exceptions.settings.robotName'), dataIndex: 'name' },
          { title: t('exceptions.settings.robotKind'), render: (_, r) => t(`exceptions.settings.${r.kind}`) },
          { title: t('exceptions.settings.webhook'), render: (_, r) => (r.webhookSet ? <Tag color="green">{r.host} · {t('exceptions.settings.secretSet')}</Tag> : <Tag>{t('exceptions.settings.secretUnset')}</Tag>) },
          { title: t('exceptions.settings.enabled'), render: (_, r) => <Switch size="small" checked={r.enabled} disabled /> },
          { title: '', render: (_, r) => <span>{t('exceptions.settings.queued', { n: r.queued })} · {t('exceptions.settings.sentHour', { n: r.sentLastHour })}{r.lastError ? <Tag color="red" style={{ marginLeft: 6 }}>{r.lastError}</Tag> : null}</span> },
          { title: '', render: (_, r) => (
            <Space>
              <a onClick={() => open(r)}>{t('exceptions.settings.editRobot')}</a>
              <a onClick={() => test.mutate(r.id)}>{t('exceptions.settings.test')}</a>
              <Popconfirm title={t('exceptions.settings.removeConfirm')} onConfirm={() => remove.mutate(r.id)}><a>{t('exceptions.settings.remove')}</a></Popconfirm>
            </Space>
          ) },
        ]}
      />
      <Modal open={!!editing} title={editing === 'new' ? t('exceptions.settings.addRobot') : t('exceptions.settings.editRobot')} onCancel={() => setEditing(null)}
        onOk={() => void form.validateFields().then((v) => save.mutate(v))} confirmLoading={save.isPending} destroyOnHidden>
        <Form form={form} layout="vertical">
          <Form.Item name="kind" label={t('exceptions.settings.robotKind')}>
            <Radio.Group options={[{ value: 'wecom', label: t('exceptions.settings.wecom') }, { value: 'dingtalk', label: t('exceptions.settings.dingtalk') }]} />
          </Form.Item>
          <Form.Item name="name" label={t('exceptions.settings.robotName')} rules={[{ required: true }]}><Input maxLength={60} data-testid="robot-name" /></Form.Item>
          <Form.Item name="webhook" label={t('exceptions.settings.webhook')} extra={editing !== 'new' ? t('exceptions.settings.keepSecret') : undefined}
            rules={editing === 'new' ? [{ required: true }] : []}><Input.Password autoComplete="off" visibilityToggle={false} data-testid="robot-webhook" /></Form.Item>
          {kind === 'dingtalk' && <Form.Item name="secret" label={t('exceptions.settings.secret')} extra={editing !== 'new' ? t('exceptions.settings.keepSecret') : undefined}><Input.Password autoComplete="off" visibilityToggle={false} /></Form.Item>}
          <Form.Item name="enabled" label={t('exceptions.settings.enabled')} valuePropName="checked"><Switch /></Form.Item>
        </Form>
      </Modal>
    </>
  );
}
