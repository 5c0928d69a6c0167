import { rowPhrase } from '../../../../formulas/registry/row-number.ts';
import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { RowMirror } from '../../../../formulas/collab/shared-doc.ts';
import { fmtKopecks, fmtScaled4 } from '../../../../formulas/checks/format.ts';
import type { HistoryEntry, RowDetail, RuleResult } from '../../../../server/contract/registries.ts';
import { messageOf } from '../../api.ts';
import { formatDate, formatDateTime } from '../../format.ts';
import { shortName } from '../../collab/people.ts';
import { decisionText } from './collab-marks.ts';
import { HistoryList } from './history-list.tsx';
import { fetchRowDetail, fetchRowHistory } from './review-api.ts';
import { ROW_STATUS_NAMES, scaled4, type RowsModel } from './review-rows.ts';
import type { Command } from './use-review.ts';
import { VolumeChart } from './volume-chart.tsx';
import { ErrorLine } from '../../error-line.tsx';

const STATUS_TITLES: Record<RuleResult['status'], string> = { passed: 'Пройдена', failed: 'Не пройдена', skipped: 'Пропущена' };
const STATUS_ICONS: Record<RuleResult['status'], string> = { passed: '✔', failed: '✖', skipped: '–' };
const CODES: readonly (RuleResult['status'] | undefined)[] = [undefined, 'passed', 'failed', 'skipped'];

interface Props {
  registryId: number;
  model: RowsModel;
  index: number;
  /** RowStates code of the row now */
  status: number;
  unit: string;
  canDecide: boolean;
  busy: boolean;
  /** Bumped after every command: detail and history are fetched again. */
  revision: number;
  onCommand: (c: Command) => Promise<boolean>;
  onClose: () => void;
  /** No connection: decisions wait, the panel says why. */
  offline?: boolean;
  /** The row's decision as the server mirrored it (status, reason, who), live. */
  mirror?: RowMirror | null;
  /** The row's discussion (flag, labels, threads) when live co-review is on. */
  discussion?: ComponentChildren;
}

/** Why decisions are disabled without a connection. */
export const OFFLINE_DECISIONS = 'Нет связи с сервером: решения можно будет принять, когда связь вернется. Просматривать, фильтровать и комментировать можно и сейчас — комментарии отправятся сами.';

/** The verdicts as the payload has them: shown at once, before the row's detail arrives. */
function payloadResults(model: RowsModel, i: number): RuleResult[] {
  const p = model.payload;
  const R = p.ruleIds.length;
  return p.ruleIds.map((ruleId, r) => ({
    ruleId,
    title: p.ruleTitles[r] ?? ruleId,
    status: CODES[p.checkStatus[i * R + r] ?? 0] ?? 'skipped',
    reason: p.reasons[p.checkReason[i * R + r] ?? 0] ?? '',
  }));
}

const dash = (s: string | null | undefined): string => (s ? s : '—');
const tariff = (text: string | null): string => {
  const v = scaled4(text);
  return Number.isNaN(v) ? '—' : fmtScaled4(v, 2);
};

/** The right-hand panel of one row: the house, the tariff decisions, every check, the volume history, the decision and its history. */
export function RowPanel({ registryId, model, index: i, status, unit, canDecide, busy, revision, onCommand, onClose, offline = false, mirror = null, discussion }: Props) {
  const p = model.payload;
  const rowNo = p.rowNo[i] ?? 0;
  const [detail, setDetail] = useState<RowDetail | null>(null);
  const [history, setHistory] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');

  useEffect(() => {
    setRejecting(false);
    setReason('');
  }, [rowNo]);

  useEffect(() => {
    let live = true;
    setError(null);
    fetchRowDetail(registryId, rowNo).then(
      (d) => live && setDetail(d),
      (e: unknown) => live && setError(messageOf(e)),
    );
    fetchRowHistory(registryId, rowNo).then(
      (h) => live && setHistory(h),
      () => live && setHistory([]),
    );
    return () => {
      live = false;
    };
    // without a connection the request fails: it is made again when the connection returns
  }, [registryId, rowNo, revision, offline]);

  const current = detail?.rowNo === rowNo ? detail : null;
  const results = current?.results ?? payloadResults(model, i);
  const ruleNumber = (ruleId: string): string => model.ruleNumbers[p.ruleIds.indexOf(ruleId)] ?? ruleId;
  const house = current?.house;
  // the mirror follows every decision live, whoever made it; the detail says it once fetched
  const author = status > 0 ? (decisionText(mirror, shortName) ?? (current?.decidedBy ? decisionText({ status: status === 1 ? 'Согласован' : 'Не согласован', reason: null, by: current.decidedBy, at: null }, shortName) : null)) : null;
  const decidedAt = mirror?.at ?? current?.decidedAt ?? null;
  const reasonText = status === 2 ? (mirror?.reason ?? current?.decisionReason ?? null) : null;

  const reject = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (!reason.trim()) return;
    if (await onCommand({ kind: 'decide', rows: [rowNo], decision: 'Не согласован', reason: reason.trim() })) setRejecting(false);
  };

  return (
    <aside class="panel review-panel" aria-labelledby="review-panel-title">
      <div class="review-panel__head">
        <p class="review-panel__where">
          <span data-row-label>{rowPhrase(p.n[i], rowNo)}</span> ·{' '}
          <span class={`review-status review-status--s${status}`} data-row-status>
            {ROW_STATUS_NAMES[status]}
          </span>
        </p>
        <button type="button" class="button button--small" onClick={onClose} aria-label="Закрыть карточку строки">
          ✕
        </button>
      </div>
      <h2 id="review-panel-title" class="review-panel__address">
        {/* the whole address here (the grid leaves out what every row shares) */}
        {dash(house?.address ?? p.address[i])}
      </h2>
      {error && !offline && <ErrorLine>{error}</ErrorLine>}
      {offline && !current && <p class="muted">Нет связи: тарифные решения, объемы и история строки появятся, когда связь вернется.</p>}
      <dl class="review-panel__facts">
        <dt>Код дома по ФИАС</dt>
        <dd class="cell--code">{dash(p.fiasId[i])}</dd>
        <dt>Муниципальный район</dt>
        <dd>{dash(house?.municipalDistrict ?? p.territory[i])}</dd>
        {house && (
          <>
            <dt>Населенный пункт</dt>
            <dd>{dash(house.settlement)}</dd>
            <dt>Тип дома, ввод</dt>
            <dd>
              {house.houseType}
              {house.commissioned ? `, ${formatDate(house.commissioned)}` : ''}
            </dd>
          </>
        )}
        <dt>Услуга</dt>
        <dd>{current?.service ?? (offline ? '—' : '…')}</dd>
        <dt>ЭОТ / ЛТ, руб.</dt>
        <dd>
          {tariff(p.eot[i] ?? null)} / {tariff(p.lt[i] ?? null)}
        </dd>
        <dt>Заявлено / расчет, руб.</dt>
        <dd>
          {p.subsidy[i] === null || p.subsidy[i] === undefined ? '—' : fmtKopecks(p.subsidy[i])} / {p.expected[i] === null || p.expected[i] === undefined ? '—' : fmtKopecks(p.expected[i])}
        </dd>
      </dl>

      {discussion}

      {current && current.tariffs.length > 0 && (
        <section class="review-panel__section" aria-label="Тарифные решения БПТР">
          <h3>Тарифные решения БПТР</h3>
          <ul class="review-tariffs">
            {current.tariffs.map((t) => (
              <li key={t.decisionId} class={t.matches ? 'review-tariff review-tariff--match' : 'review-tariff'}>
                <span class="review-tariff__id">
                  {t.matches ? '✔ ' : ''}
                  {t.decisionId}
                </span>
                <span>
                  ЭОТ {tariff(t.eot)} · ЛТ {tariff(t.lt)} · {t.tariffKind}
                </span>
                <span class="muted">
                  {t.settlement === 'все' ? 'все нас. пункты' : t.settlement}, с {formatDate(t.validFrom)}
                  {t.validTo ? ` по ${formatDate(t.validTo)}` : ''}
                  {t.commissionedFrom || t.commissionedTo ? `; ввод с ${formatDate(t.commissionedFrom) || '--'} по ${formatDate(t.commissionedTo) || '--'}` : ''}
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}

      <section class="review-panel__section" aria-label="Результаты авто-проверки">
        <h3>Результаты авто-проверки</h3>
        <ul class="review-checks">
          {results.map((r) => (
            <li key={r.ruleId} class={`review-check review-check--${r.status}`} data-rule={ruleNumber(r.ruleId)}>
              <span class="review-check__icon" aria-hidden="true">
                {STATUS_ICONS[r.status]}
              </span>
              <span class="review-check__title">
                {ruleNumber(r.ruleId)}. {r.title}
              </span>
              <strong class="review-check__status">{STATUS_TITLES[r.status]}</strong>
              {r.reason && <span class="review-check__reason">{r.reason}</span>}
            </li>
          ))}
        </ul>
      </section>

      {current && current.volumes.length > 0 && (
        <section class="review-panel__section" aria-label="Объемы по дому">
          <h3>Объем по дому, {current.unit || unit}</h3>
          <VolumeChart volumes={current.volumes} unit={current.unit || unit} />
        </section>
      )}

      <section class="review-panel__section" aria-label="Решение по строке">
        <h3>Решение</h3>
        {reasonText && <p class="review-panel__reason">Причина: {reasonText}</p>}
        {author && (
          <p class="co-author" data-row-author>
            {author}
            {decidedAt && <span class="muted">, {formatDateTime(decidedAt)}</span>}
          </p>
        )}
        {canDecide && offline && (
          <p class="message message--warning co-offline-note" role="note">
            {OFFLINE_DECISIONS}
          </p>
        )}
        {canDecide && !rejecting && (
          <div class="review-panel__buttons">
            <button type="button" class="button button--primary" disabled={busy || offline || status === 1} onClick={() => void onCommand({ kind: 'decide', rows: [rowNo], decision: 'Согласован' })}>
              Согласовать
            </button>
            <button type="button" class="button" disabled={busy || offline || status === 2} onClick={() => setRejecting(true)}>
              Не согласовать
            </button>
          </div>
        )}
        {canDecide && rejecting && (
          <form class="review-reject" onSubmit={(e) => void reject(e)}>
            <label class="field">
              <span class="field__label">Причина отказа (обязательно)</span>
              <textarea rows={3} value={reason} required onInput={(e) => setReason(e.currentTarget.value)} />
            </label>
            <div class="review-panel__buttons">
              <button type="submit" class="button button--primary" disabled={busy || offline || !reason.trim()}>
                Не согласовать строку
              </button>
              <button type="button" class="button" onClick={() => setRejecting(false)}>
                Отмена
              </button>
            </div>
          </form>
        )}
      </section>

      <section class="review-panel__section" aria-label="История строки">
        <h3>История строки</h3>
        <HistoryList entries={history} empty="Решений по строке еще не было." />
      </section>
    </aside>
  );
}
