/** One SLA: default minutes (shown in hours) and exceptions by shop and customer grade. */
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, InputNumber, Select, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SlaSpec } from '../../../src-shared/lifecycle';
import { CUSTOMER_GRADES } from '../../../src-shared/orders';

interface Props {
  value: SlaSpec | null;
  onChange(v: SlaSpec | null): void;
  shops: { id: string; name: string }[];
  readOnly: boolean;
  testId: string;
}

const hours = (m: number) => Math.round((m / 60) * 100) / 100;
const minutes = (h: number | null) => (h === null ? null : Math.max(1, Math.round(h * 60)));

export function SlaEditor({ value, onChange, shops, readOnly, testId }: Props) {
  const { t } = useTranslation();
  const set = (patch: Partial<SlaSpec>) => onChange({ minutes: value?.minutes ?? 60, overrides: value?.overrides ?? [], ...patch });
  return (
    <Space orientation="vertical" size={4} data-testid={testId}>
      <Space>
        <InputNumber
          aria-label={t('lifecycle.editor.hours')} data-testid={`${testId}-hours`} min={0.02} max={2160} step={0.5} disabled={readOnly}
          value={value ? hours(value.minutes) : null} placeholder={t('lifecycle.editor.noSla')}
          onChange={(h) => { const m = minutes(h); onChange(m === null ? null : { minutes: m, overrides: value?.overrides ?? [] }); }}
        />
        <Typography.Text type="secondary">{t('lifecycle.editor.hours')}</Typography.Text>
      </Space>
      {value?.overrides.map((o, i) => (
        <Space key={i} size={4}>
          <Select
            style={{ width: 150 }} size="small" disabled={readOnly} value={o.channelId ?? ''} aria-label={t('lifecycle.editor.shop')}
            options={[{ value: '', label: t('lifecycle.editor.anyShop') }, ...shops.map((s) => ({ value: s.id, label: s.name }))]}
            onChange={(c: string) => set({ overrides: value.overrides.map((x, j) => (j === i ? { ...x, channelId: c || undefined } : x)) })}
          />
          <Select
            style={{ width: 110 }} size="small" disabled={readOnly} value={o.grade ?? ''} aria-label={t('lifecycle.editor.grade')}
            options={[{ value: '', label: t('lifecycle.editor.anyGrade') }, ...CUSTOMER_GRADES.map((g) => ({ value: g, label: `${t('lifecycle.editor.grade')} ${g}` }))]}
            onChange={(g: string) => set({ overrides: value.overrides.map((x, j) => (j === i ? { ...x, grade: (g || undefined) as typeof x.grade } : x)) })}
          />
          <InputNumber size="small" min={0.02} max={2160} step={0.5} disabled={readOnly} value={hours(o.minutes)} aria-label={t('lifecycle.editor.hours')}
            onChange={(h) => set({ overrides: value.overrides.map((x, j) => (j === i ? { ...x, minutes: minutes(h) ?? x.minutes } : x)) })}
          />
          {!readOnly && <Button size="small" type="text" icon={<DeleteOutlined />} aria-label={t('lifecycle.editor.remove')} onClick={() => set({ overrides: value.overrides.filter((_, j) => j !== i) })} />}
        </Space>
      ))}
      {value && !readOnly && (
        <Button size="small" type="dashed" icon={<PlusOutlined />} data-testid={`${testId}-add`} onClick={() => set({ overrides: [...value.overrides, { minutes: value.minutes }] })}>
          {t('lifecycle.editor.addOverride')}
        </Button>
      )}
    </Space>
  );
}
