/** 试运行: replay the rules over a period — progress, counts by action, the first orders that fired, the CSV. */
import { DownloadOutlined, PlayCircleOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, DatePicker, Progress, Radio, Space, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DryRunJob, DryRunSampleRow } from '../../../src-shared/contract/rules';
import { URGENCY_LABELS, type Urgency } from '../../../src-shared/orders';
import { REVIEW_REASON_LABELS, type ReviewReason, type Rule } from '../../../src-shared/rules';
import { describeFacts, describeReason } from '../../../src-shared/rules-words';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { punctuation, usePunctuation } from '../../i18n/punctuation';
import { downloadBase64 } from '../orders/download';

export function DryRunPanel({ draft, dirty }: { draft: Rule[]; dirty: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().subtract(7, 'day').startOf('day'), dayjs().endOf('day')]);
  const [which, setWhich] = useState<'draft' | 'current'>('draft');
  const [jobId, setJobId] = useState<string | null>(null);
  const start = useMutation({
    mutationFn: () => client.call('rules.dryRun', {
      from: range[0].startOf('day').valueOf(), to: range[1].endOf('day').valueOf() + 1, ...(which === 'draft' ? { rules: draft } : {}),
    }),
    onSuccess: (r) => setJobId(r.jobId),
  });
  const job = useQuery({
    queryKey: ['rules.dryRunStatus', jobId],
    queryFn: () => client.call('rules.dryRunStatus', { jobId: jobId! }),
    enabled: !!jobId, // fresh from the job's progress events (useLiveUpdates)
  });
  const cancel = useMutation({ mutationFn: () => client.call('rules.dryRunCancel', { jobId: jobId! }) });
  const csv = useMutation({ mutationFn: () => client.call('rules.dryRunCsv', { jobId: jobId! }), onSuccess: (r) => downloadBase64(r.fileName, r.contentBase64) });
  const j = job.data;
  const names = new Map((j?.warehouses ?? []).map((w) => [w.id, w.name]));
  const keyWords = (k: string) => {
    const [head, v = ''] = k.split(/:(.*)/s);
    const shown = head === 'route' ? names.get(v) ?? v : head === 'hold' ? REVIEW_REASON_LABELS[v as ReviewReason]?.[lang] ?? v : head === 'urgency' ? URGENCY_LABELS[v as Urgency]?.[lang] ?? v : v;
    return t(`rules.dry.key.${head}`, { v: shown, defaultValue: k });
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle">
      <Typography.Text type="secondary">{t('rules.dry.intro')}</Typography.Text>
      <Space wrap size="large">
        <Space direction="vertical" size={2}>
          <Typography.Text>{t('rules.dry.period')}</Typography.Text>
          <div data-testid="dry-range">
            <DatePicker.RangePicker value={range} allowClear={false} onChange={(v) => v?.[0] && v[1] && setRange([v[0], v[1]])} />
          </div>
        </Space>
        <Space direction="vertical" size={2}>
          <Typography.Text>{t('rules.dry.which')}</Typography.Text>
          <Radio.Group value={which} onChange={(e) => setWhich(e.target.value as 'draft' | 'current')}
            options={[{ value: 'draft', label: `${t('rules.dry.draft')}${dirty ? ' *' : ''}` }, { value: 'current', label: t('rules.dry.current') }]} />
        </Space>
        <Space>
          <Button type="primary" icon={<PlayCircleOutlined />} loading={start.isPending || j?.state === 'running'} onClick={() => start.mutate()} data-testid="dry-run">{t('rules.dry.run')}</Button>
          {j?.state === 'running' && <Button icon={<StopOutlined />} onClick={() => cancel.mutate()}>{t('rules.dry.cancel')}</Button>}
        </Space>
      </Space>
      {start.isError && <Alert type="error" showIcon title={errorText(start.error)} />}
      {j && <JobSummary job={j} keyWords={keyWords} onCsv={() => csv.mutate()} csvLoading={csv.isPending} />}
      {j && j.sample.length > 0 && <SampleTable rows={j.sample} lang={lang} names={names} />}
      {j && j.state === 'done' && j.sample.length === 0 && <Alert type="info" showIcon title={t('rules.dry.none')} />}
    </Space>
  );
}

function JobSummary({ job, keyWords, onCsv, csvLoading }: { job: DryRunJob; keyWords: (k: string) => string; onCsv: () => void; csvLoading: boolean }) {
  const { t } = useTranslation();
  const p = usePunctuation();
  const pct = job.total ? Math.round((job.processed / job.total) * 100) : job.state === 'running' ? 0 : 100;
  const status = job.state === 'failed' ? 'exception' : job.state === 'running' ? 'active' : 'success';
  const sec = job.finishedAt ? ((job.finishedAt - job.startedAt) / 1000).toFixed(1) : '';
  return (
    <div data-testid="dry-job" data-state={job.state}>
      <Progress percent={pct} status={status} />
      <Space wrap split="·">
        <Typography.Text>{t('rules.dry.progress', { processed: job.processed.toLocaleString(), total: job.total.toLocaleString() })}</Typography.Text>
        {job.firstResultMs !== null && <Typography.Text type="secondary">{t('rules.dry.first', { ms: job.firstResultMs })}</Typography.Text>}
        {job.state === 'done' && <Typography.Text type="success">{t('rules.dry.done', { total: job.total.toLocaleString(), sec })}</Typography.Text>}
        {job.state === 'cancelled' && <Typography.Text type="warning">{t('rules.dry.cancelled')}</Typography.Text>}
        {job.state === 'failed' && <Typography.Text type="danger">{t('rules.dry.failed', { error: job.error })}</Typography.Text>}
        {job.state !== 'running' && <Button size="small" icon={<DownloadOutlined />} loading={csvLoading} onClick={onCsv} data-testid="dry-csv">{t('rules.dry.csv')}</Button>}
      </Space>
      <div style={{ marginTop: 8 }} data-testid="dry-counts">
        <Typography.Text strong>{t('rules.dry.counts')}{p.colon}</Typography.Text>
        {Object.entries(job.counts).sort((a, b) => b[1] - a[1]).map(([k, n]) => <Tag key={k} style={{ marginBottom: 4 }}>{keyWords(k)} <b>{n.toLocaleString()}</b></Tag>)}
      </div>
    </div>
  );
}

function SampleTable({ rows, lang, names }: { rows: DryRunSampleRow[]; lang: 'zh' | 'en'; names: Map<string, string> }) {
  const { t } = useTranslation();
  const p = punctuation(lang);
  return (
    <Table<DryRunSampleRow>
      size="small"
      rowKey="orderId"
      data-testid="dry-sample"
      title={() => t('rules.dry.sample', { count: rows.length })}
      dataSource={rows}
      pagination={{ pageSize: 8, showSizeChanger: false }}
      scroll={{ x: 1000 }}
      columns={[
        { title: t('rules.dry.col.order'), dataIndex: 'platformOrderId', width: 170 },
        { title: t('rules.dry.col.paidAt'), dataIndex: 'paidAt', width: 150, render: (v: number) => formatInZone(v) },
        { title: t('rules.dry.col.fired'), width: 160, render: (_, r) => r.fired.map((f) => f.name).join(p.semicolon) },
        { title: t('rules.dry.col.why'), render: (_, r) => <Typography.Text style={{ fontSize: 12 }}>{r.fired.map((f) => describeFacts(f.facts, lang)).filter(Boolean).join(p.semicolon)}</Typography.Text> },
        {
          title: t('rules.dry.col.change'),
          render: (_, r) => (
            <Typography.Text style={{ fontSize: 12 }}>
              {[
                ...r.addTags.map((v) => t('rules.dry.changeTags', { v })),
                ...(r.urgency ? [t('rules.dry.changeUrgency', { v: URGENCY_LABELS[r.urgency][lang] })] : []),
                ...(r.assignTo ? [t('rules.dry.changeAssign', { v: r.assignTo })] : []),
                ...r.holds.map((h) => describeReason(h, lang, (id) => names.get(id) ?? id)),
                ...r.warehouses.map((w) => t('rules.dry.changeRoute', { v: w.warehouseName, day: w.shipDay })),
              ].join(p.semicolon)}
            </Typography.Text>
          ),
        },
      ]}
    />
  );
}
