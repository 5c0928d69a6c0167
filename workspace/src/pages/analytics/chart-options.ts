import type { MoneySlice, ReviewerLoad, RuleFigure, StatusMonth } from '../../../../server/contract/analytics.ts';
import { formatInteger, formatRubles } from '../../format.ts';
import { formatRublesShort, monthShort } from './analytics-format.ts';
import type { ChartOption } from './echart.tsx';

export const COLORS = {
  declared: '#9db7d5',
  agreed: '#1f5fa8',
  rejected: '#c0392b',
  pending: '#e0a100',
  onTime: '#2e8b57',
  open: '#6f9fd8',
  overdue: '#e67e22',
};

const STATUS_COLORS: Record<string, string> = {
  Новый: '#b0bccb',
  'В работе': '#6f9fd8',
  Согласован: '#1f5fa8',
  'Не согласован': '#c0392b',
  Отменен: '#7f8c8d',
  'Отказано в регистрации': '#e67e22',
};
const STATUS_ORDER = Object.keys(STATUS_COLORS);

const money = (v: unknown): string => (typeof v === 'number' ? formatRubles(v) : '—');
const count = (v: unknown): string => (typeof v === 'number' ? formatInteger(v) : '—');
const axisText = { fontSize: 11, color: '#55606e' };
const splitLine = { lineStyle: { color: '#eef0f3' } };
const legend = { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 12 } };

/** Declared, agreed and rejected money per month or year, side by side. */
export function moneyOverTime(slices: MoneySlice[], unit: 'month' | 'year'): ChartOption {
  return {
    animation: false,
    legend,
    grid: { left: 8, right: 12, top: 30, bottom: 4, containLabel: true },
    tooltip: { trigger: 'axis', valueFormatter: money },
    xAxis: { type: 'category', data: slices.map((s) => (unit === 'month' ? monthShort(s.key) : s.key)), axisLabel: axisText },
    yAxis: { type: 'value', axisLabel: { ...axisText, formatter: formatRublesShort }, splitLine },
    series: [
      { type: 'bar', name: 'Заявлено', data: slices.map((s) => s.declared), itemStyle: { color: COLORS.declared }, barMaxWidth: 22 },
      { type: 'bar', name: 'Согласовано', data: slices.map((s) => s.agreed), itemStyle: { color: COLORS.agreed }, barMaxWidth: 22 },
      { type: 'bar', name: 'Не согласовано', data: slices.map((s) => s.rejected), itemStyle: { color: COLORS.rejected }, barMaxWidth: 22 },
    ],
  };
}

/**
 * Money of named slices (РСО, districts, settlements, services) as horizontal bars, largest on top, each bar
 * split into agreed, rejected and pending, so its whole length is what was declared.
 */
export function moneyBars(slices: MoneySlice[], labelOf: (s: MoneySlice) => string): ChartOption {
  const rows = [...slices].reverse();
  const stack = (name: string, key: 'agreed' | 'rejected' | 'pending', color: string) => ({
    type: 'bar', name, stack: 'm', data: rows.map((s) => s[key]), itemStyle: { color }, barMaxWidth: 18,
  });
  return {
    animation: false,
    legend,
    grid: { left: 8, right: 16, top: 30, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const list = params as { dataIndex: number; seriesName: string; value: number; marker: string }[];
        const s = rows[list[0]?.dataIndex ?? 0];
        if (!s) return '';
        return [`<b>${escapeHtml(labelOf(s))}</b>`, `Заявлено: ${formatRubles(s.declared)}`, ...list.map((p) => `${p.marker}${p.seriesName}: ${formatRubles(p.value)}`), `Реестров: ${formatInteger(s.registries)}, строк: ${formatInteger(s.rows)}`].join('<br>');
      },
    },
    xAxis: { type: 'value', axisLabel: { ...axisText, formatter: formatRublesShort }, splitLine },
    yAxis: { type: 'category', data: rows.map(labelOf), axisLabel: { ...axisText, width: 170, overflow: 'truncate' } },
    series: [stack('Согласовано', 'agreed', COLORS.agreed), stack('Не согласовано', 'rejected', COLORS.rejected), stack('Требует решения', 'pending', COLORS.pending)],
  };
}

/** What each check kept from being paid: declared subsidy of rejected rows that failed it. */
export function rulesChart(rules: RuleFigure[]): ChartOption {
  const rows = rules.filter((r) => r.rejectedRows > 0).reverse();
  return {
    animation: false,
    grid: { left: 8, right: 16, top: 8, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: unknown) => {
        const r = rows[(params as { dataIndex: number }[])[0]?.dataIndex ?? 0];
        if (!r) return '';
        return [`<b>${escapeHtml(r.title)}</b>`, `Не согласовано: ${formatRubles(r.rejectedSum)}`, `Отклонённых строк: ${formatInteger(r.rejectedRows)}`, `Строк с ошибкой всего: ${formatInteger(r.failedRows)}`].join('<br>');
      },
    },
    xAxis: { type: 'value', axisLabel: { ...axisText, formatter: formatRublesShort }, splitLine },
    yAxis: { type: 'category', data: rows.map((r) => r.title), axisLabel: { ...axisText, width: 210, overflow: 'truncate' } },
    series: [{ type: 'bar', name: 'Не согласовано', data: rows.map((r) => r.rejectedSum), itemStyle: { color: COLORS.rejected }, barMaxWidth: 18 }],
  };
}

export const DEADLINE_SERIES = [
  { key: 'onTime', outcome: 'on-time', name: 'В срок', color: COLORS.onTime },
  { key: 'late', outcome: 'late', name: 'С опозданием', color: COLORS.rejected },
  { key: 'open', outcome: 'open', name: 'В работе', color: COLORS.open },
  { key: 'overdue', outcome: 'overdue', name: 'Просрочено', color: COLORS.overdue },
] as const;

/** Registries per reviewer by how they met the check deadline. */
export function workloadChart(load: ReviewerLoad[]): ChartOption {
  const rows = [...load].reverse();
  return {
    animation: false,
    legend,
    grid: { left: 8, right: 16, top: 30, bottom: 4, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: count },
    xAxis: { type: 'value', minInterval: 1, axisLabel: axisText, splitLine },
    yAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { ...axisText, width: 170, overflow: 'truncate' } },
    series: DEADLINE_SERIES.map((s) => ({ type: 'bar', name: s.name, stack: 'd', data: rows.map((r) => r[s.key]), itemStyle: { color: s.color }, barMaxWidth: 18 })),
  };
}

/** Statuses in the workflow's order, those present only. */
export const statusesOf = (months: StatusMonth[]): string[] => {
  const present = new Set(months.flatMap((m) => Object.keys(m.counts)));
  return [...STATUS_ORDER.filter((s) => present.has(s)), ...[...present].filter((s) => !STATUS_ORDER.includes(s))];
};

/** Registries of each status per month, stacked. */
export function statusChart(months: StatusMonth[]): ChartOption {
  const statuses = statusesOf(months);
  return {
    animation: false,
    legend,
    grid: { left: 8, right: 12, top: 30, bottom: 4, containLabel: true },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: count },
    xAxis: { type: 'category', data: months.map((m) => monthShort(m.period)), axisLabel: axisText },
    yAxis: { type: 'value', minInterval: 1, axisLabel: axisText, splitLine },
    series: statuses.map((s) => ({ type: 'bar', name: s, stack: 's', data: months.map((m) => m.counts[s] ?? 0), itemStyle: { color: STATUS_COLORS[s] ?? '#999' }, barMaxWidth: 26 })),
  };
}

function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}
