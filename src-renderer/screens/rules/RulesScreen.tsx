/** 审单与分仓规则: the rule set being edited (saved as a new version), its dry run, and the buyer blacklist. */
import { PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Badge, Button, Card, Input, Popconfirm, Select, Space, Tabs, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Rule } from '../../../src-shared/rules';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { useSession } from '../../session/session';
import { BlacklistPanel } from './BlacklistPanel';
import { DryRunPanel } from './DryRunPanel';
import { RuleEditor } from './RuleEditor';
import { RuleList } from './RuleList';

const newId = () => `r-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

export function RulesScreen() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const canEdit = can('rules.manage');
  const qc = useQueryClient();
  const list = useQuery({ queryKey: ['rules.list'], queryFn: () => client.call('rules.list', {}) });
  const [draft, setDraft] = useState<Rule[]>([]);
  const [base, setBase] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [editing, setEditing] = useState<Rule | null>(null);
  const [note, setNote] = useState('');
  useEffect(() => {
    if (list.data && !dirty) {
      setDraft(list.data.current?.rules ?? []);
      setBase(list.data.current?.version ?? 0);
    }
  }, [list.data, dirty]);
  const change = (rules: Rule[]) => { setDraft(rules); setDirty(true); };
  const save = useMutation({
    mutationFn: () => client.call('rules.save', { rules: draft, baseVersion: base, note: note || undefined }),
    onSuccess: (r) => { setDirty(false); setNote(''); void message.success(t('rules.saved', { version: r.version })); void qc.invalidateQueries({ queryKey: ['rules.list'] }); },
  });
  const load = async (version: number) => {
    const v = await client.call('rules.get', { version });
    setDraft(v.rules);
    setDirty(true);
  };
  const current = list.data?.current;

  const rulesTab = (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Typography.Text data-testid="rules-version">{current ? t('rules.version', { version: current.version }) : t('rules.noVersion')}</Typography.Text>
        {dirty && <Badge status="warning" text={t('rules.unsaved')} />}
        {!!list.data?.versions.length && (
          <Select
            style={{ width: 300 }} placeholder={t('rules.versions')} value={null} onChange={(v: number) => void load(v)} aria-label={t('rules.versions')}
            options={list.data.versions.map((v) => ({ value: v.version, label: t('rules.versionItem', { version: v.version, at: formatInZone(v.createdAt).slice(0, 16), by: v.createdByName ?? '' }) }))}
          />
        )}
      </Space>
      {canEdit && (
        <Space wrap>
          <Button icon={<PlusOutlined />} data-testid="rule-add" onClick={() => setEditing({ id: newId(), name: '', stage: 'review', priority: (draft.length + 1) * 10, enabled: true, when: true, actions: [] })}>{t('rules.add')}</Button>
          <Input style={{ width: 260 }} placeholder={t('rules.saveNote')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} />
          <Popconfirm title={t('rules.save')} onConfirm={() => save.mutate()} disabled={!dirty}>
            <Button type="primary" icon={<SaveOutlined />} disabled={!dirty} loading={save.isPending} data-testid="rules-save">{t('rules.save')}</Button>
          </Popconfirm>
        </Space>
      )}
      {save.isError && <Alert type="error" showIcon title={errorText(save.error)} data-testid="rules-save-error" />}
      <RuleList rules={draft} canEdit={canEdit} onEdit={setEditing} onChange={change} />
    </Space>
  );

  return (
    <Card title={t('rules.title')} data-testid="rules-screen">
      <Tabs
        items={[
          { key: 'rules', label: t('rules.tabs.rules'), children: rulesTab },
          { key: 'dry', label: t('rules.tabs.dryRun'), children: <DryRunPanel draft={draft} dirty={dirty} /> },
          { key: 'blacklist', label: t('rules.tabs.blacklist'), children: <BlacklistPanel canEdit={canEdit} /> },
        ]}
      />
      <RuleEditor
        rule={editing}
        onClose={() => setEditing(null)}
        onSave={(r) => { change(draft.some((x) => x.id === r.id) ? draft.map((x) => (x.id === r.id ? r : x)) : [...draft, r]); setEditing(null); }}
      />
    </Card>
  );
}
