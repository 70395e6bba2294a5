import { KeyOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../api/client';
import { errorText, fieldErrors } from './errors';

interface Values { currentPassword: string; newPassword: string; confirm: string }

/** Any signed-in user changes their own password. */
export function ChangePasswordButton() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();

  async function save() {
    const { confirm: _c, ...values } = await form.validateFields();
    setBusy(true);
    try {
      await client.call('auth.changePassword', values);
      void message.success(t('password.changed'));
      setOpen(false);
      form.resetFields();
    } catch (e) {
      form.setFields(fieldErrors(e));
      if (!fieldErrors(e).length) void message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Button type="text" icon={<KeyOutlined />} onClick={() => setOpen(true)}>{t('password.change')}</Button>
      <Modal open={open} title={t('password.change')} onOk={() => void save()} confirmLoading={busy} onCancel={() => setOpen(false)} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
        <Form form={form} layout="vertical" name="change-password">
          <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true }]}><Input.Password autoComplete="current-password" /></Form.Item>
          <Form.Item name="newPassword" label={t('password.new')} rules={[{ required: true, min: 8 }]}><Input.Password autoComplete="new-password" /></Form.Item>
          <Form.Item
            name="confirm"
            label={t('setup.confirm')}
            dependencies={['newPassword']}
            rules={[{ required: true }, ({ getFieldValue }) => ({
              validator: (_r, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('setup.mismatch')))),
            })]}
          >
            <Input.Password autoComplete="new-password" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
