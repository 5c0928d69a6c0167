import { useEffect, useMemo, useState } from 'preact/hooks';
import type { SessionUser } from '../../../../server/contract/auth.ts';
import type { CorrectionMarks } from '../../../../server/contract/portal.ts';
import { api, unwrap, userMessage } from '../../api.ts';
import { ErrorLine } from '../../error-line.tsx';
import { MessagesThread, type ThreadSource } from '../portal/messages-thread.tsx';

/**
 * «Переписка с РСО» on the reviewer's page (separate from the internal discussions), asking about the open row
 * when one is; and for a correction, which rows changed against the original and which were agreed there.
 */
export function RsoPanel({ user, registryId, rowNo, onOpenRow }: { user: SessionUser; registryId: number; rowNo: number | null; onOpenRow: (rowNo: number) => void }) {
  const [asked, setAsked] = useState<number | null>(rowNo);
  const [marks, setMarks] = useState<CorrectionMarks | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setAsked(rowNo), [rowNo]);
  useEffect(() => {
    let live = true;
    unwrap(api.registries[':id{[0-9]+}'].correction.$get({ param: { id: String(registryId) } })).then(
      (m) => live && setMarks(m),
      (e: unknown) => live && setError(userMessage(e)),
    );
    return () => {
      live = false;
    };
  }, [registryId]);
  const source = useMemo<ThreadSource>(() => {
    const one = api.registries[':id{[0-9]+}'];
    const param = { param: { id: String(registryId) } };
    return {
      load: () => unwrap(one.messages.$get(param)),
      post: (body, row) => unwrap(one.messages.$post({ ...param, json: { body, rowNo: row } })),
      liveUrl: `/api/registries/${registryId}/messages/live`,
    };
  }, [registryId]);
  const changed = marks?.rows.filter((r) => r.changed) ?? [];
  const agreedBefore = marks?.rows.filter((r) => r.agreedBefore) ?? [];
  return (
    <aside class="review-side review-rso">
      {error && <ErrorLine>{error}</ErrorLine>}
      {marks && marks.correctsId !== null && (
        <section class="panel" aria-label="Корректировка" data-correction={marks.correctsId}>
          <h2>Корректировка реестра № {marks.correctsId}</h2>
          <p>
            Изменено или добавлено строк: {changed.length}; согласованы ранее: {agreedBefore.length}.
          </p>
          <p class="review-rso__rows">
            {changed.slice(0, 200).map((r) => (
              <button key={r.rowNo} type="button" class="button button--small" data-changed-row={r.rowNo} onClick={() => onOpenRow(r.rowNo)}>
                {r.rowNo}
                {r.agreedBefore ? ' (согл. ранее)' : ''}
              </button>
            ))}
          </p>
        </section>
      )}
      <MessagesThread source={source} canWrite={user.role === 'admin' || user.role === 'reviewer'} rowNo={asked} onRowNo={setAsked} />
    </aside>
  );
}
