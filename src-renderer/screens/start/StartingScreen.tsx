import { Result, Spin } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The core is not open yet and said why (an update migrating the workspace: how far it is, that it
 * goes on by itself). The Gate asks again every second and gives way as soon as the core answers.
 */
export function StartingScreen({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <div style={{ height: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center' }}>
      <Result icon={<Spin size="large" />} title={t('live.starting')} subTitle={<span data-testid="core-starting">{message}</span>} />
    </div>
  );
}
