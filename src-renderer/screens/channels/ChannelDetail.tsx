import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChannelView, QuarantineView, UnmappedStatusView } from '../../../src-shared/contract/channels';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { useSession } from '../../session/session';
import { CoverageView } from './CoverageView';
import { PollerPanel } from './PollerPanel';

/** One shop's coverage ledger, quarantine, unmapped status words and which PC polls it. */
export function ChannelDetail({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation();
  return (
    <Tabs
      size="small"
      items={[
        { key: 'coverage', label: t('channels.tabs.coverage'), children: <CoverageView channelId={channel.id} /> },
        { key: 'quarantine', label: `${t('channels.tabs.quarantine')} (${channel.health.openQuarantine})`, children: <QuarantineList channelId={channel.id} /> },
        { key: 'unmapped', label: `${t('channels.tabs.unmapped')} (${channel.health.unmappedStatuses})`, children: <UnmappedList channelId={channel.id} /> },
        { key: 'poller', label: t('sync.poller.title'), children: <PollerPanel channel={channel} /> },
      ]}
    />
  );
}

function QuarantineList({ channelId }: { channelId: string }) {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['channels.quarantine', channelId], queryFn: () => client.call('channels.quarantine', { id: channelId }) });
  const reprocess = useMutation({
    mutationFn: () => client.call('channels.reprocess', { id: channelId }),
    onSuccess: (r) => {
      void message.success(t('channels.quarantine.reprocessDone', { tried: r.tried, ingested: r.ingested, still: r.stillQuarantined }));
      void qc.invalidateQueries({ queryKey: ['channels.quarantine', channelId] });
      void qc.invalidateQueries({ queryKey: ['channels.list'] });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <>
      {can('channels.manage') && (
        <Button size="small" style={{ marginBottom: 8 }} loading={reprocess.isPending} onClick={() => reprocess.mutate()}>
          {t('channels.quarantine.reprocess')}
        </Button>
      )}
      <Table<QuarantineView>
        rowKey="id"
        size="small"
        data-testid="quarantine-list"
        loading={list.isLoading}
        dataSource={list.data ?? []}
        locale={{ emptyText: t('channels.quarantine.empty') }}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        expandable={{ expandedRowRender: (q) => <Typography.Paragraph copyable code style={{ whiteSpace: 'pre-wrap', fontSize: 12 }}>{q.payload}</Typography.Paragraph> }}
        columns={[
          { title: t('channels.quarantine.receivedAt'), dataIndex: 'receivedAt', width: 160, render: (v: number) => formatInZone(v) },
          { title: t('channels.quarantine.orderId'), dataIndex: 'platformOrderId', width: 190 },
          { title: t('channels.quarantine.field'), dataIndex: 'field', width: 140, render: (v: string) => <code>{v}</code> },
          { title: t('channels.quarantine.value'), dataIndex: 'value', width: 140, ellipsis: true },
          { title: t('channels.quarantine.reason'), dataIndex: 'reason' },
          { title: t('channels.quarantine.attempts'), dataIndex: 'attempts', width: 70 },
        ]}
      />
    </>
  );
}

function UnmappedList({ channelId }: { channelId: string }) {
  const { t } = useTranslation();
  const list = useQuery({ queryKey: ['channels.unmapped', channelId], queryFn: () => client.call('channels.unmapped', { id: channelId }) });
  return (
    <Table<UnmappedStatusView>
      rowKey="platformStatus"
      size="small"
      loading={list.isLoading}
      dataSource={list.data ?? []}
      locale={{ emptyText: t('channels.unmapped.empty') }}
      pagination={false}
      columns={[
        { title: t('channels.unmapped.status'), dataIndex: 'platformStatus', render: (v: string) => <code>{v}</code> },
        { title: t('channels.unmapped.count'), dataIndex: 'count', width: 100 },
        { title: t('channels.unmapped.lastSeen'), dataIndex: 'lastSeenAt', width: 170, render: (v: number) => formatInZone(v) },
        { title: t('channels.unmapped.sample'), dataIndex: 'samplePlatformOrderId', width: 200 },
      ]}
    />
  );
}
