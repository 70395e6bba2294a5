import { Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ErpPreview, ErpPreviewRow } from '../../../src-shared/contract/erp';
import { describeErpReason } from '../../../src-shared/erp-reasons';
import { punctuation } from '../../i18n/punctuation';

/** A mapping tried on real rows: the ERP's columns as read (or as they would be written) and whether each row is usable. */
export function PreviewTable({ preview }: { preview: ErpPreview }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const p = punctuation(lang);
  const cols = preview.columns.length ? preview.columns : [...new Set(preview.rows.flatMap((r) => Object.keys(r.raw)))];
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid="erp-preview">
      <Typography.Text strong>{t('erp.mapping.previewRows', { count: preview.rows.length })}</Typography.Text>
      {preview.targetsChecked.length > 0 && (
        <Typography.Text type="success" style={{ fontSize: 12 }}>{t('erp.mapping.checked', { list: p.list(preview.targetsChecked) })}</Typography.Text>
      )}
      <Table<ErpPreviewRow & { key: number }>
        size="small"
        pagination={false}
        scroll={{ x: 'max-content', y: 260 }}
        locale={{ emptyText: t('erp.mapping.noRows') }}
        dataSource={preview.rows.map((r, i) => ({ ...r, key: i }))}
        columns={[
          {
            title: t('erp.mapping.reason'), width: 200, fixed: 'left' as const,
            render: (_, r) => (r.reason ? <Typography.Text type="danger" style={{ fontSize: 12 }}>{describeErpReason(r.reason, lang)}</Typography.Text> : <Tag color="green">{t('erp.mapping.ok')}</Tag>),
          },
          ...cols.map((c) => ({ title: c, key: c, render: (_: unknown, r: ErpPreviewRow) => (r.raw[c] === null || r.raw[c] === undefined ? '' : String(r.raw[c])) })),
        ]}
      />
    </Space>
  );
}
