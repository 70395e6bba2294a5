/**
 * 库位: every SKU with its bin in one warehouse, edited in the grid like Excel (type to edit, Enter
 * saves and goes down, an emptied cell clears the bin), or many at once pasted / imported from a file.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CellValueChangedEvent, ColDef } from 'ag-grid-community';
import { ClientSideRowModelModule, ModuleRegistry, TextEditorModule } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { App, Button, Card, Checkbox, Input, Select, Space, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BinRow } from '../../../src-shared/contract/shipping-bins';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { useSession } from '../../session/session';
import { gridLocale, gridTheme, registerGridModules } from '../orders/agGrid';
import { BinsImport } from './BinsImport';

registerGridModules();
ModuleRegistry.registerModules([ClientSideRowModelModule, TextEditorModule]);

export function BinsPanel() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const mayEdit = can('fulfillment.logistics');
  const qc = useQueryClient();
  const floor = useQuery({ queryKey: ['shipping', 'floor'], queryFn: () => client.call('shipping.floor', {}) });
  const [warehouseId, setWarehouseId] = useState<string | undefined>();
  const [search, setSearch] = useState('');
  const [unsetOnly, setUnsetOnly] = useState(false);
  const [importing, setImporting] = useState(false);
  useEffect(() => {
    if (!warehouseId && floor.data?.warehouses[0]) setWarehouseId(floor.data.warehouses[0].id);
  }, [floor.data, warehouseId]);
  const rows = useQuery({
    queryKey: ['shipping', 'bins', warehouseId, search, unsetOnly], enabled: Boolean(warehouseId),
    queryFn: () => client.call('shipping.bins', { warehouseId: warehouseId!, unsetOnly, ...(search ? { search } : {}) }),
  });
  const save = useMutation({
    mutationFn: (r: { skuCode: string; bin: string }) => client.call('shipping.setBins', { warehouseId: warehouseId!, rows: [r] }),
    onSuccess: (r) => {
      if (r.rejected.length) void message.error(r.rejected[0]!.message);
      else if (r.saved || r.cleared) void message.success(t('floor.bins.saved'), 1);
      void qc.invalidateQueries({ queryKey: ['shipping', 'bins'] });
    },
    onError: (e) => {
      void message.error(errorText(e));
      void qc.invalidateQueries({ queryKey: ['shipping', 'bins'] });
    },
  });
  const onEdit = (e: CellValueChangedEvent<BinRow>) => {
    if ((e.oldValue ?? '') === (e.newValue ?? '')) return;
    save.mutate({ skuCode: e.data.skuCode, bin: String(e.newValue ?? '').trim() });
  };
  const columns = useMemo<ColDef<BinRow>[]>(() => [
    { field: 'skuCode', headerName: t('floor.bins.sku'), width: 170, pinned: 'left' },
    { field: 'title', headerName: t('floor.bins.title'), flex: 1, minWidth: 200 },
    { field: 'spec', headerName: t('floor.bins.spec'), width: 140 },
    {
      field: 'bin', headerName: t('floor.bins.bin'), width: 170, editable: mayEdit,
      cellStyle: (p) => ({ color: p.value ? 'inherit' : '#cf1322' }), valueFormatter: (p) => (p.value as string | null) ?? t('floor.bins.unset'),
      cellEditorParams: { maxLength: 32 },
    },
    { field: 'updatedAt', headerName: t('floor.bins.updatedAt'), width: 150, valueFormatter: (p) => (p.value ? formatInZone(p.value as number).slice(0, 16) : '') },
  ], [t, mayEdit]);
  const unset = rows.data?.filter((r) => !r.bin).length ?? 0;

  return (
    <Card size="small" title={t('floor.bins.heading')} data-testid="bins-panel"
      extra={<Typography.Text type="secondary">{mayEdit ? t('floor.bins.keys') : t('floor.bins.readOnly')}</Typography.Text>}>
      <Space wrap style={{ marginBottom: 8 }}>
        <Select style={{ width: 140 }} value={warehouseId} onChange={setWarehouseId} data-testid="bins-warehouse" aria-label={t('floor.pick.warehouse')}
          options={(floor.data?.warehouses ?? []).map((w) => ({ value: w.id, label: w.name }))} />
        <Input.Search allowClear placeholder={t('floor.bins.search')} style={{ width: 240 }} onSearch={(v) => setSearch(v.trim())} data-testid="bins-search" />
        <Checkbox checked={unsetOnly} onChange={(e) => setUnsetOnly(e.target.checked)} data-testid="bins-unset-only">{t('floor.bins.unsetOnly')}</Checkbox>
        {mayEdit && <Button type="primary" onClick={() => setImporting(true)} disabled={!warehouseId} data-testid="bins-import-open">{t('floor.bins.import')}</Button>}
        <Typography.Text type={unset ? 'danger' : 'secondary'} data-testid="bins-count">{t('floor.bins.count', { n: rows.data?.length ?? 0, unset })}</Typography.Text>
      </Space>
      <div style={{ height: 400 }} data-testid="bins-grid">
        <AgGridReact<BinRow>
          theme={gridTheme} localeText={gridLocale(i18n.language, {})} rowData={rows.data ?? []} columnDefs={columns} loading={rows.isLoading}
          getRowId={(p) => p.data.skuCode} onCellValueChanged={onEdit}
          singleClickEdit={false} stopEditingWhenCellsLoseFocus enterNavigatesVertically enterNavigatesVerticallyAfterEdit
          overlayNoRowsTemplate={t('floor.bins.none')}
        />
      </div>
      {warehouseId && (
        <BinsImport open={importing} warehouseId={warehouseId} warehouseName={floor.data?.warehouses.find((w) => w.id === warehouseId)?.name ?? ''}
          onClose={() => setImporting(false)} />
      )}
    </Card>
  );
}
