/** The stock grid's dialogs: a stock count (盘点), safety stock, a SKU's reservations (with release by hand). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Drawer, Form, Input, InputNumber, Modal, Popconfirm, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReservationView, StockRow } from '../../../src-shared/contract/inventory';
import { RELEASE_REASON_LABELS } from '../../../src-shared/rules';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { fieldErrors } from '../../components/errors';
import { useSession } from '../../session/session';
import { count } from '../../components/numbers';

const refreshStock = (qc: ReturnType<typeof useQueryClient>) => {
  for (const k of ['stock.page', 'stock.reminders', 'stock.reconcile', 'reservations.list', 'stock.waits', 'routing.capacity']) void qc.invalidateQueries({ queryKey: [k] });
};

export function CountModal({ row, onClose }: { row: StockRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ onHand: number; note?: string }>();
  const run = useMutation({
    mutationFn: (v: { onHand: number; note?: string }) => client.call('stock.count', { skuCode: row!.skuCode, warehouseId: row!.warehouseId, onHand: v.onHand, note: v.note }),
    onSuccess: (r) => {
      void message.success(t('stock.counted', { n: r.onHand }) + (r.released ? t('stock.released', { n: r.released }) : ''));
      refreshStock(qc);
      onClose();
    },
    onError: (e) => form.setFields(fieldErrors(e)),
  });
  return (
    <Modal open={!!row} title={row ? t('stock.countTitle', { sku: row.skuCode, warehouse: row.warehouseName }) : ''} onCancel={onClose} onOk={() => form.submit()} confirmLoading={run.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ onHand: row?.onHand }} onFinish={(v) => run.mutate(v)}>
        <Form.Item name="onHand" label={t('stock.countOnHand')} rules={[{ required: true }]}><InputNumber min={0} style={{ width: 160 }} data-testid="count-onhand" autoFocus /></Form.Item>
        <Form.Item name="note" label={t('stock.countNote')}><Input maxLength={200} /></Form.Item>
      </Form>
    </Modal>
  );
}

export function SafetyModal({ row, onClose }: { row: StockRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ qty: number }>();
  const run = useMutation({
    mutationFn: (v: { qty: number }) => client.call('stock.setSafety', { skuCode: row!.skuCode, qty: v.qty }),
    onSuccess: () => { void message.success(t('stock.safetySaved')); refreshStock(qc); onClose(); },
    onError: (e) => form.setFields(fieldErrors(e)),
  });
  return (
    <Modal open={!!row} title={row ? t('stock.safetyTitle', { sku: row.skuCode }) : ''} onCancel={onClose} onOk={() => form.submit()} confirmLoading={run.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ qty: row?.safety }} onFinish={(v) => run.mutate(v)}>
        <Form.Item name="qty" label={t('stock.safety')} rules={[{ required: true }]}><InputNumber min={0} style={{ width: 160 }} data-testid="safety-qty" autoFocus /></Form.Item>
      </Form>
    </Modal>
  );
}

export function ReservationsDrawer({ skuCode, onClose }: { skuCode: string | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { can } = useSession();
  const qc = useQueryClient();
  const [reason, setReason] = useState('');
  const list = useQuery({ queryKey: ['reservations.list', skuCode], queryFn: () => client.call('reservations.list', { skuCode: skuCode!, limit: 500 }), enabled: !!skuCode });
  const release = useMutation({ mutationFn: (orderId: string) => client.call('reservations.release', { orderId, reason }), onSuccess: () => { setReason(''); refreshStock(qc); } });
  const by = (r: ReservationView) => r.madeByKind === 'rule' ? t('stock.res.rule', { name: r.madeByName, v: r.ruleVersion }) : r.madeByKind === 'person' ? t('stock.res.person', { name: r.madeByName }) : t('stock.res.system');
  return (
    <Drawer open={!!skuCode} onClose={onClose} width={900} title={skuCode ? t('stock.resTitle', { sku: skuCode }) : ''}>
      <Table<ReservationView>
        size="small" rowKey="id" data-testid="reservations" dataSource={list.data ?? []} loading={list.isLoading} pagination={{ pageSize: 15 }}
        columns={[
          { title: t('stock.res.order'), dataIndex: 'platformOrderId', width: 170 },
          { title: t('stock.col.warehouse'), dataIndex: 'warehouseName', width: 100 },
          { title: t('stock.res.qty'), dataIndex: 'qty', width: 60, align: 'right', render: count },
          { title: t('stock.res.by'), render: (_, r) => by(r) },
          { title: t('stock.res.at'), dataIndex: 'createdAt', width: 140, render: (v: number) => formatInZone(v).slice(0, 16) },
          {
            title: t('stock.res.released'), width: 200,
            render: (_, r) => r.releasedAt
              ? `${RELEASE_REASON_LABELS[r.releaseReason!][lang]} · ${formatInZone(r.releasedAt).slice(5, 16)}${r.releasedByName ? ` · ${r.releasedByName}` : ''}`
              : <Tag color="green">{t('stock.open')}</Tag>,
          },
          {
            title: '', width: 80,
            render: (_, r) => !r.releasedAt && can('stock.manage') && (
              <Popconfirm
                title={t('stock.releaseTitle', { no: r.platformOrderId })}
                description={<Input placeholder={t('stock.releaseReason')} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="release-reason" />}
                okButtonProps={{ disabled: !reason.trim() }}
                onConfirm={() => release.mutate(r.orderId)}
              >
                <Button type="link" size="small" danger>{t('stock.release')}</Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Drawer>
  );
}
