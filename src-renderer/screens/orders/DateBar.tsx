/**
 * Date presets in the toolbar (issue 15, item 5): 今天, 昨天, 近 7 天, 本月, 上月 or a custom range
 * of order dates (下单时间), set as the grid's own date filter on that column so the chips, saved
 * views and the column menu all show the same thing; 全部 clears it.
 */
import type { GridApi } from 'ag-grid-community';
import { DatePicker, Select, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRow } from '../../../src-shared/contract/orders';
import { DEFAULT_ZONE } from '../../../src-shared/time';
import { usePunctuation } from '../../i18n/punctuation';
import { DATE_PRESETS, presetOf, presetRange, type DatePreset } from './datePresets';

const COL = 'createdAt';
type Range = { from: string; to: string };

function rangeOf(api: GridApi<OrderRow> | null): Range | null {
  const m = api?.getColumnFilterModel(COL) as { type?: string; dateFrom?: string | null; dateTo?: string | null } | null | undefined;
  if (!m?.dateFrom) return null;
  const from = m.dateFrom.slice(0, 10);
  return { from, to: m.type === 'inRange' && m.dateTo ? m.dateTo.slice(0, 10) : from };
}

export function DateBar({ api, filtered }: { api: GridApi<OrderRow> | null; filtered: string[] }) {
  const { t, i18n } = useTranslation();
  const p = usePunctuation();
  const [range, setRange] = useState<Range | null>(null);
  const [custom, setCustom] = useState(false);
  // Follow the grid: a filter set from the column menu, a view or "clear" shows here too.
  useEffect(() => setRange(rangeOf(api)), [api, filtered]);
  const preset = presetOf(range, Date.now(), DEFAULT_ZONE);
  const active: DatePreset | 'custom' | 'all' = range ? (preset ?? 'custom') : custom ? 'custom' : 'all';

  const apply = (r: Range | null) => {
    if (!api) return;
    const model = r ? { filterType: 'date', type: 'inRange', dateFrom: `${r.from} 00:00:00`, dateTo: `${r.to} 00:00:00` } : null;
    void api.setColumnFilterModel(COL, model).then(() => api.onFilterChanged());
  };
  const options = ['all', ...DATE_PRESETS, 'custom'].map((p) => ({ value: p, label: t(`find.date.${p}`) }));
  return (
    <Space size={6} data-testid="date-bar">
      {/* A compact pick list, so the toolbar still fits one line at 1366×768 ("Date: Last 7 days" is longer than 下单：近 7 天). */}
      <Select
        style={{ width: i18n.language === 'en' ? 176 : 132 }}
        data-testid="date-preset"
        aria-label={t('find.date.label')}
        value={active}
        options={options}
        labelRender={(o) => `${t('find.date.label')}${p.colon}${String(o.label)}`}
        onChange={(v: string) => {
          if (v === 'custom') return setCustom(true);
          setCustom(false);
          apply(v === 'all' ? null : presetRange(v as DatePreset, Date.now(), DEFAULT_ZONE));
        }}
      />
      {active === 'custom' && (
        <DatePicker.RangePicker
          size="small"
          data-testid="date-range"
          value={range ? [dayjs(range.from), dayjs(range.to)] : null}
          onChange={(v: [Dayjs | null, Dayjs | null] | null) => {
            if (!v?.[0] || !v[1]) {
              setCustom(false);
              return apply(null);
            }
            apply({ from: v[0].format('YYYY-MM-DD'), to: v[1].format('YYYY-MM-DD') });
          }}
        />
      )}
    </Space>
  );
}
