import { useEffect, useState } from 'preact/hooks';
import type { SessionUser } from '../../../../server/contract/auth.ts';
import { standardParamsTemplate } from '../../../../templates/index.ts';
import { api, messageOf, unwrap } from '../../api.ts';
import { formatDate, formatDateTime, formatInteger, parseRuDate } from '../../format.ts';
import { DiffTable } from './diff-table.tsx';
import type { DiffPage, ForecastPage, StandardSetInfo } from '../../../../server/contract/standards.ts';
import { RuDateInput } from '../../date-input.tsx';

const today = (): string => new Date().toISOString().slice(0, 10);
const FACTORS: Record<string, string> = Object.fromEntries(Object.entries(standardParamsTemplate.indexation).map(([s, f]) => [s, f.replace('.', ',')]));

/** Published standard sets: publish the current one with an effective date, compare two, forecast the next period. */
export function VersionsView({ user }: { user: SessionUser }) {
  const canPublish = user.role === 'analyst' || user.role === 'admin';
  const [versions, setVersions] = useState<StandardSetInfo[] | null>(null);
  const [status, setStatus] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const [effective, setEffective] = useState(today());
  const [title, setTitle] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('current');
  const [diff, setDiff] = useState<DiffPage | null>(null);
  const [factors, setFactors] = useState<Record<string, string>>(FACTORS);
  const [forecast, setForecast] = useState<ForecastPage | null>(null);
  const [busy, setBusy] = useState(false);

  const load = () =>
    unwrap(api.standards.versions.$get()).then(
      (r) => {
        setVersions(r.versions);
        setFrom((f) => f || String(r.versions[0]?.id ?? ''));
      },
      (e: unknown) => setStatus({ kind: 'error', text: messageOf(e) }),
    );
  useEffect(() => void load(), []);

  async function run<T>(work: () => Promise<T>): Promise<T | null> {
    setBusy(true);
    try {
      return await work();
    } catch (e) {
      setStatus({ kind: 'error', text: messageOf(e) });
      return null;
    } finally {
      setBusy(false);
    }
  }

  return (
    <section class="standards-versions" aria-labelledby="standards-versions-title">
      <h2 id="standards-versions-title">Версии стандартов</h2>
      {status && (
        <p class={`message message--${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
          {status.text}
        </p>
      )}
      {canPublish && (
        <form
          class="standards-apply panel"
          onSubmit={(e) => {
            e.preventDefault();
            if (!parseRuDate(effective)) {
              setStatus({ kind: 'error', text: 'Дата «Действует с»: день, месяц и год в виде ДД.ММ.ГГГГ' });
              return;
            }
            void run(async () => {
              const r = await unwrap(api.standards.versions.$post({ json: { effective_from: parseRuDate(effective) ?? effective, title: title.trim() } }));
              setStatus({ kind: 'success', text: `Опубликована версия № ${r.id}: групп ${formatInteger(r.groups)}, домов ${formatInteger(r.houses)}. Она неизменна.` });
              setTitle('');
              await load();
            });
          }}
        >
          <h3>Опубликовать текущие стандарты</h3>
          <div class="standards-apply__row">
            <div class="field">
              <label class="field__label" for="publish-date">
                Действует с
              </label>
              <RuDateInput id="publish-date" required value={effective} onValue={setEffective} />
            </div>
            <div class="field standards-apply__wide">
              <label class="field__label" for="publish-title">
                Название
              </label>
              <input id="publish-title" required maxLength={200} placeholder="Стандарты на 2-е полугодие" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
            </div>
            <button type="submit" class="button button--primary" disabled={busy || !title.trim()}>
              Опубликовать
            </button>
          </div>
        </form>
      )}
      <div class="table-scroll">
        <table class="table standards-versions__list">
          <thead>
            <tr>
              <th scope="col">№</th>
              <th scope="col">Название</th>
              <th scope="col">Действует с</th>
              <th scope="col" class="num">
                Групп
              </th>
              <th scope="col" class="num">
                Домов
              </th>
              <th scope="col">Шаблон</th>
              <th scope="col">Опубликовал</th>
            </tr>
          </thead>
          <tbody>
            {versions?.length === 0 && (
              <tr>
                <td colSpan={7}>Опубликованных версий пока нет.</td>
              </tr>
            )}
            {versions?.map((v) => (
              <tr key={v.id}>
                <td>{v.id}</td>
                <td>{v.title}</td>
                <td>{formatDate(v.effective_from)}</td>
                <td class="num">{formatInteger(v.groups)}</td>
                <td class="num">{formatInteger(v.houses)}</td>
                <td>v{v.template_version}</td>
                <td>
                  {v.published_by ?? '—'}, {formatDateTime(v.published_at)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>

      <h3>Сравнение версий</h3>
      <form
        class="standards-apply__row"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => setDiff(await unwrap(api.standards.diff.$get({ query: { from, to, limit: '300' } }))));
        }}
      >
        <div class="field">
          <label class="field__label" for="diff-from">
            Было
          </label>
          <select id="diff-from" value={from} onChange={(e) => setFrom(e.currentTarget.value)}>
            {versions?.map((v) => (
              <option key={v.id} value={String(v.id)}>
                № {v.id} {v.title}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label class="field__label" for="diff-to">
            Стало
          </label>
          <select id="diff-to" value={to} onChange={(e) => setTo(e.currentTarget.value)}>
            <option value="current">Текущий расчёт</option>
            {versions?.map((v) => (
              <option key={v.id} value={String(v.id)}>
                № {v.id} {v.title}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" class="button" disabled={busy || !from}>
          Сравнить
        </button>
      </form>
      {diff && <DiffTable rows={diff.rows} total={diff.total} summary={diff.summary} />}

      <h3>Прогноз на следующий период</h3>
      <p class="standards-note">Тарифы умножаются на индексы по услугам; ставки МО не индексируются. Прогноз сравнивается с текущим расчётом.</p>
      <form
        class="standards-apply__row"
        onSubmit={(e) => {
          e.preventDefault();
          void run(async () => setForecast(await unwrap(api.standards.forecast.$post({ json: { factors, limit: 300 } }))));
        }}
      >
        {Object.keys(factors).map((s) => (
          <div key={s} class="field standards-factor">
            <label class="field__label" for={`factor-${s}`}>
              {s}
            </label>
            <input id={`factor-${s}`} inputMode="decimal" value={factors[s]} onInput={(e) => setFactors((f) => ({ ...f, [s]: e.currentTarget.value }))} />
          </div>
        ))}
        <button type="submit" class="button" disabled={busy}>
          Рассчитать прогноз
        </button>
      </form>
      {forecast && <DiffTable rows={forecast.rows} total={forecast.total} summary={forecast.summary} />}
    </section>
  );
}
