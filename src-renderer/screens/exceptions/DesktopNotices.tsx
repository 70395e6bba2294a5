/**
 * Desktop notifications for the signed-in person (#12 §4): in the browser (headless host) the
 * Notification API, falling back to an in-app notice when the browser does not allow it. Read when
 * exceptions change (see live.ts) and when the window gets focus.
 */
import { App } from 'antd';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { client } from '../../api/client';
import { useSession } from '../../session/session';
import { onRiskChanged } from './live';

const SHOW_AT_MOST = 3;

export function DesktopNotices() {
  const { can } = useSession();
  const { notification } = App.useApp();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const allowed = can('exceptions.view');
  // Kept in a ref so a route change (the landing redirect) does not read the notices twice.
  const go = useRef(navigate);
  go.current = navigate;
  useEffect(() => {
    if (!allowed) return;
    let busy = false;
    const read = async () => {
      if (busy) return;
      busy = true;
      try {
        const notices = await client.call('alerts.notices', {});
        const electron = window.orderhub;
        const native = typeof Notification !== 'undefined' && Notification.permission === 'granted';
        for (const n of notices.slice(0, SHOW_AT_MOST)) {
          const open = () => go.current(n.exceptionId ? `/exceptions/${encodeURIComponent(n.exceptionId)}?state=all` : '/exceptions?tab=mine');
          // In Electron the main process shows it in the OS notification centre; in a browser, the page's Notification.
          if (electron && (await electron.notify(n.title, n.body))) continue;
          if (native) new Notification(n.title, { body: n.body, tag: n.id }).onclick = open;
          else notification.warning({ key: n.id, message: n.title, description: n.body, placement: 'bottomRight', duration: 8, onClick: open });
        }
        if (notices.length > SHOW_AT_MOST) notification.info({ key: 'more-notices', message: t('exceptions.notice.many', { n: notices.length - SHOW_AT_MOST }), placement: 'bottomRight', onClick: () => go.current('/exceptions?tab=mine') });
      } catch {
        // Signed out or offline: the next change tries again.
      } finally {
        busy = false;
      }
    };
    if (!window.orderhub && typeof Notification !== 'undefined' && Notification.permission === 'default') void Notification.requestPermission().catch(() => undefined);
    // The first read waits a moment: right after sign-in the board is being drawn.
    const first = setTimeout(() => void read(), 2_500);
    const off = onRiskChanged(() => void read());
    window.addEventListener('focus', read);
    return () => {
      clearTimeout(first);
      off();
      window.removeEventListener('focus', read);
    };
  }, [allowed, notification, t]);
  return null;
}
