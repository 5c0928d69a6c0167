/**
 * A sheet's chart: ECharts options built from its pivot (the first group field along the axis, the second as
 * series; pie: the first only). Plain data, no ECharts import: the workspace hands it to `echarts.setOption`.
 * Numbers in Russian («1 234,56»).
 */
import { add } from '../formula/exact.ts';
import type { Field } from './data.ts';
import { formatNumber, formatValue } from './format.ts';
import { keyText, type PivotResult } from './pivot.ts';
import type { ChartDef } from './types.ts';
import { AGGREGATE_TITLES } from './types.ts';

export interface ChartSeries {
  name: string;
  values: (number | null)[];
}

/** What the chart draws: categories along the axis, one series per value of the second group field (or one). */
export interface ChartData {
  categories: string[];
  series: ChartSeries[];
  valueTitle: string;
  money: boolean;
}

export function chartData(p: PivotResult, chart: ChartDef, valueFields: (name: string) => Field | null): ChartData {
  const vi = Math.min(Math.max(chart.value ?? 0, 0), Math.max(p.values.length - 1, 0));
  const v = p.values[vi];
  const money = v ? v.agg !== 'count' && valueFields(v.field)?.money === true : false;
  const valueTitle = v ? v.title || `${AGGREGATE_TITLES[v.agg]}: ${valueFields(v.field)?.title ?? v.field}` : '';
  const label = (k: number | string | boolean | null, f: Field | undefined): string => (k === null ? '(пусто)' : f ? formatValue(f, k) || keyText(k) : keyText(k));
  const categories: string[] = [];
  const catIndex = new Map<string, number>();
  const seriesIndex = new Map<string, ChartSeries>();
  const split = chart.type !== 'pie' && p.groupBy.length >= 2;
  for (const g of p.groups) {
    const c = label(g.keys[0] ?? null, p.groupBy[0]);
    if (!catIndex.has(c)) {
      catIndex.set(c, categories.length);
      categories.push(c);
    }
  }
  for (const g of p.groups) {
    const c = catIndex.get(label(g.keys[0] ?? null, p.groupBy[0])) as number;
    const name = split ? label(g.keys[1] ?? null, p.groupBy[1]) : valueTitle;
    let s = seriesIndex.get(name);
    if (!s) seriesIndex.set(name, (s = { name, values: categories.map(() => null) }));
    const x = g.values[vi] ?? null;
    // with a third group field, its groups add up inside one bar (sums and counts; the chart says what it draws)
    s.values[c] = x === null ? s.values[c] ?? null : add(s.values[c] ?? 0, x);
  }
  return { categories, series: [...seriesIndex.values()], valueTitle, money };
}

/** ECharts options of the chart, with Russian number formats. */
export function chartOption(d: ChartData, chart: ChartDef): Record<string, unknown> {
  const fmt = (x: unknown): string => (typeof x === 'number' ? formatNumber(x, d.money) : String(x ?? ''));
  const title = chart.title ? { text: chart.title, left: 'center', textStyle: { fontSize: 14 } } : undefined;
  if (chart.type === 'pie') {
    const s = d.series[0];
    return {
      title,
      tooltip: { trigger: 'item', valueFormatter: fmt },
      legend: { type: 'scroll', bottom: 0 },
      series: [{ type: 'pie', radius: '60%', data: d.categories.map((name, k) => ({ name, value: s?.values[k] ?? 0 })), label: { formatter: (p: { name: string; value: number }) => `${p.name}: ${fmt(p.value)}` } }],
    };
  }
  return {
    title,
    tooltip: { trigger: 'axis', valueFormatter: fmt },
    legend: { type: 'scroll', bottom: 0 },
    grid: { left: 90, right: 20, top: chart.title ? 56 : 36, bottom: 60 },
    xAxis: { type: 'category', data: d.categories, axisLabel: { interval: 0, rotate: d.categories.length > 6 ? 30 : 0 } },
    yAxis: { type: 'value', name: d.valueTitle, axisLabel: { formatter: fmt } },
    series: d.series.map((s) => ({
      name: s.name,
      type: chart.type === 'line' ? 'line' : 'bar',
      stack: chart.type === 'stacked' ? 'total' : undefined,
      data: s.values,
    })),
  };
}
