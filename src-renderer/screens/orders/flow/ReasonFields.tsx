/** A person's reason: a code from the list and a note in their own words (stored as code + params). */
import { Form, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { PERSON_REASONS, type PersonReason, type ReasonInput } from '../../../../src-shared/contract/lifecycle';

export interface ReasonValues {
  reason?: PersonReason;
  note?: string;
}

export function toReason(v: ReasonValues): ReasonInput | undefined {
  return v.reason ? { code: v.reason, params: v.note?.trim() ? { note: v.note.trim() } : {} } : undefined;
}

export function ReasonFields({ required, only }: { required: boolean; only?: readonly PersonReason[] }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item name="reason" label={t('lifecycle.move.reason')} rules={required ? [{ required: true, message: t('lifecycle.refusal.field_required', { field: t('lifecycle.move.reason') }) }] : []}>
        <Select
          data-testid="reason-select"
          allowClear={!required}
          showSearch={{ optionFilterProp: 'label' }}
          options={(only ?? PERSON_REASONS).map((r) => ({ value: r, label: t(`lifecycle.reason.${r}`) }))}
        />
      </Form.Item>
      <Form.Item name="note" label={t('lifecycle.move.note')}>
        <Input.TextArea data-testid="reason-note" rows={2} maxLength={500} placeholder={t('lifecycle.move.notePlaceholder')} />
      </Form.Item>
    </>
  );
}
