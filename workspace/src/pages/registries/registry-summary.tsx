import { periodTitle } from '../../../../formulas/registry/period.ts';
import { serviceDictionary } from '../../../../formulas/registry/services.ts';
import { serviceSpecs } from '../../../../templates/index.ts';
import { formatDate, formatInteger, formatRubles } from '../../format.ts';
import { CheckProgress } from './check-progress.tsx';
import type { Checked, OpenRegistry } from './use-registry-check.ts';

const services = serviceDictionary(serviceSpecs);

interface Props {
  registry: OpenRegistry;
  checked: Checked | null;
  /** Share done of the run in progress; null when none runs. */
  progress: number | null;
  /** Rows failing at least one check (not counting warnings). */
  rowsWithErrors: number | null;
}

/** The registry's header: who sent it, for what and when, how many rows, the declared and the computed sums. */
export function RegistrySummary({ registry, checked, progress, rowsWithErrors }: Props) {
  const { meta, rows } = registry;
  const run = checked?.run;
  const letter = [meta.letterNo ? `№${meta.letterNo}` : '', meta.letterDate ? `от ${formatDate(meta.letterDate)}` : ''].filter(Boolean).join(' ');
  const difference = run ? run.result.declaredSum - run.result.expectedSum : null;
  return (
    <section class="panel registry-summary" aria-labelledby="registry-summary-title">
      <div class="registry-summary__head">
        <h2 id="registry-summary-title" class="registry-summary__title">
          {meta.rsoName || 'РСО не названа'}
        </h2>
        <CheckProgress progress={progress} ms={run?.ms ?? null} />
      </div>
      <dl class="facts" aria-busy={progress !== null}>
        <Fact label="ИНН РСО" value={meta.rsoInn} />
        <Fact label="Услуга" value={`${services.title(meta.service)} (${meta.service})`} />
        <Fact label="Отчетный период" value={`${periodTitle(meta.period)} г.`} />
        {letter && <Fact label="Письмо РСО" value={letter} />}
        <Fact label="Строк" value={formatInteger(rows.count)} name="rows" />
        <Fact label="Заявленная сумма" value={run ? formatRubles(run.result.declaredSum) : '…'} name="declared" />
        <Fact label="Расчетная сумма" value={run ? formatRubles(run.result.expectedSum) : '…'} name="expected" />
        <Fact label="Расхождение" value={difference === null ? '…' : formatRubles(difference)} name="difference" tone={difference ? 'bad' : undefined} />
        <Fact label="Строк с ошибками" value={rowsWithErrors === null ? '…' : formatInteger(rowsWithErrors)} name="errors" tone={rowsWithErrors === null ? undefined : rowsWithErrors > 0 ? 'bad' : 'good'} />
      </dl>
    </section>
  );
}

function Fact({ label, value, name, tone }: { label: string; value: string; name?: string; tone?: 'good' | 'bad' | undefined }) {
  return (
    <div class={tone ? `facts__item facts__item--${tone}` : 'facts__item'} data-fact={name}>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
}
