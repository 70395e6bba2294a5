import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, Row, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ErpConnectionView, ErpRejectView } from '../../../src-shared/contract/erp';
import { describeErpReason } from '../../../src-shared/erp-reasons';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { count } from '../../components/numbers';

/** SKUs the ERP does not know, and rows kept aside with their reasons (the rest went through). */
export function ProblemsTab({ connection: c }: { connection: ErpConnectionView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const unknown = useQuery({ queryKey: ['erp.unknownSkus', c.id], queryFn: () => client.call('erp.unknownSkus', { connectionId: c.id }) });
  const rejects = useQuery({ queryKey: ['erp.rejects', c.id], queryFn: () => client.call('erp.rejects', { connectionId: c.id, limit: 500 }) });
  return (
    <Row gutter={12}>
      <Col span={9}>
        <Card size="small" title={t('erp.problems.unknown')} data-testid="erp-unknown-skus">
          {unknown.data && !unknown.data.erpItems ? (
            <Empty description={t('erp.problems.pullFirst')} />
          ) : (
            <Table
              size="small"
              rowKey="code"
              loading={unknown.isLoading}
              dataSource={unknown.data?.codes ?? []}
              pagination={{ pageSize: 10, showSizeChanger: false }}
              locale={{ emptyText: t('erp.problems.unknownEmpty') }}
              columns={[
                { title: t('erp.problems.code'), dataIndex: 'code', width: 130 },
                { title: t('erp.problems.title'), dataIndex: 'title', ellipsis: true },
                { title: t('erp.problems.openLines'), dataIndex: 'openLines', width: 80, align: 'right' as const, render: count },
              ]}
            />
          )}
        </Card>
      </Col>
      <Col span={15}>
        <Card size="small" title={t('erp.problems.rejects')} data-testid="erp-rejects">
          <Table<ErpRejectView>
            size="small"
            rowKey="id"
            loading={rejects.isLoading}
            dataSource={rejects.data ?? []}
            pagination={{ pageSize: 10, showSizeChanger: false }}
            locale={{ emptyText: t('erp.problems.rejectsEmpty') }}
            expandable={{ expandedRowRender: (r) => <Typography.Text code style={{ fontSize: 11, whiteSpace: 'pre-wrap' }}>{r.raw}</Typography.Text> }}
            columns={[
              { title: t('erp.problems.at'), width: 140, render: (_, r) => formatInZone(r.at) },
              { title: t('erp.problems.lane'), width: 80, render: (_, r) => t(`erp.lane.${r.lane}`) },
              { title: t('erp.problems.key'), dataIndex: 'rowLabel', width: 170, ellipsis: true },
              { title: t('erp.problems.reason'), render: (_, r) => describeErpReason(r.reason, lang) },
            ]}
          />
        </Card>
      </Col>
    </Row>
  );
}
