import { useEffect, useMemo, useState } from 'preact/hooks';
import type { PortalDocument, PortalRegistryDetail, PortalRow } from '../../../../server/contract/portal.ts';
import { api, unwrap, userMessage } from '../../api.ts';
import { ErrorLine } from '../../error-line.tsx';
import { formatDate, formatDateTime, formatInteger, formatPeriod, formatRubles } from '../../format.ts';
import { followLink, navigate } from '../../router.ts';
import { MessagesThread, type ThreadSource } from './messages-thread.tsx';
import { SentNotice } from './portal-page.tsx';
import { SubmitPanel } from './submit-panel.tsx';
import type { PortalSubmission } from '../../../../server/contract/portal.ts';
import './portal.css';

type RowFilter = 'problems' | 'all';
const SHOWN = 1000;

/**
 * `/portal/:id`: one of the organisation's registries — status and deadlines, rows with the regulator's decision
 * and reason and the failed checks, the letters to download, «Переписка с РСО», and a correction when allowed.
 */
export function PortalRegistryPage({ registryId }: { registryId: number }) {
  const [detail, setDetail] = useState<PortalRegistryDetail | null>(null);
  const [documents, setDocuments] = useState<PortalDocument[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState<RowFilter>('problems');
  const [correcting, setCorrecting] = useState(false);
  const [sent, setSent] = useState<PortalSubmission | null>(null);
  const [rowNo, setRowNo] = useState<number | null>(null);

  useEffect(() => {
    let live = true;
    const param = { param: { id: String(registryId) } };
    Promise.all([unwrap(api.portal.registries[':id{[0-9]+}'].$get(param)), unwrap(api.portal.registries[':id{[0-9]+}'].documents.$get(param))]).then(
      ([d, docs]) => {
        if (!live) return;
        setDetail(d);
        setDocuments(docs);
      },
      (e: unknown) => live && setError(userMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [registryId, sent]);

  const source = useMemo<ThreadSource>(() => {
    const param = { param: { id: String(registryId) } };
    return {
      load: () => unwrap(api.portal.registries[':id{[0-9]+}'].messages.$get(param)),
      post: (body, row) => unwrap(api.portal.registries[':id{[0-9]+}'].messages.$post({ ...param, json: { body, rowNo: row } })),
      liveUrl: `/api/portal/registries/${registryId}/messages/live`,
    };
  }, [registryId]);

  if (error) return <section class="page"><ErrorLine>{error}</ErrorLine></section>;
  if (!detail) return <p class="page-loading">Загрузка реестра…</p>;
  const rows = filter === 'all' ? detail.rows : detail.rows.filter((r) => r.status === 'Не согласован' || r.failed.length > 0);

  return (
    <section class="page page--portal" aria-labelledby="page-title">
      <header class="page__header">
        <h1 id="page-title">
          Реестр № {detail.id}: {detail.service}, {formatPeriod(detail.period)}
        </h1>
        <a href="/portal" onClick={followLink}>
          ← Мои реестры
        </a>
      </header>
      <dl class="portal__facts">
        <Fact term="Статус" value={`${detail.status}${detail.status === 'Согласован' && detail.rowsRejected > 0 ? ' (частично)' : ''}`} data="status" />
        <Fact term="Письмо" value={`исх. № ${detail.letterOutNo ?? '—'} от ${formatDate(detail.letterOutDate)}`} />
        <Fact term="Зарегистрирован" value={formatDateTime(detail.registeredAt)} />
        <Fact term="Срок проверки" value={formatDate(detail.checkDeadline)} />
        <Fact term="Строк" value={`${formatInteger(detail.rowsTotal)}: согласовано ${formatInteger(detail.rowsAgreed)}, отклонено ${formatInteger(detail.rowsRejected)}, на проверке ${formatInteger(detail.rowsPending)}`} data="rows" />
        <Fact term="Сумма" value={`заявлено ${formatRubles(detail.declaredSum)}, согласовано ${formatRubles(detail.agreedSum)}`} />
        {detail.correctsId !== null && <Fact term="Корректировка" value={`реестра № ${detail.correctsId}`} />}
      </dl>
      {detail.refusalReason && <ErrorLine quiet>Отказано в регистрации: {detail.refusalReason}</ErrorLine>}
      {detail.decisionReason && <ErrorLine quiet>Не согласован: {detail.decisionReason}</ErrorLine>}
      {sent && <SentNotice sent={sent} />}
      {detail.canCorrect && !correcting && (
        <button type="button" class="button button--primary portal__correct" onClick={() => setCorrecting(true)}>
          Отправить корректировку
        </button>
      )}
      {correcting && (
        <SubmitPanel
          correctsId={detail.id}
          onCancel={() => setCorrecting(false)}
          onSent={(s) => {
            setCorrecting(false);
            setSent(s);
            navigate(`/portal/${s.registry.id}`);
          }}
        />
      )}
      <div class="portal__columns">
        <div class="portal__rows">
          <div class="portal__row-filter" role="group" aria-label="Строки">
            <label>
              <input type="radio" name="rows" checked={filter === 'problems'} onChange={() => setFilter('problems')} /> отклонённые и с замечаниями
            </label>
            <label>
              <input type="radio" name="rows" checked={filter === 'all'} onChange={() => setFilter('all')} /> все строки
            </label>
          </div>
          <div class="table-scroll portal__row-table">
            <table class="table">
              <thead>
                <tr>
                  <th class="num">Строка</th>
                  <th>Адрес</th>
                  <th class="num">Объём</th>
                  <th class="num">Субсидия</th>
                  <th>Решение</th>
                  <th>Замечания проверок</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {rows.slice(0, SHOWN).map((r) => (
                  <RowLine key={r.rowNo} row={r} onAsk={() => setRowNo(r.rowNo)} />
                ))}
              </tbody>
            </table>
          </div>
          {rows.length > SHOWN && <p class="muted">Показаны первые {SHOWN} из {formatInteger(rows.length)} строк.</p>}
        </div>
        <div class="portal__side">
          <section class="panel" aria-label="Документы">
            <h2>Документы</h2>
            {documents.length === 0 && <p class="muted">Документов пока нет.</p>}
            <ul class="portal__documents">
              {documents.map((d) => (
                <li key={d.id}>
                  <a href={`/api/portal/documents/${d.id}/file`} download={d.fileName} data-document={d.kind}>
                    {d.title} № {d.number}
                  </a>{' '}
                  <span class="muted">{formatDateTime(d.createdAt)}</span>
                </li>
              ))}
            </ul>
          </section>
          <MessagesThread source={source} canWrite rowNo={rowNo} onRowNo={setRowNo} />
        </div>
      </div>
    </section>
  );
}

function Fact({ term, value, data }: { term: string; value: string; data?: string }) {
  return (
    <div data-fact={data}>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </div>
  );
}

function RowLine({ row, onAsk }: { row: PortalRow; onAsk: () => void }) {
  return (
    <tr data-row={row.rowNo} class={row.status === 'Не согласован' ? 'portal__row--rejected' : undefined}>
      <td class="num">{row.rowNo}</td>
      <td>{row.address}</td>
      <td class="num">{row.vLiving}</td>
      <td class="num">{row.subsidy === null ? '' : formatRubles(row.subsidy)}</td>
      <td>
        {row.status}
        {row.reason && <div class="portal__reason">{row.reason}</div>}
        {row.agreedBefore && <span class="tag">согласована ранее</span>}
      </td>
      <td>
        {row.failed.map((f) => (
          <div key={f.ruleId}>
            {f.ruleId}. {f.reason}
          </div>
        ))}
      </td>
      <td>
        <button type="button" class="button button--small" onClick={onAsk}>
          Написать по строке
        </button>
      </td>
    </tr>
  );
}
