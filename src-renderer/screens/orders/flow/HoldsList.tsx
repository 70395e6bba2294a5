/** The order's holds, open first, each with who and when; a reviewer releases one with a reason. */
import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, List, Modal, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Hold } from '../../../../src-shared/contract/lifecycle';
import { formatInZone } from '../../../../src-shared/time';
import { client } from '../../../api/client';
import { errorText } from '../../../components/errors';
import { useSession } from '../../../session/session';
import { holdText, reasonText } from './flowText';
import { ReasonFields, toReason, type ReasonValues } from './ReasonFields';

interface Props { orderId: string; version: number; holds: Hold[]; onChanged(): void }

export function HoldsList({ orderId, version, holds, onChanged }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message } = App.useApp();
  const { can } = useSession();
  const [releasing, setReleasing] = useState<Hold | null>(null);
  const [adding, setAdding] = useState(false);
  const [form] = Form.useForm<ReasonValues>();
  const done = (text: string) => {
    void message.success(text);
    setReleasing(null);
    setAdding(false);
    onChanged();
  };
  const release = useMutation({
    mutationFn: (v: ReasonValues) => client.call('orders.releaseHold', { id: orderId, holdId: releasing!.id, expectedVersion: version, reason: toReason(v)! }),
    onSuccess: () => done(t('lifecycle.hold.released')),
    onError: (e) => void message.error(errorText(e)),
  });
  const hold = useMutation({
    mutationFn: (v: ReasonValues) => client.call('orders.hold', { ids: [orderId], versions: { [orderId]: version }, reason: toReason(v)! }),
    onSuccess: () => done(t('lifecycle.hold.add')),
    onError: (e) => void message.error(errorText(e)),
  });
  const sorted = [...holds].sort((a, b) => Number(a.releasedAt !== null) - Number(b.releasedAt !== null) || b.openedAt - a.openedAt);

  return (
    <div data-testid="order-holds">
      {sorted.length ? (
        <List
          size="small"
          dataSource={sorted}
          renderItem={(h) => (
            <List.Item
              data-testid="order-hold"
              actions={h.releasedAt === null && can('orders.review') ? [
                <Button key="r" size="small" data-testid="hold-release" onClick={() => { form.resetFields(); setReleasing(h); }}>{t('lifecycle.hold.release')}</Button>,
              ] : []}
            >
              <Space orientation="vertical" size={0}>
                <Space>
                  <Tag color={h.releasedAt === null ? 'volcano' : 'default'}>{h.releasedAt === null ? t('lifecycle.hold.title') : t('lifecycle.hold.released')}</Tag>
                  <Typography.Text delete={h.releasedAt !== null}>{holdText(h, t, lang)}</Typography.Text>
                </Space>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('lifecycle.hold.openedBy', { name: h.openedBy === 'system' || !h.openedBy ? t('orders.detail.system') : h.openedBy, time: formatInZone(h.openedAt) })}
                  {h.releasedAt !== null && ` · ${t('lifecycle.hold.releasedBy', { name: h.releasedBy ?? '', time: formatInZone(h.releasedAt) })} · ${reasonText(h.releaseCode, h.releaseParams, t, lang)}`}
                </Typography.Text>
              </Space>
            </List.Item>
          )}
        />
      ) : (
        <Typography.Paragraph type="secondary" style={{ margin: '4px 0 8px' }}>{t('lifecycle.hold.none')}</Typography.Paragraph>
      )}
      {can('orders.review') && (
        <Button size="small" data-testid="hold-add" onClick={() => { form.resetFields(); setAdding(true); }}>{t('lifecycle.hold.add')}</Button>
      )}
      <Modal
        open={!!releasing || adding} title={adding ? t('lifecycle.hold.addTitle') : t('lifecycle.hold.releaseTitle')} destroyOnHidden
        onCancel={() => { setReleasing(null); setAdding(false); }} onOk={() => form.submit()} confirmLoading={release.isPending || hold.isPending}
      >
        {releasing && <p>{holdText(releasing, t, lang)}</p>}
        <Form form={form} layout="vertical" preserve={false} onFinish={(v) => (adding ? hold.mutate(v) : release.mutate(v))}>
          <ReasonFields required />
        </Form>
      </Modal>
    </div>
  );
}
