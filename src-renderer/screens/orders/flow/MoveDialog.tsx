/**
 * One move for one or many orders (the drawer and the selection bar): asks for what the move
 * needs (reason, tracking no., warehouse), sends orders.transition with the versions the person
 * saw, then shows per order what was done and what was refused, in words.
 */
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Select, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TransitionOutcome } from '../../../../src-shared/contract/lifecycle';
import type { RequiredField } from '../../../../src-shared/lifecycle';
import { ORDER_STATUSES, type OrderStatus } from '../../../../src-shared/orders';
import { client } from '../../../api/client';
import { errorText } from '../../../components/errors';
import { punctuation } from '../../../i18n/punctuation';
import { statusLabel } from '../cells';
import { refusalText } from './flowText';
import { ReasonFields, toReason, type ReasonValues } from './ReasonFields';

export interface MoveTarget {
  to: OrderStatus | null;
  requires: RequiredField[];
  force: boolean;
}

interface Values extends ReasonValues { to?: OrderStatus; trackingNo?: string; carrier?: string; warehouseId?: string }

interface Props {
  target: MoveTarget | null;
  /** Order id → the version the person saw; no. for the result list. */
  orders: { id: string; version: number; no: string }[];
  warehouses: { id: string; name: string }[];
  onClose(): void;
  onDone(): void;
}

export function MoveDialog({ target, orders, warehouses, onClose, onDone }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const p = punctuation(lang);
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const needs = (f: RequiredField) => !!target?.requires.includes(f);
  const move = useMutation({
    mutationFn: (v: Values) => {
      const reason = toReason(v);
      const fields = { ...(v.trackingNo ? { trackingNo: v.trackingNo } : {}), ...(v.carrier ? { carrier: v.carrier } : {}), ...(v.warehouseId ? { warehouseId: v.warehouseId } : {}) };
      return client.call('orders.transition', {
        ids: orders.map((o) => o.id), to: (target?.to ?? v.to)!, force: !!target?.force,
        versions: Object.fromEntries(orders.map((o) => [o.id, o.version])),
        ...(reason ? { reason } : {}), ...(Object.keys(fields).length ? { fields } : {}),
      });
    },
    onSuccess: ({ results }) => {
      onClose();
      onDone();
      showResults(results);
    },
    onError: (e) => void message.error(errorText(e)),
  });

  const showResults = (results: TransitionOutcome[]) => {
    const refused = results.filter((r): r is Extract<TransitionOutcome, { ok: false }> => !r.ok);
    const ok = results.length - refused.length;
    if (!refused.length) return void message.success(t('lifecycle.move.done', { ok }));
    const no = new Map(orders.map((o) => [o.id, o.no]));
    modal.warning({
      title: t('lifecycle.move.resultTitle'),
      width: 640,
      content: (
        <div data-testid="move-results">
          <p>{t('lifecycle.move.done', { ok })}{p.comma}{t('lifecycle.move.refused', { count: refused.length })}</p>
          <Table
            size="small" pagination={false} rowKey="id" dataSource={refused}
            columns={[
              { title: t('lifecycle.move.orderNo'), render: (_, r) => no.get(r.id) ?? r.id, width: 200 },
              { title: t('lifecycle.move.why'), render: (_, r) => refusalText(r.refusal, t, lang) },
            ]}
          />
        </div>
      ),
    });
  };

  const title = target?.force ? t('lifecycle.move.forceTitle') : target?.to ? t('lifecycle.move.to', { status: statusLabel(target.to, lang) }) : '';
  return (
    <Modal
      open={!!target} title={title} onCancel={onClose} destroyOnHidden okText={t('lifecycle.move.confirm')}
      confirmLoading={move.isPending} onOk={() => form.submit()} data-testid="move-dialog"
    >
      {target?.force && <Alert type="warning" showIcon title={t('lifecycle.move.forceHint')} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" onFinish={(v) => move.mutate(v)} preserve={false}>
        {target?.force && (
          <Form.Item name="to" label={t('lifecycle.move.target')} rules={[{ required: true, message: t('lifecycle.move.target') }]}>
            <Select data-testid="force-target" options={ORDER_STATUSES.map((s) => ({ value: s, label: statusLabel(s, lang) }))} />
          </Form.Item>
        )}
        {needs('warehouse') && (
          <Form.Item name="warehouseId" label={t('lifecycle.move.warehouse')} rules={[{ required: true, message: t('lifecycle.move.warehouse') }]}>
            <Select data-testid="move-warehouse" options={warehouses.map((w) => ({ value: w.id, label: w.name }))} />
          </Form.Item>
        )}
        {needs('trackingNo') && (
          <Form.Item name="trackingNo" label={t('lifecycle.move.tracking')} rules={[{ required: true, message: t('lifecycle.move.tracking') }]}>
            <Input data-testid="move-tracking" maxLength={40} />
          </Form.Item>
        )}
        {(needs('carrier') || needs('trackingNo')) && (
          <Form.Item name="carrier" label={t('lifecycle.move.carrier')} rules={needs('carrier') ? [{ required: true, message: t('lifecycle.move.carrier') }] : []}>
            <Input maxLength={40} />
          </Form.Item>
        )}
        <ReasonFields required={needs('reason') || !!target?.force} />
      </Form>
    </Modal>
  );
}
