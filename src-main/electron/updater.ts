import electronUpdater from 'electron-updater';
import type { Logger } from '../log';

/** Checks the generic update feed from electron-builder.yml; never blocks start-up. */
export function checkForUpdates(log: Logger): void {
  const { autoUpdater } = electronUpdater;
  autoUpdater.logger = log;
  autoUpdater.autoDownload = true;
  autoUpdater.checkForUpdatesAndNotify().catch((e: unknown) => log.warn('update check failed', e));
}
