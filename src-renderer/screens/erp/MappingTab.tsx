import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Col, Collapse, Form, Input, Radio, Row, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ErpConnectionView, ErpPreview } from '../../../src-shared/contract/erp';
import {
  ERP_CHARSETS, ERP_LOCK_FIELDS, ERP_MAPPING_KINDS, ERP_ORDER_HEADER_FIELDS, ERP_ORDER_LINE_FIELDS, ERP_PULL_FIELDS, ERP_PULL_KINDS,
  type ErpFieldSpec, type ErpMappingKind, type ErpPullKind,
} from '../../../src-shared/erp';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { usePunctuation } from '../../i18n/punctuation';
import { PreviewTable } from './PreviewTable';

type Draft = Record<string, unknown>;
const isPull = (k: ErpMappingKind): k is ErpPullKind => (ERP_PULL_KINDS as readonly string[]).includes(k);

/** One mapping per kind: SQL or table/columns for reads, target tables/columns for writes; previewed on real rows before saving. */
export function MappingTab({ connection: c, manage }: { connection: ErpConnectionView; manage: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const en = i18n.language === 'en';
  const p = usePunctuation();
  const [kind, setKind] = useState<ErpMappingKind>('stock');
  const [draft, setDraft] = useState<Draft | null>(null);
  const [preview, setPreview] = useState<ErpPreview | null>(null);
  const saved = useQuery({ queryKey: ['erp.mappings.get', c.id], queryFn: () => client.call('erp.mappings.get', { connectionId: c.id }) });
  const presets = useQuery({ queryKey: ['erp.presets'], queryFn: () => client.call('erp.presets', {}), staleTime: Infinity });
  const preset = presets.data?.find((p) => p.preset === c.preset);

  useEffect(() => {
    if (!saved.data) return;
    const m = saved.data.find((x) => x.kind === kind)?.mapping as Draft | undefined;
    setDraft(m ? structuredClone(m) : blank(kind));
    setPreview(null);
  }, [saved.data, kind]);

  const run = useMutation({
    mutationFn: (what: 'preview' | 'save'): Promise<{ what: 'preview' | 'save'; p: ErpPreview | null }> =>
      what === 'preview'
        ? client.call('erp.mappings.preview', { connectionId: c.id, kind, mapping: draft! }).then((p) => ({ what, p }))
        : client.call('erp.mappings.save', { connectionId: c.id, kind, mapping: draft! }).then(() => ({ what, p: null })),
    onSuccess: ({ what, p }) => {
      if (what === 'preview') setPreview(p);
      else {
        void message.success(t('erp.mapping.saved'));
        void qc.invalidateQueries({ queryKey: ['erp.mappings.get', c.id] });
        void qc.invalidateQueries({ queryKey: ['erp.connections.list'] });
      }
    },
    onError: (e) => void message.error(errorText(e)),
  });

  const set = (path: string[], value: unknown) =>
    setDraft((d) => {
      const next = structuredClone(d ?? {});
      let o: Draft = next;
      for (const k of path.slice(0, -1)) o = (o[k] ??= {}) as Draft;
      o[path[path.length - 1]!] = value;
      return next;
    });
  const get = (path: string[]) => path.reduce<unknown>((o, k) => (o as Draft | undefined)?.[k], draft) as string | undefined;
  const label = (f: ErpFieldSpec) => `${en ? f.en : f.zh}${f.required ? ' *' : ''}`;
  const columnsEditor = (fields: readonly ErpFieldSpec[], path: string[]) => (
    <Row gutter={[8, 4]}>
      {fields.map((f) => (
        <Col span={8} key={f.key}>
          <Input size="small" addonBefore={<span style={{ display: 'inline-block', minWidth: 96 }}>{label(f)}</span>} value={get([...path, f.key]) ?? ''}
            placeholder={t('erp.mapping.column')} onChange={(e) => set([...path, f.key], e.target.value || undefined)} data-testid={`col-${path.join('.')}.${f.key}`} />
        </Col>
      ))}
    </Row>
  );
  const text = (key: string, w = 140) => (
    <Form.Item label={t(`erp.mapping.${key}`)} style={{ marginBottom: 4 }}>
      <Input size="small" style={{ width: w }} value={get([key]) ?? ''} onChange={(e) => set([key], e.target.value)} />
    </Form.Item>
  );

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="small" data-testid="erp-mapping">
      <Radio.Group optionType="button" buttonStyle="solid" size="small" value={kind} onChange={(e) => setKind(e.target.value)}
        options={ERP_MAPPING_KINDS.map((k) => ({ value: k, label: t(`erp.mapping.kinds.${k}`) }))} data-testid="erp-mapping-kind" />
      {preset && preset.unconfirmed.length > 0 && (
        <Alert type="warning" showIcon style={{ fontSize: 12 }} title={t('erp.mapping.unconfirmed')} description={<ul style={{ margin: 0, paddingLeft: 18 }}>{preset.unconfirmed.map((u) => <li key={u.en}>{en ? u.en : u.zh}</li>)}</ul>} />
      )}
      {draft && isPull(kind) && (
        <>
          <Radio.Group size="small" value={draft.mode} onChange={(e) => setDraft(e.target.value === 'sql' ? { mode: 'sql', sql: '', params: [] } : { mode: 'table', table: '', columns: {} })}
            options={[{ value: 'sql', label: t('erp.mapping.sql') }, { value: 'table', label: t('erp.mapping.table') }]} />
          {draft.mode === 'sql' ? (
            <>
              <Input.TextArea value={String(draft.sql ?? '')} onChange={(e) => set(['sql'], e.target.value)} autoSize={{ minRows: 4, maxRows: 9 }}
                style={{ fontFamily: 'Consolas, monospace', fontSize: 12 }} data-testid="erp-mapping-sql" />
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('erp.mapping.sqlHelp')}{p.colon}{ERP_PULL_FIELDS[kind].map((f) => `${f.key}${p.paren(`${en ? f.en : f.zh}${f.required ? ' *' : ''}`)}`).join(p.comma)}
              </Typography.Text>
            </>
          ) : (
            <>
              <Input size="small" addonBefore={t('erp.mapping.tableName')} style={{ width: 320 }} value={get(['table']) ?? ''} onChange={(e) => set(['table'], e.target.value)} />
              {columnsEditor(ERP_PULL_FIELDS[kind], ['columns'])}
            </>
          )}
        </>
      )}
      {draft && kind === 'orders' && (
        <>
          <Input size="small" addonBefore={t('erp.mapping.header')} style={{ width: 320 }} value={get(['header', 'table']) ?? ''} onChange={(e) => set(['header', 'table'], e.target.value)} />
          {columnsEditor(ERP_ORDER_HEADER_FIELDS, ['header', 'columns'])}
          <Input size="small" addonBefore={t('erp.mapping.lines')} style={{ width: 320 }} value={get(['lines', 'table']) ?? ''} onChange={(e) => set(['lines', 'table'], e.target.value)} />
          {columnsEditor(ERP_ORDER_LINE_FIELDS, ['lines', 'columns'])}
          <Form layout="inline" size="small">
            {text('newStatus', 90)}{text('cancelStatus', 110)}{text('customerCode', 110)}
            <Form.Item label={t('erp.mapping.onCancel')} style={{ marginBottom: 4 }}>
              <Select size="small" style={{ width: 190 }} value={get(['onCancel'])} onChange={(v) => set(['onCancel'], v)} options={['void', 'delete'].map((v) => ({ value: v, label: t(`erp.mapping.onCancels.${v}`) }))} />
            </Form.Item>
            <Form.Item label={t('erp.mapping.charset')} style={{ marginBottom: 4 }}>
              <Select size="small" style={{ width: 210 }} value={get(['charset'])} onChange={(v) => set(['charset'], v)} options={ERP_CHARSETS.map((v) => ({ value: v, label: t(`erp.mapping.charsets.${v}`) }))} />
            </Form.Item>
          </Form>
        </>
      )}
      {draft && kind === 'locks' && (
        <>
          <Input size="small" addonBefore={t('erp.mapping.locks')} style={{ width: 320 }} value={get(['table']) ?? ''} onChange={(e) => set(['table'], e.target.value)} />
          {columnsEditor(ERP_LOCK_FIELDS, ['columns'])}
          <Form layout="inline" size="small">
            {text('activeStatus', 90)}{text('releasedStatus', 100)}{text('consumedStatus', 100)}{text('defaultWarehouse', 100)}
          </Form>
        </>
      )}
      {manage && (
        <Space>
          <Button onClick={() => run.mutate('preview')} loading={run.isPending && run.variables === 'preview'} disabled={!c.configuredHere} data-testid="erp-mapping-preview">{t('erp.mapping.preview')}</Button>
          <Button type="primary" onClick={() => run.mutate('save')} loading={run.isPending && run.variables === 'save'} data-testid="erp-mapping-save">{t('erp.mapping.save')}</Button>
        </Space>
      )}
      {preview && <PreviewTable preview={preview} />}
      {preset && !isPull(kind) && (
        <Collapse size="small" items={[{ key: 'ddl', label: t('erp.mapping.ddl'), children: <pre style={{ fontSize: 11, maxHeight: 240, overflow: 'auto', margin: 0 }}>{preset.stagingDdl}</pre> }]} />
      )}
    </Space>
  );
}

function blank(kind: ErpMappingKind): Draft {
  if (isPull(kind)) return { mode: 'sql', sql: '', params: [] };
  if (kind === 'orders') return { mode: 'table', header: { table: '', columns: {} }, lines: { table: '', columns: {} }, newStatus: 'NEW', onCancel: 'void', cancelStatus: 'CANCEL_REQ', customerCode: 'RETAIL', orderType: 'SO', currency: 'CNY', charset: 'unicode' };
  return { mode: 'table', table: '', columns: {}, activeStatus: 'ACTIVE', releasedStatus: 'RELEASED', consumedStatus: 'CONSUMED', defaultWarehouse: '', charset: 'unicode' };
}
