import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { periodOf, periodTitle } from '../../../../formulas/registry/period.ts';
import { serviceDictionary } from '../../../../formulas/registry/services.ts';
import type { RegistryCard } from '../../../../server/contract/registries.ts';
import { serviceSpecs } from '../../../../templates/index.ts';
import { formatDate, formatDateTime, formatInteger, formatRubles } from '../../format.ts';
import { ConfirmDecision } from './confirm-decision.tsx';
import type { Command } from './use-review.ts';

const services = serviceDictionary(serviceSpecs);

/** `YYYY-MM` → «август 2026 г.» */
export function periodText(key: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(key);
  return m ? `${periodTitle(periodOf(Number(m[1]), Number(m[2])))} г.` : key;
}

const letterText = (no: string | null, date: string | null): string =>
  [no ? `№${no}` : '', date ? `от ${formatDate(date)}` : ''].filter(Boolean).join(' ') || '—';

/** «Осталось 3 раб. дн.», «Просрочено на 2 раб. дн.» */
function daysLeftText(days: number | null): string {
  if (days === null) return '';
  if (days < 0) return `Просрочено на ${-days} раб. дн.`;
  if (days === 0) return 'Последний день';
  return `Осталось ${days} раб. дн.`;
}

interface Props {
  card: RegistryCard;
  busy: boolean;
  onCommand: (c: Command) => Promise<boolean>;
  /** No connection: commands wait (the card says why). */
  offline?: boolean;
  /** The card is the browser's copy, the server could not be reached. */
  fromCache?: boolean;
  /** Live co-review: the connection and who else is here. */
  presence?: ComponentChildren;
  /** whose choice of a brief or full card this is (remembered per user in this browser) */
  userLogin?: string;
  /** what «Согласовать все без ошибок» would agree: undecided rows without errors and their sum (kopecks) */
  clean?: { rows: number; sum: number } | null;
}

/**
 * Whether the reviewer keeps the card to one line (the grid then gets the card's height): brief unless he opened
 * it, remembered per user in this browser.
 */
const briefKey = (login: string): string => `sverka:review-card-brief:${login}`;
const readBrief = (login: string): boolean => {
  try {
    return localStorage.getItem(briefKey(login)) !== '0';
  } catch {
    return true;
  }
};
const writeBrief = (login: string, brief: boolean): void => {
  try {
    localStorage.setItem(briefKey(login), brief ? '1' : '0');
  } catch {
    // storage refused: the choice lasts for this page only
  }
};

/** The header of the review page: who sent what for when, who checks it by when, the sums, and what may be done now. */
export function ReviewCard({ card, busy, onCommand, offline = false, fromCache = false, presence, clean = null, userLogin = '' }: Props) {
  const [completing, setCompleting] = useState(false);
  const [agreeing, setAgreeing] = useState(false);
  const [brief, setBrief] = useState(() => readBrief(userLogin));
  const toggleBrief = (): void => {
    writeBrief(userLogin, !brief);
    setBrief(!brief);
  };
  const acts = card.can.take || card.can.decide || card.can.complete;
  const why = offline ? 'Нет связи с сервером' : undefined;
  const tone = card.deadlineState === 'overdue' ? ' review-deadline--overdue' : card.deadlineState === 'due-soon' ? ' review-deadline--soon' : '';
  return (
    <section class={brief ? 'panel review-card review-card--brief' : 'panel review-card'} aria-labelledby="page-title">
      <div class="review-card__head">
        <div class="review-card__who">
          <h1 id="page-title" class="review-card__title" title={card.rsoName}>
            {card.rsoName}
          </h1>
          <p class="review-card__subtitle">
            Реестр № {card.id}
            {!brief && ` · ${letterText(card.letterOutNo, card.letterOutDate)}`} · за {periodText(card.period)}
            {card.isCorrection && <span class="tag">корректировка{card.correctsId !== null ? ` № ${card.correctsId}` : ''}</span>}
            {card.viaPortal && <span class="tag tag--portal">через портал</span>}
            {card.checkRun && !brief && (
              <span class="review-card__run">
                Проверен по правилам{card.checkRun.ruleSet === 'default' ? '' : ` «${card.checkRun.ruleSet}»`}, версия {card.checkRun.ruleSetVersion}, {formatDateTime(card.checkRun.ranAt)}
              </span>
            )}
          </p>
          {card.checkRun?.note && (
            <p class="message message--info review-card__note" data-fact="check-note">
              {card.checkRun.note}. Что изменилось по строкам — в истории реестра.
            </p>
          )}
        </div>
        <div class="review-card__side">
          <div class="review-card__actions">
            {card.can.take && (
              <button type="button" class="button button--primary" disabled={busy || offline} title={why} onClick={() => void onCommand({ kind: 'take' })}>
                Взять в работу
              </button>
            )}
            {card.can.decide && (
              <button type="button" class="button" disabled={busy || offline || card.rowsPending === 0} title={why} onClick={() => setAgreeing(true)}>
                Согласовать все без ошибок
              </button>
            )}
            {card.can.complete && !completing && (
              <button type="button" class="button" disabled={busy || offline} title={why} onClick={() => setCompleting(true)}>
                Завершить проверку
              </button>
            )}
          </div>
          <span class={`review-badge review-badge--${statusTone(card.status)}`} data-fact="status">
            {card.status}
          </span>
          <button type="button" class="button button--small review-card__brief" aria-pressed={brief} aria-expanded={!brief} aria-controls="review-facts" onClick={toggleBrief}>
            {brief ? 'Подробнее' : 'Свернуть'}
          </button>
        </div>
      </div>
      {/* brief: what a reviewer checks against while deciding rows — who, by when, and the sums */}
      <dl id="review-facts" class={brief ? 'review-facts review-facts--brief' : 'review-facts'}>
        <Fact name="executor" label="Исполнитель" value={card.executor?.fullName ?? 'не назначен'} />
        <Fact name="check-deadline" label="Срок проверки" value={card.checkDeadline ? formatDate(card.checkDeadline) : '—'} note={daysLeftText(card.daysLeft)} tone={tone} />
        {!brief && <Fact name="finish-deadline" label="Срок оформления" value={card.finishDeadline ? formatDate(card.finishDeadline) : '—'} note={daysLeftText(card.finishDaysLeft)} />}
        <Fact name="houses" label="Всего домов" value={formatInteger(card.rowsTotal)} note={`с ошибками ${formatInteger(card.rowsFailed)}`} />
        <Fact name="declared" label="Заявленная сумма" value={formatRubles(card.declaredSum)} />
        <Fact name="agreed" label="Согласованная сумма" value={formatRubles(card.agreedSum)} note={`строк ${formatInteger(card.rowsAgreed)}`} tone=" review-fact--good" />
        <Fact name="rejected" label="Не согласовано" value={formatRubles(card.rejectedSum)} note={`строк ${formatInteger(card.rowsRejected)}`} />
        {!brief && (
          <>
            <Fact name="rso" label="РСО" value={card.rsoName} note={`ИНН ${card.rsoInn}`} />
            <Fact name="service" label="Услуга" value={services.title(card.service)} note={card.service} />
            <Fact name="period" label="Отчетный период" value={periodText(card.period)} />
            <Fact name="letter-out" label="Исх. № / дата письма РСО" value={letterText(card.letterOutNo, card.letterOutDate)} />
            <Fact name="letter-in" label="Вх. № / дата" value={letterText(card.letterInNo, card.letterInDate)} />
            <Fact name="registered" label="Поступил в систему" value={formatDateTime(card.registeredAt)} note={card.fileName} />
          </>
        )}
      </dl>
      {(card.findings.length > 0 || card.refusalReason) && (
        <ul class="review-findings" aria-label="Проверки реестра при регистрации">
          {card.refusalReason && <li class="review-finding review-finding--refusal">Отказано в регистрации: {card.refusalReason}</li>}
          {card.findings.map((f) => (
            <li key={f.code} class={`review-finding review-finding--${f.severity}`}>
              {f.message}
            </li>
          ))}
        </ul>
      )}
      {presence}
      {offline && (acts || fromCache) && (
        <p class="message message--warning co-offline-note" role="note">
          {fromCache ? 'Карточка реестра — из кэша браузера: сервер недоступен. ' : ''}
          {acts ? 'Нет связи с сервером: решения по строкам и реестру можно будет принять, когда связь вернется. Просматривать, фильтровать и комментировать можно и сейчас — комментарии отправятся сами.' : ''}
        </p>
      )}
      {agreeing && (
        <ConfirmDecision
          verb="Согласовать"
          reasonLabel="Основание"
          rows={clean?.rows ?? 0}
          sum={clean?.sum ?? 0}
          busy={busy || offline}
          onCancel={() => setAgreeing(false)}
          onConfirm={async (reason) => {
            const ok = await onCommand({ kind: 'agree-clean', reason });
            if (ok) setAgreeing(false);
            return ok;
          }}
        />
      )}
      {completing && <CompleteForm card={card} busy={busy || offline} onCancel={() => setCompleting(false)} onCommand={onCommand} onDone={() => setCompleting(false)} />}
    </section>
  );
}

function statusTone(status: RegistryCard['status']): string {
  switch (status) {
    case 'Новый':
      return 'new';
    case 'В работе':
      return 'work';
    case 'Согласован':
      return 'agreed';
    case 'Не согласован':
    case 'Отказано в регистрации':
      return 'rejected';
    case 'Отменен':
      return 'cancelled';
    default:
      return status satisfies never;
  }
}

function Fact({ name, label, value, note, tone = '' }: { name: string; label: string; value: string; note?: string | undefined; tone?: string }) {
  return (
    <div class={`review-fact${tone}`} data-fact={name}>
      <dt>{label}</dt>
      <dd>
        <span class="review-fact__value">{value}</span>
        {note && <span class="review-fact__note">{note}</span>}
      </dd>
    </div>
  );
}

/** Completion of the check: agreed (in part, when some rows are rejected) or not agreed, with a reason for the latter. */
function CompleteForm({ card, busy, onCancel, onCommand, onDone }: { card: RegistryCard; busy: boolean; onCancel: () => void; onCommand: Props['onCommand']; onDone: () => void }) {
  const [status, setStatus] = useState<'Согласован' | 'Не согласован'>('Согласован');
  const [reason, setReason] = useState('');
  const needsReason = status === 'Не согласован';
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (needsReason && !reason.trim()) return;
    if (await onCommand({ kind: 'complete', status, ...(reason.trim() ? { reason: reason.trim() } : {}) })) onDone();
  };
  return (
    <form class="review-complete" onSubmit={(e) => void submit(e)} aria-label="Завершение проверки">
      {card.rowsPending > 0 && <p class="message message--warning">Без решения осталось строк: {formatInteger(card.rowsPending)}.</p>}
      <fieldset class="review-complete__choice">
        <legend>Результат проверки реестра</legend>
        <label>
          <input type="radio" name="complete-status" checked={status === 'Согласован'} onChange={() => setStatus('Согласован')} /> Согласован (сумма{' '}
          {formatRubles(card.agreedSum)})
        </label>
        <label>
          <input type="radio" name="complete-status" checked={status === 'Не согласован'} onChange={() => setStatus('Не согласован')} /> Не согласован
        </label>
      </fieldset>
      <label class="field">
        <span class="field__label">Причина{needsReason ? ' (обязательно)' : ''}</span>
        <textarea rows={2} value={reason} onInput={(e) => setReason(e.currentTarget.value)} required={needsReason} />
      </label>
      <div class="review-complete__buttons">
        <button type="submit" class="button button--primary" disabled={busy || (needsReason && !reason.trim())}>
          Завершить
        </button>
        <button type="button" class="button" onClick={onCancel}>
          Отмена
        </button>
      </div>
    </form>
  );
}
