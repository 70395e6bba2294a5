/** Per detector: which robots hear it, desktop notices, from which level, and quiet hours (held alerts go out when they end). */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Select, Switch, Table, TimePicker } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { DETECTOR_LABELS, SEVERITIES, SEVERITY_LABELS } from '../../../src-shared/exceptions';
import type { PolicyView } from '../../../src-shared/contract/alerts';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { langOf } from '../exceptions/words';

const asTime = (m: number) => dayjs().startOf('day').add(m, 'minute');

export function PoliciesTab() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ['alerts.policies'], queryFn: () => client.call('alerts.policies.list', {}) });
  const robots = useQuery({ queryKey: ['alerts.robots'], queryFn: () => client.call('alerts.robots.list', {}) });
  const save = useMutation({
    mutationFn: (p: PolicyView) => client.call('alerts.policies.save', p),
    onSuccess: () => { void qc.invalidateQueries({ queryKey: ['alerts.policies'] }); message.success(t('exceptions.settings.saved')); },
    onError: (e) => message.error(errorText(e)),
  });
  const robotOptions = [{ value: '*', label: t('exceptions.settings.allRobots') }, ...(robots.data ?? []).map((r) => ({ value: r.id, label: r.name }))];
  return (
    <Table<PolicyView> size="small" rowKey="detector" pagination={false} dataSource={q.data ?? []} data-testid="policies" scroll={{ x: 1000 }}
      columns={[
        { title: t('exceptions.ws.col.detector'), render: (_, p) => DETECTOR_LABELS[p.detector][lang], width: 220 },
        { title: t('exceptions.settings.policyRobots'), width: 260, render: (_, p) => <Select size="small" mode="multiple" style={{ width: 240 }} value={p.robotIds} options={robotOptions} onChange={(v: string[]) => save.mutate({ ...p, robotIds: v.includes('*') && !p.robotIds.includes('*') ? ['*'] : v.filter((x) => x !== '*' || v.length === 1) })} /> },
        { title: t('exceptions.settings.desktop'), width: 80, render: (_, p) => <Switch size="small" checked={p.desktop} onChange={(v) => save.mutate({ ...p, desktop: v })} /> },
        { title: t('exceptions.settings.minSeverity'), width: 110, render: (_, p) => <Select size="small" style={{ width: 90 }} value={p.minSeverity} onChange={(v) => save.mutate({ ...p, minSeverity: v })} options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s][lang] }))} /> },
        { title: t('exceptions.settings.quiet'), render: (_, p) => (
          <TimePicker.RangePicker size="small" format="HH:mm" minuteStep={15} allowClear placeholder={[t('exceptions.settings.quietNone'), '']}
            value={p.quietFrom === p.quietTo ? null : [asTime(p.quietFrom), asTime(p.quietTo)]}
            onChange={(v) => save.mutate({ ...p, quietFrom: v?.[0] ? v[0].hour() * 60 + v[0].minute() : 0, quietTo: v?.[1] ? v[1].hour() * 60 + v[1].minute() : 0 })} />
        ) },
      ]}
    />
  );
}
