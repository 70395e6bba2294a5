import { Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { authProblemWords } from '../../../src-shared/channel-auth';
import type { ChannelView } from '../../../src-shared/contract/channels';
import { formatInZone } from '../../../src-shared/time';

/** One line under a shop's health: how long its 授权 lasts, or what is about to go wrong with it. */
export function AuthState({ channel: c }: { channel: ChannelView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  if (c.demo) {
    return <Tooltip title={t('channels.demo.help')}><Tag data-testid="channel-demo">{t('channels.demo.tag')}</Tag></Tooltip>;
  }
  // The token lives on the PC that polls the shop: another PC of the team knows nothing of it.
  if (!c.authMode || !c.poller.thisPc) return null;
  const a = c.auth;
  const small = { fontSize: 12 } as const;
  if (!a) return <Typography.Text type="secondary" style={small} data-testid="channel-auth">{t('channels.auth.never')}</Typography.Text>;
  // A refusal or expiry already shows as the shop's error: here only what is coming.
  if (a.problem && (a.problem.code === 'auth.expiring' || a.problem.code === 'auth.renew_retrying')) {
    return <Typography.Text type="warning" style={small} data-testid="channel-auth">{authProblemWords(a.problem, lang, (ms) => formatInZone(ms))}</Typography.Text>;
  }
  if (a.method === 'manual') return <Typography.Text type="secondary" style={small} data-testid="channel-auth">{t('channels.auth.manual')}</Typography.Text>;
  if (!a.accessExpiresAt || c.health.state === 'reauth') return null;
  const line = t('channels.auth.validUntil', { until: formatInZone(a.accessExpiresAt).slice(0, 16) });
  return (
    <Tooltip title={a.nextRenewalAt ? t('channels.auth.renewsAt', { at: formatInZone(a.nextRenewalAt).slice(0, 16) }) : undefined}>
      <Typography.Text type="secondary" style={small} data-testid="channel-auth">{line}</Typography.Text>
    </Tooltip>
  );
}
