import { periodKeyTitle } from '../../../../formulas/registry/period.ts';
import { useEffect, useMemo, useState } from 'preact/hooks';
import type { SessionUser } from '../../../../server/contract/auth.ts';
import type { Dashboard, FilterOptions, Money, MoneySlice } from '../../../../server/contract/analytics.ts';
import { api, messageOf, unwrap } from '../../api.ts';
import { oneAtATime } from './one-at-a-time.ts';
import { formatInteger, formatRubles } from '../../format.ts';
import { filterFromSearch, filterQuery, searchOf, type Drill, type Filter } from './analytics-filter.ts';
import { DEADLINE_SERIES, moneyBars, moneyOverTime, rulesChart, statusChart, statusesOf, workloadChart } from './chart-options.ts';
import { DrillPanel } from './drill-panel.tsx';
import { ChartCard, type ChartClick } from './echart.tsx';
import { FilterBar } from './filter-bar.tsx';
import { SliceTable } from './slice-table.tsx';
import { WorkbookTiles } from './workbook-tiles.tsx';
import './analytics.css';
import { ErrorLine } from '../../error-line.tsx';

const OTHERS = '*';

/** The filter narrowed to one month, or to a year within the filter's own range. */
function narrowToPeriod(f: Filter, first: string, last: string): Filter {
  return { ...f, from: f.from && f.from > first ? f.from : first, to: f.to && f.to < last ? f.to : last };
}

function Totals({ totals }: { totals: Money | null }) {
  const item = (label: string, value: string, cls = '') => (
    <div class={`analytics-totals__item ${cls}`}>
      <dt>{label}</dt>
      <dd>{totals ? value : '…'}</dd>
    </div>
  );
  return (
    <dl class="analytics-totals" aria-label="Итоги по фильтрам">
      {item('Заявлено', formatRubles(totals?.declared ?? 0))}
      {item('Согласовано', formatRubles(totals?.agreed ?? 0), 'analytics-totals__item--agreed')}
      {item('Не согласовано', formatRubles(totals?.rejected ?? 0), 'analytics-totals__item--rejected')}
      {item('Требует решения', formatRubles(totals?.pending ?? 0))}
      {item('Реестров', formatInteger(totals?.registries ?? 0))}
    </dl>
  );
}

/**
 * Аналитика: the region's subsidy money by period, РСО, district, settlement, service and check, the reviewers'
 * deadlines and the registries' statuses; a click on a bar lists the registries behind it; the detailed table below.
 */
/** A horizontal bar chart tall enough for its bars' labels: 22 px a bar, the legend and the axis. */
const barsHeight = (bars: number): number => Math.max(260, 70 + 22 * bars);

export function AnalyticsPage(_: { user: SessionUser }) {
  const [filter, setFilter] = useState<Filter>(() => filterFromSearch(location.search));
  const [options, setOptions] = useState<FilterOptions | null>(null);
  const [data, setData] = useState<Dashboard | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [unit, setUnit] = useState<'month' | 'year'>('month');
  const [drill, setDrill] = useState<Drill | null>(null);

  useEffect(() => {
    let live = true;
    oneAtATime(() => unwrap(api.analytics.options.$get())).then(
      (o) => live && setOptions(o),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    history.replaceState(null, '', `/analytics${searchOf(filter)}`);
    let live = true;
    setDrill(null);
    oneAtATime(() => unwrap(api.analytics.dashboard.$get({ query: filterQuery(filter) }))).then(
      (d) => live && (setData(d), setError(null)),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [filter]);

  const rsoName = (inn: string): string => options?.rsos.find((r) => r.inn === inn)?.name ?? inn;
  const open = (title: string, narrowed: Filter, target: Drill['target'] = {}) => setDrill({ title, filter: narrowed, target });

  const charts = useMemo(() => {
    if (!data) return null;
    const time = unit === 'month' ? data.byMonth : data.byYear;
    return {
      time: moneyOverTime(time, unit),
      rso: moneyBars(data.byRso, (s) => s.label),
      district: moneyBars(data.byDistrict, (s) => s.label || 'Район не указан'),
      settlement: moneyBars(data.bySettlement, (s) => (s.key === OTHERS ? s.label : s.label || 'Дом не найден в реестре')),
      service: moneyBars(data.byService, (s) => s.label),
      rules: rulesChart(data.byRule),
      workload: workloadChart(data.workload),
      status: statusChart(data.statusByMonth),
    };
  }, [data, unit]);

  /** The slice of a horizontal bar chart (drawn bottom-up) that was clicked. */
  const sliceAt = (slices: MoneySlice[], c: ChartClick): MoneySlice | undefined => slices[slices.length - 1 - c.dataIndex];

  const onTime = (c: ChartClick) => {
    const s = (unit === 'month' ? data?.byMonth : data?.byYear)?.[c.dataIndex];
    if (!s) return;
    if (unit === 'month') open(`Реестры за ${periodKeyTitle(s.key)}`, { ...filter, from: s.key, to: s.key });
    else open(`Реестры за ${s.key} год`, narrowToPeriod(filter, `${s.key}-01`, `${s.key}-12`));
  };
  const onSlice = (slices: MoneySlice[] | undefined, c: ChartClick, apply: (s: MoneySlice) => Drill | null) => {
    const s = slices && sliceAt(slices, c);
    if (!s || s.key === OTHERS) return;
    const d = apply(s);
    if (d) setDrill(d);
  };

  const hasData = (data?.totals.rows ?? 0) > 0;

  return (
    <section class="page page--analytics" aria-labelledby="page-title">
      <header class="page__header">
        <h1 id="page-title">Аналитика</h1>
        <Totals totals={data?.totals ?? null} />
      </header>
      <FilterBar filter={filter} options={options} onChange={setFilter} />
      {error && <ErrorLine>{error}</ErrorLine>}
      {options && options.firstPeriod === null && <p class="message message--info">Реестров ещё нет: аналитика появится после регистрации первых реестров.</p>}
      {drill && <DrillPanel drill={drill} onClose={() => setDrill(null)} />}
      <div class="analytics-grid">
        <div class="analytics-grid__wide">
          <ChartCard
            title={unit === 'month' ? 'Заявлено и согласовано по месяцам' : 'Заявлено и согласовано по годам'}
            option={charts?.time ?? null}
            empty={data !== null && !hasData}
            onClick={onTime}
            hint="Щёлкните столбец или полосу любой диаграммы, чтобы увидеть реестры за ней"
            tools={
              <div class="analytics-unit" role="group" aria-label="Шаг времени">
                <button type="button" class="button button--small" aria-pressed={unit === 'month'} onClick={() => setUnit('month')}>
                  Месяцы
                </button>
                <button type="button" class="button button--small" aria-pressed={unit === 'year'} onClick={() => setUnit('year')}>
                  Годы
                </button>
              </div>
            }
          />
        </div>
        <ChartCard
          title="По РСО"
          hint={`Крупнейшие ${formatInteger(10)} и прочие; страница РСО — из списка реестров под диаграммой или из таблицы`}
          height={barsHeight(Math.min(11, data?.byRso.length ?? 0))}
          option={charts?.rso ?? null}
          empty={data !== null && !hasData}
          onClick={(c) => onSlice(data?.byRso, c, (s) => ({ title: `Реестры РСО ${rsoName(s.key)}`, filter: { ...filter, rso: s.key }, target: {} }))}
        />
        <ChartCard
          title="По муниципальным районам"
          // one bar per district, 22 px each: the names never overlap
          height={barsHeight(data?.byDistrict.length ?? 0)}
          option={charts?.district ?? null}
          empty={data !== null && !hasData}
          onClick={(c) => onSlice(data?.byDistrict, c, (s) => ({ title: `Реестры: ${s.key || 'район не указан'}`, filter: { ...filter, district: s.key }, target: {} }))}
        />
        <ChartCard
          title="По населённым пунктам"
          hint="Крупнейшие 15 и прочие; по адресу дома в реестре домов"
          height={barsHeight(Math.min(16, data?.bySettlement.length ?? 0))}
          option={charts?.settlement ?? null}
          empty={data !== null && !hasData}
          onClick={(c) =>
            onSlice(data?.bySettlement, c, (s) => ({ title: `Реестры с домами: ${s.key || 'дом не найден в реестре'} (${s.district || 'район не указан'})`, filter: { ...filter, district: s.district ?? '', settlement: s.key }, target: {} }))
          }
        />
        <ChartCard
          title="По услугам"
          option={charts?.service ?? null}
          empty={data !== null && !hasData}
          onClick={(c) => onSlice(data?.byService, c, (s) => ({ title: `Реестры по услуге ${s.key}`, filter: { ...filter, service: s.key }, target: {} }))}
        />
        <ChartCard
          title="Не согласовано по проверкам"
          hint="Заявленная субсидия отклонённых строк, не прошедших проверку: что проверка сберегла бюджету"
          option={charts?.rules ?? null}
          empty={data !== null && !data.byRule.some((r) => r.rejectedRows > 0)}
          onClick={(c) => {
            const rows = (data?.byRule ?? []).filter((r) => r.rejectedRows > 0);
            const r = rows[rows.length - 1 - c.dataIndex];
            if (r) open(`Реестры с отклонёнными строками: ${r.title}`, filter, { rule: r.rule });
          }}
        />
        <ChartCard
          title="Нагрузка проверяющих и сроки проверки"
          hint="Реестры по исполнителям: проверены в срок, с опозданием, в работе, просрочены"
          option={charts?.workload ?? null}
          empty={data !== null && data.workload.length === 0}
          onClick={(c) => {
            const load = data?.workload ?? [];
            const w = load[load.length - 1 - c.dataIndex];
            const s = DEADLINE_SERIES[c.seriesIndex];
            if (w && s) open(`${w.name}: ${s.name.toLowerCase()}`, filter, { executor: w.executorId, deadline: s.outcome });
          }}
        />
        <ChartCard
          title="Реестры по статусам"
          option={charts?.status ?? null}
          empty={data !== null && data.statusByMonth.length === 0}
          onClick={(c) => {
            const m = data?.statusByMonth[c.dataIndex];
            const status = data ? statusesOf(data.statusByMonth)[c.seriesIndex] : undefined;
            if (m && status) open(`${status}: ${periodKeyTitle(m.period)}`, { ...filter, from: m.period, to: m.period }, { status });
          }}
        />
      </div>
      <SliceTable filter={filter} />
      <WorkbookTiles />
    </section>
  );
}
