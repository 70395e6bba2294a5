/**
 * The ops lead's state machine editor: states and their SLAs, paid → shipped limits, and each
 * transition's guards. Saving makes a new version; orders keep the version they entered under.
 */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  REQUIRED_FIELDS, REQUIRED_FIELD_LABELS, REQUIRED_STATES, TRIGGER_SOURCES, TRIGGER_SOURCE_LABELS, type MachineDefinition, type TransitionSpec,
} from '../../../src-shared/lifecycle';
import { ORDER_STATUSES, type OrderStatus } from '../../../src-shared/orders';
import { PERMISSIONS, PERMISSION_LABELS, type Permission } from '../../../src-shared/roles';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { punctuation } from '../../i18n/punctuation';
import { useSession } from '../../session/session';
import { statusLabel } from '../orders/cells';
import { SlaEditor } from './SlaEditor';

export function MachineEditor() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const p = punctuation(lang);
  const { can } = useSession();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [viewing, setViewing] = useState<number | null>(null);
  const got = useQuery({ queryKey: ['lifecycle.get', viewing], queryFn: () => client.call('lifecycle.get', viewing ? { version: viewing } : {}) });
  const facets = useQuery({ queryKey: ['orders.facets'], queryFn: () => client.call('orders.facets', {}), staleTime: 60_000 });
  const [draft, setDraft] = useState<MachineDefinition | null>(null);
  const [note, setNote] = useState('');
  const [newFrom, setNewFrom] = useState<OrderStatus | undefined>();
  const [newTo, setNewTo] = useState<OrderStatus | undefined>();
  const shown = viewing && got.data?.requested ? got.data.requested : got.data?.current;
  useEffect(() => { if (shown) setDraft(structuredClone(shown.definition)); }, [shown]);
  const readOnly = !can('lifecycle.manage') || (viewing !== null && viewing !== got.data?.current.version);
  const save = useMutation({
    mutationFn: () => client.call('lifecycle.save', { definition: draft!, expectedVersion: got.data!.current.version, ...(note.trim() ? { note: note.trim() } : {}) }),
    onSuccess: (v) => {
      void message.success(t('lifecycle.editor.saved', { version: v.version }));
      setNote('');
      setViewing(null);
      void qc.invalidateQueries({ queryKey: ['lifecycle.get'] });
    },
    onError: (e) => void message.error(`${t('lifecycle.editor.invalid')} ${errorText(e)}`),
  });
  if (!draft || !got.data || !shown) return null;

  const shops = facets.data?.channels ?? [];
  const present = new Set(draft.states.map((s) => s.status));
  const setTransition = (i: number, patch: Partial<TransitionSpec>) => setDraft({ ...draft, transitions: draft.transitions.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
  const label = (s: OrderStatus) => statusLabel(s, lang);

  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="machine-editor">
      <Space wrap>
        <Select
          style={{ width: 280 }} value={shown.version} data-testid="machine-version" aria-label={t('lifecycle.editor.history')}
          options={got.data.versions.map((v) => ({
            value: v.version,
            label: `${t('lifecycle.editor.version', { version: v.version })}${v.version === got.data.current.version ? p.paren(t('lifecycle.editor.current')) : ''}${v.savedAt ? '' : p.paren(t('lifecycle.editor.builtin'))}${v.note ? ` · ${v.note}` : ''}`,
          }))}
          onChange={(v: number) => setViewing(v === got.data.current.version ? null : v)}
        />
        {shown.savedAt && <Typography.Text type="secondary">{t('lifecycle.editor.savedBy', { name: shown.savedBy ?? '', time: formatInZone(shown.savedAt) })}</Typography.Text>}
      </Space>
      {!can('lifecycle.manage') && <Alert type="info" showIcon title={t('lifecycle.editor.readOnly')} />}
      <Typography.Text type="secondary">{t('lifecycle.editor.keeps')}</Typography.Text>

      <Card size="small" title={t('lifecycle.editor.states')}>
        <Table
          size="small" rowKey="status" pagination={false} dataSource={ORDER_STATUSES.map((status) => ({ status }))} data-testid="machine-states"
          columns={[
            {
              title: t('orders.col.status'), width: 200,
              render: (_, { status: s }: { status: OrderStatus }) => (
                <Space>
                  <Switch size="small" checked={present.has(s)} disabled={readOnly || (REQUIRED_STATES as readonly string[]).includes(s)} aria-label={label(s)}
                    onChange={(on) => setDraft({
                      ...draft,
                      states: on ? [...draft.states, { status: s, sla: null }] : draft.states.filter((x) => x.status !== s),
                      transitions: on ? draft.transitions : draft.transitions.filter((x) => x.from !== s && x.to !== s),
                    })}
                  />
                  {label(s)}
                  {(REQUIRED_STATES as readonly string[]).includes(s) && <Tag>{t('lifecycle.editor.required')}</Tag>}
                </Space>
              ),
            },
            {
              title: t('lifecycle.sla.state'),
              render: (_, { status: s }: { status: OrderStatus }) => present.has(s) && (
                <SlaEditor
                  testId={`sla-${s}`} shops={shops} readOnly={readOnly} value={draft.states.find((x) => x.status === s)!.sla}
                  onChange={(sla) => setDraft({ ...draft, states: draft.states.map((x) => (x.status === s ? { ...x, sla } : x)) })}
                />
              ),
            },
          ]}
        />
      </Card>

      <Card size="small" title={t('lifecycle.editor.shipSla')}>
        <SlaEditor testId="sla-ship" shops={shops} readOnly={readOnly} value={draft.shipSla} onChange={(shipSla) => setDraft({ ...draft, shipSla })} />
      </Card>

      <Card size="small" title={t('lifecycle.editor.transitions')}>
        <Table
          size="small" pagination={false} dataSource={draft.transitions.map((x, i) => ({ ...x, i }))} rowKey="i" data-testid="machine-transitions"
          scroll={{ y: 420 }}
          columns={[
            { title: t('lifecycle.editor.from'), width: 90, render: (_, x) => label(x.from) },
            { title: t('lifecycle.editor.to'), width: 90, render: (_, x) => label(x.to) },
            {
              title: t('lifecycle.editor.permission'), width: 190,
              render: (_, x) => (
                <Select size="small" style={{ width: 180 }} disabled={readOnly} value={x.permission ?? ''} aria-label={t('lifecycle.editor.permission')}
                  options={[{ value: '', label: t('lifecycle.editor.anyone') }, ...PERMISSIONS.map((p) => ({ value: p, label: PERMISSION_LABELS[p][lang] }))]}
                  onChange={(p: string) => setTransition(x.i, { permission: (p || null) as Permission | null })}
                />
              ),
            },
            {
              title: t('lifecycle.editor.sources'),
              render: (_, x) => (
                <Select mode="multiple" size="small" style={{ minWidth: 200, width: '100%' }} disabled={readOnly} value={x.sources} aria-label={t('lifecycle.editor.sources')}
                  options={TRIGGER_SOURCES.map((s) => ({ value: s, label: TRIGGER_SOURCE_LABELS[s][lang] }))}
                  onChange={(v: TransitionSpec['sources']) => v.length && setTransition(x.i, { sources: v })}
                />
              ),
            },
            {
              title: t('lifecycle.editor.requires'), width: 170,
              render: (_, x) => (
                <Select mode="multiple" size="small" style={{ width: 160 }} disabled={readOnly} value={x.requires} aria-label={t('lifecycle.editor.requires')}
                  options={REQUIRED_FIELDS.map((f) => ({ value: f, label: REQUIRED_FIELD_LABELS[f][lang] }))}
                  onChange={(v: TransitionSpec['requires']) => setTransition(x.i, { requires: v })}
                />
              ),
            },
            {
              title: t('lifecycle.editor.holdsBlock'), width: 96,
              render: (_, x) => <Switch size="small" disabled={readOnly} checked={x.holdsBlock} aria-label={t('lifecycle.editor.holdsBlock')} onChange={(v) => setTransition(x.i, { holdsBlock: v })} />,
            },
            {
              title: '', width: 44,
              render: (_, x) => !readOnly && <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('lifecycle.editor.remove')}
                onClick={() => setDraft({ ...draft, transitions: draft.transitions.filter((_y, j) => j !== x.i) })} />,
            },
          ]}
        />
        {!readOnly && (
          <Space style={{ marginTop: 8 }}>
            <Select style={{ width: 130 }} placeholder={t('lifecycle.editor.from')} value={newFrom} onChange={setNewFrom} options={draft.states.map((s) => ({ value: s.status, label: label(s.status) }))} data-testid="new-from" />
            <Select style={{ width: 130 }} placeholder={t('lifecycle.editor.to')} value={newTo} onChange={setNewTo} options={draft.states.map((s) => ({ value: s.status, label: label(s.status) }))} data-testid="new-to" />
            <Button icon={<PlusOutlined />} data-testid="add-transition" disabled={!newFrom || !newTo}
              onClick={() => {
                setDraft({ ...draft, transitions: [...draft.transitions, { from: newFrom!, to: newTo!, permission: 'orders.changeStatus', sources: ['person'], requires: [], holdsBlock: false }] });
                setNewFrom(undefined);
                setNewTo(undefined);
              }}
            >{t('lifecycle.editor.add')}</Button>
          </Space>
        )}
      </Card>

      {!readOnly && (
        <Space>
          <Input style={{ width: 360 }} placeholder={t('lifecycle.editor.note')} value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} data-testid="machine-note" />
          <Button type="primary" loading={save.isPending} onClick={() => save.mutate()} data-testid="machine-save">{t('lifecycle.editor.save')}</Button>
        </Space>
      )}
    </Space>
  );
}
