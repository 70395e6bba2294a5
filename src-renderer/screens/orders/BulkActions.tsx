/**
 * Actions on the selected orders, each shown only to roles that may do it (the main process
 * refuses the rest anyway). Changing many orders at once asks first.
 */
import { DownOutlined, FormOutlined, TagsOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { App, Button, Dropdown, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { URGENCIES, type Urgency } from '../../../src-shared/orders';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { useSession } from '../../session/session';
import { UrgencyCell } from './cells';

/** From this many orders on, a bulk change asks "are you sure" first. */
export const CONFIRM_FROM = 20;

interface Props {
  ids: string[];
  tags: string[];
  /** The version of each selected order as the grid showed it: a changed order refuses the change. */
  versions?: Record<string, number>;
  onDone(): void;
  /** "All N matching" across pages: always confirm, with the count. */
  confirmAll?: boolean;
}

export function BulkActions({ ids, tags, versions, onDone, confirmAll = false }: Props) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { message, modal } = App.useApp();
  const { can } = useSession();
  const [open, setOpen] = useState<'note' | 'tags' | null>(null);
  const [noteForm] = Form.useForm<{ body: string }>();
  const [tagForm] = Form.useForm<{ add: string[]; remove: string[] }>();

  const confirmed = (action: string) =>
    ids.length < CONFIRM_FROM && !confirmAll
      ? Promise.resolve(true)
      : new Promise<boolean>((ok) =>
          void modal.confirm({
            title: t('orders.bulk.confirmTitle'),
            content: confirmAll ? t('find.confirmAll', { count: ids.length.toLocaleString('en-US'), action }) : t('orders.bulk.confirmMany', { count: ids.length, action }),
            onOk: () => ok(true), onCancel: () => ok(false),
          }),
        );

  const finish = (text: string) => {
    void message.success(text);
    setOpen(null);
    onDone();
  };
  const note = useMutation({
    mutationFn: (body: string) => client.call('orders.addNote', { orderIds: ids, body }),
    onSuccess: (r) => finish(t('orders.bulk.noteDone', { count: r.added })),
    onError: (e) => void message.error(errorText(e)),
  });
  const urgency = useMutation({
    mutationFn: (u: Urgency) => client.call('orders.setUrgency', { orderIds: ids, urgency: u, ...(versions ? { versions } : {}) }),
    onSuccess: (r) => finish(t('orders.bulk.done', { count: r.changed })),
    onError: (e) => void message.error(errorText(e)),
  });
  const tag = useMutation({
    mutationFn: (v: { add: string[]; remove: string[] }) => client.call('orders.tag', { orderIds: ids, add: v.add, remove: v.remove, ...(versions ? { versions } : {}) }),
    onSuccess: (r) => finish(t('orders.bulk.done', { count: r.changed })),
    onError: (e) => void message.error(errorText(e)),
  });

  if (!ids.length || !(can('orders.note') || can('orders.tag'))) return null;
  const tagOptions = tags.map((x) => ({ value: x, label: x }));

  return (
    <Space data-testid="bulk-actions">
      {can('orders.note') && (
        <Button icon={<FormOutlined />} onClick={() => { noteForm.resetFields(); setOpen('note'); }}>{t('orders.bulk.note')}</Button>
      )}
      {can('orders.tag') && (
        <Dropdown
          trigger={['click']}
          menu={{
            items: URGENCIES.map((u) => ({ key: u, label: <UrgencyCell urgency={u} lang={lang} /> })),
            onClick: async ({ key }) => {
              if (await confirmed(t('orders.bulk.urgency'))) urgency.mutate(key as Urgency);
            },
          }}
        >
          <Button loading={urgency.isPending}>{t('orders.bulk.urgency')} <DownOutlined /></Button>
        </Dropdown>
      )}
      {can('orders.tag') && (
        <Button icon={<TagsOutlined />} onClick={() => { tagForm.resetFields(); setOpen('tags'); }}>{t('orders.bulk.tags')}</Button>
      )}

      <Modal
        title={`${t('orders.bulk.note')} · ${t('orders.bulk.forCount', { count: ids.length })}`}
        open={open === 'note'}
        destroyOnHidden
        confirmLoading={note.isPending}
        onCancel={() => setOpen(null)}
        onOk={() => noteForm.submit()}
      >
        <Form form={noteForm} name="bulk-note" onFinish={async (v) => (await confirmed(t('orders.bulk.note'))) && note.mutate(v.body)}>
          <Form.Item name="body" rules={[{ required: true, whitespace: true, message: t('orders.bulk.notePlaceholder') }]}>
            <Input.TextArea rows={4} maxLength={2000} showCount placeholder={t('orders.bulk.notePlaceholder')} autoFocus />
          </Form.Item>
        </Form>
      </Modal>

      <Modal
        title={`${t('orders.bulk.tags')} · ${t('orders.bulk.forCount', { count: ids.length })}`}
        open={open === 'tags'}
        destroyOnHidden
        confirmLoading={tag.isPending}
        onCancel={() => setOpen(null)}
        onOk={() => tagForm.submit()}
      >
        <Form
          form={tagForm}
          name="bulk-tags"
          layout="vertical"
          onFinish={async (v) => {
            const add = v.add ?? [];
            const remove = v.remove ?? [];
            if (!add.length && !remove.length) return void message.warning(t('orders.bulk.tagsEmpty'));
            if (await confirmed(t('orders.bulk.tags'))) tag.mutate({ add, remove });
          }}
        >
          <Form.Item name="add" label={t('orders.bulk.addTags')}>
            <Select mode="tags" options={tagOptions} placeholder={t('orders.bulk.tagsPlaceholder')} maxCount={10} />
          </Form.Item>
          <Form.Item name="remove" label={t('orders.bulk.removeTags')}>
            <Select mode="multiple" options={tagOptions} maxCount={10} />
          </Form.Item>
          <Typography.Text type="secondary">{t('orders.bulk.forCount', { count: ids.length })}</Typography.Text>
        </Form>
      </Modal>
    </Space>
  );
}
