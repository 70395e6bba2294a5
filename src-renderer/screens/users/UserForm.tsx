import { Alert, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserView } from '../../../src-shared/contract';
import { ROLE_LABELS, ROLES, type Role } from '../../../src-shared/roles';
import { client } from '../../api/client';
import { fieldErrors } from '../../components/errors';

interface Values { username: string; displayName: string; role: Role; password?: string }

/** Create a user (user = null) or edit one. */
export function UserForm(props: { user: UserView | null; onClose(): void; onSaved(name: string): void; describeError(e: unknown): string }) {
  const { t, i18n } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const isNew = props.user === null;

  async function save() {
    const v = await form.validateFields();
    setError(null);
    try {
      if (isNew) await client.call('users.create', { username: v.username, displayName: v.displayName, role: v.role, password: v.password ?? '' });
      else await client.call('users.update', { id: props.user!.id, displayName: v.displayName, role: v.role, ...(v.password ? { password: v.password } : {}) });
      props.onSaved(v.displayName);
    } catch (e) {
      setError(props.describeError(e));
      form.setFields(fieldErrors(e));
    }
  }

  return (
    <Modal open title={isNew ? t('users.create') : `${t('users.edit')} · ${props.user!.username}`} onOk={() => void save()} onCancel={props.onClose} okText={t('common.save')} cancelText={t('common.cancel')} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={props.user ?? { role: 'service' }} name="user-form">
        <Form.Item name="username" label={t('users.username')} rules={[{ required: true }]}>
          <Input disabled={!isNew} />
        </Form.Item>
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true }]}><Input /></Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
          <Select options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))} />
        </Form.Item>
        <Form.Item name="password" label={isNew ? t('users.password') : t('users.newPassword')} rules={isNew ? [{ required: true, min: 8 }] : [{ min: 8 }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} />}
      </Form>
    </Modal>
  );
}
