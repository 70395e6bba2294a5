import { describe, expect, it } from 'vitest';
import type { Board } from '../../../src-shared/contract/board';
import { exceptionsLink, listInput, parseFilter } from '../exceptions/filters';
import { readDrill, ordersLink } from '../orders/drill';
import { byTypeOption, severityAgeOption, typeOfSlice } from './charts';

const exceptions: Board['exceptions'] = {
  open: 7, snoozed: 1, bySeverity: { info: 0, warning: 4, critical: 3 },
  bySeverityAge: [{ severity: 'critical', bucket: 'lt2h', n: 2 }, { severity: 'critical', bucket: 'older', n: 1 }, { severity: 'warning', bucket: 'lt24h', n: 4 }],
  byType: [{ type: 'logistics', open: 5 }, { type: 'fulfilment', open: 2 }],
  owners: [],
};

describe('board charts and their drill-down links', () => {
  it('stacks open exceptions by severity across the age buckets, every count once', () => {
    const o = severityAgeOption(exceptions, 'zh') as { series: { name: string; data: number[] }[]; xAxis: { data: string[] } };
    expect(o.xAxis.data).toEqual(['2 小时内', '2–24 小时', '1–3 天', '3–7 天', '7 天以上']);
    expect(o.series.map((s) => [s.name, s.data])).toEqual([['严重', [2, 0, 0, 0, 1]], ['警告', [0, 4, 0, 0, 0]], ['提示', [0, 0, 0, 0, 0]]]);
  });

  it('a pie slice knows its type code; the type tab link carries it', () => {
    const o = byTypeOption(exceptions, 'zh') as { series: { data: { name: string; value: number }[] }[] };
    expect(o.series[0]!.data.map((d) => [d.name, d.value])).toEqual([['物流', 5], ['履约', 2]]);
    expect(typeOfSlice(exceptions, 1)).toBe('fulfilment');
    expect(exceptionsLink({ tab: 'fulfilment', severity: 'critical', overdueOnly: true })).toBe('/exceptions?tab=fulfilment&severity=critical&overdue=1');
  });

  it('the 异常 workspace filter survives the URL and becomes the list call', () => {
    const f = parseFilter('?tab=mine&state=all&severity=warning&from=100&to=200&shop=ch-1&detector=no_pickup&bogus=1');
    expect(f).toMatchObject({ tab: 'mine', state: 'all', severity: 'warning', openedFrom: 100, openedTo: 200, channelId: 'ch-1', detector: 'no_pickup', overdueOnly: false });
    expect(listInput(f, 0, 100)).toEqual({ state: 'all', mine: true, overdueOnly: false, offset: 0, limit: 100, severity: 'warning', detector: 'no_pickup', channelId: 'ch-1', openedFrom: 100, openedTo: 200 });
    expect(parseFilter('?tab=nonsense&state=weird')).toMatchObject({ tab: 'all', state: 'open' });
  });

  it('orders drill links keep only whitelisted columns and well-formed days', () => {
    const link = ordersLink({ sets: { status: ['to_ship'], channelId: ['ch-1'] }, dates: { paidAt: { from: '2026-11-01', to: '2026-11-02' } }, sort: { colId: 'slaDueAt', sort: 'asc' } });
    expect(readDrill(link.slice(link.indexOf('?')))).toEqual({ sets: { status: ['to_ship'], channelId: ['ch-1'] }, dates: { paidAt: { from: '2026-11-01', to: '2026-11-02' } }, sort: { colId: 'slaDueAt', sort: 'asc' } });
    const evil = `?drill=${encodeURIComponent(JSON.stringify({ sets: { 'x; DROP TABLE orders': ['1'] }, dates: { paidAt: { from: 'yesterday', to: '2026-01-01' } }, sort: { colId: 'nope', sort: 'asc' } }))}`;
    expect(readDrill(evil)).toEqual({ sets: {}, dates: {} });
    expect(readDrill('?drill=%7Bnot json')).toBeNull();
  });
});
