import { useMutation } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ErpConnectionView } from '../../../src-shared/contract/erp';
import { ERP_PRESETS, type ErpPreset } from '../../../src-shared/erp';
import { client } from '../../api/client';
import { errorText, fieldErrors } from '../../components/errors';

interface Values {
  name: string;
  preset: ErpPreset;
  way: 'dsn' | 'connectionString';
  dsn?: string;
  connectionString?: string;
  user?: string;
  password?: string;
  readOnly: boolean;
}

/** Add or edit an ERP connection. The password is a password input: a stored one shows 已设置 and is never sent back. */
export function ConnectionForm({ editing, onClose }: { editing: ErpConnectionView | 'new'; onClose: (id?: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const existing = editing === 'new' ? null : editing;
  const way = Form.useWatch('way', form) ?? (existing?.connectionString ? 'connectionString' : 'dsn');

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const access = {
        ...(v.way === 'dsn' ? { dsn: v.dsn?.trim() ?? '' } : { connectionString: v.connectionString?.trim() ?? '' }),
        user: v.user?.trim() ?? '',
        ...(v.password ? { password: v.password } : {}),
      };
      return existing
        ? client.call('erp.connections.update', { id: existing.id, name: v.name, readOnly: v.readOnly, ...access })
        : client.call('erp.connections.create', { name: v.name, preset: v.preset, readOnly: v.readOnly, ...access });
    },
    onSuccess: (c) => {
      void message.success(t('erp.form.saved'));
      onClose(c.id);
    },
    onError: (e) => {
      form.setFields(fieldErrors<Values>(e));
      void message.error(errorText(e));
    },
  });

  const initial: Partial<Values> = existing
    ? { name: existing.name, preset: existing.preset, way, dsn: existing.dsn ?? '', connectionString: existing.connectionString ?? '', user: existing.user ?? '', readOnly: existing.readOnly }
    : { preset: 'k3wise', way: 'dsn', readOnly: false };

  return (
    <Modal
      open
      destroyOnHidden
      title={existing ? t('erp.form.editTitle', { name: existing.name }) : t('erp.form.title')}
      okText={t('erp.form.save')}
      cancelText={t('erp.form.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={() => onClose()}
      width={600}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} data-testid="erp-form">
        <Form.Item name="name" label={t('erp.form.name')} rules={[{ required: true, whitespace: true, message: t('erp.form.required') }]}>
          <Input id="erp-name" maxLength={100} />
        </Form.Item>
        <Form.Item name="preset" label={t('erp.form.preset')}>
          <Select disabled={!!existing} data-testid="erp-preset" options={ERP_PRESETS.map((p) => ({ value: p, label: t(`erp.preset.${p}`) }))} />
        </Form.Item>
        <Form.Item name="way" label={t('erp.form.way')}>
          <Radio.Group optionType="button" options={[{ value: 'dsn', label: t('erp.form.dsn') }, { value: 'connectionString', label: t('erp.form.connectionString') }]} />
        </Form.Item>
        {way === 'dsn' ? (
          <Form.Item name="dsn" label={t('erp.form.dsn')} extra={t('erp.form.dsnHelp')} rules={[{ required: true, whitespace: true, message: t('erp.form.required') }]}>
            <Input id="erp-dsn" autoComplete="off" />
          </Form.Item>
        ) : (
          <Form.Item name="connectionString" label={t('erp.form.connectionString')} extra={t('erp.form.csHelp')} rules={[{ required: true, whitespace: true, message: t('erp.form.required') }]}>
            <Input.TextArea id="erp-cs" autoComplete="off" rows={2} />
          </Form.Item>
        )}
        <Form.Item name="user" label={t('erp.form.user')}>
          <Input id="erp-user" autoComplete="off" />
        </Form.Item>
        <Form.Item name="password" label={t('erp.form.password')}>
          <Input.Password id="erp-password" autoComplete="new-password" placeholder={existing?.passwordSet ? t('erp.form.passwordSet') : ''} visibilityToggle={!existing?.passwordSet} />
        </Form.Item>
        <Form.Item name="readOnly" label={t('erp.form.readOnly')} valuePropName="checked">
          <Switch id="erp-readonly" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
