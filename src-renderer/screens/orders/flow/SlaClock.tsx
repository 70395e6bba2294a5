/** The SLA clock as people read it: time left (orange under an hour) or overdue (red), with the due time. */
import { Tooltip, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { formatInZone } from '../../../../src-shared/time';

const MIN = 60_000;

/** "1天3小时" / "3小时20分" / "45分" (en: 1d 3h, 3h 20m, 45m): two units at most. */
export function duration(ms: number, lang: 'zh' | 'en'): string {
  const m = Math.max(1, Math.round(Math.abs(ms) / MIN));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const mm = m % 60;
  const u = lang === 'zh' ? { d: '天', h: '小时', m: '分' } : { d: 'd ', h: 'h ', m: 'm' };
  const parts = d ? [`${d}${u.d}`, h ? `${h}${u.h}` : ''] : h ? [`${h}${u.h}`, mm ? `${mm}${u.m}` : ''] : [`${mm}${u.m}`];
  return parts.join('').trim();
}

/** Plain text for copying and export: 剩 3小时20分 / 超时 2小时. */
export function slaText(dueAt: number | null | undefined, now: number, t: TFunction, lang: 'zh' | 'en'): string {
  if (!dueAt) return '';
  const left = dueAt - now;
  return left >= 0 ? t('lifecycle.sla.left', { left: duration(left, lang) }) : t('lifecycle.sla.over', { over: duration(left, lang) });
}

export function SlaClock({ dueAt, now = Date.now(), showDue = false }: { dueAt: number | null | undefined; now?: number; showDue?: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  if (!dueAt) return <Typography.Text type="secondary">{t('lifecycle.sla.none')}</Typography.Text>;
  const left = dueAt - now;
  const color = left < 0 ? '#cf1322' : left < 60 * MIN ? '#d46b08' : undefined;
  const text = slaText(dueAt, now, t, lang);
  const due = t('lifecycle.sla.due', { time: formatInZone(dueAt) });
  return (
    <Tooltip title={due}>
      <span data-testid="sla-clock" data-overdue={left < 0 ? 'true' : 'false'} style={{ color, fontWeight: left < 0 ? 600 : undefined }}>
        {text}{showDue && <Typography.Text type="secondary" style={{ marginInlineStart: 6, fontSize: 12 }}>{due}</Typography.Text>}
      </span>
    </Tooltip>
  );
}
