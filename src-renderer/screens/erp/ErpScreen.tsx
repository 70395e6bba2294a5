import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Empty, Select, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErpConnectionView } from '../../../src-shared/contract/erp';
import { client } from '../../api/client';
import { usePunctuation } from '../../i18n/punctuation';
import { useSession } from '../../session/session';
import { ConnectionForm } from './ConnectionForm';
import { MappingTab } from './MappingTab';
import { OverviewTab } from './OverviewTab';
import { ProblemsTab } from './ProblemsTab';
import { ReconcileTab } from './ReconcileTab';

/** The ERP link: connections, their health and sync buttons, mappings with preview, reconciliation, problems. */
export function ErpScreen() {
  const { t } = useTranslation();
  const p = usePunctuation();
  const { can } = useSession();
  const qc = useQueryClient();
  const manage = can('erp.manage');
  const [editing, setEditing] = useState<ErpConnectionView | 'new' | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const list = useQuery({ queryKey: ['erp.connections.list'], queryFn: () => client.call('erp.connections.list', {}) }); // fresh from the jobs' progress events
  const conns = list.data ?? [];
  const current = conns.find((c) => c.id === picked) ?? conns[0] ?? null;
  const refresh = () => void qc.invalidateQueries({ queryKey: ['erp.connections.list'] });

  return (
    <Card
      title={t('erp.title')}
      extra={
        <Space>
          {conns.length > 0 && (
            <Select
              style={{ width: 260 }}
              value={current?.id}
              onChange={setPicked}
              aria-label={t('erp.choose')}
              data-testid="erp-connection-select"
              options={conns.map((c) => ({ value: c.id, label: `${c.name}${p.paren(t(`erp.preset.${c.preset}`))}` }))}
            />
          )}
          {manage && <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="erp-add">{t('erp.add')}</Button>}
        </Space>
      }
      styles={{ body: { paddingTop: 8 } }}
    >
      {list.data && !conns.length && <Empty description={t('erp.empty')} />}
      {current && (
        <>
          <Space size={4} style={{ marginBottom: 4 }}>
            {current.readOnly && <Tag color="blue">{t('erp.readOnlyTag')}</Tag>}
            {!current.configuredHere && <Tag color="orange">{t('erp.notHere')}</Tag>}
          </Space>
          <Tabs
            destroyOnHidden
            items={[
              { key: 'overview', label: t('erp.tabs.overview'), children: <OverviewTab connection={current} manage={manage} onEdit={() => setEditing(current)} onRemoved={() => { setPicked(null); refresh(); }} /> },
              { key: 'mappings', label: t('erp.tabs.mappings'), children: <MappingTab connection={current} manage={manage} /> },
              { key: 'reconcile', label: t('erp.tabs.reconcile'), children: <ReconcileTab connection={current} /> },
              { key: 'problems', label: t('erp.tabs.problems'), children: <ProblemsTab connection={current} /> },
            ]}
          />
        </>
      )}
      {editing && (
        <ConnectionForm
          editing={editing}
          onClose={(id) => {
            setEditing(null);
            if (id) setPicked(id);
            refresh();
          }}
        />
      )}
    </Card>
  );
}
