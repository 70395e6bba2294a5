import { DeleteOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import { useMutation } from '@tanstack/react-query';
import { Alert, App, Button, Card, Input, Radio, Select, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_FIELDS, IMPORT_KINDS, type ImportKind, type ImportPreview } from '../../../src-shared/contract/imports';
import { CHANNEL_KIND_LABELS, CHANNEL_KINDS, type ChannelKind } from '../../../src-shared/orders';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { usePunctuation } from '../../i18n/punctuation';
import { useSession } from '../../session/session';
import { NeedShop, ShopPicker, shopInput, type ShopChoice } from './ShopPicker';

interface Props {
  preview: ImportPreview;
  file: { fileName: string; contentBase64: string };
  allOrNothing: boolean;
  onStarted(jobId: string): void;
  shop: ShopChoice;
  onShop(v: ShopChoice): void;
}

/**
 * For a sheet no template knows: the first rows, a field per column (simple headers guessed),
 * defaults for empty cells; imported once as mapped (anyone who may import), or saved as a
 * shared template first (recognised by its header row next time; a separate permission).
 */
export function MappingPanel({ preview, file, allOrNothing, onStarted, shop, onShop }: Props) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const { can } = useSession();
  const en = i18n.language === 'en';
  const p = usePunctuation();
  const [kind, setKind] = useState<ImportKind>('orders');
  const [channelKind, setChannelKind] = useState<ChannelKind>(preview.channelKind ?? 'pos');
  const [mapping, setMapping] = useState<Record<string, string>>(preview.suggestedMapping);
  const [defaults, setDefaults] = useState<{ field: string; value: string }[]>([]);
  const [name, setName] = useState('');
  const fields = IMPORT_FIELDS[kind];
  const label = (key: string) => {
    const f = fields.find((x) => x.key === key);
    return f ? (en ? f.en : f.zh) : key;
  };

  const missing = useMemo(() => {
    const mapped = new Set(Object.values(mapping));
    const defaulted = new Set(defaults.filter((d) => d.value.trim()).map((d) => d.field));
    return fields.filter((f) => f.required && !mapped.has(f.key) && !defaulted.has(f.key));
  }, [fields, mapping, defaults]);

  const mapped = () => ({
    kind,
    channelKind,
    headers: preview.headers,
    mapping: Object.fromEntries(Object.entries(mapping).filter(([h, f]) => f && preview.headers.includes(h) && fields.some((x) => x.key === f))),
    defaults: Object.fromEntries(defaults.filter((d) => d.field && d.value.trim()).map((d) => [d.field, d.value.trim()])),
  });
  const target = kind === 'orders' ? shopInput(shop) : {};
  const run = useMutation({
    mutationFn: async (save: boolean) => {
      if (!save) return client.call('imports.upload', { ...file, once: mapped(), allOrNothing, ...(target ?? {}) });
      const template = await client.call('imports.saveTemplate', { name: name.trim(), ...mapped() });
      void message.success(t('imports.map.saved', { name: template.name }));
      return client.call('imports.upload', { ...file, templateId: template.id, allOrNothing, ...(target ?? {}) });
    },
    onSuccess: (r) => onStarted(r.jobId),
  });
  const ready = missing.length === 0 && target !== null;

  const fieldOptions = [{ value: '', label: t('imports.map.ignore') }, ...fields.map((f) => ({ value: f.key, label: `${en ? f.en : f.zh}${f.required ? ' *' : ''}` }))];

  return (
    <Card size="small" title={t('imports.map.title')} data-testid="mapping-panel">
      <Space wrap size="large" style={{ marginBottom: 12 }}>
        <Space>
          <span>{t('imports.map.kind')}</span>
          <Radio.Group
            optionType="button"
            value={kind}
            onChange={(e) => { setKind(e.target.value); setMapping(e.target.value === 'orders' ? preview.suggestedMapping : {}); setDefaults([]); }}
            options={IMPORT_KINDS.map((k) => ({ value: k, label: t(`imports.kind.${k}`) }))}
          />
        </Space>
        {kind === 'orders' && (
          <Space>
            <span>{t('imports.map.channelKind')}</span>
            <Select<ChannelKind> style={{ width: 150 }} value={channelKind} onChange={setChannelKind}
              options={CHANNEL_KINDS.map((k) => ({ value: k, label: en ? CHANNEL_KIND_LABELS[k].en : CHANNEL_KIND_LABELS[k].zh }))} />
          </Space>
        )}
      </Space>
      <div><Typography.Text type="secondary">{t('imports.map.preview', { count: preview.rows.length })}</Typography.Text></div>
      <Table<string[]>
        size="small"
        bordered
        style={{ marginTop: 4 }}
        rowKey={(_, i) => String(i)}
        pagination={false}
        scroll={{ x: Math.max(800, preview.headers.length * 160), y: 260 }}
        dataSource={preview.rows}
        columns={preview.headers.map((h, i) => ({
          key: `${i}`,
          width: 160,
          ellipsis: true,
          title: (
            <Space direction="vertical" size={2} style={{ width: '100%' }}>
              <span title={h}>{h || `#${i + 1}`}</span>
              <Select
                size="small"
                style={{ width: '100%' }}
                data-testid={`map-${h}`}
                value={mapping[h] ?? ''}
                onChange={(v: string) => setMapping((m) => ({ ...m, [h]: v }))}
                options={fieldOptions}
                showSearch={{ optionFilterProp: 'label' }}
                popupMatchSelectWidth={200}
              />
            </Space>
          ),
          render: (_: unknown, row: string[]) => row[i] ?? '',
        }))}
      />
      <div style={{ marginTop: 12 }}>
        <Typography.Text strong>{t('imports.map.defaults')}</Typography.Text>
        <Space direction="vertical" style={{ display: 'flex', marginTop: 6 }}>
          {defaults.map((d, i) => (
            <Space key={i}>
              <Select style={{ width: 200 }} placeholder={t('imports.map.field')} value={d.field || undefined}
                onChange={(v: string) => setDefaults((ds) => ds.map((x, j) => (j === i ? { ...x, field: v } : x)))}
                options={fields.map((f) => ({ value: f.key, label: label(f.key) }))} />
              <Input style={{ width: 220 }} placeholder={t('imports.map.value')} value={d.value}
                onChange={(e) => setDefaults((ds) => ds.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))} />
              <Button icon={<DeleteOutlined />} onClick={() => setDefaults((ds) => ds.filter((_, j) => j !== i))} />
            </Space>
          ))}
          <Button size="small" icon={<PlusOutlined />} onClick={() => setDefaults((ds) => [...ds, { field: '', value: '' }])}>{t('imports.map.addDefault')}</Button>
        </Space>
      </div>
      {missing.length > 0 && (
        <Alert style={{ marginTop: 12 }} type="warning" showIcon title={t('imports.map.missing', { fields: p.list(missing.map((f) => label(f.key))) })} />
      )}
      {kind === 'orders' && <div style={{ marginTop: 12 }}><ShopPicker preview={preview} value={shop} onChange={onShop} kind={channelKind} /></div>}
      {kind === 'orders' && target === null && <div style={{ marginTop: 8 }}><NeedShop /></div>}
      <Space wrap style={{ marginTop: 12 }}>
        <Button type="primary" disabled={!ready} loading={run.isPending && run.variables === false} onClick={() => run.mutate(false)} data-testid="import-once">
          {t('importChoice.importOnce')}
        </Button>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('importChoice.importOnceHint')}</Typography.Text>
      </Space>
      {can('imports.manageSources') && (
        <Space style={{ marginTop: 12, display: 'flex' }}>
          <Input style={{ width: 240 }} placeholder={t('imports.map.namePlaceholder')} addonBefore={t('imports.map.name')} value={name}
            onChange={(e) => setName(e.target.value)} data-testid="template-name" />
          <Button icon={<SaveOutlined />} disabled={!name.trim() || !ready} loading={run.isPending && run.variables === true}
            onClick={() => run.mutate(true)} data-testid="save-template">
            {t('imports.map.saveAndImport')}
          </Button>
        </Space>
      )}
      {run.isError && <Alert style={{ marginTop: 12 }} type="error" showIcon title={errorText(run.error)} />}
    </Card>
  );
}
