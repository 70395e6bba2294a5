/** Notes with their author and time; people with orders.note add one here. */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Empty, Form, Input, List, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrderDetail } from '../../../../src-shared/contract/orders';
import { formatInZone } from '../../../../src-shared/time';
import { client } from '../../../api/client';
import { errorText, fieldErrors } from '../../../components/errors';
import { useSession } from '../../../session/session';

type Note = OrderDetail['notes'][number];

export function OrderNotes({ orderId, notes, onAdded }: { orderId: string; notes: Note[]; onAdded(): void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ body: string }>();
  const add = useMutation({
    mutationFn: (body: string) => client.call('orders.addNote', { orderIds: [orderId], body }),
    onSuccess: async () => {
      form.resetFields();
      await qc.invalidateQueries({ queryKey: ['orders.get', orderId] });
      void message.success(t('orders.detail.noteAdded'));
      onAdded();
    },
    onError: (e) => {
      // The contract names the field `body`; anything else goes to a toast.
      const f = fieldErrors<{ body: string }>(e).filter((x) => x.name === 'body');
      if (f.length) form.setFields(f);
      else void message.error(errorText(e));
    },
  });
  return (
    <div data-testid="order-notes">
      {notes.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.detail.noNotes')} style={{ margin: '8px 0' }} />
      ) : (
        <List<Note>
          size="small"
          dataSource={notes}
          renderItem={(n) => (
            <List.Item>
              <div>
                <Typography.Paragraph style={{ marginBottom: 2, whiteSpace: 'pre-wrap' }}>{n.body}</Typography.Paragraph>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>{n.authorName ?? t('orders.detail.system')} · {formatInZone(n.createdAt)}</Typography.Text>
              </div>
            </List.Item>
          )}
        />
      )}
      {can('orders.note') && (
        <Form form={form} name="order-note" onFinish={(v) => add.mutate(v.body)} style={{ marginTop: 8 }}>
          <Form.Item name="body" rules={[{ required: true, whitespace: true, message: t('orders.detail.notePlaceholder') }]} style={{ marginBottom: 8 }}>
            <Input.TextArea rows={2} maxLength={2000} placeholder={t('orders.detail.notePlaceholder')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={add.isPending}>{t('orders.detail.addNote')}</Button>
        </Form>
      )}
    </div>
  );
}
