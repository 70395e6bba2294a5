/** The order's open exceptions inside its drawer: why, who, and close (with a reason) or open it in the 异常 workspace. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Space, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { SEVERITY_LABELS } from '../../../src-shared/exceptions';
import { client } from '../../api/client';
import { punctuation } from '../../i18n/punctuation';
import { useSession } from '../../session/session';
import { BulkDialog } from './BulkDialog';
import { RISK_KEY } from './live';
import { detectorWord, exceptionCause, langOf, ownerText, SEVERITY_COLOR } from './words';

export function OrderExceptions({ orderId }: { orderId: string }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const p = punctuation(lang);
  const { can } = useSession();
  const navigate = useNavigate();
  const [closing, setClosing] = useState<string | null>(null);
  const q = useQuery({
    queryKey: [RISK_KEY, 'order', orderId],
    queryFn: () => client.call('exceptions.list', { orderId, state: 'active', limit: 20 }),
    enabled: can('exceptions.view'),
  });
  const rows = q.data?.rows ?? [];
  if (!rows.length) return null;
  return (
    <div data-testid="order-exceptions" style={{ marginBottom: 12 }}>
      {rows.map((e) => (
        <Alert
          key={e.id}
          type={e.severity === 'critical' ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 6 }}
          title={<Space wrap><Tag color={SEVERITY_COLOR[e.severity]}>{SEVERITY_LABELS[e.severity][lang]}</Tag>{detectorWord(e, lang)}<span>· {t('exceptions.ws.col.owner')}{p.colon}{ownerText(e, lang)}</span></Space>}
          description={exceptionCause(e, lang)}
          action={
            <Space direction="vertical" size={4}>
              {can('exceptions.work') && <Button size="small" danger onClick={() => setClosing(e.id)} data-testid={`order-exception-close-${e.detector}`}>{t('exceptions.ws.close')}</Button>}
              <Button size="small" onClick={() => navigate(`/exceptions/${encodeURIComponent(e.id)}?state=active`)}>{t('exceptions.ws.detail')}</Button>
            </Space>
          }
        />
      ))}
      {closing && <BulkDialog kind="close" ids={[closing]} onCancel={() => setClosing(null)} onDone={() => setClosing(null)} />}
    </div>
  );
}
