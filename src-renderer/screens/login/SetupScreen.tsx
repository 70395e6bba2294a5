import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Divider, Form, Input, Progress, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { client } from '../../api/client';
import { errorText, fieldErrors } from '../../components/errors';
import { useSession } from '../../session/session';
import { CenteredPage } from './CenteredPage';

interface Values { username: string; displayName: string; password: string; confirm: string }

/** First run of a new workspace: the owner account. */
export function SetupScreen() {
  const { t } = useTranslation();
  const { signedIn } = useSession();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<string | null>(null);
  const [seeding, setSeeding] = useState(false);
  // While the demo is generated: how many orders so far, from the workspace's own count. Polled:
  // nobody is signed in yet, and events go only to a session.
  const counts = useQuery({ queryKey: ['setup.status', 'seeding'], queryFn: () => client.call('setup.status', {}), enabled: seeding, refetchInterval: 500 });
  const made = counts.data?.seeding;

  /** The other first-run choice: look around a realistic shop before setting up a real one. */
  async function tryDemo() {
    setError(null);
    setSeeding(true);
    try {
      const r = await client.call('setup.createDemo', { orders: 20_000 });
      signedIn(r);
    } catch (e) {
      setError(errorText(e));
    } finally {
      setSeeding(false);
    }
  }

  async function submit({ confirm: _confirm, ...values }: Values) {
    setError(null);
    try {
      const r = await client.call('setup.createOwner', values);
      signedIn(r);
    } catch (e) {
      setError(errorText(e));
      form.setFields(fieldErrors(e));
    }
  }

  return (
    <CenteredPage>
      <Card style={{ width: 440 }}>
        <Typography.Title level={4}>{t('setup.title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('setup.intro')}</Typography.Paragraph>
        <Form form={form} layout="vertical" onFinish={submit} initialValues={{ username: 'owner' }}>
          <Form.Item name="username" label={t('users.username')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="displayName" label={t('setup.displayName')} rules={[{ required: true }]}><Input /></Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, min: 8 }]}><Input.Password /></Form.Item>
          <Form.Item
            name="confirm"
            label={t('setup.confirm')}
            dependencies={['password']}
            rules={[{ required: true }, ({ getFieldValue }) => ({
              validator: (_r, v) => (v === getFieldValue('password') ? Promise.resolve() : Promise.reject(new Error(t('setup.mismatch')))),
            })]}
          >
            <Input.Password />
          </Form.Item>
          {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
          <Button type="primary" htmlType="submit" block disabled={seeding}>{t('setup.submit')}</Button>
        </Form>
        <Divider plain>{t('setup.or')}</Divider>
        <Typography.Paragraph type="secondary">{t('setup.demoIntro')}</Typography.Paragraph>
        {seeding ? (
          <div data-testid="demo-progress">
            <Progress percent={made?.total ? Math.floor((made.done / made.total) * 100) : 0} status="active" />
            <Space style={{ width: '100%', justifyContent: 'space-between' }}>
              <Typography.Text>{made ? t('setup.demoCount', { done: made.done, total: made.total }) : t('setup.demoSeeding')}</Typography.Text>
              <Button size="small" onClick={() => void client.call('setup.cancelDemo', {})} data-testid="demo-cancel">{t('setup.demoStop')}</Button>
            </Space>
          </div>
        ) : (
          <Button block onClick={() => void tryDemo()} data-testid="try-demo">{t('setup.demo')}</Button>
        )}
      </Card>
    </CenteredPage>
  );
}
