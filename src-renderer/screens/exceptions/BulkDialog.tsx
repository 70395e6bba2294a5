/** Assign, close or snooze the selected exceptions with a reason (stored as code + note); answers per exception. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Radio, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EXCEPTION_REASONS, EXCEPTION_REASON_LABELS, type ExceptionReason } from '../../../src-shared/exceptions';
import type { BulkOutcome } from '../../../src-shared/contract/exceptions';
import { ROLE_LABELS, ROLES, type Role } from '../../../src-shared/roles';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { punctuation } from '../../i18n/punctuation';
import { riskChanged } from './live';
import { langOf } from './words';

export type BulkKind = 'assign' | 'close' | 'snooze';

const REASONS: Record<BulkKind, ExceptionReason[]> = {
  assign: ['handover', 'other'],
  close: ['resolved', 'carrier_contacted', 'customer_contacted', 'refunded', 'reshipped', 'not_an_issue', 'duplicate', 'other'],
  snooze: ['waiting_customer', 'waiting_carrier', 'waiting_platform', 'waiting_stock', 'other'],
};

export function BulkDialog({ kind, ids, onDone, onCancel }: { kind: BulkKind; ids: string[]; onDone(): void; onCancel(): void }) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const p = punctuation(lang);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const [form] = Form.useForm();
  const [busy, setBusy] = useState(false);
  const users = useQuery({ queryKey: ['exceptions.people'], queryFn: () => client.call('exceptions.people', {}), enabled: kind === 'assign' });

  const submit = async () => {
    const v = (await form.validateFields()) as { reason: ExceptionReason; note?: string; userId?: string; role?: Role; minutes?: number };
    const reason = { code: v.reason, ...(v.note?.trim() ? { note: v.note.trim() } : {}) };
    setBusy(true);
    try {
      let out: BulkOutcome[];
      if (kind === 'assign') out = await client.call('exceptions.assign', { ids, userId: v.userId ?? null, role: v.userId ? null : (v.role ?? null), reason });
      else if (kind === 'close') out = await client.call('exceptions.close', { ids, reason });
      else out = await client.call('exceptions.snooze', { ids, minutes: v.minutes ?? 240, reason });
      const refused = out.filter((o): o is Extract<BulkOutcome, { ok: false }> => !o.ok);
      const ok = out.length - refused.length;
      if (refused.length) message.warning(`${t('exceptions.ws.done', { ok })}${p.semicolon}${t('exceptions.ws.refused', { n: refused.length, first: refused[0]!.message })}`);
      else message.success(t('exceptions.ws.done', { ok }));
      riskChanged(qc);
      onDone();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal open title={t(`exceptions.ws.${kind}Title`, { count: ids.length })} onOk={() => void submit()} onCancel={onCancel} confirmLoading={busy} okButtonProps={{ 'data-testid': 'bulk-ok' } as never} destroyOnHidden>
      <Form form={form} layout="vertical" initialValues={{ reason: REASONS[kind][0], minutes: 240 }}>
        {kind === 'assign' && (
          <>
            <Form.Item name="userId" label={t('exceptions.ws.toPerson')}>
              <Select allowClear showSearch optionFilterProp="label" data-testid="assign-user"
                options={(users.data ?? []).map((u) => ({ value: u.id, label: `${u.displayName}${p.paren(ROLE_LABELS[u.role][lang])}` }))} />
            </Form.Item>
            <Form.Item name="role" label={t('exceptions.ws.toRole')}>
              <Select allowClear options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))} />
            </Form.Item>
          </>
        )}
        {kind === 'snooze' && (
          <Form.Item name="minutes" label={t('exceptions.ws.minutes')}>
            <Radio.Group options={[60, 240, 1440, 4320].map((m) => ({ value: m, label: t(`exceptions.ws.snoozeFor.${m}`) }))} />
          </Form.Item>
        )}
        <Form.Item name="reason" label={t('exceptions.ws.reason')} rules={[{ required: true }]}>
          <Select data-testid="bulk-reason" options={REASONS[kind].filter((r) => EXCEPTION_REASONS.includes(r)).map((r) => ({ value: r, label: EXCEPTION_REASON_LABELS[r][lang] }))} />
        </Form.Item>
        <Form.Item name="note" label={t('exceptions.ws.note')}>
          <Input.TextArea rows={2} maxLength={500} data-testid="bulk-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
