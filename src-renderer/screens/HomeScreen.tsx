import { Card, Descriptions, Flex, Tag, Typography } from 'antd';
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
      <Descriptions column={1} size="small" styles={{ content: { minWidth: 0 } }} style={{ tableLayout: 'fixed' }}>
        <Descriptions.Item label={t('users.username')}>{me.user.username}</Descriptions.Item>
        <Descriptions.Item label={t('users.role')}>{ROLE_LABELS[me.role][lang]}</Descriptions.Item>
        <Descriptions.Item label={t('home.permissions')}>
          {/* Wraps: the owner's two dozen permissions must not push the page sideways at 1366×768. */}
          <Flex wrap gap={4} style={{ minWidth: 0 }}>
            {me.permissions.map((p) => <Tag key={p} style={{ marginInlineEnd: 0 }}>{PERMISSION_LABELS[p][lang]}</Tag>)}
          </Flex>
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}
