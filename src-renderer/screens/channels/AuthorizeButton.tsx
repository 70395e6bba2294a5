import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Modal, Result, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuthorizeResult, ChannelView } from '../../../src-shared/contract/channels';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { onEvent } from '../../api/events';
import { refresh } from '../../api/refresh';
import { errorText } from '../../components/errors';
import { usePunctuation } from '../../i18n/punctuation';

type Flow = Extract<AuthorizeResult, { mode: 'callback' }>;

/**
 * 授权 for one shop. A direct platform is authorised at once; a callback platform's page opens in
 * the browser and a dialog follows the flow until the token is here (or says why not).
 */
export function AuthorizeButton({ channel }: { channel: ChannelView }) {
  const { t } = useTranslation();
  const p = usePunctuation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [flow, setFlow] = useState<Flow | null>(null);
  const go = useMutation({
    mutationFn: () => client.call('channels.authorize', { id: channel.id }),
    onSuccess: (r) => {
      if (r.mode === 'direct') {
        const shop = r.shopName ? `${p.colon}${r.shopName}` : '';
        void message.success(r.accessExpiresAt ? t('channels.auth.directOk', { shop, until: formatInZone(r.accessExpiresAt) }) : t('channels.auth.directOkForever', { shop }));
        void qc.invalidateQueries({ queryKey: ['channels.list'] });
        return;
      }
      setFlow(r);
      window.open(r.authorizeUrl, '_blank', 'noopener');
    },
    onError: (e) => void message.error(errorText(e)),
  });
  return (
    <>
      <Button
        size="small"
        loading={go.isPending}
        onClick={() => go.mutate()}
        title={channel.authMode === 'direct' ? t('channels.auth.modeDirect') : t('channels.auth.modeCallback')}
        data-testid={`authorize-${channel.id}`}
      >
        {channel.auth ? t('channels.auth.again') : t('channels.auth.button')}
      </Button>
      {flow && <FlowDialog channel={channel} flow={flow} onClose={() => setFlow(null)} />}
    </>
  );
}

function FlowDialog({ channel, flow, onClose }: { channel: ChannelView; flow: Flow; onClose: () => void }) {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const status = useQuery({
    queryKey: ['channels.authorizeStatus', flow.flowId],
    queryFn: () => client.call('channels.authorizeStatus', { flowId: flow.flowId }),
  });
  // The core says when the flow moves on (the code arrived, it ended): no polling while the seller decides.
  // Asked once more once listening: a change between the first ask and the subscription is not missed.
  useEffect(() => {
    const key = ['channels.authorizeStatus', flow.flowId];
    const off = onEvent('channels.authFlow', (f) => void (f.flowId === flow.flowId && refresh(qc, key)));
    void refresh(qc, key);
    return off;
  }, [flow.flowId, qc]);
  const s = status.data?.status ?? 'waiting';
  const finished = s === 'done' || s === 'failed' || s === 'expired';
  // Once, when the flow ends: the list shows the new token's validity.
  useEffect(() => {
    if (finished) void qc.invalidateQueries({ queryKey: ['channels.list'] });
  }, [finished, qc]);
  return (
    <Modal
      open
      title={t('channels.auth.modalTitle', { name: channel.name })}
      onCancel={onClose}
      footer={<Button type={finished ? 'primary' : 'default'} onClick={onClose}>{t('channels.auth.close')}</Button>}
      data-testid="authorize-flow"
    >
      {s === 'done' ? (
        <Result status="success" title={t('channels.auth.done')} />
      ) : finished ? (
        <Result status="error" title={s === 'expired' ? t('channels.auth.expired') : t('channels.auth.failed')} subTitle={status.data?.problem ?? ''} />
      ) : (
        <Space direction="vertical" size={12} style={{ width: '100%' }}>
          <Typography.Paragraph style={{ margin: 0 }}>{t('channels.auth.opened')}</Typography.Paragraph>
          <Typography.Link href={flow.authorizeUrl} target="_blank" rel="noopener noreferrer" data-testid="authorize-link">{t('channels.auth.link')}</Typography.Link>
          <Space><Spin size="small" /><Typography.Text>{s === 'exchanging' ? t('channels.auth.exchanging') : t('channels.auth.waiting')}</Typography.Text></Space>
          <Alert type="info" showIcon style={{ fontSize: 12 }} title={t('channels.auth.callback', { url: flow.redirectUri })} />
        </Space>
      )}
    </Modal>
  );
}
