/** What was sent to the robots (or waits), with the delivery id each message carries. */
import { useQuery } from '@tanstack/react-query';
import { Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { DeliveryView } from '../../../src-shared/contract/alerts';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { count } from '../../components/numbers';

const COLOR: Record<DeliveryView['state'], string> = { sent: 'green', sending: 'blue', retry: 'orange', failed: 'red' };

export function OutboxTab() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['alerts.outbox'], queryFn: () => client.call('alerts.outbox', { limit: 200 }) });
  return (
    <Table<DeliveryView> size="small" rowKey="id" dataSource={q.data ?? []} pagination={{ pageSize: 20 }} data-testid="outbox"
      columns={[
        { title: t('exceptions.settings.outbox.at'), render: (_, d) => formatInZone(d.attemptAt).slice(5, 19), width: 130 },
        { title: t('exceptions.settings.outbox.target'), dataIndex: 'targetName', width: 120 },
        { title: t('exceptions.settings.outbox.state'), width: 150, render: (_, d) => <><Tag color={COLOR[d.state]}>{t(`exceptions.settings.state.${d.state}`)}</Tag>{d.resent && <Tag>{t('exceptions.settings.outbox.resent')}</Tag>}</> },
        { title: t('exceptions.settings.outbox.count'), dataIndex: 'alertCount', width: 70, render: count },
        { title: t('exceptions.settings.outbox.attempts'), dataIndex: 'attempts', width: 70 },
        { title: t('exceptions.settings.outbox.id'), dataIndex: 'id', ellipsis: true },
        { title: t('exceptions.settings.outbox.error'), dataIndex: 'lastError', ellipsis: true },
      ]}
    />
  );
}
