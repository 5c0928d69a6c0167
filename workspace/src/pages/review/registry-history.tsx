import { useEffect, useState } from 'preact/hooks';
import type { HistoryEntry } from '../../../../server/contract/registries.ts';
import { messageOf } from '../../api.ts';
import { HistoryList } from './history-list.tsx';
import { fetchHistory } from './review-api.ts';
import { ErrorLine } from '../../error-line.tsx';

/** Who did what with the registry and its rows, and when; fetched again after every command. */
export function RegistryHistory({ registryId, revision }: { registryId: number; revision: number }) {
  const [entries, setEntries] = useState<HistoryEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    fetchHistory(registryId).then(
      (h) => live && setEntries(h),
      (e: unknown) => live && setError(messageOf(e)),
    );
    return () => {
      live = false;
    };
  }, [registryId, revision]);
  return (
    <section class="panel review-side" aria-labelledby="review-history-title">
      <h2 id="review-history-title">История реестра</h2>
      {error ? (
        <ErrorLine>{error}</ErrorLine>
      ) : (
        <HistoryList entries={entries} empty="Действий с реестром еще не было." />
      )}
    </section>
  );
}
