import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, InputNumber, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChannelView } from '../../../src-shared/contract/channels';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { usePunctuation } from '../../i18n/punctuation';
import { useSession } from '../../session/session';

/** Which team PC polls this shop, and after how long a silent one is replaced (two PCs never poll one shop). */
export function PollerPanel({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation();
  const p = usePunctuation();
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const devices = useQuery({ queryKey: ['sync.devices'], queryFn: () => client.call('sync.devices', {}) });
  const save = useMutation({
    mutationFn: (v: { deviceId: string; failoverMinutes: number }) => client.call('channels.setPoller', { id: channel.id, ...v }),
    onSuccess: () => {
      void message.success(t('sync.poller.saved'));
      void qc.invalidateQueries({ queryKey: ['channels.list'] });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const options = (devices.data ?? []).map((d) => ({ value: d.id, label: d.thisPc ? `${d.name}${p.paren(t('sync.poller.thisPc'))}` : d.name }));
  const current = channel.poller.deviceId ?? devices.data?.find((d) => d.thisPc)?.id;
  return (
    <div data-testid="poller-panel">
      <Typography.Paragraph type="secondary">{t('sync.poller.intro')}</Typography.Paragraph>
      <Form
        layout="inline"
        key={`${current}-${channel.poller.failoverMinutes}`}
        initialValues={{ deviceId: current, failoverMinutes: channel.poller.failoverMinutes }}
        onFinish={(v: { deviceId: string; failoverMinutes: number }) => save.mutate(v)}
        disabled={!can('channels.manage')}
      >
        <Form.Item name="deviceId" label={t('sync.poller.device')} rules={[{ required: true }]}>
          <Select style={{ width: 220 }} options={options} loading={devices.isLoading} />
        </Form.Item>
        <Form.Item name="failoverMinutes" label={t('sync.poller.failover')} rules={[{ required: true }]}>
          <InputNumber min={2} max={1440} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={save.isPending}>{t('sync.poller.save')}</Button>
      </Form>
    </div>
  );
}
