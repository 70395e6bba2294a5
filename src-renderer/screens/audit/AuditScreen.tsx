import { SafetyCertificateOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, DatePicker, Input, Select, Space, Table, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JournalEntry } from '../../../src-shared/contract/audit';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { usePunctuation } from '../../i18n/punctuation';
import { useSession } from '../../session/session';

const PAGE = 50;

export function AuditScreen() {
  const { t } = useTranslation();
  const p = usePunctuation();
  const { can } = useSession();
  const [actorId, setActorId] = useState<string | undefined>();
  const [q, setQ] = useState('');
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  // Pages are chain positions: the stack holds where each page we came through began.
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const before = cursors.at(-1);
  const restart = () => setCursors([undefined]);
  const filter = {
    actorId,
    q: q || undefined,
    from: range?.[0]?.startOf('day').valueOf(),
    to: range?.[1]?.endOf('day').valueOf(),
    before,
    limit: PAGE,
  };
  const list = useQuery({ queryKey: ['audit.journal', filter], queryFn: () => client.call('audit.journal', filter) });
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
        <Input.Search
          allowClear
          data-testid="audit-search"
          placeholder={t('audit.search')}
          style={{ width: 260 }}
          onSearch={(v) => { setQ(v.trim()); restart(); }}
        />
        {users.data && (
          <Select
            allowClear
            placeholder={t('audit.filterActor')}
            style={{ width: 160 }}
            value={actorId}
            onChange={(v) => { setActorId(v); restart(); }}
            options={users.data.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
          />
        )}
        <DatePicker.RangePicker value={range} onChange={(v) => { setRange(v); restart(); }} />
      </Space>
      <Table<JournalEntry>
        rowKey="seqTo"
        size="small"
        data-testid="audit-journal"
        loading={list.isLoading}
        dataSource={list.data?.entries ?? []}
        pagination={false}
        expandable={{
          rowExpandable: (r) => r.objects.length > 1,
          expandedRowRender: (r) => (
            <Typography.Paragraph style={{ margin: 0 }} data-testid="audit-objects">
              {p.list(r.objects)}{r.count > r.objects.length ? t('audit.andMore', { count: r.count - r.objects.length }) : ''}
            </Typography.Paragraph>
          ),
        }}
        columns={[
          { title: t('audit.at'), dataIndex: 'at', width: 160, render: (v: number) => formatInZone(v) },
          { title: t('audit.actor'), dataIndex: 'actor', width: 110 },
          {
            title: t('audit.what'),
            render: (_, r) => (
              <span data-testid="audit-entry">
                <Typography.Text strong>{r.action}</Typography.Text> {r.subject}
                {r.changes && <Typography.Text type="secondary">{t('audit.colon')}{r.changes}</Typography.Text>}
              </span>
            ),
          },
          { title: t('audit.reason'), dataIndex: 'reason', width: 160, ellipsis: true },
        ]}
      />
      <Space style={{ marginTop: 12 }}>
        <Button disabled={cursors.length < 2} onClick={() => setCursors((c) => c.slice(0, -1))}>{t('audit.newer')}</Button>
        <Button disabled={!list.data?.next} onClick={() => setCursors((c) => [...c, list.data!.next!])} data-testid="audit-older">{t('audit.older')}</Button>
      </Space>
    </Card>
  );
}
