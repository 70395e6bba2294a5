import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Popconfirm, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErpConnectionView, ErpLaneHealth, ErpPullCounts, ErpPushCounts, ErpTestResult } from '../../../src-shared/contract/erp';
import { describeErpReason } from '../../../src-shared/erp-reasons';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { ScheduleForm } from './ScheduleForm';

type Action = { call: 'test' } | { call: 'pull'; what: 'skus' | 'warehouses' | 'stock' } | { call: 'push' } | { call: 'cancel' };

/** Health per lane (last success, failing since, backlog, next retry), the sync buttons with progress, the test, the schedule. */
export function OverviewTab({ connection: c, manage, onEdit, onRemoved }: { connection: ErpConnectionView; manage: boolean; onEdit: () => void; onRemoved: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [tested, setTested] = useState<ErpTestResult | null>(null);
  const when = (ms: number | null) => (ms ? formatInZone(ms) : t('erp.health.never'));

  const act = useMutation({
    mutationFn: async (a: Action): Promise<{ a: Action; r: unknown }> => {
      if (a.call === 'test') return { a, r: await client.call('erp.connections.test', { id: c.id }) };
      if (a.call === 'pull') return { a, r: await client.call('erp.pullNow', { connectionId: c.id, what: a.what, full: true }) };
      if (a.call === 'push') return { a, r: await client.call('erp.pushNow', { connectionId: c.id }) };
      return { a, r: await client.call('erp.cancel', { connectionId: c.id }) };
    },
    onSuccess: ({ a, r }) => {
      if (a.call === 'test') setTested(r as ErpTestResult);
      if (a.call === 'pull') void message.success(t('erp.pullDone', { what: t(`erp.lane.${a.what}`), ...(r as ErpPullCounts) }));
      if (a.call === 'push') void message.success(t('erp.pushDone', { ...(r as ErpPushCounts) }));
      void qc.invalidateQueries({ queryKey: ['erp.connections.list'] });
      void qc.invalidateQueries({ queryKey: ['erp.rejects'] });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const remove = useMutation({
    mutationFn: () => client.call('erp.connections.remove', { id: c.id }),
    onSuccess: () => {
      void message.success(t('erp.act.removed'));
      onRemoved();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const busy = (a: Action) => act.isPending && act.variables?.call === a.call && (a.call !== 'pull' || (act.variables as { what?: string }).what === a.what);
  const running = c.running.filter((j) => j.state === 'running');

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }}>
      {manage && (
        <Space wrap size={6}>
          <Button loading={busy({ call: 'test' })} onClick={() => act.mutate({ call: 'test' })} data-testid="erp-test">{t('erp.act.test')}</Button>
          {(['skus', 'warehouses', 'stock'] as const).map((what) => (
            <Button key={what} loading={busy({ call: 'pull', what })} disabled={!c.mappings.includes(what)} onClick={() => act.mutate({ call: 'pull', what })} data-testid={`erp-pull-${what}`}>
              {t(what === 'skus' ? 'erp.act.pullSkus' : what === 'warehouses' ? 'erp.act.pullWarehouses' : 'erp.act.pullStock')}
            </Button>
          ))}
          <Button type="primary" loading={busy({ call: 'push' })} disabled={c.readOnly || !c.mappings.includes('orders')} onClick={() => act.mutate({ call: 'push' })} data-testid="erp-push">{t('erp.act.push')}</Button>
          {running.length > 0 && <Button danger onClick={() => act.mutate({ call: 'cancel' })}>{t('erp.act.cancel')}</Button>}
          <Button onClick={onEdit}>{t('erp.act.edit')}</Button>
          <Popconfirm title={t('erp.act.removeConfirm', { name: c.name })} onConfirm={() => remove.mutate()} okText={t('erp.act.remove')} cancelText={t('erp.form.cancel')}>
            <Button danger>{t('erp.act.remove')}</Button>
          </Popconfirm>
        </Space>
      )}
      {tested && (
        <Alert
          type={tested.ok ? (tested.textRoundTrip === false ? 'warning' : 'success') : 'error'}
          showIcon
          data-testid="erp-test-result"
          title={tested.ok
            ? t('erp.test.ok', { dbms: tested.dbms ?? '?', version: tested.dbmsVersion ?? '', driver: tested.driver ?? t('erp.test.unknownDriver'), ms: tested.ms })
            : t('erp.test.failed', { message: tested.error ? describeErpReason(tested.error, lang) : '' })}
          description={tested.ok && tested.textRoundTrip !== null ? t(tested.textRoundTrip ? 'erp.test.textOk' : 'erp.test.textBad') : undefined}
        />
      )}
      {running.map((j) => (
        <div key={j.id} data-testid="erp-running">
          <Typography.Text style={{ fontSize: 12 }}>{t('erp.running', { lane: t(`erp.lane.${j.lane}`), done: j.done })}</Typography.Text>
          <Progress percent={j.total ? Math.floor((j.done / j.total) * 100) : 99} status="active" showInfo={false} size="small" />
        </div>
      ))}
      <Table<ErpLaneHealth>
        rowKey="lane"
        size="small"
        pagination={false}
        dataSource={c.health}
        data-testid="erp-health"
        columns={[
          { title: t('erp.health.lane'), width: 110, render: (_, h) => t(`erp.lane.${h.lane}`) },
          {
            title: t('erp.health.state'),
            render: (_, h) =>
              h.failingSince ? (
                <Space direction="vertical" size={0}>
                  <Tag color="red">{t('erp.health.failing', { count: h.failures })}</Tag>
                  {h.lastError && <Typography.Text type="danger" style={{ fontSize: 12 }}>{describeErpReason(h.lastError, lang)}</Typography.Text>}
                </Space>
              ) : h.lastSuccessAt ? <Tag color="green">{t('erp.health.ok')}</Tag> : <Tag>{t('erp.health.idle')}</Tag>,
          },
          { title: t('erp.health.lastSuccess'), width: 150, render: (_, h) => when(h.lastSuccessAt) },
          { title: t('erp.health.failingSince'), width: 150, render: (_, h) => (h.failingSince ? formatInZone(h.failingSince) : '—') },
          { title: t('erp.health.backlog'), width: 70, render: (_, h) => h.backlog },
          { title: t('erp.health.nextAttempt'), width: 150, render: (_, h) => (h.nextAttemptAt ? formatInZone(h.nextAttemptAt) : '—') },
        ]}
      />
      <ScheduleForm connection={c} manage={manage} />
    </Space>
  );
}
