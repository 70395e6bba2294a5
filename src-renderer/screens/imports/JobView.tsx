import { DownloadOutlined, StopOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Popconfirm, Progress, Row, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportJob, ImportJobState, ImportReject } from '../../../src-shared/contract/imports';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { downloadBase64 } from '../orders/download';

const ACTIVE: ImportJobState[] = ['queued', 'reading', 'importing'];
export const STATE_COLOR: Record<ImportJobState, string> = {
  queued: 'default', reading: 'processing', importing: 'processing', done: 'success', failed: 'error', cancelled: 'warning',
};
const PAGE = 50;

/** One job: progress while it runs (pushed), then its counts and its rejected rows. */
export function JobView({ jobId }: { jobId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const status = useQuery({
    queryKey: ['imports.status', jobId],
    queryFn: () => client.call('imports.status', { jobId }), // fresh from jobs.progress events
  });
  const job = status.data;
  const finished = !!job && !ACTIVE.includes(job.state);
  const cancel = useMutation({
    mutationFn: () => client.call('imports.cancel', { jobId }),
    onSuccess: (j) => qc.setQueryData(['imports.status', jobId], j),
    onError: (e) => void message.error(errorText(e)),
  });
  const report = useMutation({
    mutationFn: () => client.call('imports.rejectReport', { jobId }),
    onSuccess: (r) => downloadBase64(r.fileName, r.contentBase64),
    onError: (e) => void message.error(errorText(e)),
  });

  if (status.isError) return <Alert type="error" showIcon title={errorText(status.error)} />;
  if (!job) return <Card loading />;
  const percent = job.state === 'done' ? 100 : Math.round(job.progress * 100);

  return (
    <Card
      size="small"
      data-testid="import-job"
      data-state={job.state}
      title={<Space>{job.fileName}<Tag color={STATE_COLOR[job.state]} data-testid="import-job-state">{t(`imports.state.${job.state}`)}</Tag>{job.templateName && <Tag>{job.templateName}</Tag>}</Space>}
      extra={!finished && (
        <Popconfirm title={t('imports.cancelConfirm')} onConfirm={() => cancel.mutate()}>
          <Button danger size="small" icon={<StopOutlined />} loading={cancel.isPending}>{t('imports.cancel')}</Button>
        </Popconfirm>
      )}
    >
      <Progress
        percent={percent}
        status={job.state === 'failed' ? 'exception' : finished ? (job.state === 'done' ? 'success' : 'normal') : 'active'}
        format={() => (finished ? `${percent}%` : t('imports.progress', { total: job.rowsTotal }))}
      />
      <Row gutter={16} style={{ marginTop: 8 }}>
        <Col span={4}><Statistic title={t('imports.counts.total')} value={job.rowsTotal} /></Col>
        <Col span={5}><Statistic title={t('imports.counts.imported')} value={job.rowsImported} valueStyle={{ color: '#389e0d' }} /></Col>
        <Col span={5}><Statistic title={t('imports.counts.updated')} value={job.rowsUpdated} /></Col>
        <Col span={5}><Statistic title={t('imports.counts.unchanged')} value={job.rowsUnchanged} /></Col>
        <Col span={5}>
          <Statistic title={t('imports.counts.rejected')} value={job.rowsRejected} valueStyle={job.rowsRejected ? { color: '#cf1322' } : undefined} />
        </Col>
      </Row>
      {job.message && <Alert style={{ marginTop: 12 }} showIcon type={job.state === 'failed' ? 'error' : 'warning'} title={job.message} data-testid="import-job-message" />}
      {finished && job.rowsRejected > 0 && <Rejects job={job} onReport={() => report.mutate()} reporting={report.isPending} />}
    </Card>
  );
}

function Rejects({ job, onReport, reporting }: { job: ImportJob; onReport: () => void; reporting: boolean }) {
  const { t } = useTranslation();
  const [page, setPage] = useState(1);
  const rejects = useQuery({
    queryKey: ['imports.rejects', job.jobId, page],
    queryFn: () => client.call('imports.rejects', { jobId: job.jobId, offset: (page - 1) * PAGE, limit: PAGE }),
  });
  return (
    <div style={{ marginTop: 16 }}>
      <Space style={{ marginBottom: 8, justifyContent: 'space-between', width: '100%' }}>
        <strong>{t('imports.rejects.title')}</strong>
        <Button icon={<DownloadOutlined />} onClick={onReport} loading={reporting} data-testid="reject-report">{t('imports.rejects.report')}</Button>
      </Space>
      <Table<ImportReject>
        size="small"
        rowKey={(r) => `${r.rowNo}-${r.field ?? ''}`}
        data-testid="rejects-table"
        loading={rejects.isLoading}
        dataSource={rejects.data?.rows ?? []}
        locale={{ emptyText: t('imports.rejects.none') }}
        pagination={{ current: page, pageSize: PAGE, total: rejects.data?.total ?? 0, onChange: setPage, showSizeChanger: false }}
        columns={[
          { title: t('imports.rejects.row'), dataIndex: 'rowNo', width: 70 },
          { title: t('imports.rejects.field'), dataIndex: 'field', width: 140 },
          { title: t('imports.rejects.value'), dataIndex: 'value', width: 200, ellipsis: true },
          { title: t('imports.rejects.reason'), dataIndex: 'reason' },
        ]}
      />
    </div>
  );
}
