/**
 * The orders screen of a demo workspace whose first orders are still being made: says they are
 * coming (with the count) instead of the empty workspace's checklist, which is for real workspaces.
 */
import { Card, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';

export function DemoFirstOrders({ done, total }: { done: number; total: number }) {
  const { t } = useTranslation();
  return (
    <Card data-testid="demo-first-orders" style={{ maxWidth: 640 }}>
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        <Spin size="small" style={{ marginRight: 12 }} />
        {t('start.demoFirst')}
      </Typography.Title>
      <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>{t('start.demoFirstCount', { done, total })}</Typography.Paragraph>
    </Card>
  );
}
