import type { RegistryCheckResult } from '../../../../formulas/checks/check-registry.ts';
import { fmtKopecks, fmtScaled4 } from '../../../../formulas/checks/format.ts';
import { rowChecks } from '../../../../formulas/checks/results.ts';
import type { CheckStatus } from '../../../../formulas/checks/types.ts';
import type { RegistryRows } from '../../../../formulas/registry/types.ts';
import { ruleNumber } from './registry-rows.ts';

const STATUS_TITLES: Record<CheckStatus, string> = { passed: 'Пройдена', failed: 'Не пройдена', skipped: 'Пропущена' };

const orDash = (text: string | undefined): string => (text ? text : '—');
const scaled = (v: number | undefined, min: number): string => (v === undefined || Number.isNaN(v) ? '—' : fmtScaled4(v, min));

interface Props {
  rows: RegistryRows;
  result: RegistryCheckResult;
  index: number;
  unit: string;
}

/** One row of the registry and what each check said about it, with the reason. */
export function RowCard({ rows, result, index: i, unit }: Props) {
  const checks = rowChecks(result, i);
  const expected = result.expected[i] ?? Number.NaN;
  return (
    <aside class="panel row-card" aria-labelledby="row-card-title">
      <p class="row-card__where">
        Строка {rows.fileRow[i]} файла{Number.isNaN(rows.n[i] ?? Number.NaN) ? '' : `, № п/п ${rows.n[i]}`}
      </p>
      <h2 id="row-card-title" class="row-card__address">
        {orDash(rows.address[i])}
      </h2>
      <p class="row-card__fias">
        Код дома по ФИАС: <span class="cell--code">{orDash(rows.fias[i])}</span>
      </p>
      <dl class="row-card__facts">
        <dt>Территория</dt>
        <dd>{orDash(rows.territory[i])}</dd>
        <dt>Дата ввода в эксплуатацию</dt>
        <dd>{orDash(rows.commissioned[i])}</dd>
        <dt>Признак дифференциации</dt>
        <dd>{orDash(rows.diffAttr[i])}</dd>
        <dt>Вид тарифа</dt>
        <dd>{orDash(rows.tariffKind[i])}</dd>
        <dt>ЭОТ / ЛТ, руб.</dt>
        <dd>
          {scaled(rows.eot[i], 2)} / {scaled(rows.lt[i], 2)}
        </dd>
        <dt>Объем в жилых / на ОДН, {unit}</dt>
        <dd>
          {scaled(rows.vLiving[i], 4)} / {scaled(rows.vOdn[i], 4)}
        </dd>
        <dt>Заявлено / расчет, руб.</dt>
        <dd>
          {scaled(rows.subsidy[i], 2)} / {Number.isNaN(expected) ? '—' : fmtKopecks(expected)}
        </dd>
      </dl>
      <h3 class="row-card__checks-title">Результаты авто-проверки</h3>
      <ul class="row-card__checks" aria-label="Результаты авто-проверки">
        {result.ruleIds.map((id, r) => {
          const c = checks[id];
          if (!c) return null;
          const warning = result.severities[r] === 'warning';
          return (
            <li key={id} class={`check check--${c.status}${warning ? ' check--warning' : ''}`} data-rule={ruleNumber(result, r)}>
              <span class="check__title">
                {ruleNumber(result, r)}. {result.ruleTitles[r]}
                {warning && <span class="tag">предупреждение</span>}
              </span>
              <strong class="check__status">{STATUS_TITLES[c.status]}</strong>
              {c.reason && <span class="check__reason">{c.reason}</span>}
            </li>
          );
        })}
      </ul>
    </aside>
  );
}
