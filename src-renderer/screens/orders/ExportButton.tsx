/**
 * Export the current view: every matching row, written by the main process (the grid itself
 * only holds the blocks it has loaded), with the view's filters, sort, quick search and columns.
 */
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { GridApi } from 'ag-grid-community';
import { App, Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrderRow } from '../../../src-shared/contract/orders';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { DISPLAY_ONLY, NOT_EXPORTED } from './columns';
import { downloadBase64 } from './download';
import { toContractFilters } from './gridModels';
import { currentSort } from './viewState';

export function ExportButton({ api, quick }: { api: GridApi<OrderRow> | null; quick: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const run = useMutation({
    mutationFn: (format: 'csv' | 'xlsx') => {
      const columns = api!.getAllDisplayedColumns().map((c) => c.getColId()).filter((id) => !DISPLAY_ONLY(id) && !NOT_EXPORTED(id));
      const q = quick.trim();
      return client.call('orders.export', { format, filters: toContractFilters(api!.getFilterModel()), sort: currentSort(api!), ...(q ? { quick: q } : {}), columns });
    },
    onSuccess: (r) => {
      downloadBase64(r.fileName, r.contentBase64);
      void message.success(t('orders.export.done', { count: r.rows, file: r.fileName }));
    },
    onError: (e) => void message.error(errorText(e)),
  });
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
