import { periodKeyTitle } from '../../../../formulas/registry/period.ts';
import { useEffect, useRef, useState } from 'preact/hooks';
import type { TargetedMouseEvent } from 'preact';
import type { DrillResult } from '../../../../server/contract/analytics.ts';
import { api, messageOf, unwrap } from '../../api.ts';
import { oneAtATime } from './one-at-a-time.ts';
import { formatInteger, formatRubles } from '../../format.ts';
import { navigate } from '../../router.ts';
import { drillQuery, registriesListHref, type Drill } from './analytics-filter.ts';
import { ErrorLine } from '../../error-line.tsx';

/** Rows the panel draws; the totals above always cover every registry behind the figure. */
const SHOWN = 200;

/** In-app link that keeps its query string (the registries list reads its filters from it). */
export function goTo(e: TargetedMouseEvent<HTMLAnchorElement>): void {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate(`${e.currentTarget.pathname}${e.currentTarget.search}`);
}

/** The registries behind a clicked figure, each with its part of it, and links to the list and to each registry. */
export function DrillPanel({ drill, onClose }: { drill: Drill; onClose: () => void }) {
  const [result, setResult] = useState<DrillResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const panel = useRef<HTMLElement>(null);

  // the click was somewhere down the page; the answer appears above the charts
  useEffect(() => panel.current?.scrollIntoView({ block: 'start' }), [drill]);

  useEffect(() => {
    let live = true;
    setResult(null);
    setError(null);
    oneAtATime(() => unwrap(api.analytics.registries.$get({ query: drillQuery(drill) }))).then(
      (r) => live && setResult(r),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [drill]);

  const listHref = registriesListHref(drill);
  const rule = drill.target.rule !== undefined;
  const shown = result?.registries.slice(0, SHOWN) ?? [];

  return (
    <section class="analytics-drill" aria-label="Реестры за выбранной цифрой" ref={panel}>
      <header class="analytics-drill__header">
        <h2>{drill.title}</h2>
        <div class="analytics-drill__links">
          {drill.filter.rso && (
            <a href={`/analytics/rso/${drill.filter.rso}`} onClick={goTo}>
              Аналитика по РСО
            </a>
          )}
          {listHref && (
            <a href={listHref} onClick={goTo}>
              Открыть в списке реестров
            </a>
          )}
          <button type="button" class="button button--small" onClick={onClose}>
            Закрыть
          </button>
        </div>
      </header>
      {error && <ErrorLine>{error}</ErrorLine>}
      {!result && !error && <p class="muted">Загрузка…</p>}
      {result && (
        <>
          <p class="analytics-drill__totals" aria-live="polite">
            Реестров: {formatInteger(result.totals.registries)} · заявлено {formatRubles(result.totals.declared)} · согласовано {formatRubles(result.totals.agreed)} · не согласовано{' '}
            {formatRubles(result.totals.rejected)}
            {result.registries.length > SHOWN && ` · показаны первые ${formatInteger(SHOWN)}`}
          </p>
          <div class="analytics-drill__scroll">
            <table class="analytics-table">
              <thead>
                <tr>
                  <th>Период</th>
                  <th>РСО</th>
                  <th>Услуга</th>
                  <th>Район</th>
                  <th>Статус</th>
                  <th>Исполнитель</th>
                  <th class="num">Заявлено</th>
                  <th class="num">Согласовано</th>
                  <th class="num">Не согласовано</th>
                  {rule && <th class="num">Отклонено по проверке</th>}
                  <th />
                </tr>
              </thead>
              <tbody>
                {shown.map((r) => (
                  <tr key={r.id}>
                    <td>{periodKeyTitle(r.period)}</td>
                    <td class="analytics-table__name">
                      <a href={`/analytics/rso/${r.rsoInn}`} onClick={goTo} title="Аналитика по РСО">
                        {r.rsoName}
                      </a>
                    </td>
                    <td>{r.service}</td>
                    <td>{r.district || '—'}</td>
                    <td>{r.status}</td>
                    <td class="analytics-table__name">{r.executor ?? '—'}</td>
                    <td class="num">{formatRubles(r.declared)}</td>
                    <td class="num">{formatRubles(r.agreed)}</td>
                    <td class="num">{formatRubles(r.rejected)}</td>
                    {rule && <td class="num">{formatRubles(r.ruleRejected ?? 0)}</td>}
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
        </>
      )}
    </section>
  );
}
