/** ECharts options for the board and the metrics, from the calls' figures (pure: easy to test, no React). */
import type { EChartsOption } from 'echarts';
import { durationText, type Lang } from '../../../src-shared/exception-words';
import { AGE_BUCKETS, EXCEPTION_TYPE_LABELS, SEVERITIES, SEVERITY_LABELS, type ExceptionType } from '../../../src-shared/exceptions';
import type { Board, HalfLifeDay, OnTimeRow } from '../../../src-shared/contract/board';
import { punctuation } from '../../i18n/punctuation';
import { SEVERITY_HEX } from '../exceptions/words';

const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / 3_600_000) * 10) / 10);

/** Stacked bars: age buckets across, one stack per severity. */
export function severityAgeOption(b: Board['exceptions'], lang: Lang): EChartsOption {
  return {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 36, right: 12, top: 32, bottom: 24 },
    xAxis: { type: 'category', data: AGE_BUCKETS.map((a) => a[lang]) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [...SEVERITIES].reverse().map((s) => ({
      name: SEVERITY_LABELS[s][lang], type: 'bar', stack: 'all', itemStyle: { color: SEVERITY_HEX[s] },
      data: AGE_BUCKETS.map((a) => b.bySeverityAge.find((x) => x.severity === s && x.bucket === a.key)?.n ?? 0),
    })),
  };
}

export function byTypeOption(b: Board['exceptions'], lang: Lang): EChartsOption {
  return {
    tooltip: { trigger: 'item' },
    series: [{
      type: 'pie', radius: ['40%', '70%'], label: { formatter: '{b}\n{c}' },
      data: b.byType.map((x) => ({ name: EXCEPTION_TYPE_LABELS[x.type][lang], value: x.open, type: x.type })),
    }],
  };
}

/** The type behind a pie slice (the chart shows words; the drill needs the code). */
export const typeOfSlice = (b: Board['exceptions'], index: number): ExceptionType | undefined => b.byType[index]?.type;

/** Half-life per day (hours), with the median to close beside it. */
export function halfLifeOption(days: HalfLifeDay[], lang: Lang, words: { halfLife: string; median: string; hours: string }): EChartsOption {
  return {
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null || v === undefined ? '—' : durationText(Number(v) * 60, lang)) },
    legend: { top: 0 },
    grid: { left: 40, right: 12, top: 32, bottom: 24 },
    xAxis: { type: 'category', data: days.map((d) => d.day.slice(5)) },
    yAxis: { type: 'value', name: words.hours },
    series: [
      { name: words.halfLife, type: 'line', connectNulls: false, data: days.map((d) => hours(d.halfLifeMs)), itemStyle: { color: '#1677ff' } },
      { name: words.median, type: 'line', lineStyle: { type: 'dashed' }, data: days.map((d) => hours(d.medianCloseMs)), itemStyle: { color: '#52c41a' } },
    ],
  };
}

/** On-time rate per key (day, shop or warehouse) as bars of %, with the counts in the tooltip. */
export function onTimeOption(rows: OnTimeRow[], lang: Lang, words: { rate: string }, line: boolean): EChartsOption {
  return {
    tooltip: { trigger: 'axis', formatter: (ps: unknown) => {
      const p = (ps as { dataIndex: number }[])[0];
      const r = p ? rows[p.dataIndex] : undefined;
      return r ? `${r.label ?? r.key}<br/>${words.rate} ${r.rate === null ? '—' : `${(r.rate * 100).toFixed(1)}%`}${punctuation(lang).paren(`${r.onTime}/${r.due}`)}` : '';
    } },
    grid: { left: 40, right: 12, top: 16, bottom: 40 },
    xAxis: { type: 'category', data: rows.map((r) => r.label ?? r.key.slice(5)), axisLabel: { rotate: rows.length > 12 ? 45 : 0 } },
    yAxis: { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
    series: [{ type: line ? 'line' : 'bar', data: rows.map((r) => (r.rate === null ? null : Math.round(r.rate * 1000) / 10)), itemStyle: { color: '#13c2c2' } }],
  };
}
