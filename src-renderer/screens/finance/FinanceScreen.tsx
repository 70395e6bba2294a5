import { Space } from 'antd';
import { ExportCard } from './ExportCard';
import { ScheduleCard } from './ScheduleCard';

/** Finance: the month's reconciliation file on demand, and the monthly file into a folder. */
export function FinanceScreen() {
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%', maxWidth: 920 }}>
      <ExportCard />
      <ScheduleCard />
    </Space>
  );
}
