// The targets' charts with ECharts (only the parts used are registered, so the console stays small): a gauge per
// target, a bar per street against the target line, and the month-by-month trend.
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { BarChart, GaugeChart, LineChart } from 'echarts/charts';
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { t } from '../../i18n/index.ts';

echarts.use([BarChart, GaugeChart, LineChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, CanvasRenderer]);

export const STATUS_COLORS = { met: '#2e7d32', atRisk: '#c77700', notMet: '#c62828' } as const;
type Status = keyof typeof STATUS_COLORS;
const pct = (r: number | null) => (r === null ? null : Math.round(r * 1000) / 10);
const FONT = { fontFamily: 'inherit' };

export function Gauge({ ratio, status, label }: { ratio: number | null; status: Status; label: string }) {
  const value = pct(ratio) ?? 0;
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: 150 }}
      opts={{ renderer: 'canvas' }}
      option={{
        textStyle: FONT,
        series: [
          {
            type: 'gauge',
            min: 0,
            max: 100,
            startAngle: 200,
            endAngle: -20,
            radius: '95%',
            center: ['50%', '62%'],
            progress: { show: true, width: 12, itemStyle: { color: STATUS_COLORS[status] } },
            axisLine: { lineStyle: { width: 12, color: [[1, '#eef1f6']] } },
            pointer: { show: false },
            axisTick: { show: false },
            splitLine: { show: false },
            axisLabel: { show: false },
            title: { show: false },
            detail: {
              valueAnimation: false,
              offsetCenter: [0, '5%'],
              fontSize: 22,
              fontWeight: 600,
              formatter: ratio === null ? '—' : '{value}%',
              color: '#1f2937',
            },
            data: [{ value: Math.min(100, value), name: label }],
          },
        ],
      }}
    />
  );
}

/** One bar per street (its ratio in %), coloured by status, with the target line at 100 %. */
export function StreetBars({ rows }: { rows: { name: string; ratio: number | null; status: Status }[] }) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: 300 }}
      option={{
        textStyle: FONT,
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => (v === null ? '—' : `${v}%`) },
        grid: { left: 48, right: 24, top: 24, bottom: 56 },
        xAxis: {
          type: 'category',
          data: rows.map((r) => r.name.replace(/街道|镇$/, '')),
          axisLabel: { interval: 0, rotate: rows.length > 8 ? 30 : 0 },
        },
        yAxis: {
          type: 'value',
          axisLabel: { formatter: '{value}%' },
          max: (v: { max: number }) => Math.max(110, Math.ceil(v.max / 10) * 10),
        },
        series: [
          {
            type: 'bar',
            barMaxWidth: 36,
            data: rows.map((r) => ({ value: pct(r.ratio), itemStyle: { color: STATUS_COLORS[r.status] } })),
            markLine: {
              symbol: 'none',
              silent: true,
              lineStyle: { color: '#1f5fd1', type: 'dashed' },
              label: { formatter: t('targets.targetLine'), position: 'insideEndTop' },
              data: [{ yAxis: 100 }],
            },
          },
        ],
      }}
    />
  );
}

/** A month-end point of the trend (the server's `trend`): the shares of the figures that move through the year. */
export interface TrendPoint {
  month: number;
  T1: number | null;
  T3: number | null;
  T4: number | null;
  T5: number | null;
}
const TREND_SERIES = ['T1', 'T3', 'T4', 'T5'] as const;

/** The month-by-month shares (in %) of the figures that move through the year. */
export function TrendLines({ trend }: { trend: readonly TrendPoint[] }) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      style={{ height: 300 }}
      option={{
        textStyle: FONT,
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => (v === null ? '—' : `${v}%`) },
        legend: { bottom: 0 },
        grid: { left: 48, right: 24, top: 24, bottom: 48 },
        xAxis: { type: 'category', data: trend.map((p) => t('targets.month', { month: p.month })) },
        yAxis: { type: 'value', axisLabel: { formatter: '{value}%' } },
        series: TREND_SERIES.map((id) => ({
          type: 'line',
          name: t(`targets.trendSeries.${id}`),
          data: trend.map((p) => pct(p[id])),
          connectNulls: false,
          symbolSize: 6,
        })),
      }}
    />
  );
}
