import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'preact/hooks';
import type { VolumePoint } from '../../../../server/contract/registries.ts';

echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

const MONTHS = ['янв', 'фев', 'мар', 'апр', 'май', 'июн', 'июл', 'авг', 'сен', 'окт', 'ноя', 'дек'];
const label = (period: string): string => `${MONTHS[Number(period.slice(5, 7)) - 1] ?? ''} ${period.slice(2, 4)}`;
const number = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 4 });

interface Props {
  /** The 12 months before the period and the period itself (last). */
  volumes: VolumePoint[];
  unit: string;
}

/**
 * The house's monthly volume: the months before the period as bars, the period itself highlighted, and the
 * average of the earlier months with data as a line (what check 9 compares with). Display only: the numbers
 * that decide are the check's.
 */
export function VolumeChart({ volumes, unit }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!host.current) return;
    chart.current = echarts.init(host.current, undefined, { renderer: 'canvas' });
    const resize = new ResizeObserver(() => chart.current?.resize());
    resize.observe(host.current);
    return () => {
      resize.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const values = volumes.map((p) => (p.volume === '' ? null : Number(p.volume)));
    const earlier = values.slice(0, -1).filter((v): v is number => v !== null);
    const avg = earlier.length > 0 ? earlier.reduce((a, b) => a + b, 0) / earlier.length : null;
    const last = values.length - 1;
    chart.current?.setOption(
      {
        animation: false,
        grid: { left: 44, right: 10, top: 14, bottom: 24 },
        tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => (typeof v === 'number' ? `${number.format(v)} ${unit}` : '—') },
        xAxis: { type: 'category', data: volumes.map((p) => label(p.period)), axisLabel: { fontSize: 10, interval: 1 } },
        yAxis: { type: 'value', axisLabel: { fontSize: 10 }, splitLine: { lineStyle: { color: '#eef0f3' } } },
        series: [
          {
            type: 'bar',
            name: 'Объем',
            data: values.map((v, k) => ({ value: v, itemStyle: { color: k === last ? '#1f5fa8' : '#9db7d5' } })),
            barMaxWidth: 18,
            markLine:
              avg === null
                ? undefined
                : { symbol: 'none', silent: true, label: { formatter: `среднее ${number.format(avg)}`, fontSize: 10, position: 'insideEndTop' }, lineStyle: { color: '#c0392b', type: 'dashed' }, data: [{ yAxis: avg }] },
          },
        ],
      },
      true,
    );
  }, [volumes, unit]);

  return <div class="review-chart" ref={host} role="img" aria-label={`Объем потребления по дому за 13 месяцев, ${unit}`} />;
}
