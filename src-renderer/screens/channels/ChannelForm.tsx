import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { CREDENTIAL_LABELS, TOKEN_FIELDS } from '../../../src-shared/channel-credentials';
import type { ChannelView } from '../../../src-shared/contract/channels';
import { CHANNEL_KIND_LABELS, type ChannelKind } from '../../../src-shared/orders';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';

interface Values {
  kind: ChannelKind;
  name: string;
  endpoint?: string;
  pollIntervalSeconds?: number;
  backfillFrom?: Dayjs | null;
  cred: Record<string, string | undefined>;
}

/** Add or edit a shop. Secrets are password inputs: a stored one shows 已设置 and is never sent back. */
export function ChannelForm({ editing, onClose }: { editing: ChannelView | 'new'; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm<Values>();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const kinds = useQuery({ queryKey: ['channels.kinds'], queryFn: () => client.call('channels.kinds', {}) });
  const existing = editing === 'new' ? null : editing;
  const kind = Form.useWatch('kind', form) ?? existing?.kind;
  const info = kinds.data?.find((k) => k.kind === kind);
  const appType = Form.useWatch(['cred', 'app_type'], form) ?? existing?.config.app_type;

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const config: Record<string, string | number> = {};
      for (const [k, val] of Object.entries(v.cred ?? {})) if (val !== undefined && (val !== '' || !info?.secretFields.includes(k))) config[k] = val;
      if (v.endpoint !== undefined) config.endpoint = v.endpoint.trim();
      if (v.pollIntervalSeconds) config.pollIntervalSeconds = v.pollIntervalSeconds;
      if (v.backfillFrom) config.backfillFrom = v.backfillFrom.valueOf();
      return existing
        ? client.call('channels.update', { id: existing.id, name: v.name, config })
        : client.call('channels.create', { kind: v.kind, name: v.name, config });
    },
    onSuccess: () => {
      void message.success(t('channels.form.saved'));
      void qc.invalidateQueries({ queryKey: ['channels.list'] });
      onClose();
    },
    onError: (e) => void message.error(errorText(e)),
  });

  const initial: Partial<Values> = existing
    ? {
        kind: existing.kind, name: existing.name, endpoint: String(existing.config.endpoint ?? ''),
        pollIntervalSeconds: Number(existing.config.pollIntervalSeconds ?? 60),
        backfillFrom: existing.config.backfillFrom ? dayjs(Number(existing.config.backfillFrom)) : null,
        cred: Object.fromEntries(Object.entries(existing.config).filter(([k]) => !['endpoint', 'pollIntervalSeconds', 'backfillFrom'].includes(k)).map(([k, v]) => [k, String(v)])),
      }
    : { pollIntervalSeconds: 60, cred: {} };

  return (
    <Modal
      open
      destroyOnHidden
      title={existing ? t('channels.form.editTitle', { name: existing.name }) : t('channels.form.title')}
      okText={t('channels.form.save')}
      cancelText={t('channels.form.cancel')}
      confirmLoading={save.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={560}
    >
      <Form<Values> form={form} layout="vertical" initialValues={initial} onFinish={(v) => save.mutate(v)} data-testid="channel-form">
        <Form.Item name="kind" label={t('channels.kind')} rules={[{ required: true, message: t('channels.form.required') }]}>
          <Select
            disabled={!!existing}
            loading={kinds.isLoading}
            options={(kinds.data ?? []).map((k) => ({ value: k.kind, label: CHANNEL_KIND_LABELS[k.kind][lang] }))}
            data-testid="channel-kind"
          />
        </Form.Item>
        <Form.Item name="name" label={t('channels.name')} rules={[{ required: true, whitespace: true, message: t('channels.form.required') }]}>
          <Input id="channel-name" maxLength={100} />
        </Form.Item>
        {info && <div style={{ marginBottom: 8, color: '#888' }}>{t('channels.form.credentials')}</div>}
        {info?.credentialFields.filter((f) => f !== 'service_id' || appType === 'tool').map((f) => {
          const secret = info.secretFields.includes(f);
          const isSet = existing?.secretsSet.includes(f);
          const token = TOKEN_FIELDS[info.kind]?.includes(f) ?? false;
          const l = CREDENTIAL_LABELS[info.kind]?.[f];
          const required = info.requiredSecrets.includes(f) && !isSet;
          const name = l ? (lang === 'en' ? l.en : l.zh) : f;
          return (
            <Form.Item
              key={f}
              name={['cred', f]}
              label={name}
              extra={l ? (lang === 'en' ? l.whereEn : l.whereZh) : undefined}
              rules={required ? [{ required: true, message: t('channels.form.secretRequired', { field: name }) }] : []}
            >
              {secret
                ? <Input.Password id={`cred-${f}`} autoComplete="new-password" placeholder={isSet ? t('channels.form.secretSet') : token ? t('channels.fieldHint.token') : ''} visibilityToggle={!isSet} />
                : f === 'sign_method'
                  ? <Select allowClear options={['md5', 'hmac', 'hmac-sha256'].map((m) => ({ value: m, label: m }))} />
                  : f === 'app_type'
                    ? <Select id="cred-app_type" allowClear placeholder={t('channels.appType.self')} options={(['self', 'tool'] as const).map((v) => ({ value: v, label: t(`channels.appType.${v}`) }))} />
                    : <Input id={`cred-${f}`} autoComplete="off" />}
            </Form.Item>
          );
        })}
        <Form.Item name="endpoint" label={t('channels.form.endpoint')} extra={t('channels.form.endpointHelp')}>
          <Input id="channel-endpoint" placeholder="https://…" />
        </Form.Item>
        <Form.Item name="pollIntervalSeconds" label={t('channels.form.pollIntervalSeconds')}>
          <InputNumber min={2} max={86400} style={{ width: 160 }} />
        </Form.Item>
        <Form.Item name="backfillFrom" label={t('channels.form.backfillFrom')} extra={t('channels.form.backfillHelp')}>
          <DatePicker showTime disabledDate={(d) => d.isAfter(dayjs()) || d.isBefore(dayjs().subtract(90, 'day'))} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
