import { periodTitle } from '../../../../formulas/registry/period.ts';
import { ErrorLine } from '../../error-line.tsx';
import { formatInteger, formatRubles } from '../../format.ts';
import { ProblemTable } from '../../problem-table.tsx';
import { CheckProgress } from './check-progress.tsx';
import { FindingList } from './finding-list.tsx';
import type { Findings, Precheck, PrecheckResult } from './use-precheck.ts';

/** What the local pre-check in the worker says about the chosen file, phase by phase. */
export function PrecheckPanel({ precheck, findings }: { precheck: Precheck; findings: Findings }) {
  switch (precheck.status) {
    case 'empty':
      return (
        <p class="muted">
          Файл сначала читается и проверяется здесь, в браузере, и отправляется на сервер только по кнопке «Зарегистрировать».
        </p>
      );
    case 'reading':
      return (
        <div class="check-progress" role="status">
          <progress class="check-progress__bar" aria-label="Чтение файла" />
          <span>Чтение файла «{precheck.file.name}»…</span>
        </div>
      );
    case 'checking':
      return (
        <div class="registries-precheck">
          <p class="registries-precheck__head">
            <strong>{precheck.meta.rsoName || 'РСО не названа'}</strong>, ИНН {precheck.meta.rsoInn}, {precheck.meta.service}, {periodTitle(precheck.meta.period)} г.
            — строк {formatInteger(precheck.rows)}
          </p>
          <CheckProgress progress={precheck.progress} ms={null} />
        </div>
      );
    case 'checked':
      return <Checked result={precheck.result} findings={findings} />;
    case 'rejected': {
      const [only] = precheck.problems;
      return (
        <div class="registries-precheck" role="alert">
          <ErrorLine quiet>
            Файл «{precheck.file.name}» нельзя зарегистрировать: {precheck.problems.length === 1 && only ? only.message : `ошибок ${formatInteger(precheck.problems.length)}`}.
          </ErrorLine>
          {precheck.problems.length > 1 && <ProblemTable problems={precheck.problems} />}
        </div>
      );
    }
    case 'failed':
      return (
        <p class="message message--warning" role="alert">
          Проверить файл в браузере не удалось ({precheck.message}). Его можно зарегистрировать: сервер проверит его сам.
        </p>
      );
    default:
      return precheck satisfies never;
  }
}

function Checked({ result, findings }: { result: PrecheckResult; findings: Findings }) {
  const { meta } = result;
  const failing = result.rules.filter((r) => r.failed > 0);
  const refusal = findings.status === 'ready' && findings.findings.some((f) => f.severity === 'refusal');
  return (
    <div class="registries-precheck" data-precheck="done">
      <p class="registries-precheck__head">
        <strong>{meta.rsoName || 'РСО не названа'}</strong>, ИНН {meta.rsoInn}, {meta.service}, {periodTitle(meta.period)} г.
      </p>
      <dl class="registries-precheck__facts">
        <div data-fact="rows">
          <dt>Строк</dt>
          <dd>{formatInteger(result.rows)}</dd>
        </div>
        <div data-fact="declared">
          <dt>Заявлено</dt>
          <dd>{formatRubles(result.declaredSum)}</dd>
        </div>
        <div data-fact="expected">
          <dt>Расчет</dt>
          <dd>{formatRubles(result.expectedSum)}</dd>
        </div>
        <div data-fact="errors" class={result.rowsWithErrors > 0 ? 'registries-precheck__bad' : 'registries-precheck__good'}>
          <dt>Строк с ошибками</dt>
          <dd>{formatInteger(result.rowsWithErrors)}</dd>
        </div>
      </dl>
      {failing.length > 0 && (
        <ul class="registries-precheck__rules" aria-label="Строк не прошли проверку">
          {failing.map((r) => (
            <li key={r.index} data-rule={r.number}>
              #{r.number} {r.title}: <strong>{formatInteger(r.failed)}</strong>
            </li>
          ))}
        </ul>
      )}
      {result.problems.length > 0 && (
        <details>
          <summary>Не удалось прочитать значений: {formatInteger(result.problems.length)} — они считаются пустыми</summary>
          <ProblemTable problems={result.problems} label="Значения, которые не удалось прочитать" />
        </details>
      )}
      {findings.status === 'pending' && <p class="muted">Регистрационные проверки…</p>}
      {findings.status === 'failed' && <p class="message message--warning">Регистрационные проверки не выполнены: {findings.message}</p>}
      {findings.status === 'ready' && findings.findings.length === 0 && (
        <p class="message message--success" data-findings="none">
          Регистрационные проверки пройдены: ИНН известен, такой реестр еще не зарегистрирован.
        </p>
      )}
      {findings.status === 'ready' && <FindingList findings={findings.findings} />}
      {refusal && <p class="message message--warning">При регистрации реестр получит статус «Отказано в регистрации» с этой причиной.</p>}
      {/* the engine's time is for tests and benchmarks (data-ms), not for the user */}
      <p class="muted registries-precheck__note" data-ms={Math.round(result.ms)}>
        Проверено в браузере (справочники версии {result.reference.version}). Проверки 7 и 9 по другим реестрам сервер
        выполнит при регистрации.
      </p>
    </div>
  );
}
