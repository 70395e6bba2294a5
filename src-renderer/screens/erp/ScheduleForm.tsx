import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, InputNumber, Space, Switch, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ErpConnectionView, ErpSchedule } from '../../../src-shared/contract/erp';
import { client } from '../../api/client';
import { errorText, fieldErrors } from '../../components/errors';

/** The nightly full sync, stock deltas and the push check interval of one connection. */
export function ScheduleForm({ connection: c, manage }: { connection: ErpConnectionView; manage: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<ErpSchedule>();
  const push = Form.useWatch('pushSeconds', form) ?? c.schedule.pushSeconds;
  const save = useMutation({
    mutationFn: (schedule: ErpSchedule) => client.call('erp.connections.update', { id: c.id, schedule }),
    onSuccess: () => {
      void message.success(t('erp.schedule.saved'));
      void qc.invalidateQueries({ queryKey: ['erp.connections.list'] });
    },
    onError: (e) => {
      form.setFields(fieldErrors<ErpSchedule>(e).map((f) => ({ ...f, name: String(f.name).replace(/^schedule\./, '') as keyof ErpSchedule })));
      void message.error(errorText(e));
    },
  });
  return (
    <Card size="small" title={t('erp.schedule.title')}>
      <Form<ErpSchedule> form={form} layout="inline" initialValues={c.schedule} onFinish={(v) => save.mutate(v)} disabled={!manage}>
        <Form.Item name="enabled" label={t('erp.schedule.enabled')} valuePropName="checked"><Switch /></Form.Item>
        <Form.Item name="nightly" label={t('erp.schedule.nightly')}><Input style={{ width: 120 }} /></Form.Item>
        <Form.Item name="deltaMinutes" label={t('erp.schedule.delta')}><InputNumber min={1} max={1440} style={{ width: 80 }} /></Form.Item>
        <Form.Item name="pushSeconds" label={t('erp.schedule.push')}><InputNumber min={2} max={60} style={{ width: 70 }} /></Form.Item>
        {manage && <Button htmlType="submit" loading={save.isPending}>{t('erp.schedule.save')}</Button>}
      </Form>
      <Space style={{ marginTop: 6 }}>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('erp.schedule.help', { seconds: push + 5 })}</Typography.Text>
      </Space>
    </Card>
  );
}
