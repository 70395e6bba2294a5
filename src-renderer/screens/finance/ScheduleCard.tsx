import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Form, Input, InputNumber, Radio, Select, Space, Switch, Typography } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { FinanceSchedule } from '../../../src-shared/contract/finance';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText, fieldErrors } from '../../components/errors';
import { useSession } from '../../session/session';

const DEFAULTS: FinanceSchedule = { enabled: false, folder: '', dayOfMonth: 3, hour: 6, basis: 'paid', format: 'xlsx', encoding: 'utf8bom' };

export function ScheduleCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const qc = useQueryClient();
  const [form] = Form.useForm<FinanceSchedule>();
  const format = Form.useWatch('format', form);
  const view = useQuery({ queryKey: ['exports.financeSchedule'], queryFn: () => client.call('exports.financeSchedule', {}) });
  useEffect(() => {
    if (view.data) form.setFieldsValue(view.data.schedule ?? DEFAULTS);
  }, [view.data, form]);
  const save = useMutation({
    mutationFn: (v: FinanceSchedule) => client.call('exports.financeScheduleSave', v),
    onSuccess: (r) => {
      qc.setQueryData(['exports.financeSchedule'], r);
      void message.success(t('finance.schedule.saved'));
    },
    onError: (e) => {
      const fields = fieldErrors<FinanceSchedule>(e);
      if (fields.length) form.setFields(fields);
      else void message.error(errorText(e));
    },
  });
  const last = view.data?.lastRun;

  return (
    <Card title={t('finance.schedule.card')} loading={view.isLoading}>
      <Typography.Paragraph type="secondary">{t('finance.schedule.intro')}</Typography.Paragraph>
      {last && (
        <Alert
          style={{ marginBottom: 16 }}
          showIcon
          data-testid="finance-schedule-last"
          type={last.ok ? 'success' : 'error'}
          title={last.ok
            ? t('finance.schedule.lastOk', { at: formatInZone(last.at), month: last.month, file: last.file })
            : t('finance.schedule.lastFailed', { at: formatInZone(last.at), month: last.month, error: last.error })}
        />
      )}
      <Form<FinanceSchedule> form={form} layout="vertical" initialValues={DEFAULTS} onFinish={(v) => save.mutate({ ...DEFAULTS, ...v })}>
        <Form.Item name="enabled" label={t('finance.schedule.enabled')} valuePropName="checked">
          <Switch />
        </Form.Item>
        <Form.Item name="folder" label={t('finance.schedule.folder')} extra={can('settings.folders') ? undefined : t('finance.schedule.folderOwnerOnly')}>
          {/* Which folder the app writes to is the owner's choice (settings.folders); the server checks it too. */}
          <Input placeholder={t('finance.schedule.folderPlaceholder')} style={{ maxWidth: 520 }} disabled={!can('settings.folders')} />
        </Form.Item>
        <Space size="large" wrap>
          <Form.Item name="dayOfMonth" label={t('finance.schedule.day')}>
            <InputNumber min={1} max={28} />
          </Form.Item>
          <Form.Item name="hour" label={t('finance.schedule.hour')}>
            <InputNumber min={0} max={23} />
          </Form.Item>
          <Form.Item name="basis" label={t('finance.export.basis')}>
            <Select style={{ width: 150 }} options={[{ value: 'paid', label: t('finance.export.paid') }, { value: 'completed', label: t('finance.export.completed') }]} />
          </Form.Item>
          <Form.Item name="format" label={t('finance.export.format')}>
            <Select style={{ width: 120 }} options={[{ value: 'xlsx', label: 'xlsx' }, { value: 'csv', label: 'CSV' }]} />
          </Form.Item>
          {format === 'csv' && (
            <Form.Item name="encoding" label={t('finance.export.encoding')}>
              <Select style={{ width: 260 }} options={[{ value: 'utf8bom', label: t('finance.export.utf8bom') }, { value: 'gb18030', label: t('finance.export.gb18030') }]} />
            </Form.Item>
          )}
        </Space>
        <Space align="center">
          <Button type="primary" htmlType="submit" loading={save.isPending}>{t('finance.schedule.save')}</Button>
          <Typography.Text type="secondary">
            {view.data?.nextRunAt ? t('finance.schedule.next', { at: formatInZone(view.data.nextRunAt) }) : view.data?.schedule?.enabled ? '' : t('finance.schedule.off')}
            {!last && view.data?.schedule?.enabled ? ` · ${t('finance.schedule.never')}` : ''}
          </Typography.Text>
        </Space>
      </Form>
    </Card>
  );
}
