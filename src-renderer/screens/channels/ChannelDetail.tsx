import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Table, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChannelView, QuarantineView } from '../../../src-shared/contract/channels';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { useSession } from '../../session/session';
import { CoverageView } from './CoverageView';
import { PollerPanel } from './PollerPanel';
import { PrintingPanel } from './PrintingPanel';
import { UnmappedStatuses } from './UnmappedStatuses';

/** One shop's reconciliation (coverage ledger), data to fix (quarantine), unknown status words, which PC polls it and what its sheets print. */
export function ChannelDetail({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation();
  return (
    <Tabs
      size="small"
      items={[
        { key: 'coverage', label: t('channels.tabs.coverage'), children: <CoverageView channelId={channel.id} /> },
        { key: 'quarantine', label: `${t('channels.tabs.quarantine')} (${channel.health.openQuarantine})`, children: <QuarantineList channelId={channel.id} /> },
        { key: 'unmapped', label: `${t('channels.tabs.unmapped')} (${channel.health.unmappedStatuses})`, children: <UnmappedStatuses channel={channel} /> },
        { key: 'poller', label: t('sync.poller.title'), children: <PollerPanel channel={channel} /> },
        { key: 'printing', label: t('channels.tabs.printing'), children: <PrintingPanel channel={channel} /> },
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
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('channels.quarantine.help')}</Typography.Paragraph>
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
