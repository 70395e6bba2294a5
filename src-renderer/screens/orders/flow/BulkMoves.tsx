/**
 * The selection bar's moves: approve, route, start picking, cancel, hold, merge, force — each
 * for every selected order with the version it showed, each refused order listed with its reason.
 */
import { DownOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import type { GridApi } from 'ag-grid-community';
import { App, Button, Dropdown, Form, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRow } from '../../../../src-shared/contract/orders';
import type { RequiredField } from '../../../../src-shared/lifecycle';
import type { OrderStatus } from '../../../../src-shared/orders';
import { client } from '../../../api/client';
import { errorText } from '../../../components/errors';
import { useSession } from '../../../session/session';
import { statusLabel } from '../cells';
import { MoveDialog, type MoveTarget } from './MoveDialog';
import { ReasonFields, toReason, type ReasonValues } from './ReasonFields';

/** Moves that make sense for many orders at once (tracking numbers are one per parcel: the drawer does those). */
const BULK: { to: OrderStatus; requires: RequiredField[]; permission: Parameters<ReturnType<typeof useSession>['can']>[0] }[] = [
  { to: 'to_route', requires: [], permission: 'orders.review' },
  { to: 'to_ship', requires: ['warehouse'], permission: 'orders.changeStatus' },
  { to: 'picking', requires: [], permission: 'fulfillment.ship' },
  { to: 'cancelled', requires: ['reason'], permission: 'orders.close' },
];

interface Props { api: GridApi<OrderRow> | null; warehouses: { id: string; name: string }[]; onDone(): void }

export function BulkMoves({ api, warehouses, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const [target, setTarget] = useState<MoveTarget | null>(null);
  const [holding, setHolding] = useState(false);
  const [form] = Form.useForm<ReasonValues>();
  const rows = () => api?.getSelectedRows() ?? [];
  const orders = rows().map((r) => ({ id: r.id, version: r.version, no: r.platformOrderId }));
  const hold = useMutation({
    mutationFn: (v: ReasonValues) => client.call('orders.hold', { ids: orders.map((o) => o.id), versions: Object.fromEntries(orders.map((o) => [o.id, o.version])), reason: toReason(v)! }),
    onSuccess: (r) => { void message.success(t('orders.bulk.done', { count: r.held })); setHolding(false); onDone(); },
    onError: (e) => void message.error(errorText(e)),
  });
  const merge = useMutation({
    mutationFn: () => client.call('orders.merge', { ids: orders.map((o) => o.id), versions: Object.fromEntries(orders.map((o) => [o.id, o.version])) }),
    onSuccess: (r) => { void message.success(t('lifecycle.merge.done', { no: orders.find((o) => o.id === r.primary)?.no ?? '' })); onDone(); },
    onError: (e) => void message.error(errorText(e)),
  });
  const items = [
    ...BULK.filter((b) => can(b.permission)).map((b) => ({ key: b.to, label: t('lifecycle.move.to', { status: statusLabel(b.to, lang) }) })),
    ...(can('orders.review') ? [{ key: 'hold', label: t('lifecycle.hold.add') }] : []),
    ...(can('orders.edit') && orders.length > 1 ? [{ key: 'merge', label: t('lifecycle.merge.button') }] : []),
    ...(can('orders.intervene') ? [{ key: 'force', label: t('lifecycle.move.force'), danger: true }] : []),
  ];
  if (!items.length) return null;
  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items,
          onClick: ({ key }) => {
            if (key === 'hold') return void (form.resetFields(), setHolding(true));
            if (key === 'merge') return void modal.confirm({ title: t('lifecycle.merge.confirm', { count: orders.length }), onOk: () => merge.mutateAsync() });
            if (key === 'force') return setTarget({ to: null, requires: ['reason'], force: true });
            const b = BULK.find((x) => x.to === key)!;
            setTarget({ to: b.to, requires: b.requires, force: false });
          },
        }}
      >
        <Button data-testid="bulk-moves">{t('lifecycle.move.button')} <DownOutlined /></Button>
      </Dropdown>
      <MoveDialog target={target} orders={orders} warehouses={warehouses} onClose={() => setTarget(null)} onDone={onDone} />
      <Modal open={holding} title={`${t('lifecycle.hold.addTitle')} · ${t('orders.bulk.forCount', { count: orders.length })}`} destroyOnHidden onCancel={() => setHolding(false)} onOk={() => form.submit()} confirmLoading={hold.isPending}>
        <Form form={form} layout="vertical" preserve={false} onFinish={(v) => hold.mutate(v)}><ReasonFields required /></Form>
      </Modal>
    </>
  );
}
