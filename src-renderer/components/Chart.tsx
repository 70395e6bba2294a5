/**
 * ECharts through echarts-for-react, with only the chart kinds and components the board and the
 * metrics use (a smaller bundle than all of ECharts). A click hands the clicked item to `onPick`.
 */
import { BarChart, FunnelChart, LineChart, PieChart } from 'echarts/charts';
import { DataZoomComponent, GridComponent, LegendComponent, MarkLineComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import type { EChartsOption } from 'echarts';

echarts.use([BarChart, LineChart, PieChart, FunnelChart, GridComponent, TooltipComponent, LegendComponent, TitleComponent, MarkLineComponent, DataZoomComponent, CanvasRenderer]);

export interface ChartPick {
  name: string;
  seriesName?: string;
  dataIndex: number;
  seriesIndex?: number;
  data?: unknown;
}

export function Chart({ option, height = 240, onPick, testId }: { option: EChartsOption; height?: number; onPick?: (p: ChartPick) => void; testId?: string }) {
  return (
    <div data-testid={testId} style={{ cursor: onPick ? 'pointer' : undefined }}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        notMerge
        style={{ height, width: '100%' }}
        onEvents={onPick ? { click: (p: ChartPick) => onPick(p) } : {}}
        opts={{ renderer: 'canvas' }}
      />
    </div>
  );
}
