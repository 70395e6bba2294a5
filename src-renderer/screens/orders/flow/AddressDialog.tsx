/** A person changes the receiver address; after payment it is flagged for the pick list, and the old one kept. */
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Form, Input, Modal, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AddressInput } from '../../../../src-shared/contract/lifecycle';
import type { OrderDetail } from '../../../../src-shared/contract/orders';
import { client } from '../../../api/client';
import { errorText, fieldErrors } from '../../../components/errors';

interface Props { open: boolean; order: OrderDetail['order']; onClose(): void; onDone(): void }

export function AddressDialog({ open, order, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ address: AddressInput }>();
  const save = useMutation({
    mutationFn: (v: { address: AddressInput }) => client.call('orders.changeAddress', { id: order.id, expectedVersion: order.version, address: v.address }),
    onSuccess: () => {
      void message.success(t('lifecycle.address.done'));
      onClose();
      onDone();
    },
    onError: (e) => {
      form.setFields(fieldErrors(e));
      void message.error(errorText(e));
    },
  });
  const f = (k: keyof AddressInput, label: string, rules = true, width?: number) => (
    <Form.Item name={['address', k]} label={t(`lifecycle.manualForm.${label}`)} rules={rules ? [{ required: true, message: t(`lifecycle.manualForm.${label}`) }] : []} style={width ? { width } : {}}>
      <Input data-testid={`address-${k}`} />
    </Form.Item>
  );
  return (
    <Modal open={open} title={t('lifecycle.address.title')} onCancel={onClose} destroyOnHidden onOk={() => form.submit()} confirmLoading={save.isPending} data-testid="address-dialog">
      {order.paidAt !== null && <Alert type="info" showIcon title={t('lifecycle.address.afterPaid')} style={{ marginBottom: 12 }} />}
      <Form
        form={form} layout="vertical" preserve={false} onFinish={(v) => save.mutate(v)}
        initialValues={{ address: { receiverName: order.receiverName ?? '', receiverPhone: order.receiverPhone ?? '', province: order.province ?? '', city: order.city ?? '', district: order.district ?? '', detail: order.addressDetail ?? '' } }}
      >
        <Space>{f('receiverName', 'receiverName', true, 180)}{f('receiverPhone', 'receiverPhone', true, 200)}</Space>
        <Space>{f('province', 'province', true, 120)}{f('city', 'city', false, 120)}{f('district', 'district', false, 120)}</Space>
        {f('detail', 'detail')}
      </Form>
    </Modal>
  );
}
