import { useEffect, useState } from 'preact/hooks';
import type { SessionUser } from '../../../../server/contract/auth.ts';
import type { WorkbookSummary, WorkbookTemplateInfo } from '../../../../server/contract/workbooks.ts';
import { api, unwrap, userMessage } from '../../api.ts';
import { ErrorLine } from '../../error-line.tsx';
import { formatDateTime } from '../../format.ts';
import { canEditWorkbooks } from '../../roles.ts';
import { followLink, navigate } from '../../router.ts';
import './workbooks.css';

/**
 * Рабочие книги: the workbooks of the region (open with one click) and the shipped ones, which an analyst opens as
 * a new workbook of his own with one click.
 */
export function WorkbooksPage({ user }: { user: SessionUser }) {
  const [books, setBooks] = useState<WorkbookSummary[] | null>(null);
  const [templates, setTemplates] = useState<WorkbookTemplateInfo[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const editor = canEditWorkbooks(user.role);

  useEffect(() => {
    let live = true;
    Promise.all([unwrap(api.workbooks.$get()), unwrap(api.workbooks.templates.$get())]).then(
      ([b, t]) => {
        if (!live) return;
        setBooks(b);
        setTemplates(t);
      },
      (e: unknown) => live && setError(userMessage(e)),
    );
    return () => {
      live = false;
    };
  }, []);

  async function openTemplate(id: string) {
    setBusy(id);
    setError(null);
    try {
      const created = await unwrap(api.workbooks.$post({ json: { template: id } }));
      navigate(`/workbooks/${created.id}`);
    } catch (e) {
      setError(userMessage(e));
      setBusy(null);
    }
  }

  return (
    <section class="page page--workbooks" aria-labelledby="page-title">
      <header class="page__header">
        <h1 id="page-title">Рабочие книги</h1>
        <p class="muted">Листы над данными региона: формулы по-русски, сводные и диаграммы, вместе и вживую</p>
      </header>
      {error && <ErrorLine>{error}</ErrorLine>}
      <section class="panel" aria-labelledby="wb-templates">
        <h2 id="wb-templates">Готовые книги</h2>
        <ul class="wb-templates">
          {templates.map((t) => (
            <li key={t.id} class="wb-template">
              <div>
                <strong>{t.title}</strong>
                <p class="muted">{t.description}</p>
              </div>
              <button type="button" class="button button--primary" disabled={!editor || busy !== null} onClick={() => void openTemplate(t.id)}
                title={editor ? 'Открыть как новую рабочую книгу' : 'Открывать готовые книги могут аналитики и администраторы'}>
                {busy === t.id ? 'Открывается…' : 'Открыть'}
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section class="panel" aria-labelledby="wb-list">
        <h2 id="wb-list">Книги региона</h2>
        {books === null ? (
          <p class="muted">Загрузка…</p>
        ) : books.length === 0 ? (
          <p class="muted">Книг пока нет{editor ? ': откройте готовую' : ''}</p>
        ) : (
          <table class="table">
            <thead>
              <tr>
                <th>Название</th>
                <th>Версия</th>
                <th>Сохранил</th>
                <th>Когда</th>
              </tr>
            </thead>
            <tbody>
              {books.map((b) => (
                <tr key={b.id}>
                  <td>
                    <a href={`/workbooks/${b.id}`} onClick={followLink}>{b.title}</a>
                  </td>
                  <td class="cell--number">{b.version}</td>
                  <td>{b.savedBy ?? '—'}</td>
                  <td>{formatDateTime(b.savedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </section>
  );
}
