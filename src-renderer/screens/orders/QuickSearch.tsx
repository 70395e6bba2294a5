/**
 * The quick search box and, when it finds nothing, what it looked in (issue 15, item 4). A
 * paste of several lines (order or tracking numbers from a spreadsheet column) becomes one
 * list search: an <input> would otherwise glue the lines together.
 */
import { Input, Typography } from 'antd';
import type { ClipboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { planQuick, quickList } from '../../../src-shared/quick-search';
import { usePunctuation } from '../../i18n/punctuation';

export function QuickSearch({ value, onChange, onSearch }: { value: string; onChange(v: string): void; onSearch(v: string): void }) {
  const { t } = useTranslation();
  const onPaste = (e: ClipboardEvent<HTMLInputElement>) => {
    const text = e.clipboardData.getData('text');
    if (!/[\r\n]/.test(text.trim())) return;
    e.preventDefault();
    onSearch(quickList(text).join(', '));
  };
  const plan = planQuick(value);
  return (
    <Input.Search
      data-testid="orders-quick"
      allowClear
      style={{ width: 280 }}
      placeholder={t('find.quickPlaceholder')}
      aria-label={t('find.quickPlaceholder')}
      title={t('find.quickPlaceholder')}
      value={value}
      suffix={plan?.list ? <Typography.Text type="secondary" data-testid="orders-quick-count" style={{ fontSize: 12 }}>{t('find.listOf', { count: plan.list.length })}</Typography.Text> : undefined}
      onPaste={onPaste}
      onChange={(e) => (e.target.value === '' ? onSearch('') : onChange(e.target.value))}
      onSearch={onSearch}
    />
  );
}

/** Shown over the empty grid: the text, and every place it was looked for. */
export function NothingFound({ quick, filtered }: { quick: string; filtered: boolean }) {
  const { t } = useTranslation();
  const p = usePunctuation();
  const plan = planQuick(quick);
  if (!plan) return null;
  const shown = plan.list ? t('find.listOf', { count: plan.list.length }) : plan.text;
  const places = p.list(plan.places.map((place) => t(`find.place.${place}`)));
  return (
    // Covers the grid's own "no rows" line below the header: one message, the more useful one.
    <div data-testid="orders-nothing" style={{ position: 'absolute', top: 40, left: 1, right: 1, bottom: 1, paddingTop: 48, background: '#fff', textAlign: 'center', zIndex: 20 }}>
      <Typography.Title level={5} style={{ margin: 0 }}>{t('find.nothing', { text: shown })}</Typography.Title>
      <Typography.Text type="secondary">{t('find.searchedIn', { places })}</Typography.Text>
      {filtered && <div><Typography.Text type="warning">{t('find.withFilters')}</Typography.Text></div>}
    </div>
  );
}
