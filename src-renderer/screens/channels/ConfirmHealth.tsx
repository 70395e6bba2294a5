import { Alert, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ChannelConfirmHealth } from '../../../src-shared/contract/channels';
import { confirmErrorText } from '../../../src-shared/shipping-words';

/** 发货回传 on a shop's health: confirmations that keep failing or were refused, and the latest reason in words. */
export function ConfirmHealthTags({ c }: { c: ChannelConfirmHealth }) {
  const { t } = useTranslation();
  return (
    <>
      {c.failing > 0 && <Tag color="red" data-testid="confirm-failing">{t('channels.confirmFailing', { count: c.failing })}</Tag>}
      {c.refused > 0 && <Tag color="orange" data-testid="confirm-refused">{t('channels.confirmRefused', { count: c.refused })}</Tag>}
    </>
  );
}

export function ConfirmHealthReason({ c }: { c: ChannelConfirmHealth }) {
  const { t, i18n } = useTranslation();
  if (!c.last || (c.failing === 0 && c.refused === 0)) return null;
  const reason = confirmErrorText(c.last, i18n.language === 'en' ? 'en' : 'zh');
  return (
    <Alert type={c.failing > 0 ? 'error' : 'warning'} showIcon style={{ padding: '2px 8px', fontSize: 12 }} data-testid="confirm-last"
      title={t('channels.confirmLast', { orderNo: c.last.orderNo, trackingNo: c.last.trackingNo, reason })} />
  );
}
