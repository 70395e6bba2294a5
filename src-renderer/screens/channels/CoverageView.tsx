import { useQuery } from '@tanstack/react-query';
import { Table, Tag, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CoverageDay } from '../../../src-shared/contract/channels';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { count } from '../../components/numbers';

const DAY = 86_400_000;
const hm = (ms: number) => formatInZone(ms).slice(11, 16);

/** Days × windows: each committed window a green cell, gaps red, with the platform's count where it gave one. */
export function CoverageView({ channelId, days = 7 }: { channelId: string; days?: number }) {
  const { t } = useTranslation();
  const to = Math.ceil(Date.now() / 60_000) * 60_000 + 60_000;
  const cov = useQuery({
    queryKey: ['channels.coverage', channelId, days],
    queryFn: () => client.call('channels.coverage', { id: channelId, from: to - days * DAY, to }),
  });
  return (
    <div data-testid="coverage-view">
      <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>{t('channels.coverage.legend')}</Typography.Paragraph>
      <Table<CoverageDay>
        rowKey="day"
        size="small"
        loading={cov.isLoading}
        pagination={false}
        dataSource={(cov.data?.days ?? []).filter((d) => d.windows.length || d.gaps.length)}
        locale={{ emptyText: t('channels.coverage.none') }}
        columns={[
          { title: t('channels.coverage.day'), dataIndex: 'day', width: 110 },
          {
            title: t('channels.coverage.covered'), dataIndex: 'covered', width: 80,
            render: (v: number, d) => <Tag color={d.gaps.length ? 'red' : v >= 0.999 ? 'green' : 'default'}>{Math.floor(v * 1000) / 10}%</Tag>,
          },
          { title: t('channels.coverage.ordersSeen'), dataIndex: 'ordersSeen', width: 110, render: count },
          {
            title: t('channels.coverage.windows'),
            render: (_, d) => (
              <div style={{ display: 'flex', flexWrap: 'wrap', gap: 2 }}>
                {d.windows.map((w) => (
                  <Tooltip
                    key={`${w.windowFrom}-${w.fetchedAt}`}
                    title={`${hm(w.windowFrom)}–${hm(w.windowTo)} · ${t(`channels.coverage.${w.status}`)} · ${w.ordersSeen}${w.platformTotal !== null ? ` / ${t('channels.coverage.platformTotal', { total: w.platformTotal })}` : ''}`}
                  >
                    <span
                      data-testid={`coverage-cell-${w.status}`}
                      style={{ width: 10, height: 14, display: 'inline-block', borderRadius: 2, background: w.status === 'gap' ? '#ff4d4f' : w.status === 'refetched' ? '#95de64' : '#52c41a' }}
                    />
                  </Tooltip>
                ))}
              </div>
            ),
          },
          {
            title: t('channels.coverage.gaps'), width: 220,
            render: (_, d) => d.gaps.length
              ? d.gaps.map((g) => (
                  <Tag color="red" key={`${g.from}`} data-testid="coverage-gap">
                    {hm(g.from)}–{hm(g.to)} {t(g.why === 'hole' ? 'channels.coverage.hole' : 'channels.coverage.countMismatch')}
                  </Tag>
                ))
              : t('channels.coverage.none'),
          },
        ]}
      />
    </div>
  );
}
