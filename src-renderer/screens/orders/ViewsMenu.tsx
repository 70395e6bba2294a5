/**
 * Named views: column layout, filters, sort and quick search, saved per user (views.*), plus
 * shared views an ops lead publishes. The last view picked is re-applied after a reload.
 */
import { DeleteOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GridApi } from 'ag-grid-community';
import { App, Button, Checkbox, Form, Input, Modal, Popconfirm, Select, Space, Tooltip } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRow, SavedView } from '../../../src-shared/contract/orders';
import { client } from '../../api/client';
import { errorText, fieldErrors } from '../../components/errors';
import { usePunctuation } from '../../i18n/punctuation';
import { useSession } from '../../session/session';
import { applyViewState, lastView, readViewState } from './viewState';

interface Props {
  api: GridApi<OrderRow> | null;
  quick: string;
  /** The view set a quick search text: the screen shows it and reloads rows. */
  onQuick(q: string): void;
}

interface SaveForm { name: string; shared: boolean; overwrite: boolean }

export function ViewsMenu({ api, quick, onQuick, skipRestore = false }: Props & { skipRestore?: boolean }) {
  const { t } = useTranslation();
  const p = usePunctuation();
  const { message } = App.useApp();
  const { me, can } = useSession();
  const qc = useQueryClient();
  const userId = me?.user.id ?? '';
  const views = useQuery({ queryKey: ['views.list', 'orders'], queryFn: () => client.call('views.list', { grid: 'orders' }) });
  const [currentId, setCurrentId] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<SaveForm>();
  // A drill-down link brings its own filter: the last view is not put back over it.
  const restored = useRef(skipRestore);

  const current = views.data?.find((v) => v.id === currentId) ?? null;
  const editable = (v: SavedView | null) => !!v && (v.mine || (v.shared && can('views.share')));

  const apply = (v: SavedView | null) => {
    if (!api) return;
    setCurrentId(v?.id ?? null);
    lastView.set(userId, v?.id ?? null);
    if (v) onQuick(applyViewState(api, v.state, can('orders.viewAmounts')));
    else {
      api.resetColumnState();
      api.setFilterModel(null);
      onQuick('');
    }
  };

  // After a reload: the grid and the list are both needed before the last view can be put back.
  useEffect(() => {
    if (restored.current || !api || !views.data || !userId) return;
    restored.current = true;
    const id = lastView.get(userId);
    const v = id ? views.data.find((x) => x.id === id) : undefined;
    if (v) apply(v);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, views.data, userId]);

  const save = useMutation({
    mutationFn: (f: SaveForm) =>
      client.call('views.save', {
        ...(f.overwrite && current ? { id: current.id } : {}),
        grid: 'orders',
        name: f.name,
        shared: can('views.share') ? f.shared : false,
        state: readViewState(api!, quick),
      }),
    onSuccess: async (v) => {
      await qc.invalidateQueries({ queryKey: ['views.list'] });
      setCurrentId(v.id);
      lastView.set(userId, v.id);
      setSaving(false);
      void message.success(t('orders.view.saved', { name: v.name }));
    },
    onError: (e) => {
      const fields = fieldErrors<SaveForm>(e);
      if (fields.length) form.setFields(fields);
      else void message.error(errorText(e));
    },
  });

  const remove = useMutation({
    mutationFn: (id: string) => client.call('views.delete', { id }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ['views.list'] });
      apply(null);
      void message.success(t('orders.view.deleted'));
    },
    onError: (e) => void message.error(errorText(e)),
  });

  const option = (v: SavedView) => ({ value: v.id, label: v.shared && !v.mine ? `${v.name}${p.paren(t('orders.view.by', { name: v.ownerName }))}` : v.name });
  const mine = (views.data ?? []).filter((v) => v.mine);
  const shared = (views.data ?? []).filter((v) => !v.mine);

  return (
    <>
    <Space.Compact>
      <Select
        data-testid="view-select"
        style={{ width: 200 }}
        placeholder={t('orders.view.placeholder')}
        value={currentId ?? '__default'}
        loading={views.isLoading}
        onChange={(id) => apply(id === '__default' ? null : (views.data?.find((v) => v.id === id) ?? null))}
        options={[
          { value: '__default', label: t('orders.view.none') },
          ...(mine.length ? [{ label: t('orders.view.mine'), options: mine.map(option) }] : []),
          ...(shared.length ? [{ label: t('orders.view.shared'), options: shared.map(option) }] : []),
        ]}
      />
      <Button
        icon={<SaveOutlined />}
        disabled={!api}
        onClick={() => {
          form.setFieldsValue({ name: editable(current) ? current!.name : '', shared: current?.shared ?? false, overwrite: editable(current) });
          setSaving(true);
        }}
      >
        {t('orders.view.save')}
      </Button>
      {editable(current) && (
        <Popconfirm title={t('orders.view.confirmDelete', { name: current!.name })} onConfirm={() => remove.mutate(current!.id)}>
          <Tooltip title={t('orders.view.delete')}>
            <Button icon={<DeleteOutlined />} aria-label={t('orders.view.delete')} />
          </Tooltip>
        </Popconfirm>
      )}
    </Space.Compact>
      <Modal
        title={t('orders.view.save')}
        open={saving}
        destroyOnHidden
        onCancel={() => setSaving(false)}
        onOk={() => form.submit()}
        confirmLoading={save.isPending}
        okText={t('common.save')}
      >
        <Form<SaveForm> form={form} layout="vertical" name="view-form" onFinish={(f) => save.mutate(f)} preserve={false}>
          <Form.Item name="name" label={t('orders.view.name')} rules={[{ required: true, whitespace: true, message: t('orders.view.name') }]}>
            <Input maxLength={40} autoFocus />
          </Form.Item>
          {editable(current) && (
            <Form.Item name="overwrite" valuePropName="checked" style={{ marginBottom: 8 }}>
              <Checkbox>{t('orders.view.update', { name: current!.name })}</Checkbox>
            </Form.Item>
          )}
          {can('views.share') && (
            <Form.Item name="shared" valuePropName="checked" style={{ marginBottom: 0 }}>
              <Checkbox data-testid="view-share">{t('orders.view.share')}</Checkbox>
            </Form.Item>
          )}
        </Form>
      </Modal>
    </>
  );
}
