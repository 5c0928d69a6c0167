import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

// Only what the analytics charts draw: the rest of echarts stays out of the bundle.
echarts.use([BarChart, LineChart, PieChart, GridComponent, LegendComponent, TooltipComponent, CanvasRenderer]);

export type ChartOption = echarts.EChartsCoreOption;

/** What a click on a bar or a slice says: the series and the category (its index into the data). */
export interface ChartClick {
  seriesName: string;
  seriesIndex: number;
  dataIndex: number;
  name: string;
}

interface Props {
  /** Heading of the card; also the chart's accessible name and the PNG's file name. */
  title: string;
  option: ChartOption | null;
  onClick?: (click: ChartClick) => void;
  /** Shown instead of the chart when there is nothing to draw. */
  empty?: boolean;
  height?: number;
  hint?: string;
  /** controls beside the PNG button */
  tools?: ComponentChildren;
}

/** File name of a chart's PNG: «Аналитика — По РСО.png». */
const pngName = (title: string): string => `Аналитика — ${title.replace(/[\\/:*?"<>|]/g, ' ')}.png`;

/** One chart in a card, with its PNG export (echarts `getDataURL`, on white, at twice the screen's pixels). */
export function ChartCard({ title, option, onClick, empty = false, height = 260, hint, tools }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const clicked = useRef(onClick);
  clicked.current = onClick;

  useEffect(() => {
    if (!host.current) return;
    const c = echarts.init(host.current, undefined, { renderer: 'canvas' });
    chart.current = c;
    c.on('click', (p) => {
      const e = p as unknown as ChartClick;
      clicked.current?.({ seriesName: e.seriesName, seriesIndex: e.seriesIndex, dataIndex: e.dataIndex, name: e.name });
    });
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(host.current);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    if (option) chart.current?.setOption(option, true);
    else chart.current?.clear();
  }, [option]);

  function savePng() {
    const url = chart.current?.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' });
    if (!url) return;
    const a = document.createElement('a');
    a.href = url;
    a.download = pngName(title);
    a.click();
  }

  return (
    <section class="analytics-card" aria-label={title}>
      <header class="analytics-card__header">
        <h2>{title}</h2>
        {tools}
        <button type="button" class="button button--small" onClick={savePng} disabled={!option || empty} title="Сохранить диаграмму картинкой (PNG)">
          Картинка
        </button>
      </header>
      {hint && <p class="analytics-card__hint">{hint}</p>}
      <div class="analytics-card__chart" style={{ height: `${height}px` }} ref={host} role="img" aria-label={title} data-empty={empty ? 'true' : undefined} />
      {empty && <p class="analytics-card__empty">Нет данных для выбранных фильтров</p>}
    </section>
  );
}
