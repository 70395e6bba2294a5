/**
 * A folder source's schedule, chosen (issue 15, item 10): 每天 at a time, 每隔 N 小时, or 文件到达时.
 * A form control whose value is the stored schedule text; an older schedule none of the choices
 * makes is shown and kept as it is until another choice is made.
 */
import { Input, Radio, Select, Space, TimePicker, Typography } from 'antd';
import dayjs from 'dayjs';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { EVERY_HOURS, fromSchedule, toSchedule, type ScheduleChoice } from '../../../src-shared/import-schedule';

/** The schedule in words, for the sources table. */
export function scheduleText(s: string, t: TFunction): string {
  const c = fromSchedule(s);
  if (!c) return s;
  if (c.kind === 'daily') return `${t('importChoice.every.daily')} ${c.time}`;
  if (c.kind === 'hours') return `${t('importChoice.every.hours')} ${c.every} ${t('importChoice.hoursUnit')}`;
  return t('importChoice.every.arrival');
}

export function SchedulePicker({ value = '', onChange }: { value?: string; onChange?(v: string): void }) {
  const { t } = useTranslation();
  const choice = fromSchedule(value);
  const set = (c: ScheduleChoice) => onChange?.(toSchedule(c));
  const kind = choice?.kind ?? null;
  return (
    <Space direction="vertical" data-testid="schedule-picker">
      <Radio.Group
        value={kind}
        onChange={(e) => set(e.target.value === 'daily' ? { kind: 'daily', time: '08:00' } : e.target.value === 'hours' ? { kind: 'hours', every: 2 } : { kind: 'arrival' })}
        options={(['daily', 'hours', 'arrival'] as const).map((k) => ({ value: k, label: t(`importChoice.every.${k}`) }))}
      />
      {choice?.kind === 'daily' && (
        <TimePicker
          format="HH:mm"
          minuteStep={5}
          allowClear={false}
          needConfirm={false}
          data-testid="schedule-time"
          value={dayjs(`2000-01-01 ${choice.time}`)}
          onChange={(d) => d && set({ kind: 'daily', time: d.format('HH:mm') })}
        />
      )}
      {choice?.kind === 'hours' && (
        <Space>
          <span>{t('importChoice.every.hours')}</span>
          <Select<number> style={{ width: 80 }} data-testid="schedule-hours" value={choice.every} onChange={(n) => set({ kind: 'hours', every: n })}
            options={EVERY_HOURS.map((n) => ({ value: n, label: String(n) }))} />
          <span>{t('importChoice.hoursUnit')}</span>
        </Space>
      )}
      {!choice && value && (
        <Space>
          <Typography.Text type="secondary">{t('importChoice.olderSchedule')}</Typography.Text>
          <Input readOnly value={value} style={{ width: 160 }} />
        </Space>
      )}
    </Space>
  );
}
