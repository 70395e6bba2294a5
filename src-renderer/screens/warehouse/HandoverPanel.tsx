/** 交接快递: choose the carrier whose van is here, tick (or scan) its parcels, confirm; refusals are listed with the reason. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Popconfirm, Select, Space, Table } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ParcelToHandOver } from '../../../src-shared/contract/shipping-print';
import { CARRIERS, type Carrier } from '../../../src-shared/shipping';
import { carrierName } from '../../../src-shared/shipping-words';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { punctuation } from '../../i18n/punctuation';

export function HandoverPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const p = punctuation(lang);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [carrier, setCarrier] = useState<Carrier | undefined>();
  const [picked, setPicked] = useState<string[]>([]);
  const [scan, setScan] = useState('');
  const parcels = useQuery({
    queryKey: ['shipping', 'toHandOver', carrier], enabled: Boolean(carrier),
    queryFn: () => client.call('shipping.toHandOver', { carrier: carrier! }),
  });
  // A new carrier batch starts with all of its waiting parcels ticked: the van takes them all.
  useEffect(() => setPicked([...new Set((parcels.data ?? []).map((p) => p.orderId))]), [parcels.data]);
  const hand = useMutation({
    mutationFn: () => client.call('shipping.handover', { carrier: carrier!, orderIds: picked }),
    onSuccess: () => void qc.invalidateQueries({ queryKey: ['shipping'] }),
  });
  const tick = () => {
    const no = scan.trim().toUpperCase();
    if (!no) return;
    const p = parcels.data?.find((x) => x.trackingNo === no || x.orderNo.toUpperCase() === no);
    if (p) setPicked((s) => (s.includes(p.orderId) ? s : [...s, p.orderId]));
    else message.error(t('floor.handover.notFound', { no: scan.trim() }));
    setScan('');
  };
  const name = carrier ? carrierName(carrier, lang) : '';

  return (
    <Card size="small" title={t('floor.handover.title')} data-testid="handover-panel">
      <Space wrap style={{ marginBottom: 8 }}>
        <Select style={{ width: 140 }} placeholder={t('floor.handover.choose')} value={carrier} onChange={(c) => { setCarrier(c); hand.reset(); }} data-testid="handover-carrier"
          options={CARRIERS.map((c) => ({ value: c, label: carrierName(c, lang) }))} />
        <Input style={{ width: 280 }} value={scan} onChange={(e) => setScan(e.target.value)} onPressEnter={tick} placeholder={t('floor.handover.scan')} disabled={!carrier} />
        <Popconfirm title={t('floor.handover.confirm', { n: picked.length, carrier: name })} onConfirm={() => hand.mutate()} disabled={!picked.length}>
          <Button type="primary" disabled={!picked.length} loading={hand.isPending} data-testid="handover-submit">{t('floor.handover.submit', { n: picked.length })}</Button>
        </Popconfirm>
      </Space>
      {hand.error ? <Alert type="error" showIcon title={hand.error.message} style={{ marginBottom: 8 }} /> : null}
      {hand.data ? (
        <Alert
          type={hand.data.refused.length ? 'warning' : 'success'} showIcon style={{ marginBottom: 8 }} data-testid="handover-result"
          title={`${t('floor.handover.done', { n: hand.data.handedOver.length, carrier: name })}${hand.data.refused.length ? `${p.semicolon}${t('floor.handover.refused', { n: hand.data.refused.length })}` : ''}`}
          description={hand.data.refused.length ? <ul style={{ margin: 0, paddingLeft: 18 }}>{hand.data.refused.map((r) => <li key={r.orderId}>{r.message}</li>)}</ul> : undefined}
        />
      ) : null}
      <Table<ParcelToHandOver>
        size="small" rowKey={(p) => `${p.orderId}:${p.trackingNo}`} dataSource={parcels.data ?? []} loading={parcels.isFetching} pagination={{ pageSize: 8 }}
        data-testid="handover-parcels" locale={{ emptyText: carrier ? t('floor.handover.none') : t('floor.handover.choose') }}
        rowSelection={{
          selectedRowKeys: (parcels.data ?? []).filter((p) => picked.includes(p.orderId)).map((p) => `${p.orderId}:${p.trackingNo}`),
          onChange: (_keys, rows) => setPicked([...new Set(rows.map((r) => r.orderId))]),
        }}
        columns={[
          { title: t('floor.handover.orderNo'), dataIndex: 'orderNo', width: 190 },
          { title: t('floor.handover.shop'), dataIndex: 'shopName', width: 150, ellipsis: true },
          { title: t('floor.handover.trackingNo'), dataIndex: 'trackingNo', width: 180 },
          { title: t('floor.handover.shippedAt'), dataIndex: 'shippedAt', width: 120, render: (v: number) => formatInZone(v).slice(5, 16) },
        ]}
      />
    </Card>
  );
}
