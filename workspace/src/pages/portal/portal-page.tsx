import { useEffect, useState } from 'preact/hooks';
import type { SessionUser } from '../../../../server/contract/auth.ts';
import type { PortalEvents, PortalRegistry, PortalSubmission } from '../../../../server/contract/portal.ts';
import { serviceSpecs } from '../../../../templates/index.ts';
import { api, unwrap, userMessage } from '../../api.ts';
import { ErrorLine } from '../../error-line.tsx';
import { formatDate, formatDateTime, formatInteger, formatPeriod, formatRubles } from '../../format.ts';
import { followLink } from '../../router.ts';
import { SubmitPanel } from './submit-panel.tsx';
import { TokensPanel } from './tokens-panel.tsx';
import './portal.css';

/** «Мои реестры»: the organisation's registries with status, deadlines and decisions; sending a new one; events. */
export function PortalPage({ user }: { user: SessionUser }) {
  const [registries, setRegistries] = useState<PortalRegistry[] | null>(null);
  const [events, setEvents] = useState<PortalEvents | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [sent, setSent] = useState<PortalSubmission | null>(null);
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    let live = true;
    Promise.all([unwrap(api.portal.registries.$get()), unwrap(api.portal.events.$get())]).then(
      ([r, e]) => {
        if (!live) return;
        setRegistries(r);
        setEvents(e);
      },
      (e: unknown) => live && setError(userMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [revision]);

  async function markSeen(): Promise<void> {
    await unwrap(api.portal.events.seen.$post()).catch(userMessage);
    setRevision((r) => r + 1);
  }

  return (
    <section class="page page--portal" aria-labelledby="page-title">
      <header class="page__header">
        <h1 id="page-title">Мои реестры</h1>
        <span class="muted">ИНН {user.rsoInn}</span>
        {!sending && (
          <button type="button" class="button button--primary" onClick={() => { setSending(true); setSent(null); }}>
            Отправить реестр
          </button>
        )}
      </header>
      {error && <ErrorLine>{error}</ErrorLine>}
      {sending && (
        <SubmitPanel
          onCancel={() => setSending(false)}
          onSent={(s) => {
            setSent(s);
            setSending(false);
            setRevision((r) => r + 1);
          }}
        />
      )}
      {sent && <SentNotice sent={sent} />}
      <TemplateForm />
      <div class="portal__columns">
        <div class="table-scroll portal__list">
          <table class="table">
            <thead>
              <tr>
                <th>№</th>
                <th>Период</th>
                <th>Услуга</th>
                <th>Статус</th>
                <th>Срок проверки</th>
                <th class="num">Строк: согл. / откл.</th>
                <th class="num">Заявлено / согласовано</th>
              </tr>
            </thead>
            <tbody>
              {(registries ?? []).map((r) => (
                <tr key={r.id} data-registry={r.id}>
                  <td>
                    <a href={`/portal/${r.id}`} onClick={followLink}>
                      № {r.id}
                    </a>
                    {r.isCorrection && <span class="tag">корректировка</span>}
                  </td>
                  <td>{formatPeriod(r.period)}</td>
                  <td>{r.service}</td>
                  <td>
                    {r.status}
                    {r.status === 'Согласован' && r.rowsRejected > 0 ? ' (частично)' : ''}
                    {r.refusalReason && <div class="portal__reason">{r.refusalReason}</div>}
                  </td>
                  <td>{formatDate(r.checkDeadline)}</td>
                  <td class="num">
                    {formatInteger(r.rowsTotal)}: {formatInteger(r.rowsAgreed)} / {formatInteger(r.rowsRejected)}
                  </td>
                  <td class="num">
                    {formatRubles(r.declaredSum)}
                    <div class="muted">{formatRubles(r.agreedSum)}</div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {registries?.length === 0 && <p class="muted">Реестров пока нет.</p>}
        </div>
        <aside class="panel portal__events" aria-label="События">
          <h2>
            События {events && events.unread > 0 && <span class="portal__unread" data-unread={events.unread}>{events.unread}</span>}
          </h2>
          {events && events.unread > 0 && (
            <button type="button" class="button button--small" onClick={() => void markSeen()}>
              Отметить прочитанными
            </button>
          )}
          <ul class="portal__event-list">
            {(events?.events ?? []).slice(0, 30).map((e, k) => (
              <li key={k} class={e.unread ? 'portal__event portal__event--unread' : 'portal__event'}>
                <a href={`/portal/${e.registryId}`} onClick={followLink}>
                  № {e.registryId}
                </a>{' '}
                {e.text}
                <div class="muted">{formatDateTime(e.at)}</div>
              </li>
            ))}
          </ul>
        </aside>
      </div>
      <TokensPanel />
    </section>
  );
}

/** What the server said of a sent registry: registered or refused (and why), and checks 7 and 9 as counts. */
export function SentNotice({ sent }: { sent: PortalSubmission }) {
  const r = sent.registry;
  return (
    <div class={sent.refused ? 'message message--error' : 'message message--success'} role="status" data-sent={r.id}>
      {sent.refused ? (
        <p>
          Реестр № {r.id} не зарегистрирован: {r.refusalReason}
        </p>
      ) : (
        <p>
          Реестр № {r.id} отправлен и зарегистрирован со статусом «{r.status}». Срок проверки — {formatDate(r.checkDeadline)}.
        </p>
      )}
      {sent.serverChecks.length > 0 && (
        <p>
          Проверки на сервере:{' '}
          {sent.serverChecks.map((c) => `${c.ruleId}. ${c.title} — ${c.failedRows === 0 ? 'без замечаний' : `строк с замечаниями: ${formatInteger(c.failedRows)}`}`).join('; ')}.
        </p>
      )}
    </div>
  );
}

const SERVICES = serviceSpecs.map((s) => s.title);

/** «Скачать шаблон реестра»: the unified template for a service and period, filled from the tariff menu. */
function TemplateForm() {
  const now = new Date();
  const [service, setService] = useState(SERVICES[0] ?? '');
  const [period, setPeriod] = useState(`${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`);
  const href = `/api/portal/template?${new URLSearchParams({ service, period }).toString()}`;
  return (
    <div class="panel portal-template" aria-label="Шаблон реестра">
      <label class="field">
        <span class="field__label">Услуга</span>
        <select name="templateService" value={service} onChange={(e) => setService(e.currentTarget.value)}>
          {SERVICES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label class="field">
        <span class="field__label">Период</span>
        <input name="templatePeriod" type="month" value={period} onInput={(e) => setPeriod(e.currentTarget.value)} />
      </label>
      <a class="button" href={href} download data-template>
        Скачать шаблон реестра
      </a>
      <span class="muted">Дома прошлого периода, тарифы из решений БПТР; заполните только объёмы — субсидия считается формулой.</span>
    </div>
  );
}
