import { useQuery } from '@tanstack/react-query';
import { Button, Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ImportJob } from '../../../src-shared/contract/imports';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { STATE_COLOR } from './JobView';
import { count } from '../../components/numbers';

/** Recent jobs, including folder-source runs; a failed one stays red until looked at. */
export function JobsTable({ onOpen }: { onOpen(jobId: string): void }) {
  const { t } = useTranslation();
  const jobs = useQuery({ queryKey: ['imports.jobs'], queryFn: () => client.call('imports.jobs', { limit: 50 }) }); // fresh from jobs.progress events
  return (
    <Table<ImportJob>
      size="small"
      rowKey="jobId"
      data-testid="import-jobs"
      loading={jobs.isLoading}
      dataSource={jobs.data ?? []}
      locale={{ emptyText: t('imports.jobs.empty') }}
      pagination={{ pageSize: 20, showSizeChanger: false }}
      columns={[
        { title: t('imports.jobs.when'), dataIndex: 'createdAt', width: 170, render: (v: number) => formatInZone(v) },
        { title: t('imports.jobs.file'), dataIndex: 'fileName', ellipsis: true },
        { title: t('imports.jobs.template'), dataIndex: 'templateName', width: 150 },
        { title: t('imports.jobs.by'), width: 110, render: (_, j) => (j.sourceId ? t('imports.jobs.folder') : j.createdBy) },
        {
          title: t('imports.jobs.state'), width: 90,
          // Why a job failed or was cancelled, on hover: the row stays one line high.
          render: (_, j) => <Tooltip title={j.message}><Tag color={STATE_COLOR[j.state]}>{t(`imports.state.${j.state}`)}</Tag></Tooltip>,
        },
        { title: t('imports.counts.imported'), dataIndex: 'rowsImported', width: 70, render: count },
        { title: t('imports.counts.updated'), dataIndex: 'rowsUpdated', width: 70, render: count },
        { title: t('imports.counts.rejected'), dataIndex: 'rowsRejected', width: 70, render: count },
        { title: '', width: 70, render: (_, j) => <Button size="small" type="link" onClick={() => onOpen(j.jobId)}>{t('imports.jobs.view')}</Button> },
      ]}
    />
  );
}
