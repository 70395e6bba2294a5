import { DeleteOutlined, EditOutlined, PlusOutlined, SyncOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Modal, Popconfirm, Select, Space, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportSource } from '../../../src-shared/contract/imports';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText, fieldErrors } from '../../components/errors';
import { usePunctuation } from '../../i18n/punctuation';
import { STATE_COLOR } from './JobView';
import { SchedulePicker, scheduleText } from './SchedulePicker';

/** The Electron window's folder picker (through the preload); absent in a browser on the headless host. */
const picker = typeof window !== 'undefined' ? window.orderhub?.pickFolder : undefined;

interface Values {
  folder: string;
  schedule: string;
  templateId?: string;
  channelId?: string;
  enabled: boolean;
}

/** The owner's folder sources: a shared-drive folder, a schedule or on-arrival, a template. */
export function SourcesPanel() {
  const { t } = useTranslation();
  const p = usePunctuation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [editing, setEditing] = useState<ImportSource | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const sources = useQuery({ queryKey: ['imports.sources'], queryFn: () => client.call('imports.sources', {}) }); // fresh from jobs.progress events
  const templates = useQuery({ queryKey: ['imports.templates'], queryFn: () => client.call('imports.templates', {}) });
  // The shops a folder's orders may go into (a file never lands in a shop nobody chose).
  const shops = useQuery({ queryKey: ['orders.facets'], queryFn: () => client.call('orders.facets', {}), staleTime: 60_000 });
  const refresh = () => void qc.invalidateQueries({ queryKey: ['imports.sources'] });

  const save = useMutation({
    mutationFn: (v: Values) => client.call('imports.saveSource', {
      ...(editing && editing !== 'new' ? { id: editing.id } : {}),
      folder: v.folder, schedule: v.schedule, enabled: v.enabled, ...(v.templateId ? { templateId: v.templateId } : {}), ...(v.channelId ? { channelId: v.channelId } : {}),
    }),
    onSuccess: () => {
      setEditing(null);
      refresh();
      void message.success(t('imports.sources.saved'));
    },
    onError: (e) => {
      const f = fieldErrors<Values>(e);
      if (f.length) form.setFields(f);
      else void message.error(errorText(e));
    },
  });
  const remove = useMutation({ mutationFn: (id: string) => client.call('imports.deleteSource', { id }), onSuccess: refresh, onError: (e) => void message.error(errorText(e)) });
  const runNow = useMutation({
    mutationFn: (id: string) => client.call('imports.runSource', { id }),
    onSuccess: (r) => {
      refresh();
      void qc.invalidateQueries({ queryKey: ['imports.jobs'] });
      void message.info(r.jobIds.length ? t('imports.sources.started', { count: r.jobIds.length }) : t('imports.sources.nothingNew'));
    },
    onError: (e) => void message.error(errorText(e)),
  });

  const open = (s: ImportSource | 'new') => {
    setEditing(s);
    form.setFieldsValue(s === 'new'
      ? { folder: '', schedule: '0 8 * * *', enabled: true, templateId: undefined, channelId: undefined }
      : { folder: s.folder, schedule: s.schedule, enabled: s.enabled, templateId: s.templateId ?? undefined, channelId: s.channelId ?? undefined });
  };
  const failing = (sources.data ?? []).filter((s) => s.lastJob?.state === 'failed');

  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      {failing.map((s) => (
        <Alert key={s.id} type="error" showIcon title={`${s.folder}${p.colon}${t('imports.sources.failedWarning', { message: s.lastJob?.message ?? '' })}`} />
      ))}
      <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>{t('imports.sources.add')}</Button>
      <Table<ImportSource>
        size="small"
        rowKey="id"
        loading={sources.isLoading}
        dataSource={sources.data ?? []}
        pagination={false}
        columns={[
          { title: t('imports.sources.folder'), dataIndex: 'folder', ellipsis: true },
          { title: t('imports.sources.schedule'), dataIndex: 'schedule', width: 120, render: (v: string) => scheduleText(v, t) },
          { title: t('imports.sources.template'), dataIndex: 'templateName', width: 140, render: (v: string | null) => v ?? t('imports.sources.auto') },
          { title: t('imports.sources.enabled'), dataIndex: 'enabled', width: 70, render: (v: boolean) => (v ? <Tag color="green">✓</Tag> : <Tag>—</Tag>) },
          { title: t('imports.sources.lastRun'), dataIndex: 'lastRunAt', width: 160, render: (v: number | null) => (v ? formatInZone(v) : t('imports.sources.never')) },
          {
            title: t('imports.sources.lastJob'), width: 200, ellipsis: true,
            render: (_, s) => s.lastJob && <Space size={4}><Tag color={STATE_COLOR[s.lastJob.state]}>{t(`imports.state.${s.lastJob.state}`)}</Tag>{s.lastJob.fileName}</Space>,
          },
          {
            title: '', width: 200,
            render: (_, s) => (
              <Space size={4}>
                <Button size="small" icon={<SyncOutlined />} loading={runNow.isPending && runNow.variables === s.id} onClick={() => runNow.mutate(s.id)}>{t('imports.sources.runNow')}</Button>
                <Button size="small" icon={<EditOutlined />} onClick={() => open(s)} />
                <Popconfirm title={t('imports.sources.deleteConfirm')} onConfirm={() => remove.mutate(s.id)}>
                  <Button size="small" danger icon={<DeleteOutlined />} />
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('imports.sources.add') : t('imports.sources.edit')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        destroyOnHidden
        forceRender
      >
        <Form<Values> form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
          {/* In Electron the folder comes from the system's folder picker; the headless host (a browser) types the path. */}
          <Form.Item label={t('imports.sources.folder')} required>
            <Space.Compact style={{ width: '100%' }}>
              <Form.Item name="folder" noStyle rules={[{ required: true, message: t('imports.sources.folderPlaceholder') }]}>
                <Input placeholder={t('imports.sources.folderPlaceholder')} readOnly={!!picker} aria-label={t('imports.sources.folder')} />
              </Form.Item>
              {picker && (
                <Button data-testid="pick-folder" onClick={async () => {
                  const folder = await picker();
                  if (folder) form.setFieldsValue({ folder });
                }}>{t('importChoice.pickFolder')}</Button>
              )}
            </Space.Compact>
          </Form.Item>
          <Form.Item name="schedule" label={t('imports.sources.schedule')} rules={[{ required: true }]}>
            <SchedulePicker />
          </Form.Item>
          <Form.Item name="templateId" label={t('imports.sources.template')}>
            <Select allowClear placeholder={t('imports.sources.auto')} options={(templates.data ?? []).map((tp) => ({ value: tp.id, label: tp.name }))} />
          </Form.Item>
          <Form.Item name="channelId" label={t('importChoice.shop')} extra={t('importChoice.sourceShopHelp')}>
            <Select allowClear data-testid="source-shop" placeholder={t('importChoice.sourceShopAuto')} options={(shops.data?.channels ?? []).map((c) => ({ value: c.id, label: c.name }))} />
          </Form.Item>
          <Form.Item name="enabled" label={t('imports.sources.enabled')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </Space>
  );
}
