import { Result } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * The core could not open the workspace (a full disk before an update, a file it cannot read) and
 * said why. Nothing can be done in the page; the words say what to do outside it. The Gate keeps
 * asking now and then, so a host started again after the fix is picked up without a reload.
 */
export function CannotOpenScreen({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <div style={{ height: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 24 }}>
      <Result
        status="error"
        title={t('live.cannotOpen')}
        subTitle={<span data-testid="core-cannot-open" style={{ whiteSpace: 'pre-wrap' }}>{message}</span>}
        extra={<span>{t('live.cannotOpenHint')}</span>}
      />
    </div>
  );
}
