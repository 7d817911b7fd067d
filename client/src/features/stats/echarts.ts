/**
 * ECharts, modular: the core and only the charts and components the statistics page draws, rendered as SVG
 * (crisp at any zoom and in print). Imported with import() from the chart component, so it is a chunk of
 * its own, fetched when a chart first mounts.
 */
import * as echarts from 'echarts/core';
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export { echarts };
