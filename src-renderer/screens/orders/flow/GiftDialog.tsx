/** An out-of-stock gift: the others of its gift group, with the latest stock on hand; pick one to swap in. */
import { useMutation, useQuery } from '@tanstack/react-query';
import { App, Empty, Modal, Radio, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../../../api/client';
import { errorText } from '../../../components/errors';
import { usePunctuation } from '../../../i18n/punctuation';

interface Props { gift: { orderId: string; lineId: string; title: string; version: number } | null; onClose(): void; onDone(): void }

export function GiftDialog({ gift, onClose, onDone }: Props) {
  const { t } = useTranslation();
  const p = usePunctuation();
  const { message } = App.useApp();
  const [pick, setPick] = useState<string | null>(null);
  const subs = useQuery({
    queryKey: ['orders.giftSubstitutes', gift?.orderId, gift?.lineId],
    queryFn: () => client.call('orders.giftSubstitutes', { id: gift!.orderId, lineId: gift!.lineId }),
    enabled: !!gift,
  });
  const swap = useMutation({
    mutationFn: () => client.call('orders.replaceGift', { id: gift!.orderId, lineId: gift!.lineId, skuCode: pick!, expectedVersion: gift!.version }),
    onSuccess: () => {
      void message.success(t('lifecycle.gift.done'));
      onClose();
      onDone();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const skus = subs.data?.skus ?? [];
  return (
    <Modal
      open={!!gift} title={t('lifecycle.gift.title', { title: gift?.title ?? '' })} onCancel={onClose} destroyOnHidden data-testid="gift-dialog"
      okButtonProps={{ disabled: !pick }} confirmLoading={swap.isPending} onOk={() => swap.mutate()}
    >
      {skus.length ? (
        <Radio.Group value={pick} onChange={(e) => setPick(e.target.value as string)}>
          <Space orientation="vertical">
            {skus.map((s) => (
              <Radio key={s.code} value={s.code} data-testid={`gift-option-${s.code}`}>
                {s.title} {s.spec && <Typography.Text type="secondary">{s.spec}</Typography.Text>}{' '}
                <Typography.Text type={s.onHand ? undefined : 'secondary'}>
                  {p.paren(s.onHand == null ? t('lifecycle.gift.unknownStock') : t('lifecycle.gift.onHand', { count: s.onHand }))}
                </Typography.Text>
              </Radio>
            ))}
          </Space>
        </Radio.Group>
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={subs.isLoading ? t('common.loading') : t('lifecycle.gift.none')} />
      )}
    </Modal>
  );
}
