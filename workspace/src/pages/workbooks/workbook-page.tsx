import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { Presence } from '../../../../formulas/collab/shared-doc.ts';
import { workbookDocName } from '../../../../formulas/collab/shared-doc.ts';
import { addSheet, workbookOfDoc, workbookRootOf } from '../../../../formulas/collab/workbook-doc.ts';
import { readWorkbook } from '../../../../formulas/workbook/schema.ts';
import type { WorkbookDef } from '../../../../formulas/workbook/types.ts';
import type { SessionUser } from '../../../../server/contract/auth.ts';
import type { WorkbookDetail } from '../../../../server/contract/workbooks.ts';
import { api, unwrap, userMessage } from '../../api.ts';
import { openCollab, type CollabSession } from '../../collab/collab-session.ts';
import { CONNECTION_TEXT } from '../../collab/connection-state.ts';
import { ErrorLine } from '../../error-line.tsx';
import { useStore } from '../../store.ts';
import type { WorkbookEvaluation } from '../../workers/workbook/workbook-api.ts';
import { workbookClient } from '../../workers/workbook/workbook-client.ts';
import { canEditWorkbooks } from '../../roles.ts';
import { SheetEditor } from './sheet-editor.tsx';
import './workbooks.css';

/** Rows of a sheet the page shows (the pivot and the export see all of them). */
const SHOWN_ROWS = 5_000;
const one = () => api.workbooks[':id{[0-9]+}'];
const today = (): string => new Date(Date.now() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 10);

function usePresence(session: CollabSession): Presence[] {
  const [people, setPeople] = useState<Presence[]>([]);
  useEffect(() => {
    const read = () => {
      const seen = new Map<string, Presence>();
      for (const s of session.awareness.getStates().values()) {
        const p = s as Presence | null;
        if (p?.user?.login) seen.set(p.user.login, p);
      }
      setPeople([...seen.values()]);
    };
    read();
    session.awareness.on('change', read);
    return () => session.awareness.off('change', read);
  }, [session]);
  return people;
}

/**
 * One workbook: its definition is the shared document `workbook:<id>` (analysts edit it together and see each
 * other; others watch), its data is read per sheet from the server and evaluated in the workbook worker.
 */
export function WorkbookPage({ user, workbookId }: { user: SessionUser; workbookId: number }) {
  const editor = canEditWorkbooks(user.role);
  const session = useMemo(() => openCollab(workbookDocName(workbookId), user, { writable: editor }), [workbookId]);
  useEffect(() => () => session.close(), [session]);
  const connection = useStore(session.connection);
  const people = usePresence(session);
  const [detail, setDetail] = useState<WorkbookDetail | null>(null);
  const [def, setDef] = useState<WorkbookDef | null>(null);
  const [defProblem, setDefProblem] = useState<string | null>(null);
  const [active, setActive] = useState<string | null>(null);
  const [evaluation, setEvaluation] = useState<WorkbookEvaluation | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [refused, setRefused] = useState<Record<string, string>>({});

  useEffect(() => {
    unwrap(one().$get({ param: { id: String(workbookId) } })).then(setDetail, (e: unknown) => setError(userMessage(e)));
  }, [workbookId]);

  // the definition follows the shared document
  useEffect(() => {
    const root = workbookRootOf(session.doc);
    const read = () => {
      if (!root.get('sheets')) return;
      const r = readWorkbook(workbookOfDoc(session.doc));
      if (r.ok) {
        setDef(r.value);
        setDefProblem(null);
      } else setDefProblem(r.message);
    };
    read();
    root.observeDeep(read);
    return () => root.unobserveDeep(read);
  }, [session]);

  const sheet = def?.sheets.find((s) => s.id === active) ?? def?.sheets[0] ?? null;

  // sources loaded once per source, then everything evaluated in the worker
  const run = useRef(0);
  useEffect(() => {
    if (!def) return;
    const mine = ++run.current;
    const timer = setTimeout(() => {
      void (async () => {
        try {
          const worker = workbookClient();
          const kept = await worker.loaded();
          const missing = def.sheets.filter((s) => s.source.kind !== 'sheet' && kept[s.id] !== JSON.stringify(s.source));
          if (missing.length > 0) setLoading(true);
          for (const s of missing) {
            const answer = await unwrap(api.workbooks.source.$post({ json: { definition: def, sheet: s.id } }));
            await worker.load(s.id, JSON.stringify(s.source), answer.data);
            setRefused((r) => {
              const next = { ...r };
              if (answer.refused) next[s.id] = answer.refused;
              else delete next[s.id];
              return next;
            });
          }
          const e = await worker.evaluate(def, today(), SHOWN_ROWS);
          if (mine === run.current) {
            setEvaluation(e);
            setError(null);
          }
        } catch (e) {
          if (mine === run.current) setError(userMessage(e));
        } finally {
          if (mine === run.current) setLoading(false);
        }
      })();
    }, 150);
    return () => clearTimeout(timer);
  }, [def]);

  async function saveVersion() {
    const r = readWorkbook(workbookOfDoc(session.doc));
    if (!r.ok) return setError(r.message);
    try {
      const saved = await unwrap(one().versions.$post({ param: { id: String(workbookId) }, json: { definition: r.value } }));
      setDetail(saved);
      setNotice(`Сохранена версия ${saved.version}`);
    } catch (e) {
      setError(userMessage(e));
    }
  }

  async function pin() {
    if (!sheet) return;
    try {
      await unwrap(one().tiles.$post({ param: { id: String(workbookId) }, json: { sheet: sheet.id } }));
      setNotice('Диаграмма закреплена на странице «Аналитика» (из сохранённой версии)');
    } catch (e) {
      setError(userMessage(e));
    }
  }

  function newSheet() {
    if (!def) return;
    let n = def.sheets.length + 1;
    while (def.sheets.some((s) => s.id === `sheet${n}`)) n++;
    addSheet(session.doc, { id: `sheet${n}`, title: `Лист ${n}`, source: { kind: 'registry_rows' }, columns: [], formulas: [], filters: [], sorts: [] });
    setActive(`sheet${n}`);
  }

  const view = evaluation?.sheets.find((s) => s.id === sheet?.id) ?? null;
  return (
    <section class="page page--workbook" aria-labelledby="page-title">
      <header class="page__header">
        <h1 id="page-title">{def?.title ?? detail?.title ?? 'Рабочая книга'}</h1>
        <div class="wb-presence" aria-label="Кто в книге">
          <span class="muted">{CONNECTION_TEXT[connection]}</span>
          {people.map((p) => (
            <span key={p.user.login} class="wb-person" style={{ borderColor: p.user.color }} title={`${p.user.name}${p.watcher ? ' (просмотр)' : ''}`}>
              {p.user.name}
              {p.watcher ? ' 👁' : ''}
            </span>
          ))}
        </div>
      </header>
      <div class="wb-toolbar">
        {detail && <span class="muted">Версия {detail.version}{detail.savedBy ? `, ${detail.savedBy}` : ''}</span>}
        {editor ? (
          <>
            <button type="button" class="button button--primary" onClick={() => void saveVersion()} disabled={!def}>Сохранить версию</button>
            <button type="button" class="button" onClick={() => void pin()} disabled={!sheet?.chart}>Закрепить диаграмму на «Аналитике»</button>
          </>
        ) : (
          <span class="muted">Только просмотр: изменять книги могут аналитики и администраторы</span>
        )}
        <a class="button" href={`/api/workbooks/${workbookId}/export.xlsx`} download title="Сохранённая версия книги: столбцы-формулы — живые формулы Excel">Экспорт в Excel</a>
        {loading && <span class="muted">Загрузка данных…</span>}
      </div>
      {error && <ErrorLine>{error}</ErrorLine>}
      {defProblem && <ErrorLine>{defProblem}</ErrorLine>}
      {notice && <p class="message message--success" role="status">{notice}</p>}
      {session.doc && def && (
        <nav class="wb-tabs" aria-label="Листы">
          {def.sheets.map((s) => (
            <button key={s.id} type="button" class={`wb-tab${s.id === sheet?.id ? ' wb-tab--active' : ''}`} aria-pressed={s.id === sheet?.id} onClick={() => setActive(s.id)}>
              {s.title}
            </button>
          ))}
          {editor && <button type="button" class="wb-tab wb-tab--add" onClick={newSheet} title="Новый лист">+ лист</button>}
        </nav>
      )}
      {!def && <p class="page-loading">Загрузка книги…</p>}
      {def && sheet && (
        <SheetEditor key={sheet.id} session={session} def={def} sheet={sheet} view={view} evaluation={evaluation} editable={editor} refused={refused[sheet.id] ?? null} />
      )}
    </section>
  );
}

