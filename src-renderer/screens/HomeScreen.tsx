import { Card, Descriptions, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { PERMISSION_LABELS, ROLE_LABELS } from '../../src-shared/roles';
import { useSession } from '../session/session';

export function HomeScreen() {
  const { t, i18n } = useTranslation();
  const { me } = useSession();
  if (!me) return null;
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  return (
    <Card>
      <Typography.Title level={4}>{t('home.welcome', { name: me.user.displayName })}</Typography.Title>
      <Descriptions column={1} size="small">
        <Descriptions.Item label={t('users.username')}>{me.user.username}</Descriptions.Item>
        <Descriptions.Item label={t('users.role')}>{ROLE_LABELS[me.role][lang]}</Descriptions.Item>
        <Descriptions.Item label={t('home.permissions')}>
          {me.permissions.map((p) => <Tag key={p} title={p}>{PERMISSION_LABELS[p][lang]}</Tag>)}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
