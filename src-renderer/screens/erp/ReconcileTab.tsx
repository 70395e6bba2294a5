import { DownloadOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Empty, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ErpConnectionView, ErpDifference, ErpDifferenceKind } from '../../../src-shared/contract/erp';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { usePunctuation } from '../../i18n/punctuation';

const KIND_COLOR: Record<ErpDifferenceKind, string> = {
  reserved_over_on_hand: 'red', lock_mismatch: 'orange', shipped_not_out: 'volcano', out_qty_mismatch: 'gold', out_not_shipped: 'purple',
};

/** Our reservations vs ERP on hand and locks; our shipped orders vs ERP sales outbound. Exportable as CSV for Excel. */
export function ReconcileTab({ connection: c }: { connection: ErpConnectionView }) {
  const { t } = useTranslation();
  const p = usePunctuation();
  const { message } = App.useApp();
  const run = useMutation({ mutationFn: () => client.call('erp.reconcile', { connectionId: c.id }), onError: (e) => void message.error(errorText(e)) });
  const rows = run.data?.differences ?? [];

  const exportCsv = () => {
    const head = [t('erp.reconcile.kind'), t('erp.reconcile.sku'), t('erp.reconcile.warehouse'), t('erp.reconcile.order'), t('erp.reconcile.ours'), t('erp.reconcile.erp')];
    const cell = (v: unknown) => {
      const s = v === null || v === undefined ? '' : String(v);
      const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s; // never a formula in Excel
      return /[",\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
    };
    const lines = [head, ...rows.map((d) => [t(`erp.reconcile.kinds.${d.kind}`), d.skuCode, d.warehouseCode, d.extOrderNo, d.ours, d.erp])].map((r) => r.map(cell).join(','));
    const blob = new Blob(['\ufeff', lines.join('\r\n')], { type: 'text/csv;charset=utf-8' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `ERP对账-${c.name}-${formatInZone(run.data?.checkedAt ?? Date.now()).slice(0, 10)}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="small" data-testid="erp-reconcile">
      <Space wrap>
        <Button type="primary" onClick={() => run.mutate()} loading={run.isPending} disabled={!c.configuredHere} data-testid="erp-reconcile-run">{t('erp.reconcile.run')}</Button>
        <Button icon={<DownloadOutlined />} onClick={exportCsv} disabled={!rows.length} data-testid="erp-reconcile-export">{t('erp.reconcile.export')}</Button>
        {run.data && (
          <Typography.Text type="secondary">
            {t('erp.reconcile.checkedAt', { at: formatInZone(run.data.checkedAt), count: rows.length })}{p.semicolon}
            {run.data.snapshotAt ? t('erp.reconcile.snapshotAt', { at: formatInZone(run.data.snapshotAt) }) : t('erp.reconcile.noSnapshot')}
          </Typography.Text>
        )}
      </Space>
      {run.data && !rows.length ? (
        <Empty description={t('erp.reconcile.none')} />
      ) : (
        run.data && (
          <Table<ErpDifference & { key: number }>
            size="small"
            dataSource={rows.map((r, i) => ({ ...r, key: i }))}
            pagination={{ pageSize: 12, showSizeChanger: false }}
            data-testid="erp-differences"
            columns={[
              {
                title: t('erp.reconcile.kind'), width: 200,
                filters: [...new Set(rows.map((r) => r.kind))].map((k) => ({ text: t(`erp.reconcile.kinds.${k}`), value: k })),
                onFilter: (v, r) => r.kind === v,
                render: (_, r) => <Tag color={KIND_COLOR[r.kind]}>{t(`erp.reconcile.kinds.${r.kind}`)}</Tag>,
              },
              { title: t('erp.reconcile.sku'), dataIndex: 'skuCode', width: 140, sorter: (a, b) => String(a.skuCode).localeCompare(String(b.skuCode)) },
              { title: t('erp.reconcile.warehouse'), dataIndex: 'warehouseCode', width: 90 },
              { title: t('erp.reconcile.order'), dataIndex: 'extOrderNo', ellipsis: true },
              { title: t('erp.reconcile.ours'), dataIndex: 'ours', width: 90, align: 'right' as const },
              { title: t('erp.reconcile.erp'), dataIndex: 'erp', width: 90, align: 'right' as const },
            ]}
          />
        )
      )}
    </Space>
  );
}
