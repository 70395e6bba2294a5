/** Exception settings: detectors, group robots, alert rules, parcel tracking, and what was sent. */
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session';
import { DetectorsTab } from './DetectorsTab';
import { OutboxTab } from './OutboxTab';
import { PoliciesTab } from './PoliciesTab';
import { RobotsTab } from './RobotsTab';
import { TrackingTab } from './TrackingTab';

export function SettingsScreen() {
  const { t } = useTranslation();
  const { can } = useSession();
  const alerts = can('alerts.manage');
  return (
    <div data-testid="exception-settings">
      <Tabs
        items={[
          { key: 'detectors', label: t('exceptions.settings.tabs.detectors'), children: <DetectorsTab /> },
          ...(alerts ? [
            { key: 'robots', label: t('exceptions.settings.tabs.robots'), children: <RobotsTab /> },
            { key: 'policies', label: t('exceptions.settings.tabs.policies'), children: <PoliciesTab /> },
            { key: 'tracking', label: t('exceptions.settings.tabs.tracking'), children: <TrackingTab /> },
            { key: 'outbox', label: t('exceptions.settings.tabs.outbox'), children: <OutboxTab /> },
          ] : []),
        ]}
      />
    </div>
  );
}
