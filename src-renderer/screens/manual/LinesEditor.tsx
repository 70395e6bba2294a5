/** The manual order's items: type a SKU code or name, Enter adds it (price from the SKU), quantities and gifts in the table. */
import { DeleteOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { AutoComplete, Button, Checkbox, InputNumber, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SkuHit } from '../../../src-shared/contract/lifecycle';
import { fenToYuan, formatYuan, yuanToFen } from '../../../src-shared/money';
import { client } from '../../api/client';

export interface DraftLine {
  key: string;
  sku: SkuHit;
  qty: number;
  unitPriceFen: number;
  gift: boolean;
}

export function useDebounced<T>(value: T, ms = 250): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setV(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return v;
}

export function LinesEditor({ lines, onChange }: { lines: DraftLine[]; onChange(lines: DraftLine[]): void }) {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const term = useDebounced(q.trim());
  const hits = useQuery({ queryKey: ['skus.search', term], queryFn: () => client.call('skus.search', { q: term, limit: 12 }), enabled: term.length > 0 });
  const set = (key: string, patch: Partial<DraftLine>) => onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const add = (code: string) => {
    const sku = hits.data?.skus.find((s) => s.code === code);
    if (!sku) return;
    const gift = !!sku.giftGroup && !sku.priceFen;
    onChange([...lines, { key: `${code}-${Date.now()}`, sku, qty: 1, unitPriceFen: gift ? 0 : (sku.priceFen ?? 0), gift }]);
    setQ('');
  };
  return (
    <div data-testid="manual-lines">
      <AutoComplete
        style={{ width: 420, marginBottom: 8 }} value={q} onChange={setQ} onSelect={add} defaultActiveFirstOption
        placeholder={t('lifecycle.manualForm.skuSearch')} aria-label={t('lifecycle.manualForm.skuSearch')} data-testid="manual-sku"
        options={(hits.data?.skus ?? []).map((s) => ({
          value: s.code,
          label: <span>{s.code} · {s.title}{s.spec ? ` · ${s.spec}` : ''}<Typography.Text type="secondary">{s.priceFen != null ? ` ¥${fenToYuan(s.priceFen)}` : ''}</Typography.Text></span>,
        }))}
      />
      <Table
        size="small" rowKey="key" pagination={false} dataSource={lines}
        columns={[
          { title: 'SKU', width: 120, render: (_, l) => l.sku.code },
          { title: t('orders.detail.item'), render: (_, l) => <>{l.sku.title}{l.sku.spec && <Typography.Text type="secondary"> · {l.sku.spec}</Typography.Text>}</> },
          {
            title: t('lifecycle.manualForm.qty'), width: 100,
            render: (_, l) => <InputNumber size="small" min={1} max={100000} precision={0} value={l.qty} aria-label={`${t('lifecycle.manualForm.qty')} ${l.sku.code}`} onChange={(v) => set(l.key, { qty: v ?? 1 })} />,
          },
          {
            title: t('lifecycle.manualForm.price'), width: 120,
            render: (_, l) => (
              <InputNumber size="small" min={0} step={0.01} precision={2} disabled={l.gift} value={Number(fenToYuan(l.unitPriceFen))} aria-label={`${t('lifecycle.manualForm.price')} ${l.sku.code}`}
                onChange={(v) => set(l.key, { unitPriceFen: yuanToFen(v ?? 0) })}
              />
            ),
          },
          { title: t('lifecycle.manualForm.gift'), width: 64, render: (_, l) => <Checkbox checked={l.gift} aria-label={`${t('lifecycle.manualForm.gift')} ${l.sku.code}`} onChange={(e) => set(l.key, { gift: e.target.checked, ...(e.target.checked ? { unitPriceFen: 0 } : {}) })} /> },
          { title: t('lifecycle.manualForm.amount'), width: 100, align: 'right', render: (_, l) => formatYuan(l.qty * l.unitPriceFen) },
          { title: '', width: 44, render: (_, l) => <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('lifecycle.manualForm.remove')} onClick={() => onChange(lines.filter((x) => x.key !== l.key))} /> },
        ]}
      />
    </div>
  );
}
