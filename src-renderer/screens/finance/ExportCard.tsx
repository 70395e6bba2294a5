import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery } from '@tanstack/react-query';
import { Alert, App, Button, Card, DatePicker, Form, Radio, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FinanceBasis } from '../../../src-shared/contract/finance';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { downloadBase64 } from '../orders/download';

interface Values {
  month: Dayjs;
  basis: FinanceBasis;
  format: 'csv' | 'xlsx';
  encoding: 'utf8bom' | 'gb18030';
}

export function ExportCard() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const format = Form.useWatch('format', form);
  const [jobId, setJobId] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: (v: Values) => {
      const id = crypto.randomUUID();
      setJobId(id);
      return client.call('exports.finance', { month: v.month.format('YYYY-MM'), basis: v.basis, format: v.format, encoding: v.encoding, jobId: id });
    },
    onSettled: () => setJobId(null),
    onSuccess: (r) => {
      downloadBase64(r.fileName, r.contentBase64);
      void message.success(t('finance.export.done', { file: r.fileName, orders: r.orderCount, lines: r.lineCount }));
    },
  });

  return (
    <Card title={t('finance.export.card')}>
      <Typography.Paragraph type="secondary">{t('finance.export.intro')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{ month: dayjs().subtract(1, 'month'), basis: 'paid', format: 'xlsx', encoding: 'utf8bom' }}
        onFinish={(v) => run.mutate(v)}
      >
        <Space size="large" wrap align="start">
          <Form.Item name="month" label={t('finance.export.month')} rules={[{ required: true }]}>
            <DatePicker picker="month" allowClear={false} data-testid="finance-month" />
          </Form.Item>
          <Form.Item name="basis" label={t('finance.export.basis')}>
            <Radio.Group optionType="button" options={[{ value: 'paid', label: t('finance.export.paid') }, { value: 'completed', label: t('finance.export.completed') }]} />
          </Form.Item>
        </Space>
        <Space size="large" wrap align="start">
          <Form.Item name="format" label={t('finance.export.format')}>
            <Radio.Group
              data-testid="finance-format"
              options={[{ value: 'xlsx', label: t('finance.export.xlsx') }, { value: 'csv', label: t('finance.export.csv') }]}
            />
          </Form.Item>
          {format === 'csv' && (
            <Form.Item name="encoding" label={t('finance.export.encoding')}>
              <Select style={{ width: 300 }} options={[{ value: 'utf8bom', label: t('finance.export.utf8bom') }, { value: 'gb18030', label: t('finance.export.gb18030') }]} />
            </Form.Item>
          )}
        </Space>
        <Form.Item style={{ marginBottom: 0 }}>
          <Space>
            <Button type="primary" htmlType="submit" icon={<DownloadOutlined />} loading={run.isPending} data-testid="finance-export">
              {t('finance.export.button')}
            </Button>
            {run.isPending && <ExportCounts jobId={jobId} />}
          </Space>
        </Form.Item>
      </Form>
      {run.isError && <Alert style={{ marginTop: 12 }} type="error" showIcon title={errorText(run.error)} />}
      {run.data && (
        <Alert
          style={{ marginTop: 12 }}
          type="success"
          showIcon
          data-testid="finance-export-result"
          title={t('finance.export.done', { file: run.data.fileName, orders: run.data.orderCount, lines: run.data.lineCount })}
          description={<Typography.Text type="secondary" style={{ fontSize: 12 }}>{t('finance.export.hash', { hash: run.data.sha256 })}</Typography.Text>}
        />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0, fontSize: 12 }}>{t('finance.export.net')}</Typography.Paragraph>
    </Card>
  );
}

/** While the file is written: rows so far of the file's total, and a way to stop (nothing is saved then). */
function ExportCounts({ jobId }: { jobId: string | null }) {
  const { t } = useTranslation();
  // Asked again when a jobs.progress event says the export moved on (useLiveUpdates).
  const counts = useQuery({ queryKey: ['jobs.progress', jobId], queryFn: () => client.call('jobs.progress', { id: jobId! }), enabled: !!jobId });
  const c = counts.data;
  return (
    <Space data-testid="finance-export-progress">
      <Typography.Text>{c?.total ? t('finance.export.counting', { done: c.done, total: c.total }) : t('finance.export.starting')}</Typography.Text>
      <Button size="small" disabled={!jobId || c?.cancelled} onClick={() => void client.call('jobs.cancel', { id: jobId! })} data-testid="finance-export-cancel">
        {t('finance.export.cancel')}
      </Button>
    </Space>
  );
}
