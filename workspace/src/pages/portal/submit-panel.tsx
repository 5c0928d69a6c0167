import { useState } from 'preact/hooks';
import { periodTitle } from '../../../../formulas/registry/period.ts';
import type { PortalSubmission } from '../../../../server/contract/portal.ts';
import { api, unwrap, userMessage } from '../../api.ts';
import { ErrorLine } from '../../error-line.tsx';
import { FilePicker } from '../../file-picker.tsx';
import { formatInteger, formatMs, formatRubles } from '../../format.ts';
import { ProblemTable } from '../../problem-table.tsx';
import { CheckProgress } from '../registries/check-progress.tsx';
import { LISTED_ROWS, usePortalPrecheck, type PortalPrecheckResult } from './use-portal-precheck.ts';

/**
 * «Отправить реестр» (or a correction of `correctsId`): the file is checked here first, row by row with reasons;
 * then sent with the letter's outgoing number and date. The server checks it again, with checks 7 and 9.
 */
export function SubmitPanel({ correctsId, onSent, onCancel }: { correctsId?: number; onSent: (s: PortalSubmission) => void; onCancel: () => void }) {
  const { precheck, choose } = usePortalPrecheck();
  const [letterOutNo, setLetterOutNo] = useState('');
  const [letterOutDate, setLetterOutDate] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const file = precheck.status === 'empty' ? null : precheck.file;
  const ready = precheck.status === 'checked' || precheck.status === 'failed';

  async function send(e: Event): Promise<void> {
    e.preventDefault();
    if (!file || !ready) return;
    setSending(true);
    setError(null);
    try {
      const sent = await unwrap(
        api.portal.registries.$post({ form: { file, letterOutNo, letterOutDate, ...(correctsId ? { correctsId: String(correctsId) } : {}) } }),
      );
      onSent(sent);
    } catch (err) {
      setError(userMessage(err));
    } finally {
      setSending(false);
    }
  }

  return (
    <form class="panel portal-submit" onSubmit={(e) => void send(e)} aria-label={correctsId ? 'Корректировка реестра' : 'Отправка реестра'}>
      <h2>{correctsId ? `Корректировка реестра № ${correctsId}` : 'Отправить реестр'}</h2>
      <div class="portal-submit__fields">
        <FilePicker id="portal-file" label="Файл реестра (.xlsx или .csv)" name="file" fileName={file?.name ?? null} onChoose={(f) => f && choose(f)} primary rechoosable />
        <label class="field">
          <span class="field__label">Исх. № письма</span>
          <input name="letterOutNo" required maxLength={100} value={letterOutNo} onInput={(e) => setLetterOutNo(e.currentTarget.value)} />
        </label>
        <label class="field">
          <span class="field__label">Дата письма</span>
          <input name="letterOutDate" type="date" required value={letterOutDate} onInput={(e) => setLetterOutDate(e.currentTarget.value)} />
        </label>
      </div>
      {precheck.status === 'empty' && <p class="muted">Файл проверяется здесь, в браузере, теми же правилами, что и у проверяющих; на сервер он уходит только по кнопке «Отправить».</p>}
      {precheck.status === 'checking' && <CheckProgress progress={precheck.progress} ms={null} />}
      {precheck.status === 'rejected' && (
        <div role="alert">
          <ErrorLine quiet>Файл «{precheck.file.name}» не читается как реестр: ошибок {formatInteger(precheck.problems.length)}. Исправьте и выберите его снова.</ErrorLine>
          <ProblemTable problems={precheck.problems} />
        </div>
      )}
      {precheck.status === 'failed' && <p class="message message--warning">Проверить файл в браузере не удалось ({precheck.message}). Его можно отправить: сервер проверит его сам.</p>}
      {precheck.status === 'checked' && <PrecheckResultView result={precheck.result} />}
      {error && <ErrorLine>{error}</ErrorLine>}
      <div class="portal-submit__actions">
        <button type="submit" class="button button--primary" disabled={!ready || sending}>
          {sending ? 'Отправка…' : precheck.status === 'checked' && precheck.result.rowsWithErrors > 0 ? `Отправить с ошибками (${formatInteger(precheck.result.rowsWithErrors)} строк)` : 'Отправить'}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          Отмена
        </button>
      </div>
    </form>
  );
}

function PrecheckResultView({ result }: { result: PortalPrecheckResult }) {
  return (
    <div class="portal-precheck" data-precheck={result.rowsWithErrors > 0 ? 'errors' : 'clean'}>
      <p>
        <strong>{result.meta.rsoName}</strong>, {result.meta.service}, {periodTitle(result.meta.period)} г. — строк {formatInteger(result.rows)}, заявлено {formatRubles(result.declaredSum)}, по расчёту {formatRubles(result.expectedSum)}.{' '}
        <span class="muted">Проверено в браузере за {formatMs(result.ms)}.</span>
      </p>
      {result.rowsWithErrors === 0 ? (
        <p class="message message--success" role="status">
          Ошибок не найдено. Проверки 7 (дубли у других РСО) и 9 (история объёмов) выполнит сервер при отправке.
        </p>
      ) : (
        <>
          <p class="message message--error" role="status">
            Строк с ошибками: {formatInteger(result.rowsWithErrors)}. Исправьте их в файле и выберите его снова
            {result.rowsWithErrors > LISTED_ROWS ? ` (показаны первые ${LISTED_ROWS})` : ''}.
          </p>
          <div class="table-scroll portal-precheck__rows">
            <table class="table">
              <thead>
                <tr>
                  <th class="num">Строка файла</th>
                  <th>Проверка</th>
                  <th>Причина</th>
                </tr>
              </thead>
              <tbody>
                {result.listed.flatMap((row) =>
                  row.failed.map((f, k) => (
                    <tr key={`${row.fileRow}-${f.rule}`} class={f.warning ? 'portal-precheck__warning' : undefined}>
                      <td class="num">{k === 0 ? row.fileRow : ''}</td>
                      <td>
                        {f.rule}. {f.title}
                      </td>
                      <td>{f.reason}</td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
