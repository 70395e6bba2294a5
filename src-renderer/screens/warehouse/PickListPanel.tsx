/** 拣货单: choose a wave (warehouse, paid-by time, shops, urgency, carriers), see its counts, print it; today's waves with reprint. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Popconfirm, Select, Space, Table, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PickListResult, PickListSummary, WaveFilters } from '../../../src-shared/contract/shipping-print';
import { URGENCY_LABELS, type Urgency } from '../../../src-shared/orders';
import { CARRIERS } from '../../../src-shared/shipping';
import { carrierName } from '../../../src-shared/shipping-words';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { punctuation } from '../../i18n/punctuation';
import { downloadBase64, printPdf, printProblem, type PrintShown } from './print-pdf';

export function PickListPanel() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const p = punctuation(lang);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const floor = useQuery({ queryKey: ['shipping', 'floor'], queryFn: () => client.call('shipping.floor', {}) });
  const [warehouseId, setWarehouseId] = useState<string | undefined>();
  const [cutoff, setCutoff] = useState<Dayjs | null>(null);
  const [shops, setShops] = useState<string[]>([]);
  const [urgencies, setUrgencies] = useState<Urgency[]>([]);
  const [carriers, setCarriers] = useState<string[]>([]);
  const [last, setLast] = useState<PickListResult | null>(null);
  useEffect(() => {
    if (!warehouseId && floor.data?.warehouses[0]) setWarehouseId(floor.data.warehouses[0].id);
  }, [floor.data, warehouseId]);

  const filters: WaveFilters = useMemo(() => ({
    ...(cutoff ? { cutoffAt: cutoff.valueOf() } : {}), channelIds: shops, urgencies, carriers,
  }), [cutoff, shops, urgencies, carriers]);
  const preview = useQuery({
    queryKey: ['shipping', 'wave', warehouseId, filters], enabled: Boolean(warehouseId),
    queryFn: () => client.call('shipping.wavePreview', { warehouseId: warehouseId!, filters }),
  });
  const startOfDay = dayjs().startOf('day').valueOf();
  const waves = useQuery({ queryKey: ['shipping', 'waves', warehouseId], queryFn: () => client.call('shipping.pickLists', { since: startOfDay, limit: 50, ...(warehouseId ? { warehouseId } : {}) }) });

  const tell = (p: PrintShown) => {
    const why = printProblem(p, t);
    if (why) void message.warning(why);
  };
  const shown = (r: PickListResult) => {
    setLast(r);
    void printPdf(r.fileName, r.contentBase64).then(tell);
    void qc.invalidateQueries({ queryKey: ['shipping'] });
  };
  const print = useMutation({ mutationFn: () => client.call('shipping.pickList', { warehouseId: warehouseId!, filters }), onSuccess: shown });
  const reprint = useMutation({
    mutationFn: (id: string) => client.call('shipping.pickList', { warehouseId: warehouseId!, filters: {}, reprintOf: id }),
    onSuccess: (r) => { shown(r); message.success(t('floor.pick.reprinted', { n: r.reprint })); },
  });
  const n = preview.data?.orders ?? 0;

  return (
    <Card size="small" title={t('floor.pick.title')} data-testid="pick-panel">
      <Form layout="inline" style={{ rowGap: 8 }}>
        <Form.Item label={t('floor.pick.warehouse')}>
          <Select style={{ width: 140 }} value={warehouseId} onChange={setWarehouseId} data-testid="pick-warehouse"
            options={(floor.data?.warehouses ?? []).map((w) => ({ value: w.id, label: w.name }))} />
        </Form.Item>
        <Form.Item label={t('floor.pick.cutoff')}>
          <DatePicker showTime={{ format: 'HH:mm' }} format="MM-DD HH:mm" value={cutoff} onChange={setCutoff} placeholder={t('floor.pick.cutoffHint')} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item label={t('floor.pick.shops')}>
          <Select mode="multiple" allowClear style={{ width: 220 }} maxTagCount="responsive" placeholder={t('floor.pick.allShops')} value={shops} onChange={setShops}
            options={(floor.data?.shops ?? []).map((s) => ({ value: s.id, label: s.name }))} />
        </Form.Item>
        <Form.Item label={t('floor.pick.urgency')}>
          <Checkbox.Group value={urgencies} onChange={(v) => setUrgencies(v as Urgency[])}
            options={(['red', 'yellow', 'green'] as const).map((u) => ({ value: u, label: URGENCY_LABELS[u][lang] }))} />
        </Form.Item>
        <Form.Item label={t('floor.pick.carriers')}>
          <Select mode="multiple" allowClear style={{ width: 180 }} maxTagCount="responsive" placeholder={t('floor.pick.allCarriers')} value={carriers} onChange={setCarriers}
            options={CARRIERS.map((c) => ({ value: c, label: carrierName(c, lang) }))} />
        </Form.Item>
      </Form>
      <Space style={{ marginTop: 12 }} wrap>
        <Typography.Text strong data-testid="wave-preview">
          {preview.data ? (n ? t('floor.pick.preview', { orders: preview.data.orders, units: preview.data.units, skus: preview.data.skus }) : t('floor.pick.empty')) : '…'}
        </Typography.Text>
        {preview.data?.held ? <Typography.Text type="warning">{t('floor.pick.held', { n: preview.data.held })}</Typography.Text> : null}
        {preview.data?.capped ? <Typography.Text type="warning">{t('floor.pick.capped')}</Typography.Text> : null}
        <Popconfirm title={t('floor.pick.confirm', { n })} onConfirm={() => print.mutate()} disabled={!n}>
          <Button type="primary" disabled={!n} loading={print.isPending} data-testid="pick-print">{t('floor.pick.print')}</Button>
        </Popconfirm>
      </Space>
      {print.error ? <Alert type="error" showIcon style={{ marginTop: 8 }} title={print.error.message} /> : null}
      {last ? (
        <Alert type="success" showIcon style={{ marginTop: 8 }} data-testid="pick-printed"
          title={last.reprint ? t('floor.pick.reprinted', { n: last.reprint }) : t('floor.pick.printed', { orders: last.orders })}
          description={last.skipped.length ? t('floor.pick.skipped', { n: last.skipped.length, list: p.list(last.skipped.slice(0, 5).map((s) => `${s.orderNo}${p.paren(s.code)}`)) }) : undefined}
          action={(
            <Space>
              <Button size="small" onClick={() => void printPdf(last.fileName, last.contentBase64).then(tell)}>{t('floor.pick.open')}</Button>
              <Button size="small" onClick={() => downloadBase64(last.fileName, last.contentBase64)} data-testid="pick-download">{t('floor.pick.download')}</Button>
            </Space>
          )} />
      ) : null}
      <Typography.Title level={5} style={{ marginTop: 12 }}>{t('floor.pick.waves')}</Typography.Title>
      <Table<PickListSummary>
        size="small" rowKey="id" data-testid="waves" dataSource={waves.data ?? []} loading={waves.isLoading} pagination={{ pageSize: 5 }}
        columns={[
          { title: t('floor.pick.at'), dataIndex: 'createdAt', width: 110, render: (v: number) => formatInZone(v).slice(5, 16) },
          { title: t('floor.pick.warehouse'), dataIndex: 'warehouseName', width: 100 },
          { title: t('floor.pick.orders'), dataIndex: 'orders', width: 70 },
          { title: t('floor.pick.units'), dataIndex: 'units', width: 70 },
          { title: t('floor.pick.prints'), dataIndex: 'prints', width: 80 },
          { title: t('floor.pick.by'), dataIndex: 'createdByName', width: 100, ellipsis: true },
          {
            title: '', key: 'reprint', width: 90,
            render: (_: unknown, r: PickListSummary) => (
              <Popconfirm title={t('floor.pick.reprintConfirm')} onConfirm={() => reprint.mutate(r.id)}>
                <Button size="small" loading={reprint.isPending && reprint.variables === r.id}>{t('floor.pick.reprint')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Card>
  );
}
