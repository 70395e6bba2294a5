/** Each detector as this workspace runs it; the ops lead changes on/off, level, owner, confirmations, time to resolve, thresholds. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, InputNumber, Select, Space, Switch, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import { DETECTOR_LABELS, EXCEPTION_TYPE_LABELS, SEVERITIES, SEVERITY_LABELS } from '../../../src-shared/exceptions';
import type { DetectorView } from '../../../src-shared/contract/exceptions';
import { ROLE_LABELS, ROLES } from '../../../src-shared/roles';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { useSession } from '../../session/session';
import { langOf } from '../exceptions/words';

const CONFIRM_ROLES = ['ops_lead', 'service', 'warehouse', 'finance'] as const;

export function DetectorsTab() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const { message } = App.useApp();
  const { can } = useSession();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['exceptions.detectors'], queryFn: () => client.call('exceptions.detectors', {}) });
  const save = useMutation({
    mutationFn: (x: Parameters<typeof client.call<'exceptions.saveDetector'>>[1]) => client.call('exceptions.saveDetector', x),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['exceptions.detectors'] }); message.success(t('exceptions.settings.saved')); },
    onError: (e) => message.error(errorText(e)),
  });
  const edit = !can('exceptions.manage');
  return (
    <Table<DetectorView> size="small" rowKey="code" pagination={false} dataSource={q.data ?? []} loading={q.isLoading} data-testid="detectors" scroll={{ x: 1100 }}
      columns={[
        { title: t('exceptions.ws.col.detector'), render: (_, d) => <span>{DETECTOR_LABELS[d.code][lang]}<br /><small style={{ color: '#888' }}>{EXCEPTION_TYPE_LABELS[d.type][lang]}</small></span>, width: 220 },
        { title: t('exceptions.settings.enabled'), width: 70, render: (_, d) => <Switch size="small" disabled={edit} checked={d.enabled} onChange={(v) => save.mutate({ code: d.code, enabled: v })} /> },
        { title: t('exceptions.settings.severity'), width: 110, render: (_, d) => <Select size="small" disabled={edit} value={d.severity} style={{ width: 90 }} onChange={(v) => save.mutate({ code: d.code, severity: v })} options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s][lang] }))} /> },
        { title: t('exceptions.settings.owner'), width: 130, render: (_, d) => <Select size="small" disabled={edit} value={d.ownerRole} style={{ width: 110 }} onChange={(v) => save.mutate({ code: d.code, ownerRole: v, ownerUserId: null })} options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))} /> },
        { title: t('exceptions.settings.confirmations'), width: 220, render: (_, d) => <Select size="small" mode="multiple" disabled={edit} value={d.confirmations} style={{ width: 200 }} onChange={(v) => save.mutate({ code: d.code, confirmations: v })} options={CONFIRM_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r][lang] }))} /> },
        { title: t('exceptions.settings.target'), width: 130, render: (_, d) => <InputNumber size="small" disabled={edit} min={5} defaultValue={d.targetMinutes} suffix={t('exceptions.settings.minutes')} style={{ width: 110 }} onBlur={(e) => { const v = Number(e.target.value); if (v && v !== d.targetMinutes) save.mutate({ code: d.code, targetMinutes: v }); }} /> },
        { title: t('exceptions.settings.limits'), render: (_, d) => (
          <Space wrap size={4}>
            {Object.entries(d.limits).map(([k, v]) => (
              <InputNumber key={k} size="small" disabled={edit} min={0} defaultValue={v} suffix={t('exceptions.settings.minutes')} style={{ width: 110 }} title={k}
                onBlur={(e) => { const n = Number(e.target.value); if (n !== v) save.mutate({ code: d.code, limits: { ...d.limits, [k]: n } }); }} />
            ))}
          </Space>
        ) },
      ]}
    />
  );
}
