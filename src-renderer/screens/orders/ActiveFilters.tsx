/**
 * Which columns are filtered, as closable chips beside the toolbar: with 18 columns most are
 * scrolled out of sight, and a filter you cannot see is a wrong count you cannot explain.
 */
import { FilterOutlined } from '@ant-design/icons';
import type { GridApi } from 'ag-grid-community';
import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrderRow } from '../../../src-shared/contract/orders';

export function ActiveFilters({ api, colIds }: { api: GridApi<OrderRow> | null; colIds: string[] }) {
  const { t } = useTranslation();
  if (!api || !colIds.length) return null;
  return (
    <div data-testid="active-filters" style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 4, marginBottom: 8 }}>
      <Typography.Text type="secondary">{t('orders.filteredBy')}</Typography.Text>
      {colIds.map((id) => (
        <Tag
          key={id}
          color="blue"
          icon={<FilterOutlined />}
          closable
          onClose={(e) => {
            e.preventDefault();
            void Promise.resolve(api.setColumnFilterModel(id, null)).then(() => api.onFilterChanged());
          }}
          style={{ marginInlineEnd: 0 }}
        >
          {t(`orders.col.${id}`, { defaultValue: id })}
        </Tag>
      ))}
    </div>
  );
}
