import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Popconfirm, Space, Switch, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { useSession } from '../../session/session';

/**
 * The owner's switch for shop endpoints outside the platforms' official hosts. Turning it on asks
 * first (it lets shop managers send a shop's calls elsewhere); others only see that it is on.
 */
export function CustomEndpointsSwitch() {
  const { t } = useTranslation();
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const policy = useQuery({ queryKey: ['channels.endpoints'], queryFn: () => client.call('channels.endpoints', {}) });
  const set = useMutation({
    mutationFn: (enabled: boolean) => client.call('workspace.setCustomEndpoints', { enabled }),
    onSuccess: (r) => {
      void message.success(r.enabled ? t('channels.custom.on') : t('channels.custom.off'));
      void qc.invalidateQueries({ queryKey: ['channels.endpoints'] });
      void qc.invalidateQueries({ queryKey: ['channels.list'] });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const on = policy.data?.customEndpoints ?? false;
  if (!can('settings.manage')) return on ? <Tag color="orange">{t('channels.custom.on')}</Tag> : null;
  const label = <Typography.Text>{t('channels.custom.label')}</Typography.Text>;
  return (
    <Tooltip title={t('channels.custom.help')}>
      <Space size={6} data-testid="custom-endpoints">
        {on ? (
          <Switch size="small" checked loading={set.isPending} onChange={() => set.mutate(false)} aria-label={t('channels.custom.label')} />
        ) : (
          <Popconfirm title={t('channels.custom.confirmOn')} onConfirm={() => set.mutate(true)}>
            <Switch size="small" checked={false} loading={set.isPending || policy.isLoading} aria-label={t('channels.custom.label')} />
          </Popconfirm>
        )}
        {label}
      </Space>
    </Tooltip>
  );
}
