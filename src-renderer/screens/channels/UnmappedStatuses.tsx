import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelView, StatusOverrideView, UnmappedStatusView } from '../../../src-shared/contract/channels';
import { PLATFORM_PHASE_LABELS, PLATFORM_PHASES, type PlatformPhase } from '../../../src-shared/orders';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText, fieldErrors } from '../../components/errors';
import { useSession } from '../../session/session';
import { count } from '../../components/numbers';

/**
 * Platform status words the dictionary does not know, seen on this shop; a manager sets the order
 * status each one means (a team-wide override) and the held orders are processed again.
 */
export function UnmappedStatuses({ channel }: { channel: ChannelView }) {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [mapping, setMapping] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['channels.unmapped', channel.id], queryFn: () => client.call('channels.unmapped', { id: channel.id }) });
  const overrides = useQuery({ queryKey: ['channels.statusOverrides', channel.kind], queryFn: () => client.call('channels.statusOverrides', { kind: channel.kind }) });
  return (
    <>
      <Table<UnmappedStatusView>
        rowKey="platformStatus"
        size="small"
        data-testid="unmapped-list"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('channels.unmapped.empty') }}
        pagination={false}
        columns={[
          { title: t('channels.unmapped.status'), dataIndex: 'platformStatus' },
          { title: t('channels.unmapped.count'), dataIndex: 'count', width: 100, render: count },
          { title: t('channels.unmapped.lastSeen'), dataIndex: 'lastSeenAt', width: 170, render: (v: number) => formatInZone(v) },
          { title: t('channels.unmapped.sample'), dataIndex: 'samplePlatformOrderId', width: 200 },
          ...(can('channels.manage')
            ? [{ title: '', width: 130, render: (_: unknown, r: UnmappedStatusView) => <Button size="small" type="primary" onClick={() => setMapping(r.platformStatus)}>{t('channels.unmapped.map')}</Button> }]
            : []),
        ]}
      />
      {!!overrides.data?.length && (
        <>
          <Typography.Text type="secondary" style={{ display: 'block', margin: '12px 0 4px' }}>{t('channels.unmapped.overrides')}</Typography.Text>
          <Table<StatusOverrideView>
            rowKey="platformStatus"
            size="small"
            pagination={false}
            data-testid="status-overrides"
            dataSource={overrides.data}
            columns={[
              { title: t('channels.unmapped.status'), dataIndex: 'platformStatus' },
              { title: t('channels.unmapped.zh'), dataIndex: 'zh' },
              { title: t('channels.unmapped.standard'), dataIndex: 'standard', render: (v: PlatformPhase) => PLATFORM_PHASE_LABELS[v][lang] },
            ]}
          />
        </>
      )}
      {mapping && <MapStatusDialog channel={channel} word={mapping} onClose={() => setMapping(null)} />}
    </>
  );
}

function MapStatusDialog({ channel, word, onClose }: { channel: ChannelView; word: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [form] = Form.useForm<{ standard: PlatformPhase; zh: string }>();
  const save = useMutation({
    mutationFn: (v: { standard: PlatformPhase; zh: string }) => client.call('channels.mapStatus', { id: channel.id, platformStatus: word, ...v }),
    onSuccess: (r) => {
      void message.success(t('channels.unmapped.mapped', { word: r.override.zh, status: PLATFORM_PHASE_LABELS[r.override.standard][lang], remapped: r.remapped }));
      for (const key of ['channels.unmapped', 'channels.statusOverrides', 'channels.list']) void qc.invalidateQueries({ queryKey: [key] });
      onClose();
    },
    onError: (e) => {
      form.setFields(fieldErrors(e));
      void message.error(errorText(e));
    },
  });
  return (
    <Modal
      open
      title={t('channels.unmapped.mapTitle', { word })}
      okText={t('channels.unmapped.save')}
      cancelText={t('channels.form.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      data-testid="map-status"
    >
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}>
        <Form.Item name="standard" label={t('channels.unmapped.standard')} rules={[{ required: true, message: t('channels.form.required') }]}>
          <Select id="map-standard" options={PLATFORM_PHASES.map((s) => ({ value: s, label: PLATFORM_PHASE_LABELS[s][lang] }))} />
        </Form.Item>
        <Form.Item name="zh" label={t('channels.unmapped.zh')} extra={t('channels.unmapped.zhHelp')} rules={[{ required: true, whitespace: true, message: t('channels.form.required') }]}>
          <Input id="map-zh" maxLength={60} />
        </Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('channels.unmapped.mapHelp')}</Typography.Text>
      </Form>
    </Modal>
  );
}
