import { CloudOutlined, CloudSyncOutlined, DisconnectOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Badge, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';

/** The header's sync light: in sync / offline / alone, how many changes wait, when it last synced. */
export function SyncIndicator() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const status = useQuery({ queryKey: ['sync.status'], queryFn: () => client.call('sync.status', {}), refetchInterval: 5_000 });
  const s = status.data;
  if (!s) return null;
  const last = Math.max(s.lastPushAt ?? 0, s.lastPullAt ?? 0);
  const when = last ? t('sync.indicator.last', { time: formatInZone(last).slice(11) }) : t('sync.indicator.never');
  const tip = [when, s.queued ? t('sync.indicator.queued', { count: s.queued }) : null, s.conflicts ? t('sync.indicator.conflicts', { count: s.conflicts }) : null]
    .filter(Boolean)
    .join(' · ');
  const tag = !s.enrolled ? (
    <Tag icon={<CloudOutlined />}>{t('sync.indicator.alone')}</Tag>
  ) : s.online ? (
    <Tag icon={<CloudSyncOutlined />} color="success">{t('sync.indicator.online')}</Tag>
  ) : (
    <Tag icon={<DisconnectOutlined />} color="warning">{t('sync.indicator.offline')}</Tag>
  );
  return (
    <Tooltip title={s.enrolled ? tip : null}>
      <span role="button" tabIndex={0} data-testid="sync-indicator" style={{ cursor: 'pointer' }} onClick={() => navigate('/sync')} onKeyDown={(e) => e.key === 'Enter' && navigate('/sync')}>
        <Badge count={s.queued} size="small" overflowCount={999} offset={[-6, 0]}>{tag}</Badge>
      </span>
    </Tooltip>
  );
}
