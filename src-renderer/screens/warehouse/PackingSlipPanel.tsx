/** 发货单: tick orders (拣货中 first) or scan their numbers, then print their packing slips (one page each). */
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PackableOrder } from '../../../src-shared/contract/shipping-print';
import { ORDER_STATUS_LABELS } from '../../../src-shared/orders';
import { client } from '../../api/client';
import { downloadBase64, printPdf, printProblem } from './print-pdf';

export function PackingSlipPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message } = App.useApp();
  const orders = useQuery({ queryKey: ['shipping', 'packable'], queryFn: () => client.call('shipping.packable', { limit: 500 }) });
  const [picked, setPicked] = useState<string[]>([]);
  const [scan, setScan] = useState('');
  const print = useMutation({
    mutationFn: () => client.call('shipping.packingSlip', { orderIds: picked }),
    onSuccess: async (r) => {
      const p = await printPdf(r.fileName, r.contentBase64);
      const why = printProblem(p, t);
      if (why) void message.warning(why);
    },
  });
  const tick = () => {
    const no = scan.trim();
    if (!no) return;
    const o = orders.data?.find((x) => x.orderNo === no);
    if (o) setPicked((p) => (p.includes(o.id) ? p : [...p, o.id]));
    else message.error(t('floor.slip.notFound', { no }));
    setScan('');
  };

  return (
    <Card size="small" title={t('floor.slip.title')} data-testid="slip-panel">
      <Space wrap style={{ marginBottom: 8 }}>
        <Input style={{ width: 260 }} value={scan} onChange={(e) => setScan(e.target.value)} onPressEnter={tick} placeholder={t('floor.slip.scan')} data-testid="slip-scan" />
        <Button type="primary" disabled={!picked.length} loading={print.isPending} onClick={() => print.mutate()} data-testid="slip-print">
          {t('floor.slip.print', { n: picked.length })}
        </Button>
        {print.data ? <Button onClick={() => downloadBase64(print.data.fileName, print.data.contentBase64)} data-testid="slip-download">{t('floor.pick.download')}</Button> : null}
        <Typography.Text type="secondary">{t('floor.slip.help')}</Typography.Text>
      </Space>
      {print.error ? <Alert type="error" showIcon title={print.error.message} style={{ marginBottom: 8 }} /> : null}
      <Table<PackableOrder>
        size="small" rowKey="id" dataSource={orders.data ?? []} loading={orders.isLoading} pagination={{ pageSize: 8 }} data-testid="slip-orders"
        rowSelection={{ selectedRowKeys: picked, onChange: (keys) => setPicked(keys as string[]) }}
        columns={[
          { title: t('floor.slip.orderNo'), dataIndex: 'orderNo', width: 190 },
          { title: t('floor.slip.shop'), dataIndex: 'shopName', width: 150, ellipsis: true },
          { title: t('floor.slip.receiver'), dataIndex: 'receiverName', width: 130, ellipsis: true },
          { title: t('floor.slip.status'), dataIndex: 'status', width: 90, render: (s: PackableOrder['status']) => ORDER_STATUS_LABELS[s][lang] },
          { title: t('floor.slip.units'), dataIndex: 'units', width: 70 },
        ]}
      />
    </Card>
  );
}
