import { useEffect, useMemo, useState } from 'preact/hooks';
import { serviceDictionary } from '../../../../formulas/registry/services.ts';
import { serviceSpecs } from '../../../../templates/index.ts';
import { formatInteger } from '../../format.ts';
import { useDebounced } from '../../use-debounced.ts';
import { defaultParamsForm, readParams, type ParamsForm } from './check-params.ts';
import { FilePanel } from './file-panel.tsx';
import { ParamsFormPanel } from './params-form.tsx';
import { ReferenceNote } from './reference-note.tsx';
import { RegistryGrid } from './registry-grid.tsx';
import { gridRows, rowsWithErrors, ruleSummaries } from './registry-rows.ts';
import { RegistrySummary } from './registry-summary.tsx';
import { RowCard } from './row-card.tsx';
import { RuleCounts } from './rule-counts.tsx';
import { useRegistryCheck } from './use-registry-check.ts';

const services = serviceDictionary(serviceSpecs);

/** Реестры: a registry file checked in the browser's worker, its rows and every check's verdict with the reason. */
export function RegistriesPage() {
  const [form, setForm] = useState<ParamsForm>(defaultParamsForm);
  const formRead = useMemo(() => readParams(form), [form]);
  // a re-check per keystroke would be wasted: the checks run once the typing stops
  const settled = useDebounced(form, 400);
  const params = useMemo(() => readParams(settled), [settled]);
  const check = useRegistryCheck(params);
  const [filter, setFilter] = useState<number | null>(null);
  const [selected, setSelected] = useState<number | null>(null);

  const registry = check.file.status === 'open' ? check.file.registry : null;
  const checked = registry && check.checked?.registryId === registry.id ? check.checked : null;
  const result = checked?.run.result ?? null;
  const rows = useMemo(() => (registry && result ? gridRows(registry.rows, result) : []), [registry, result]);
  const rules = useMemo(() => (registry && result ? ruleSummaries(result, registry.rows.count) : []), [registry, result]);
  const unit = registry ? services.unit(registry.meta.service) : '';
  const filtered = filter === null ? null : rules[filter];

  useEffect(() => {
    setFilter(null);
    setSelected(null);
  }, [registry]);

  return (
    <section class="page page--registries" aria-labelledby="page-title">
      <header class="page__header">
        <h1 id="page-title">Реестры</h1>
        <ReferenceNote reference={check.reference} />
      </header>
      {check.error && (
        <p class="message message--error" role="alert">
          {check.error}
        </p>
      )}
      <div class="registries__top">
        <FilePanel file={check.file} onChoose={check.chooseFile} />
        <ParamsFormPanel form={form} read={formRead} onChange={setForm} onReset={() => setForm(defaultParamsForm())} />
      </div>
      <p class="message message--info">
        Проверки 7 и 9 сравнивают с другими реестрами: они появятся после регистрации реестров в системе. Пока проверка 7 находит повторы домов только
        внутри файла, а проверка 9 пропускается, потому что истории объемов еще нет.
      </p>
      {registry && !checked && check.progress === null && !params.ok && (
        <p class="message message--warning" role="status">
          Исправьте параметры проверок: файл будет проверен, как только они будут заполнены верно.
        </p>
      )}
      {registry && <RegistrySummary registry={registry} checked={checked} progress={check.progress} rowsWithErrors={result ? rowsWithErrors(rows) : null} />}
      {registry && result && result.formulaProblems.length > 0 && (
        <div class="message message--warning" role="status">
          <p>Не удалось выполнить правила из шаблона (их результаты пропущены):</p>
          <ul>
            {result.formulaProblems.map((p) => (
              <li key={p.ruleId}>
                «{result.ruleTitles[result.ruleIds.indexOf(p.ruleId)] ?? p.ruleId}»: позиция {p.position} в формуле — {p.message}
              </li>
            ))}
          </ul>
        </div>
      )}
      {registry && result && <RuleCounts rules={rules} filter={filter} onFilter={setFilter} busy={check.progress !== null} />}
      {registry && result && (
        <div class="registry-rows">
          <section class="registry-rows__table" aria-labelledby="registry-rows-title">
            <div class="registry-rows__toolbar">
              <h2 id="registry-rows-title">Строки реестра</h2>
              <p class="muted" aria-live="polite">
                {filtered
                  ? `Не прошли проверку #${filtered.number}: ${formatInteger(filtered.failed)} из ${formatInteger(rows.length)}`
                  : `Всего строк: ${formatInteger(rows.length)}`}
              </p>
              {filtered && (
                <button type="button" class="button button--small" onClick={() => setFilter(null)}>
                  Показать все строки
                </button>
              )}
            </div>
            <RegistryGrid rows={rows} unit={unit} filter={filter} onSelect={setSelected} />
          </section>
          {selected !== null && selected < registry.rows.count ? (
            <RowCard rows={registry.rows} result={result} index={selected} unit={unit} />
          ) : (
            <aside class="panel row-card row-card--empty">
              <p class="muted">Выберите строку в таблице, чтобы увидеть результат каждой проверки и причину.</p>
            </aside>
          )}
        </div>
      )}
    </section>
  );
}
