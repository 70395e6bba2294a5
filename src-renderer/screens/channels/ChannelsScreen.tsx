import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Progress, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ChannelView } from '../../../src-shared/contract/channels';
import { CHANNEL_KIND_LABELS } from '../../../src-shared/orders';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { punctuation } from '../../i18n/punctuation';
import { useSession } from '../../session/session';
import { AuthorizeButton } from './AuthorizeButton';
import { AuthState } from './AuthState';
import { ChannelDetail } from './ChannelDetail';
import { ChannelForm } from './ChannelForm';
import { ConfirmHealthReason, ConfirmHealthTags } from './ConfirmHealth';
import { CustomEndpointsSwitch } from './CustomEndpointsSwitch';

const STATE_COLOR = { active: 'green', paused: 'default', reauth: 'red', error: 'orange' } as const;

/** Shops and their health: last success, last error in words, next poll, orders/min, backfill progress. */
export function ChannelsScreen() {
  const { t, i18n } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const p = punctuation(lang);
  const manage = can('channels.manage');
  const [editing, setEditing] = useState<ChannelView | 'new' | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['channels.list'], queryFn: () => client.call('channels.list', {}) }); // fresh from channels.health events
  const refresh = () => void qc.invalidateQueries({ queryKey: ['channels.list'] });
  const act = useMutation({
    mutationFn: async ({ call, id }: { call: 'channels.pollNow' | 'channels.test' | 'channels.pause' | 'channels.resume'; id: string }) => ({ call, r: await client.call(call, { id }) }),
    onSuccess: ({ call, r }) => {
      if (call === 'channels.pollNow' && 'windows' in r) {
        if (r.error) void message.warning(t('channels.pollFailed', { message: r.error }));
        else void message.success(t('channels.pollDone', { ...r } as Record<string, unknown>));
        void qc.invalidateQueries({ queryKey: ['channels.coverage'] });
        void qc.invalidateQueries({ queryKey: ['channels.quarantine'] });
      }
      if (call === 'channels.test' && 'ok' in r) {
        if (r.ok) void message.success(t('channels.testOk', { shop: r.shopName ? `${p.colon}${r.shopName}` : '' }));
        else void message.error(t('channels.testFailed', { message: r.error }));
      }
      refresh();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const busy = (call: string, id: string) => act.isPending && act.variables?.call === call && act.variables.id === id;
  const when = (ms: number | null) => (ms ? formatInZone(ms) : t('channels.never'));

  return (
    <Card
      title={t('channels.title')}
      extra={
        <Space size={16}>
          <CustomEndpointsSwitch />
          {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="channel-add">{t('channels.add')}</Button>}
        </Space>
      }
    >
      {list.data && !list.data.length ? (
        <Empty description={t('channels.empty')} />
      ) : (
        <Table<ChannelView>
          rowKey="id"
          size="small"
          loading={list.isLoading}
          dataSource={list.data ?? []}
          pagination={false}
          scroll={{ x: 1080 }}
          data-testid="channels-table"
          expandable={{
            expandedRowKeys: open ? [open] : [],
            onExpand: (expanded, r) => setOpen(expanded ? r.id : null),
            expandedRowRender: (r) => <ChannelDetail channel={r} />,
          }}
          columns={[
            {
              title: t('channels.name'), dataIndex: 'name', width: 180,
              render: (name: string, r) => (
                <Space direction="vertical" size={0}>
                  <Typography.Text strong>{name}</Typography.Text>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{CHANNEL_KIND_LABELS[r.kind][lang]}</Typography.Text>
                </Space>
              ),
            },
            {
              title: t('channels.health'),
              render: (_, r) => <Health channel={r} />,
            },
            { title: t('channels.lastSuccess'), width: 150, render: (_, r) => when(r.health.lastSuccessAt) },
            { title: t('channels.nextPoll'), width: 150, render: (_, r) => (r.health.polling ? t('channels.polling') : r.health.nextPollAt ? formatInZone(r.health.nextPollAt) : '—') },
            { title: t('channels.ordersPerMinute'), width: 70, render: (_, r) => r.health.ordersPerMinute },
            {
              title: '', width: 300, fixed: 'right' as const,
              render: (_, r) => manage && (
                <Space size={4} wrap>
                  <Button size="small" type="primary" loading={busy('channels.pollNow', r.id)} disabled={r.paused} onClick={() => act.mutate({ call: 'channels.pollNow', id: r.id })}>{t('channels.pollNow')}</Button>
                  {r.authMode && !r.demo && r.poller.thisPc && <AuthorizeButton channel={r} />}
                  {!r.demo && <Button size="small" loading={busy('channels.test', r.id)} onClick={() => act.mutate({ call: 'channels.test', id: r.id })}>{t('channels.test')}</Button>}
                  {r.paused
                    ? <Button size="small" onClick={() => act.mutate({ call: 'channels.resume', id: r.id })}>{t('channels.resume')}</Button>
                    : <Button size="small" onClick={() => act.mutate({ call: 'channels.pause', id: r.id })}>{t('channels.pause')}</Button>}
                  <Button size="small" onClick={() => setEditing(r)}>{t('channels.edit')}</Button>
                </Space>
              ),
            },
          ]}
        />
      )}
      {editing && <ChannelForm editing={editing} onClose={() => { setEditing(null); refresh(); }} />}
    </Card>
  );
}

function Health({ channel: r }: { channel: ChannelView }) {
  const { t } = useTranslation();
  const h = r.health;
  return (
    <Space direction="vertical" size={2} style={{ width: '100%' }} data-testid={`health-${r.id}`}>
      <Space size={4} wrap>
        <Tag color={STATE_COLOR[h.state]} data-testid="channel-state">{t(`channels.state.${h.state}`)}</Tag>
        {h.gaps > 0 && <Tag color="red">{t('channels.gapsWarning', { count: h.gaps })}</Tag>}
        {h.openQuarantine > 0 && <Tag color="orange">{t('channels.quarantineWarning', { count: h.openQuarantine })}</Tag>}
        {h.unmappedStatuses > 0 && <Tag color="gold">{t('channels.unmappedWarning', { count: h.unmappedStatuses })}</Tag>}
        <ConfirmHealthTags c={h.confirmations} />
      </Space>
      <AuthState channel={r} />
      {h.backfill && (
        <Tooltip title={`${formatInZone(h.backfill.from)} → ${formatInZone(h.backfill.to)}`}>
          <div data-testid="backfill-progress">
            <Typography.Text style={{ fontSize: 12 }}>{t('channels.backfill', { percent: Math.floor(h.backfill.progress * 100) })}</Typography.Text>
            <Progress percent={Math.floor(h.backfill.progress * 100)} size="small" status="active" showInfo={false} />
          </div>
        </Tooltip>
      )}
      {h.lastError && h.state !== 'active' && (
        <Alert type={h.state === 'reauth' ? 'error' : 'warning'} showIcon style={{ padding: '2px 8px', fontSize: 12 }} title={h.lastError} data-testid="channel-last-error" />
      )}
      <ConfirmHealthReason c={h.confirmations} />
    </Space>
  );
}
