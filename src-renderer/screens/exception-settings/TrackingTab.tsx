/** Kuaidi100 tracking: on/off, the account (sealed on this PC, never shown again), where it stands. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Form, Input, Switch, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { client } from '../../api/client';
import { errorText, fieldErrors } from '../../components/errors';

interface TrackingForm { enabled: boolean; customer?: string; key?: string; endpoint?: string }

export function TrackingTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<TrackingForm>();
  const q = useQuery({ queryKey: ['tracking.settings'], queryFn: () => client.call('tracking.settings.get', {}) });
  const save = useMutation({
    mutationFn: (v: TrackingForm) => client.call('tracking.settings.save', {
      enabled: v.enabled, ...(v.customer?.trim() ? { customer: v.customer.trim() } : {}), ...(v.key?.trim() ? { key: v.key.trim() } : {}), endpoint: v.endpoint?.trim() ?? '',
    }),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['tracking.settings'] }); form.setFieldsValue({ customer: '', key: '' }); message.success(t('exceptions.settings.saved')); },
    onError: (e) => {
      const fields = fieldErrors<TrackingForm>(e);
      if (fields.length) form.setFields(fields);
      else message.error(errorText(e));
    },
  });
  const s = q.data;
  if (!s) return null;
  return (
    <Form form={form} layout="vertical" style={{ maxWidth: 520 }} initialValues={{ enabled: s.enabled, endpoint: s.endpoint ?? '' }} onFinish={(v) => save.mutate(v)} data-testid="tracking-form">
      <Form.Item name="enabled" label={t('exceptions.settings.trackingEnabled')} valuePropName="checked"><Switch /></Form.Item>
      <Form.Item name="customer" label={t('exceptions.settings.customer')} extra={s.customerSet ? t('exceptions.settings.keepSecret') : undefined}>
        <Input.Password placeholder={s.customerSet ? t('exceptions.settings.secretSet') : t('exceptions.settings.secretUnset')} autoComplete="off" visibilityToggle={false} />
      </Form.Item>
      <Form.Item name="key" label={t('exceptions.settings.key')} extra={s.keySet ? t('exceptions.settings.keepSecret') : undefined}>
        <Input.Password placeholder={s.keySet ? t('exceptions.settings.secretSet') : t('exceptions.settings.secretUnset')} autoComplete="off" visibilityToggle={false} />
      </Form.Item>
      <Form.Item name="endpoint" label={t('exceptions.settings.endpoint')}><Input /></Form.Item>
      <div style={{ marginBottom: 12 }}>
        <Tag>{t('exceptions.settings.active', { n: s.active })}</Tag><Tag>{t('exceptions.settings.dueNow', { n: s.dueNow })}</Tag>
      </div>
      {s.lastError && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('exceptions.settings.lastError', { e: s.lastError })} />}
      <Button type="primary" htmlType="submit" loading={save.isPending}>{t('exceptions.settings.save')}</Button>
    </Form>
  );
}
