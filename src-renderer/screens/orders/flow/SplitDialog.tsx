/** 拆单: how many of each line go to a new part; gifts follow their line and are not offered alone. */
import { useMutation } from '@tanstack/react-query';
import { Alert, App, InputNumber, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderDetail } from '../../../../src-shared/contract/orders';
import { client } from '../../../api/client';
import { errorText } from '../../../components/errors';
import { count } from '../../../components/numbers';

type Line = OrderDetail['lines'][number];

interface Props { open: boolean; orderId: string; version: number; lines: Line[]; onClose(): void; onDone(): void }

export function SplitDialog({ open, orderId, version, lines, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [qty, setQty] = useState<Record<string, number>>({});
  const split = useMutation({
    mutationFn: () => client.call('orders.split', {
      id: orderId, expectedVersion: version,
      parts: [{ lines: Object.entries(qty).filter(([, n]) => n > 0).map(([lineId, n]) => ({ lineId, qty: n })) }],
    }),
    onSuccess: (r) => {
      void message.success(t('lifecycle.split.done', { count: r.parts.length }));
      setQty({});
      onClose();
      onDone();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const chosen = Object.values(qty).some((n) => n > 0);
  return (
    <Modal
      open={open} title={t('lifecycle.split.title')} width={720} onCancel={onClose} destroyOnHidden data-testid="split-dialog"
      okButtonProps={{ disabled: !chosen }} confirmLoading={split.isPending} onOk={() => split.mutate()}
    >
      <Alert type="info" showIcon title={t('lifecycle.split.hint')} style={{ marginBottom: 12 }} />
      <Table
        size="small" rowKey="id" pagination={false} dataSource={lines}
        columns={[
          { title: t('orders.detail.item'), render: (_, l) => <>{l.title}{l.gift && <Tag style={{ marginInlineStart: 6 }}>{t('orders.detail.gift')}</Tag>}</> },
          { title: t('orders.detail.spec'), dataIndex: 'spec', width: 160 },
          { title: t('orders.detail.qty'), dataIndex: 'qty', width: 64, align: 'right', render: count },
          {
            title: t('lifecycle.split.qty'), width: 120,
            render: (_, l: Line) => (l.gift ? null : (
              <InputNumber
                aria-label={`${t('lifecycle.split.qty')} ${l.title}`} data-testid={`split-qty-${l.lineNo}`} min={0} max={l.qty} precision={0}
                value={qty[l.id] ?? 0} onChange={(v) => setQty((q) => ({ ...q, [l.id]: v ?? 0 }))}
              />
            )),
          },
          { title: t('lifecycle.split.left'), width: 64, align: 'right', render: (_, l: Line) => (l.gift ? '' : l.qty - (qty[l.id] ?? 0)) },
        ]}
      />
    </Modal>
  );
}
