/**
 * A multi-value pick list for the column menu. AG Grid's own set filter is Enterprise-only,
 * so this is a Community custom filter: its model is `{ filterType: 'set', values }`, which
 * gridModels.ts sends to the server as the contract's `set` filter.
 */
import { useGridFilter, type CustomFilterProps } from 'ag-grid-react';
import { Button, Checkbox, Empty, Input, Space } from 'antd';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SetFilterModel } from './gridModels';

export interface PickOption { value: string; label: string }
export interface SetFilterParams { options: () => PickOption[] }

export function SetFilter(props: CustomFilterProps<unknown, unknown, SetFilterModel> & SetFilterParams) {
  const { t } = useTranslation();
  const { model, onModelChange, options } = props;
  const [draft, setDraft] = useState<string[]>(model?.values ?? []);
  const [search, setSearch] = useState('');
  useEffect(() => setDraft(model?.values ?? []), [model]);

  // The server filters; this only runs if someone switches the grid to the client-side model.
  const doesFilterPass = useCallback(() => true, []);
  useGridFilter({ doesFilterPass });

  const all = options();
  const shown = useMemo(() => {
    const s = search.trim().toLowerCase();
    return s ? all.filter((o) => o.label.toLowerCase().includes(s) || o.value.toLowerCase().includes(s)) : all;
  }, [all, search]);

  const apply = (values: string[]) => onModelChange(values.length ? { filterType: 'set', values } : null);

  return (
    <div className="orders-set-filter" style={{ padding: 8, width: 220 }} data-testid={`set-filter-${props.column.getColId()}`}>
      {all.length > 8 && (
        <Input size="small" allowClear placeholder={t('orders.setFilter.search')} value={search} onChange={(e) => setSearch(e.target.value)} style={{ marginBottom: 6 }} />
      )}
      <Space size={4} style={{ marginBottom: 4 }}>
        <Button size="small" type="link" onClick={() => setDraft([...new Set([...draft, ...shown.map((o) => o.value)])])}>{t('orders.setFilter.all')}</Button>
        <Button size="small" type="link" onClick={() => setDraft([])}>{t('orders.setFilter.none')}</Button>
      </Space>
      <div style={{ maxHeight: 240, overflowY: 'auto' }}>
        {shown.length === 0 && <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.setFilter.empty')} />}
        <Checkbox.Group value={draft} onChange={(v) => setDraft(v as string[])} style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
          {shown.map((o) => (
            <Checkbox key={o.value} value={o.value}>{o.label}</Checkbox>
          ))}
        </Checkbox.Group>
      </div>
      <div style={{ display: 'flex', justifyContent: 'flex-end', gap: 6, marginTop: 8 }}>
        <Button size="small" onClick={() => { setDraft([]); apply([]); }}>{t('orders.setFilter.reset')}</Button>
        <Button size="small" type="primary" onClick={() => apply(draft)}>{t('orders.setFilter.apply')}</Button>
      </div>
    </div>
  );
}
