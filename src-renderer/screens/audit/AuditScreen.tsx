import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '../../../src-shared/contract';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { useSession } from '../../session/session';

const PAGE = 50;

export function AuditScreen() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [actorId, setActorId] = useState<string | undefined>();
  const [entity, setEntity] = useState<string | undefined>();
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const [page, setPage] = useState(1);
  const filter = {
    actorId,
    entity: entity || undefined,
    from: range?.[0]?.startOf('day').valueOf(),
    to: range?.[1]?.endOf('day').valueOf(),
    offset: (page - 1) * PAGE,
    limit: PAGE,
  };
  const list = useQuery({ queryKey: ['audit.list', filter], queryFn: () => client.call('audit.list', filter) });
  const users = useQuery({ queryKey: ['users.list'], queryFn: () => client.call('users.list', {}), enabled: can('users.manage') });
  const verify = useMutation({ mutationFn: () => client.call('audit.verify', { rows: false }) });

  return (
    <Card
      title={t('audit.title')}
      extra={<Button icon={<SafetyCertificateOutlined />} loading={verify.isPending} onClick={() => verify.mutate()}>{t('audit.verify')}</Button>}
    >
      {verify.data && (
        <Alert
          style={{ marginBottom: 12 }}
          showIcon
          data-testid="audit-verify-result"
          type={verify.data.ok ? 'success' : 'error'}
          title={verify.data.ok ? t('audit.verifyOk', { count: verify.data.checked }) : t('audit.verifyBroken', { count: verify.data.broken.length })}
          description={
            <>
              {verify.data.broken.map((b) => (
                <div key={`${b.fromSeq}-${b.code}`}>
                  {t(b.toSeq > b.fromSeq ? 'audit.verifyRange' : 'audit.verifyOne', { from: b.fromSeq, to: b.toSeq, problem: t(`audit.breaks.${b.code}`) })}
                </div>
              ))}
              {verify.data.keyedFrom !== null && verify.data.checkpoint && (
                <div>{t('audit.verifySealed', { from: verify.data.keyedFrom, seq: verify.data.checkpoint.seq })}</div>
              )}
            </>
          }
        />
      )}
      <Space wrap style={{ marginBottom: 12 }}>
        {users.data && (
          <Select
            allowClear
            placeholder={t('audit.filterActor')}
            style={{ width: 160 }}
            value={actorId}
            onChange={(v) => { setActorId(v); setPage(1); }}
            options={users.data.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
          />
        )}
        <Input.Search allowClear placeholder={t('audit.filterEntity')} style={{ width: 180 }} onSearch={(v) => { setEntity(v.trim()); setPage(1); }} />
        <DatePicker.RangePicker value={range} onChange={(v) => { setRange(v); setPage(1); }} />
      </Space>
      <Table<AuditEntry>
        rowKey="seq"
        size="small"
        loading={list.isLoading}
        dataSource={list.data?.rows ?? []}
        scroll={{ x: 1000 }}
        pagination={{ current: page, pageSize: PAGE, total: list.data?.total ?? 0, showSizeChanger: false, onChange: setPage, showTotal: (n) => t('audit.total', { count: n }) }}
        columns={[
          { title: '#', dataIndex: 'seq', width: 70 },
          { title: t('audit.at'), dataIndex: 'at', width: 170, className: 'nowrap', render: (v: number) => formatInZone(v) },
          { title: t('audit.actor'), dataIndex: 'actorName', width: 110 },
          { title: t('audit.call'), dataIndex: 'call', width: 150 },
          { title: t('audit.entity'), dataIndex: 'entity', width: 100 },
          { title: t('audit.action'), dataIndex: 'action', width: 110 },
          { title: t('audit.reason'), dataIndex: 'reason', width: 120 },
          {
            title: t('audit.detail'),
            render: (_, r) => (
              <Typography.Text style={{ fontSize: 12 }} ellipsis={{ tooltip: true }}>
                {r.before ? `${JSON.stringify(r.before)} → ` : ''}{r.after ? JSON.stringify(r.after) : ''}
              </Typography.Text>
            ),
          },
        ]}
      />
    </Card>
  );
}
