/**
 * Export the current view: every matching row, written by the main process (the grid itself
 * only holds the blocks it has loaded), with the view's filters, sort, quick search and columns.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import type { GridApi } from 'ag-grid-community';
import { App, Button, Dropdown, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRow } from '../../../src-shared/contract/orders';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { DISPLAY_ONLY, NOT_EXPORTED } from './columns';
import { downloadBase64 } from './download';
import { toContractFilters } from './gridModels';
import { currentSort } from './viewState';

/** `total`: the rows the view matches (the toolbar's count), for "N / total" while it runs. */
export function ExportButton({ api, quick, total }: { api: GridApi<OrderRow> | null; quick: string; total: number | null }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [jobId, setJobId] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') => {
      const columns = api!.getAllDisplayedColumns().map((c) => c.getColId()).filter((id) => !DISPLAY_ONLY(id) && !NOT_EXPORTED(id));
      const q = quick.trim();
      const id = crypto.randomUUID();
      setJobId(id);
      return client.call('orders.export', { format, filters: toContractFilters(api!.getFilterModel()), sort: currentSort(api!), ...(q ? { quick: q } : {}), columns, jobId: id });
    },
    onSettled: () => setJobId(null),
    onSuccess: (r) => {
      downloadBase64(r.fileName, r.contentBase64);
      void message.success(t('orders.export.done', { count: r.rows, file: r.fileName }));
    },
    onError: (e) => void message.error(errorText(e)),
  });
  // Asked again when a jobs.progress event says the export moved on (useLiveUpdates).
  const counts = useQuery({ queryKey: ['jobs.progress', jobId], queryFn: () => client.call('jobs.progress', { id: jobId! }), enabled: !!jobId && run.isPending });
  if (run.isPending) {
    const done = counts.data?.done ?? 0;
    const of = counts.data?.total ?? total;
    return (
      <Space data-testid="export-progress">
        <Typography.Text>{of ? t('orders.export.counting', { done, total: of }) : t('orders.export.countingRows', { done })}</Typography.Text>
        <Button size="small" disabled={!jobId || counts.data?.cancelled} onClick={() => void client.call('jobs.cancel', { id: jobId! })} data-testid="export-cancel">
          {t('common.cancel')}
        </Button>
      </Space>
    );
  }
  return (
    <Dropdown
      trigger={['click']}
      disabled={!api || run.isPending}
      menu={{ items: [{ key: 'csv', label: t('orders.export.csv') }, { key: 'xlsx', label: t('orders.export.xlsx') }], onClick: ({ key }) => run.mutate(key as 'csv' | 'xlsx') }}
    >
      <Button icon={<DownloadOutlined />} loading={run.isPending} data-testid="export-button">{t('orders.export.button')}</Button>
    </Dropdown>
  );
}
