import { SyncOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Form, Input, Space, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SyncLogEntry, SyncStatus } from '../../../src-shared/contract/sync';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { usePunctuation } from '../../i18n/punctuation';
import { useSession } from '../../session/session';
import { count } from '../../components/numbers';

const KIND_COLOR: Record<SyncLogEntry['kind'], string> = {
  enroll: 'blue', push: 'green', pull: 'cyan', refused: 'red', conflict: 'orange', error: 'gold', unknown: 'purple',
};

/** A reason code and its parameters in the reader's words. */
export function useReason() {
  const { t, i18n } = useTranslation();
  return (code: string | null, params: Record<string, unknown> | null) => {
    if (!code) return '';
    const key = `sync.reasons.${code}`;
    return i18n.exists(key) ? t(key, params ?? {}) : t('sync.reasons.other', { message: String(params?.message ?? '') });
  };
}

/** Team sync: the status, joining a team, codes for other PCs, and the sync log. */
export function SyncScreen() {
  const { t } = useTranslation();
  const { can } = useSession();
  const status = useQuery({ queryKey: ['sync.status'], queryFn: () => client.call('sync.status', {}) }); // fresh from sync.changed (useLiveUpdates)
  const s = status.data;
  return (
    <Space direction="vertical" style={{ width: '100%' }} size={12}>
      {s && <StatusCard s={s} />}
      {s && !s.enrolled && can('settings.manage') && <EnrollCard />}
      {s?.enrolled && can('users.manage') && <CodeCard />}
      <LogCard />
    </Space>
  );
}

function StatusCard({ s }: { s: SyncStatus }) {
  const { t } = useTranslation();
  const p = usePunctuation();
  const qc = useQueryClient();
  const reason = useReason();
  const now = useMutation({
    mutationFn: () => client.call('sync.now', {}),
    onSettled: () => void qc.invalidateQueries({ queryKey: ['sync.status'] }).then(() => qc.invalidateQueries({ queryKey: ['sync.log'] })),
  });
  const time = (v: number | null) => (v ? formatInZone(v) : '—');
  return (
    <Card
      size="small"
      title={t('sync.status.card')}
      extra={s.enrolled && <Button icon={<SyncOutlined />} loading={now.isPending} onClick={() => now.mutate()}>{t('sync.status.now')}</Button>}
    >
      <Descriptions size="small" column={{ xs: 1, md: 3 }} data-testid="sync-status">
        <Descriptions.Item label={t('sync.status.state')}>
          {!s.enrolled ? <Tag>{t('sync.indicator.alone')}</Tag> : s.online ? <Tag color="success">{t('sync.indicator.online')}</Tag> : <Tag color="warning">{t('sync.indicator.offline')}</Tag>}
        </Descriptions.Item>
        {s.enrolled && <Descriptions.Item label={t('sync.status.workspace')}>{s.workspaceName}</Descriptions.Item>}
        {s.enrolled && <Descriptions.Item label={t('sync.status.url')}>{s.url}</Descriptions.Item>}
        <Descriptions.Item label={t('sync.status.queued')}>{s.queued}</Descriptions.Item>
        <Descriptions.Item label={t('sync.status.lastPush')}>{time(s.lastPushAt)}</Descriptions.Item>
        <Descriptions.Item label={t('sync.status.lastPull')}>{time(s.lastPullAt)}</Descriptions.Item>
        <Descriptions.Item label={t('sync.status.conflicts')}>{s.conflicts}</Descriptions.Item>
        <Descriptions.Item label={t('sync.status.device')}><Typography.Text copyable>{s.deviceId}</Typography.Text></Descriptions.Item>
      </Descriptions>
      {s.lastError && <Alert type="warning" showIcon style={{ marginTop: 8 }} title={`${t('sync.status.lastError')}${p.colon}${reason(s.lastError.code, s.lastError.params)}`} />}
    </Card>
  );
}

function EnrollCard() {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ url: string; code: string; name?: string }>();
  const enroll = useMutation({
    mutationFn: (v: { url: string; code: string; name?: string }) => client.call('sync.enroll', v),
    onSuccess: (s) => {
      void message.success(t('sync.enroll.done', { name: s.workspaceName }));
      // A PC that joined an existing team now has the team's accounts (its session ended: the login screen shows).
      void qc.invalidateQueries();
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <Card size="small" title={t('sync.enroll.card')}>
      <Typography.Paragraph type="secondary">{t('sync.enroll.intro')}</Typography.Paragraph>
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => modal.confirm({ title: t('sync.enroll.card'), content: t('sync.enroll.confirm'), onOk: () => enroll.mutateAsync(v) })}
      >
        <Form.Item name="url" label={t('sync.enroll.url')} rules={[{ required: true }]}>
          <Input placeholder={t('sync.enroll.urlPlaceholder')} style={{ width: 320 }} />
        </Form.Item>
        <Form.Item name="code" label={t('sync.enroll.code')} rules={[{ required: true }]}>
          <Input placeholder="XXXX-XXXX-XXXX-XXXX" style={{ width: 200 }} />
        </Form.Item>
        <Form.Item name="name" label={t('sync.enroll.name')}>
          <Input placeholder={t('sync.enroll.namePlaceholder')} style={{ width: 160 }} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={enroll.isPending}>{t('sync.enroll.button')}</Button>
      </Form>
    </Card>
  );
}

function CodeCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const make = useMutation({ mutationFn: () => client.call('sync.enrollCode', {}), onError: (e) => void message.error(errorText(e)) });
  return (
    <Card size="small" title={t('sync.code.card')}>
      <Space wrap>
        <Typography.Text type="secondary">{t('sync.code.intro')}</Typography.Text>
        <Button onClick={() => make.mutate()} loading={make.isPending}>{t('sync.code.button')}</Button>
        {make.data && (
          <Typography.Text strong copyable={{ text: make.data.code }} data-testid="sync-code">
            {t('sync.code.result', { code: make.data.code, until: formatInZone(make.data.expiresAt) })}
          </Typography.Text>
        )}
      </Space>
    </Card>
  );
}

function LogCard() {
  const { t } = useTranslation();
  const reason = useReason();
  const log = useQuery({ queryKey: ['sync.log'], queryFn: () => client.call('sync.log', { limit: 200 }) });
  return (
    <Card size="small" title={t('sync.log.card')}>
      <Table<SyncLogEntry>
        size="small"
        rowKey="id"
        data-testid="sync-log"
        dataSource={log.data ?? []}
        loading={log.isLoading}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        columns={[
          { title: t('sync.log.at'), dataIndex: 'at', width: 170, render: (v: number) => formatInZone(v) },
          { title: t('sync.log.kind'), dataIndex: 'kind', width: 130, render: (k: SyncLogEntry['kind']) => <Tag color={KIND_COLOR[k]}>{t(`sync.log.kinds.${k}`)}</Tag> },
          { title: t('sync.log.count'), dataIndex: 'count', width: 80, render: count },
          { title: t('sync.log.detail'), render: (_: unknown, e) => reason(e.code, e.params) },
        ]}
      />
    </Card>
  );
}
