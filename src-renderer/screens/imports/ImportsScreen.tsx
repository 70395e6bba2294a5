import { Card, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../../session/session';
import { ImportPanel } from './ImportPanel';
import { JobsTable } from './JobsTable';
import { SourcesPanel } from './SourcesPanel';

/** Spreadsheets in: a file now, the recent jobs, and (owner) folders imported on a schedule. */
export function ImportsScreen() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [tab, setTab] = useState('import');
  const [jobId, setJobId] = useState<string | null>(null);
  return (
    <Card title={t('imports.title')}>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: 'import', label: t('imports.tabs.import'), children: <ImportPanel jobId={jobId} onJob={setJobId} /> },
          { key: 'jobs', label: t('imports.tabs.jobs'), children: <JobsTable onOpen={(id) => { setJobId(id); setTab('import'); }} /> },
          ...(can('imports.manageSources') ? [{ key: 'sources', label: t('imports.tabs.sources'), children: <SourcesPanel /> }] : []),
        ]}
      />
    </Card>
  );
}
