/**
 * 新建真实工作区 — what the first-run card promises ("之后可随时新建真实工作区"): from the demo, the
 * owner opens a new empty workspace; the app then shows the setup screen for its owner account.
 */
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function useNewRealWorkspace(): () => void {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  return () =>
    void modal.confirm({
      title: t('start.newRealTitle'),
      content: t('start.newRealBody'),
      okText: t('start.newRealOk'),
      cancelText: t('common.cancel'),
      onOk: async () => {
        try {
          await client.call('setup.startReal', {});
          // The host closes the demo and opens the new folder: wait until it answers as a new workspace.
          for (let i = 0; i < 120; i++) {
            const s = await client.call('setup.status', {}).catch(() => null);
            if (s && !s.demo && s.needsOwner) break;
            await sleep(500);
          }
          void message.success(t('start.newRealDone'));
          sessionStorage.clear();
          window.location.hash = '#/';
          window.location.reload();
        } catch (e) {
          void message.error(errorText(e));
        }
      },
    });
}
