import { useEffect, useState } from 'preact/hooks';
import type { DocumentItem, DocumentKind } from '../../../../server/contract/registries.ts';
import { messageOf } from '../../api.ts';
import { formatDateTime } from '../../format.ts';
import { createDocument, documentUrl, exportUrl, fetchDocuments } from './review-api.ts';
import { ErrorLine } from '../../error-line.tsx';

const KINDS: { kind: DocumentKind; label: string }[] = [
  { kind: 'letter', label: 'Сформировать письмо' },
  { kind: 'notification', label: 'Уведомление' },
  { kind: 'appendix', label: 'Приложение .xlsx' },
];

interface Props {
  registryId: number;
  canGenerate: boolean;
  /** A registry refused at registration has no decided rows: its one document is the refusal notification. */
  refused: boolean;
  /** Bumped after every command: the list is fetched again. */
  revision: number;
}

/** A download by the browser's own navigation (the session cookie goes with it), without leaving the page. */
function downloadFile(href: string, fileName: string): void {
  const a = document.createElement('a');
  a.href = href;
  a.download = fileName;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
}

/** Documents of the registry: generate a numbered letter, notification or appendix, and download what was generated. */
export function DocumentsPanel({ registryId, canGenerate, refused, revision }: Props) {
  const [docs, setDocs] = useState<DocumentItem[] | null>(null);
  const [busy, setBusy] = useState<DocumentKind | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    fetchDocuments(registryId).then(
      (d) => live && setDocs(d),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [registryId, revision]);

  const generate = async (kind: DocumentKind): Promise<void> => {
    setBusy(kind);
    setError(null);
    try {
      const doc = await createDocument(registryId, kind);
      setDocs((d) => [doc, ...(d ?? []).filter((x) => x.id !== doc.id)]);
      // generated means downloaded: the browser saves the file as if its link were clicked
      downloadFile(documentUrl(doc.id), doc.fileName);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(null);
    }
  };

  return (
    <section class="panel review-docs" aria-labelledby="review-docs-title">
      <div class="review-docs__head">
        <h2 id="review-docs-title">Документы</h2>
        <div class="review-docs__buttons">
          {canGenerate &&
            KINDS.filter((k) => !refused || k.kind === 'notification').map((k) => (
              <button key={k.kind} type="button" class="button button--small" disabled={busy !== null} onClick={() => void generate(k.kind)}>
                {busy === k.kind ? 'Формируется…' : k.label}
              </button>
            ))}
          <a class="button button--small" href={exportUrl(registryId)} download>
            Экспорт реестра с результатами
          </a>
        </div>
      </div>
      {error && <ErrorLine>{error}</ErrorLine>}
      {docs === null ? (
        <p class="muted">Загрузка…</p>
      ) : docs.length === 0 ? (
        <p class="muted">Документы еще не формировались.</p>
      ) : (
        <ul class="review-docs__list">
          {docs.map((d) => (
            <li key={d.id} data-kind={d.kind}>
              <a href={documentUrl(d.id)} download={d.fileName}>
                {d.title} № {d.number}
              </a>
              <span class="muted">
                {formatDateTime(d.createdAt)}
                {d.createdBy ? `, ${d.createdBy}` : ''}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
