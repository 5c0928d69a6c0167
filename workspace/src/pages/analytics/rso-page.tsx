import { periodKeyTitle } from '../../../../formulas/registry/period.ts';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { SessionUser } from '../../../../server/contract/auth.ts';
import type { FilterOptions, RsoAnalytics } from '../../../../server/contract/analytics.ts';
import { api, messageOf, unwrap } from '../../api.ts';
import { oneAtATime } from './one-at-a-time.ts';
import { formatInteger, formatRubles } from '../../format.ts';
import { formatPercent, formatVolume, monthShort } from './analytics-format.ts';
import { filterFromSearch, filterQuery, searchOf, type Filter } from './analytics-filter.ts';
import { COLORS, moneyOverTime, statusChart } from './chart-options.ts';
import { goTo } from './drill-panel.tsx';
import { ChartCard, type ChartOption } from './echart.tsx';
import { FilterBar } from './filter-bar.tsx';
import './analytics.css';
import { ErrorLine } from '../../error-line.tsx';

const axisText = { fontSize: 11, color: '#55606e' };

function ruleRates(a: RsoAnalytics): ChartOption {
  const rows = [...a.rules].reverse();
  return {
    animation: false,
    grid: { left: 8, right: 40, top: 8, bottom: 4, containLabel: true },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (p: unknown) => {
        const r = rows[(p as { dataIndex: number }[])[0]?.dataIndex ?? 0];
        return r ? `<b>${r.title}</b><br>Строк с ошибкой: ${formatInteger(r.failedRows)} (${formatPercent(r.rate)})<br>Не согласовано: ${formatRubles(r.rejectedSum)}` : '';
      },
    },
    xAxis: { type: 'value', max: 1, axisLabel: { ...axisText, formatter: (v: number) => formatPercent(v) }, splitLine: { lineStyle: { color: '#eef0f3' } } },
    yAxis: { type: 'category', data: rows.map((r) => r.title), axisLabel: { ...axisText, width: 210, overflow: 'truncate' } },
    series: [{ type: 'bar', data: rows.map((r) => r.rate), itemStyle: { color: COLORS.rejected }, barMaxWidth: 16, label: { show: true, position: 'right', fontSize: 11, formatter: (p: { value: number }) => formatPercent(p.value) } }],
  };
}

function volumeTrend(a: RsoAnalytics): ChartOption {
  const periods = [...new Set(a.volumes.map((v) => v.period))].sort();
  const services = [...new Set(a.volumes.map((v) => v.service))];
  const unitOf = new Map(a.volumes.map((v) => [v.service, v.unit]));
  const number = new Intl.NumberFormat('ru-RU', { maximumFractionDigits: 2 });
  return {
    animation: false,
    legend: { top: 0, textStyle: { fontSize: 12 } },
    grid: { left: 8, right: 12, top: 30, bottom: 4, containLabel: true },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: periods.map(monthShort), axisLabel: axisText },
    // services have different units: each line on its own scale would mislead, so each gets its own axis share
    yAxis: { type: 'value', axisLabel: { ...axisText, formatter: (v: number) => number.format(v) }, splitLine: { lineStyle: { color: '#eef0f3' } } },
    series: services.map((s) => ({
      type: 'line',
      name: `${s}, ${unitOf.get(s) ?? ''}`,
      data: periods.map((p) => {
        const v = a.volumes.find((x) => x.period === p && x.service === s);
        return v ? Number(v.volume) : null;
      }),
      tooltip: { valueFormatter: (v: unknown) => (typeof v === 'number' ? `${formatVolume(String(v))} ${unitOf.get(s) ?? ''}` : '—') },
      symbolSize: 5,
    })),
  };
}

/** One РСО: its registries over time, its money, how often each check fails on its rows, its volumes. */
export function RsoPage({ inn }: { user: SessionUser; inn: string }) {
  const [filter, setFilter] = useState<Filter>(() => ({ ...filterFromSearch(location.search), rso: inn }));
  const [options, setOptions] = useState<FilterOptions | null>(null);
  const [data, setData] = useState<RsoAnalytics | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    oneAtATime(() => unwrap(api.analytics.options.$get())).then(setOptions, (e: unknown) => setError(messageOf(e)));
  }, []);

  useEffect(() => {
    const { rso: _rso, ...rest } = filter;
    history.replaceState(null, '', `/analytics/rso/${inn}${searchOf(rest)}`);
    let live = true;
    oneAtATime(() => unwrap(api.analytics.rso[':inn'].$get({ param: { inn }, query: filterQuery(rest) }))).then(
      (d) => live && (setData(d), setError(null)),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [filter, inn]);

  const charts = useMemo(() => {
    if (!data) return null;
    const months = data.months.map((m) => ({ ...m, key: m.period, label: periodKeyTitle(m.period) }));
    return {
      money: moneyOverTime(months, 'month'),
      status: statusChart(data.months.map((m) => ({ period: m.period, counts: m.byStatus }))),
      rules: ruleRates(data),
      volumes: volumeTrend(data),
    };
  }, [data]);

  const { rso: _r, ...back } = filter;
  return (
    <section class="page page--analytics" aria-labelledby="page-title">
      <header class="page__header">
        <div>
          <p class="analytics-back">
            <a href={`/analytics${searchOf(back)}`} onClick={goTo}>
              ← Аналитика
            </a>
          </p>
          <h1 id="page-title">{data?.name ?? 'РСО'}</h1>
          <p class="muted">ИНН {inn}</p>
        </div>
        {data && (
          <dl class="analytics-totals">
            <div class="analytics-totals__item">
              <dt>Заявлено</dt>
              <dd>{formatRubles(data.totals.declared)}</dd>
            </div>
            <div class="analytics-totals__item analytics-totals__item--agreed">
              <dt>Согласовано</dt>
              <dd>{formatRubles(data.totals.agreed)}</dd>
            </div>
            <div class="analytics-totals__item analytics-totals__item--rejected">
              <dt>Не согласовано</dt>
              <dd>{formatRubles(data.totals.rejected)}</dd>
            </div>
            <div class="analytics-totals__item">
              <dt>Реестров</dt>
              <dd>{formatInteger(data.registries.length)}</dd>
            </div>
          </dl>
        )}
      </header>
      <FilterBar filter={filter} options={options} onChange={(f) => setFilter({ ...f, rso: inn })} fixedRso />
      {error && <ErrorLine>{error}</ErrorLine>}
      <div class="analytics-grid">
        <ChartCard title="Суммы по месяцам" option={charts?.money ?? null} empty={data !== null && data.months.length === 0} />
        <ChartCard title="Реестры по статусам" option={charts?.status ?? null} empty={data !== null && data.months.length === 0} />
        <ChartCard title="Доля строк с ошибками по проверкам" option={charts?.rules ?? null} empty={data !== null && data.rules.length === 0} />
        <ChartCard title="Объемы потребления по услугам" option={charts?.volumes ?? null} empty={data !== null && data.volumes.length === 0} />
      </div>
      {data && (
        <section class="analytics-drill" aria-label="Реестры РСО">
          <h2>Реестры</h2>
          <div class="analytics-drill__scroll">
            <table class="analytics-table">
              <thead>
                <tr>
                  <th>Период</th>
                  <th>Услуга</th>
                  <th>Район</th>
                  <th>Статус</th>
                  <th>Исполнитель</th>
                  <th class="num">Строк</th>
                  <th class="num">Заявлено</th>
                  <th class="num">Согласовано</th>
                  <th class="num">Не согласовано</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {data.registries.map((r) => (
                  <tr key={r.id}>
                    <td>{periodKeyTitle(r.period)}</td>
                    <td>{r.service}</td>
                    <td>{r.district || '—'}</td>
                    <td>{r.status}</td>
                    <td>{r.executor ?? '—'}</td>
                    <td class="num">{formatInteger(r.rows)}</td>
                    <td class="num">{formatRubles(r.declared)}</td>
                    <td class="num">{formatRubles(r.agreed)}</td>
                    <td class="num">{formatRubles(r.rejected)}</td>
                    <td>
                      <a href={`/registries/${r.id}`} onClick={goTo}>
                        Реестр
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}
    </section>
  );
}
