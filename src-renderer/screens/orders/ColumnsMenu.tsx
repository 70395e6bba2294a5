/**
 * Show/hide and pin columns. Community has no columns tool panel, so this is a small popover
 * over the column API; dragging headers reorders and resizes as usual. Saved views keep it all.
 */
import { PushpinFilled, PushpinOutlined, SettingOutlined } from '@ant-design/icons';
import type { GridApi } from 'ag-grid-community';
import { Button, Checkbox, Popover, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRow } from '../../../src-shared/contract/orders';
import { DISPLAY_ONLY } from './columns';
import { MONEY_COLUMNS } from './gridModels';

interface Item { id: string; name: string; visible: boolean; pinned: boolean }

export function ColumnsMenu({ api, canAmounts }: { api: GridApi<OrderRow> | null; canAmounts: boolean }) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Item[]>([]);
  const read = () => {
    if (!api) return;
    setItems(
      (api.getAllGridColumns() ?? [])
        .filter((c) => !DISPLAY_ONLY(c.getColId()) && (canAmounts || !MONEY_COLUMNS.has(c.getColId())))
        .map((c) => ({ id: c.getColId(), name: api.getDisplayNameForColumn(c, null), visible: c.isVisible(), pinned: c.getPinned() === 'left' })),
    );
  };
  const content = (
    <div style={{ width: 230, maxHeight: 420, overflowY: 'auto' }} data-testid="columns-menu">
      {items.map((c) => (
        <div key={c.id} style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '2px 0' }}>
          <Checkbox checked={c.visible} onChange={(e) => { api?.setColumnsVisible([c.id], e.target.checked); read(); }}>{c.name}</Checkbox>
          <Tooltip title={t('orders.pinLeft')}>
            <Button
              size="small"
              type="text"
              aria-label={`${t('orders.pinLeft')} ${c.name}`}
              icon={c.pinned ? <PushpinFilled style={{ color: '#1677ff' }} /> : <PushpinOutlined />}
              onClick={() => { api?.setColumnsPinned([c.id], c.pinned ? null : 'left'); read(); }}
            />
          </Tooltip>
        </div>
      ))}
      <Button size="small" block style={{ marginTop: 8 }} onClick={() => { api?.resetColumnState(); read(); }}>{t('orders.resetColumns')}</Button>
    </div>
  );
  return (
    <Popover trigger="click" placement="bottomLeft" content={content} onOpenChange={(open) => open && read()}>
      <Button icon={<SettingOutlined />} disabled={!api}>{t('orders.columns')}</Button>
    </Popover>
  );
}
