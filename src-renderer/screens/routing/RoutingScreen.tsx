/** 分仓与产能: per warehouse, orders routed for a ship day against its daily capacity; orders waiting for stock; re-route by hand. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, DatePicker, Form, Input, InputNumber, Modal, Progress, Row, Select, Space, Statistic, Table, TimePicker, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CapacityRow, StockWaitView } from '../../../src-shared/contract/inventory';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText, fieldErrors } from '../../components/errors';
import { usePunctuation } from '../../i18n/punctuation';
import { useSession } from '../../session/session';

const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

function CapacityCard({ row, onEdit, canEdit }: { row: CapacityRow; onEdit: () => void; canEdit: boolean }) {
  const { t } = useTranslation();
  const pct = row.dailyOrders ? Math.min(100, Math.round((row.used / Math.max(1, row.dailyOrders)) * 100)) : 0;
  return (
    <Card size="small" title={row.warehouseName} data-testid={`capacity-${row.warehouseId}`} extra={canEdit && <Button size="small" onClick={onEdit}>{t('stock.routing.edit')}</Button>}>
      <Statistic value={row.used} suffix={row.dailyOrders === null ? `/ ${t('stock.routing.unlimited')}` : t('stock.routing.of', { cap: row.dailyOrders })} />
      {row.dailyOrders !== null && <Progress percent={pct} status={pct >= 100 ? 'exception' : 'active'} showInfo={false} />}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('stock.routing.cutoff')} {hhmm(row.cutoffMinute)} · {t('stock.routing.priority')} {row.priority} · {t('stock.routing.reservedUnits', { n: row.reservedUnits })}
        {row.waiting > 0 && <> · <Typography.Text type="danger" style={{ fontSize: 12 }}>{t('stock.routing.waiting', { n: row.waiting })}</Typography.Text></>}
      </Typography.Text>
    </Card>
  );
}

function CapacityModal({ row, onClose }: { row: CapacityRow | null; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ dailyOrders: number | null; cutoff: Dayjs; priority: number }>();
  const save = useMutation({
    mutationFn: (v: { dailyOrders: number | null; cutoff: Dayjs; priority: number }) =>
      client.call('routing.setCapacity', { warehouseId: row!.warehouseId, dailyOrders: v.dailyOrders ?? null, cutoffMinute: v.cutoff.hour() * 60 + v.cutoff.minute(), priority: v.priority }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['routing.capacity'] }); onClose(); },
    onError: (e) => form.setFields(fieldErrors(e)),
  });
  return (
    <Modal open={!!row} title={row?.warehouseName} onCancel={onClose} onOk={() => form.submit()} confirmLoading={save.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => save.mutate(v)}
        initialValues={row ? { dailyOrders: row.dailyOrders, cutoff: dayjs().startOf('day').add(row.cutoffMinute, 'minute'), priority: row.priority } : {}}>
        <Form.Item name="dailyOrders" label={t('stock.routing.capacity')} extra={t('stock.routing.unlimited')}><InputNumber min={0} style={{ width: 160 }} data-testid="cap-daily" /></Form.Item>
        <Form.Item name="cutoff" label={t('stock.routing.cutoff')} rules={[{ required: true }]}><TimePicker format="HH:mm" allowClear={false} /></Form.Item>
        <Form.Item name="priority" label={t('stock.routing.priority')} rules={[{ required: true }]}><InputNumber min={0} style={{ width: 160 }} /></Form.Item>
      </Form>
    </Modal>
  );
}

function OverrideModal({ wait, warehouses, onClose }: { wait: StockWaitView | null; warehouses: { value: string; label: string }[]; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ warehouseId: string; reason: string }>();
  const run = useMutation({
    mutationFn: (v: { warehouseId: string; reason: string }) => client.call('routing.override', { orderId: wait!.orderId, ...v }),
    onSuccess: (r) => {
      void message.success(r.placed ? t('stock.routing.overrideDone') : t('stock.routing.overrideWait'));
      for (const k of ['stock.waits', 'routing.capacity', 'stock.page']) void qc.invalidateQueries({ queryKey: [k] });
      onClose();
    },
    onError: (e) => form.setFields(fieldErrors(e)),
  });
  return (
    <Modal open={!!wait} title={wait ? t('stock.routing.overrideTitle', { no: wait.platformOrderId }) : ''} onCancel={onClose} onOk={() => form.submit()} confirmLoading={run.isPending} destroyOnHidden>
      <Form form={form} layout="vertical" onFinish={(v) => run.mutate(v)}>
        <Form.Item name="warehouseId" label={t('stock.routing.overrideWarehouse')} rules={[{ required: true }]}><Select options={warehouses} data-testid="override-warehouse" /></Form.Item>
        <Form.Item name="reason" label={t('stock.routing.overrideReason')} rules={[{ required: true }]}><Input maxLength={200} data-testid="override-reason" /></Form.Item>
      </Form>
      {run.isError && <Typography.Text type="danger">{errorText(run.error)}</Typography.Text>}
    </Modal>
  );
}

export function RoutingScreen() {
  const { t } = useTranslation();
  const p = usePunctuation();
  const { can } = useSession();
  const [day, setDay] = useState<Dayjs>(dayjs());
  const [editing, setEditing] = useState<CapacityRow | null>(null);
  const [moving, setMoving] = useState<StockWaitView | null>(null);
  const cap = useQuery({ queryKey: ['routing.capacity', day.format('YYYY-MM-DD')], queryFn: () => client.call('routing.capacity', { day: day.format('YYYY-MM-DD') }) }); // fresh from orders.changed
  const waits = useQuery({ queryKey: ['stock.waits'], queryFn: () => client.call('stock.waits', { limit: 500 }) });
  const names = new Map((cap.data?.rows ?? []).map((r) => [r.warehouseId, r.warehouseName]));
  const warehouses = (cap.data?.rows ?? []).map((r) => ({ value: r.warehouseId, label: r.warehouseName }));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="middle" data-testid="routing-screen">
      <Card title={t('stock.routingTitle')} extra={<Space><Typography.Text>{t('stock.routing.day')}</Typography.Text><DatePicker value={day} allowClear={false} onChange={(d) => d && setDay(d)} /></Space>}>
        <Row gutter={[12, 12]}>
          {(cap.data?.rows ?? []).map((r) => <Col key={r.warehouseId} xs={24} md={12} lg={8}><CapacityCard row={r} canEdit={can('stock.manage')} onEdit={() => setEditing(r)} /></Col>)}
        </Row>
      </Card>
      <Card title={t('stock.routing.waitsTitle')} size="small">
        <Table<StockWaitView>
          size="small" rowKey="orderId" data-testid="waits" dataSource={waits.data ?? []} loading={waits.isLoading} pagination={{ pageSize: 10 }}
          locale={{ emptyText: t('stock.routing.noWaits') }}
          columns={[
            { title: t('stock.res.order'), dataIndex: 'platformOrderId', width: 170 },
            { title: t('stock.routing.paidAt'), dataIndex: 'paidAt', width: 150, render: (v: number) => formatInZone(v).slice(0, 16) },
            {
              title: t('stock.routing.missing'),
              render: (_, w) => w.missing.map((m) => `${m.skuCode} ${m.warehouseId ? names.get(m.warehouseId) ?? '' : ''} ${m.available}/${m.need}${p.paren(`${t('stock.routing.missing')} ${m.need - m.available}`)}`).join(p.semicolon),
            },
            { title: t('stock.routing.waitingSince'), dataIndex: 'since', width: 150, render: (v: number) => formatInZone(v).slice(0, 16) },
            { title: '', width: 80, render: (_, w) => can('orders.edit') && <Button type="link" size="small" onClick={() => setMoving(w)} data-testid={`override-${w.platformOrderId}`}>{t('stock.routing.override')}</Button> },
          ]}
        />
      </Card>
      <CapacityModal row={editing} onClose={() => setEditing(null)} />
      <OverrideModal wait={moving} warehouses={warehouses} onClose={() => setMoving(null)} />
    </Space>
  );
}
